from django.core.management.base import BaseCommand

from jalons.conferences.services import ANSWERS_KEPT_DAYS, purge_answers


class Command(BaseCommand):
    help = (
        f"Efface les réponses aux questions d'inscription (accessibilité, régime, question libre) {ANSWERS_KEPT_DAYS} "
        "jours après chaque conférence, comme l'annonce le formulaire (à lancer chaque jour)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Réponses effacées : {purge_answers()} inscription(s).")
