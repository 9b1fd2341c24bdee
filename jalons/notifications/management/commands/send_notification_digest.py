from django.core.management.base import BaseCommand

from jalons.notifications.services import send_daily_digests


class Command(BaseCommand):
    help = "Envoie le résumé quotidien des notifications aux personnes qui l'ont choisi (à lancer une fois par jour)."

    def handle(self, *args, **options):
        count = send_daily_digests()
        self.stdout.write(f"Résumés quotidiens mis en envoi : {count}.")
