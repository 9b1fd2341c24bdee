from django.core.management.base import BaseCommand

from jalons.conferences.services import send_reminders


class Command(BaseCommand):
    help = "Envoie les rappels aux inscrits 7 jours et 1 jour avant leur conférence (à lancer chaque jour)."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(
            f"Rappels envoyés : {sent['week_reminder']} à une semaine, {sent['day_reminder']} à la veille."
        )
