"""Inviting to a conference: every member of the region's groups in one action, or a pasted list of guests.

The recipients are written at once (one row each, never twice for one address and conference); a task then sends
the e-mails in chunks and advances the run's progress, which the page shows. Running the task twice sends nothing
twice: an invitation is marked sent in the transaction that queues its e-mail.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from jalons.accounts.models import Invitation, User
from jalons.notifications.outbox import queue_email

from .calendar import site_url
from .models import ConferenceInvitation, InvitationRun

CHUNK = 100
MAX_GUESTS = 2000
ANGLE = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]+)>$")


def parse_guest_list(text):
    """Return ([(email, first name, last name)], [error]); an error names its line.

    One guest per line: `adresse@exemple.fr`, `Prénom Nom <adresse@exemple.fr>`, or `adresse;Prénom;Nom`
    (also with commas or tabs, as pasted from a spreadsheet).
    """
    guests, errors, seen = [], [], {}
    lines = text.splitlines()
    if len(lines) > MAX_GUESTS:
        return [], [_("La liste dépasse %(max)s lignes : envoyez-la en plusieurs fois.") % {"max": MAX_GUESTS}]
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        first_name = last_name = ""
        match = ANGLE.match(line)
        if match:
            email = match["email"].strip()
            first_name, _space, last_name = match["name"].strip().strip('"').partition(" ")
        else:
            parts = [part.strip() for part in re.split(r"[;,\t]", line)]
            email = parts[0]
            if len(parts) > 3:
                errors.append(
                    _("Ligne %(line)s : trop de colonnes (adresse ; prénom ; nom attendus).") % {"line": number}
                )
                continue
            first_name = parts[1] if len(parts) > 1 else ""
            last_name = parts[2] if len(parts) > 2 else ""
        email = email.lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(
                _("Ligne %(line)s : « %(value)s » n'est pas une adresse e-mail valide.")
                % {"line": number, "value": email}
            )
            continue
        if email in seen:
            errors.append(
                _("Ligne %(line)s : « %(email)s » figure déjà ligne %(first)s.")
                % {"line": number, "email": email, "first": seen[email]}
            )
            continue
        seen[email] = number
        guests.append((email, first_name[:150], last_name[:150]))
    if not guests and not errors:
        errors.append(_("La liste est vide : une adresse e-mail par ligne."))
    return guests, errors


def region_members(conference):
    """People with an e-mail address and an active membership in one of the region's groups."""
    return (
        User.objects.filter(
            is_active=True,
            email__isnull=False,
            memberships__group__region=conference.region_id,
            memberships__status="active",
        )
        .distinct()
        .order_by("pk")
    )


def _start(conference, kind, recipients, by):
    """recipients: [(email, user id or None, first name, last name)], minus the addresses already invited."""
    already = set(conference.invitations.values_list("email", flat=True))
    fresh = [recipient for recipient in recipients if recipient[0] not in already]
    with transaction.atomic():
        run = InvitationRun.objects.create(conference=conference, kind=kind, total=len(fresh), created_by=by)
        ConferenceInvitation.objects.bulk_create(
            [
                ConferenceInvitation(
                    conference=conference, run=run, email=email, user_id=user_id, first_name=first, last_name=last
                )
                for email, user_id, first, last in fresh
            ],
            batch_size=1000,
        )
        transaction.on_commit(lambda: send_invitations.enqueue(run.pk))
    return run, len(recipients) - len(fresh)


def invite_members(conference, by=None):
    recipients = [
        (email.lower(), pk, first, last)
        for pk, email, first, last in region_members(conference).values_list("pk", "email", "first_name", "last_name")
    ]
    return _start(conference, InvitationRun.Kind.MEMBERS, recipients, by)


def invite_guests(conference, guests, by=None):
    users = dict(User.objects.filter(email__in=[email for email, _first, _last in guests]).values_list("email", "pk"))
    recipients = [(email, users.get(email), first, last) for email, first, last in guests]
    return _start(conference, InvitationRun.Kind.GUESTS, recipients, by)


@task()
def send_invitations(run_id):
    run = InvitationRun.objects.select_related("conference__region", "conference__cycle").filter(pk=run_id).first()
    if run is None or run.status == InvitationRun.Status.DONE:
        return 0
    InvitationRun.objects.filter(pk=run.pk).update(status=InvitationRun.Status.RUNNING)
    sent = 0
    while True:
        with transaction.atomic():
            chunk = list(
                run.invitations.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True)
                .select_related("user")
                .order_by("pk")[:CHUNK]
            )
            if not chunk:
                break
            now = timezone.now()
            for invitation in chunk:
                _send(run, invitation)
                invitation.sent_at = now
            ConferenceInvitation.objects.bulk_update(chunk, ["sent_at"])
            InvitationRun.objects.filter(pk=run.pk).update(done=F("done") + len(chunk))
            sent += len(chunk)
    InvitationRun.objects.filter(pk=run.pk).update(status=InvitationRun.Status.DONE, finished_at=timezone.now())
    return sent


def _send(run, invitation):
    conference = run.conference
    account_url = ""
    if invitation.user_id is None:
        _account, token = Invitation.create(invitation.email, invited_by=run.created_by)
        account_url = site_url(reverse("accounts:accept_invitation", args=[token]))
    body = render_to_string(
        "conferences/emails/invitation.txt",
        {
            "conference": conference,
            "invitation": invitation,
            "account_url": account_url,
            "register_url": site_url(reverse("conferences:register", args=[conference.pk])),
            "conference_url": site_url(conference.get_absolute_url()),
        },
    )
    subject = _("Invitation : conférence régionale %(region)s, %(date)s") % {
        "region": conference.region.name,
        "date": conference.date.strftime("%d/%m/%Y"),
    }
    queue_email(invitation.email, subject, body)
