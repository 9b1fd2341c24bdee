"""Every e-mail of Jalons goes through here: written to the outbox in the caller's transaction, sent by a task."""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

from .models import OutboxEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def queue_email(to, subject, body, html_body="", attachments=(), attachments_built_by=None):
    """Write an e-mail to the outbox; it is sent once the current transaction commits.

    attachments: (filename, content bytes, mimetype) triples.
    attachments_built_by: (dotted path of a function, its JSON arguments...). The function returns such triples
    when the e-mail is sent: files that take time to build (calendar, QR code) are made by the task worker,
    not in the request that queues the e-mail.
    """
    stored = [
        {"filename": name, "mimetype": mimetype, "content": base64.b64encode(content).decode()}
        for name, content, mimetype in attachments
    ]
    if attachments_built_by:
        path, *arguments = attachments_built_by
        stored.append({"built_by": path, "arguments": arguments})
    email = OutboxEmail.objects.create(to=to, subject=subject, body=body, html_body=html_body, attachments=stored)
    transaction.on_commit(lambda: send_outbox_email.enqueue(email.pk))
    return email


def retry_delay(attempts):
    return timedelta(minutes=2**attempts)


def _attachments(email):
    for attachment in email.attachments:
        if "built_by" in attachment:
            yield from import_string(attachment["built_by"])(*attachment["arguments"])
        else:
            yield attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]


@task()
def send_outbox_email(email_id):
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update().filter(pk=email_id, status=OutboxEmail.Status.PENDING).first()
        if email is None:
            return "already handled"  # sent, being sent, or given up: never twice
        email.status = OutboxEmail.Status.SENDING
        email.attempts += 1
        email.save(update_fields=["status", "attempts"])
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email.to]
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for name, content, mimetype in _attachments(email):
        message.attach(name, content, mimetype)
    try:
        message.send()
    except Exception as error:  # the mail server refused or was unreachable: retry later
        logger.warning("E-mail %s not sent (attempt %s): %s", email.pk, email.attempts, error)
        given_up = email.attempts >= MAX_ATTEMPTS
        email.status = OutboxEmail.Status.FAILED if given_up else OutboxEmail.Status.PENDING
        email.last_error = str(error)[:2000]
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
        email.save(update_fields=["status", "last_error", "next_attempt_at"])
        if not given_up and task_backends[send_outbox_email.backend].supports_defer:
            send_outbox_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
        return "retry" if not given_up else "failed"
    email.status = OutboxEmail.Status.SENT
    email.sent_at = timezone.now()
    email.save(update_fields=["status", "sent_at"])
    return "sent"


def send_due_emails():
    """Send what is due now (retries included); for a periodic job or when the task backend cannot defer."""
    return [send_outbox_email.call(pk) for pk in OutboxEmail.objects.due().values_list("pk", flat=True)]
