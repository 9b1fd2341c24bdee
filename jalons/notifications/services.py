"""Notify people: in the site at once, by e-mail at once or in the daily digest, as each person prefers."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Notification, NotificationPreference
from .outbox import queue_email


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path if path.startswith("/") else path


def notify(recipients, text, url="", actor=None, group=None):
    """Create one notification per recipient (the actor and managed members excepted) and queue the e-mails.

    Runs in the caller's transaction: if the change is rolled back, nobody is notified.
    """
    text = " ".join(text.split())  # one line: it is also an e-mail subject
    people = {person.pk: person for person in recipients if person.email and person.is_active}
    if actor is not None:
        people.pop(actor.pk, None)
    if not people:
        return []
    preferences = dict(NotificationPreference.objects.filter(user_id__in=people).values_list("user_id", "email"))
    now = timezone.now()
    notifications = []
    for pk in sorted(people):
        mode = preferences.get(pk, NotificationPreference.Email.IMMEDIATE)
        notifications.append(
            Notification(
                recipient_id=pk,
                actor=actor,
                group=group,
                text=text[:500],
                url=url,
                created_at=now,
                digest_status=(
                    Notification.Digest.WAITING
                    if mode == NotificationPreference.Email.DAILY
                    else Notification.Digest.NONE
                ),
            )
        )
        if mode == NotificationPreference.Email.IMMEDIATE:
            context = {"text": text, "url": absolute_url(url) if url else "", "person": people[pk]}
            queue_email(
                people[pk].email,
                _("Jalons : %(text)s") % {"text": text[:200]},
                render_to_string("notifications/email/notification.txt", context),
            )
            notifications[-1].digest_status = Notification.Digest.SENT
    Notification.objects.bulk_create(notifications)
    return notifications


def send_daily_digests():
    """One e-mail per person gathering their notifications waiting for the digest. Idempotent: each is sent once."""
    sent = 0
    recipient_ids = Notification.objects.awaiting_digest().order_by().values_list("recipient_id", flat=True).distinct()
    for recipient_id in list(recipient_ids):
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .awaiting_digest()
                .filter(recipient_id=recipient_id)
                .select_related("recipient", "group__workstream", "group__region")
                .order_by("created_at", "pk")
            )
            if not waiting:
                continue
            person = waiting[0].recipient
            Notification.objects.filter(pk__in=[item.pk for item in waiting]).update(
                digest_status=Notification.Digest.SENT
            )
            if not person.email or not person.is_active:
                continue
            context = {
                "person": person,
                "items": [
                    {"text": item.text, "url": absolute_url(item.url) if item.url else "", "at": item.created_at}
                    for item in waiting
                ],
                "notifications_url": absolute_url("/notifications/"),
            }
            queue_email(
                person.email,
                _("Jalons : votre résumé du jour (%(count)s notifications)") % {"count": len(waiting)},
                render_to_string("notifications/email/digest.txt", context),
            )
            sent += 1
    return sent


@task()
def send_daily_digests_task():
    return send_daily_digests()
