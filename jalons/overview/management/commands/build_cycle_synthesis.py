from django.core.management.base import BaseCommand, CommandError

from jalons.conferences.models import ConferenceCycle
from jalons.overview.models import Report

from .build_conference_dossier import write_report


class Command(BaseCommand):
    help = "Produit la synthèse PDF d'un cycle de conférences, toutes régions."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="identifiant du cycle de conférences")
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")

    def handle(self, *args, cycle, output, **options):
        found = ConferenceCycle.objects.filter(pk=cycle).select_related("strategy").first()
        if found is None:
            raise CommandError(f"Cycle {cycle} inconnu.")
        write_report(Report.Kind.SYNTHESIS, found, output, self.stdout)
