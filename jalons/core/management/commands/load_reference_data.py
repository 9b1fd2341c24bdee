from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jalons.accounts import reference as accounts_reference
from jalons.conferences import reference as conferences_reference
from jalons.core.datafiles import DataFileError
from jalons.strategy import reference as strategy_reference
from jalons.territories import reference as territories_reference


class Command(BaseCommand):
    help = "Charge les données de référence : territoires, stratégie et chantiers, catégories d'acteurs, conférences."

    def handle(self, *args, **options):
        # Every file is read and checked before anything is written.
        try:
            territories = territories_reference.read()
            accounts = accounts_reference.read()
            strategy = strategy_reference.read()
            conferences = conferences_reference.read(
                known_strategies={row["slug"] for _line, row in strategy["strategies"]},
                known_regions={row["code"] for _line, row in territories["regions"]},
            )
        except DataFileError as error:
            raise CommandError(str(error)) from None
        outcomes = Counter()
        with transaction.atomic():
            territories_reference.load(territories, outcomes)
            accounts_reference.load(accounts, outcomes)
            strategy_reference.load(strategy, outcomes)
            conferences_reference.load(conferences, outcomes)
        self.stdout.write(
            "Données de référence : {created} créées, {updated} mises à jour, {unchanged} inchangées.".format(
                created=outcomes["created"], updated=outcomes["updated"], unchanged=outcomes["unchanged"]
            )
        )
