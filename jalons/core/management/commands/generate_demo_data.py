import resource
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jalons.accounts import demo as accounts_demo
from jalons.accounts.models import User
from jalons.conferences import demo as conferences_demo
from jalons.core.datafiles import DataFileError
from jalons.core.demo import DEMO_PASSWORD, DemoContext
from jalons.practices import demo as practices_demo
from jalons.progress import demo as progress_demo
from jalons.strategy import demo as strategy_demo
from jalons.strategy.models import WorkingGroup
from jalons.workspace import demo as workspace_demo

SCALES = {"demo": 6000, "national": 60_000}


class Command(BaseCommand):
    help = "Génère des données de démonstration réalistes et déterministes (graine fixe)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=None, help="nombre de personnes (6000 par défaut)")
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="demo",
            help="« demo » (6 000 personnes) ou « national » (60 000 personnes, pour les mesures de bench/)",
        )
        parser.add_argument("--seed", type=int, default=42, help="graine du hasard (42 par défaut)")
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, people, scale, seed, no_progress, **options):
        people = SCALES[scale] if people is None else people
        if people < 0:
            raise CommandError("--people doit être positif ou nul.")
        if not WorkingGroup.objects.exists():
            raise CommandError("Chargez d'abord les données de référence : python manage.py load_reference_data")
        if User.objects.filter(is_demo=True).exists():
            self.stdout.write("Données de démonstration déjà présentes : rien à faire.")
        else:
            try:
                data = accounts_demo.read()
            except DataFileError as error:
                raise CommandError(str(error)) from None
            started = time.perf_counter()
            ctx = DemoContext(seed=seed, people=people, scale=scale, show_progress=not no_progress)
            with transaction.atomic():
                organisations = accounts_demo.create_organisations(ctx, data)
                accounts_demo.create_people(ctx, data, organisations)
                strategy_demo.create_memberships(ctx)
                accounts_demo.create_demo_accounts(ctx)
                workspace_demo.create_workspace(ctx)
                conferences_demo.create_conferences(ctx)
                progress_demo.create_progress(ctx)
                practices_demo.create_practices(ctx)
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            self.stdout.write(
                f"Données de démonstration créées : {User.objects.count()} personnes, "
                f"en {time.perf_counter() - started:.1f} s (mémoire maximale {peak_mb:.0f} Mo)."
            )
        self.stdout.write(f"\nComptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
        for _key, email, _first, _last, label in accounts_demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {label:<48} {email}")
