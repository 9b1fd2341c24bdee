from collections import Counter

from django.core.management.base import BaseCommand

from jalons.notifications.outbox import send_due_emails


class Command(BaseCommand):
    help = "Envoie les e-mails de la boîte d'envoi arrivés à échéance (nouvelles tentatives comprises)."

    def handle(self, *args, **options):
        outcomes = Counter(send_due_emails())
        self.stdout.write(f"E-mails envoyés : {outcomes['sent']}, à retenter : {outcomes['retry']}.")
