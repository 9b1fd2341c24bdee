import socket

import pytest
from django.core import mail
from django.db import transaction

from jalons.notifications.models import OutboxEmail
from jalons.notifications.outbox import queue_email, send_due_emails, send_outbox_email


def closed_port():
    """A local port where no mail server listens: connecting is refused for real."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db
def test_email_is_sent_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("personne@exemple.test", "Objet", "Bonjour", attachments=[("a.ics", b"BEGIN", "text/calendar")])
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "a.ics"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def program_for(place):
    """Builds an attachment when the e-mail is sent (the function given to attachments_built_by)."""
    return [("programme.txt", f"Programme : {place}".encode(), "text/plain")]


@pytest.mark.django_db
def test_attachments_can_be_built_when_the_email_is_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            "personne@exemple.test",
            "Objet",
            "Bonjour",
            attachments=[("a.ics", b"BEGIN", "text/calendar")],
            attachments_built_by=(f"{__name__}.program_for", "Rennes"),
        )
        assert OutboxEmail.objects.get().attachments[1] == {
            "built_by": f"{__name__}.program_for",
            "arguments": ["Rennes"],
        }
    assert mail.outbox[0].attachments == [
        ("a.ics", "BEGIN", "text/calendar"),
        ("programme.txt", "Programme : Rennes", "text/plain"),
    ]


@pytest.mark.django_db
def test_nothing_is_queued_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        queue_email("personne@exemple.test", "Objet", "Bonjour")
        raise RuntimeError
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_failed_send_is_retried_and_never_sent_twice(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email("personne@exemple.test", "Objet", "Bonjour")
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.attempts == 1
    assert "refused" in email.last_error.lower() or "111" in email.last_error

    # The mail server is back; the retry is due.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=email.created_at)
    assert send_due_emails() == ["sent"]
    assert len(mail.outbox) == 1
    # A duplicate run of the task (a worker restarted, a task enqueued twice) sends nothing more.
    assert send_outbox_email.call(email.pk) == "already handled"
    assert send_due_emails() == []
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxEmail.Status.SENT, 2)
