from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jalons.conferences.models import ConferenceCycle
from jalons.overview import press
from jalons.overview.models import PressRelease


class Command(BaseCommand):
    help = "Écrit le brouillon du communiqué de presse d'un cycle de conférences (Markdown)."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="identifiant du cycle de conférences")
        parser.add_argument("--output", required=True, help="fichier Markdown à écrire")

    def handle(self, *args, cycle, output, **options):
        found = ConferenceCycle.objects.filter(pk=cycle).select_related("strategy").first()
        if found is None:
            known = ", ".join(f"{c.pk} ({c.name})" for c in ConferenceCycle.objects.order_by("pk"))
            raise CommandError(f"Cycle {cycle} inconnu. Cycles : {known or 'aucun'}.")
        release = PressRelease(cycle=found, **press.draft(found))
        Path(output).write_text(press.as_markdown(release), encoding="utf-8")
        self.stdout.write(f"Brouillon écrit dans {output}.")
