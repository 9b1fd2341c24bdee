from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jalons.conferences.models import Conference
from jalons.overview.models import Report
from jalons.overview.tasks import report_pdf


class Command(BaseCommand):
    help = "Produit le dossier PDF de la conférence régionale d'une région (la plus récente, ou celle d'un cycle)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="code INSEE de la région, par exemple 53")
        parser.add_argument("--cycle", type=int, help="identifiant du cycle (le plus récent par défaut)")
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")

    def handle(self, *args, region, cycle, output, **options):
        conferences = Conference.objects.published().filter(region__code=region).select_related("region", "cycle")
        if cycle is not None:
            conferences = conferences.filter(cycle_id=cycle)
        conference = conferences.order_by("-date").first()
        if conference is None:
            raise CommandError(f"Aucune conférence publiée pour la région « {region} ».")
        write_report(Report.Kind.DOSSIER, conference, output, self.stdout)


def write_report(kind, subject, output, stdout):
    with tqdm(total=100, unit="%", leave=False) as bar:

        def progress(percent, step):
            bar.set_description(step)
            bar.update(percent - bar.n)

        pdf = report_pdf(kind, subject, progress)
    Path(output).write_bytes(pdf)
    stdout.write(f"{output} : {len(pdf) // 1024} Ko.")
