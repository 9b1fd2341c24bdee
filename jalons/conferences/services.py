"""Registering, changing, cancelling and checking in: operations that lock the conference row.

Every operation that can change who holds a place runs in a transaction that first locks the conference row
(`SELECT … FOR UPDATE`, as pretix locks its quotas). Concurrent registrations to one conference are thus
serialised on PostgreSQL and no more than `capacity` people are ever confirmed. (SQLite has no row locks; its
writes are serialised by the database lock — settings use BEGIN IMMEDIATE.)
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.notifications.outbox import queue_email

from .calendar import calendar_for, site_url
from .models import Conference, Registration, new_token
from .qrcode import qr_png


class RegistrationError(Exception):
    """A refusal with a French message; field names the form field it concerns (None for the whole form)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message, self.field = message, field


@dataclass
class Answers:
    workshop: object = None
    accept_workshop_waitlist: bool = False
    accessibility_needs: str = ""
    dietary_needs: str = ""
    answer: str = ""
    consent: bool = False


def _lock(conference):
    # of=self: lock the conference row only, not its region and cycle (shared with the other conferences).
    return Conference.objects.select_for_update(of=("self",)).select_related("region", "cycle").get(pk=conference.pk)


def _check_open(conference, now):
    if conference.status == Conference.Status.CANCELLED:
        raise RegistrationError(_("Cette conférence est annulée : les inscriptions sont fermées."))
    if not conference.registration_is_open(now):
        if conference.registration_opens_at and now < conference.registration_opens_at:
            raise RegistrationError(
                _("Les inscriptions ouvriront le %(date)s.")
                % {"date": timezone.localtime(conference.registration_opens_at).strftime("%d/%m/%Y à %H:%M")}
            )
        raise RegistrationError(_("Les inscriptions à cette conférence sont closes."))


def _check_answers(conference, answers):
    if answers.workshop is not None and answers.workshop.conference_id != conference.pk:
        raise RegistrationError(_("Cet atelier n'appartient pas à cette conférence."), "workshop")
    if conference.workshop_required and answers.workshop is None and conference.workshops.exists():
        raise RegistrationError(_("Choisissez un atelier."), "workshop")
    if conference.question and conference.question_required and not answers.answer.strip():
        raise RegistrationError(_("Répondez à la question : « %(q)s ».") % {"q": conference.question}, "answer")
    if not answers.consent:
        raise RegistrationError(
            _("Cochez la case de consentement pour que vos réponses soient enregistrées."), "consent"
        )


def _next_position(conference, field):
    current = Registration.objects.filter(conference=conference).aggregate(top=Max(field))["top"]
    return (current or 0) + 1


def _workshop_seats_taken(workshop):
    return Registration.objects.filter(
        workshop=workshop,
        status=Registration.Status.CONFIRMED,
        workshop_status=Registration.WorkshopStatus.CONFIRMED,
    ).count()


def _place_in_workshop(registration, answers):
    """Give the registration a place in its workshop, or a rank on the workshop's waiting list."""
    workshop = answers.workshop
    registration.workshop = workshop
    if workshop is None:
        registration.workshop_status, registration.workshop_position = Registration.WorkshopStatus.NONE, None
        return
    full = _workshop_seats_taken(workshop) >= workshop.capacity
    if full and not answers.accept_workshop_waitlist:
        raise RegistrationError(
            _(
                "L'atelier « %(title)s » est complet. Choisissez un autre atelier, ou cochez la case pour vous "
                "inscrire sur sa liste d'attente."
            )
            % {"title": workshop.title},
            "workshop",
        )
    if registration.status == Registration.Status.CONFIRMED and not full:
        registration.workshop_status, registration.workshop_position = Registration.WorkshopStatus.CONFIRMED, None
    else:
        registration.workshop_status = Registration.WorkshopStatus.WAITING
        registration.workshop_position = _next_position(registration.conference, "workshop_position")


def _apply_answers(registration, answers, now):
    registration.accessibility_needs = answers.accessibility_needs.strip()
    registration.dietary_needs = answers.dietary_needs.strip()
    registration.answer = answers.answer.strip()
    registration.consent_at = registration.consent_at or now


def register(conference, user, answers, *, registered_by=None, now=None):
    """Register user: a confirmed place while places remain, else the next rank on the waiting list.

    One e-mail (confirmation with the calendar and QR code, or waiting list) is queued in the same transaction.
    Raises RegistrationError, and changes nothing, when registration is closed, the person is already
    registered, the chosen workshop is full, or a required answer is missing.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            conference = _lock(conference)
            _check_open(conference, now)
            registration = Registration.objects.filter(conference=conference, user=user).first()
            if registration is not None and registration.is_active:
                raise RegistrationError(_("Vous êtes déjà inscrit·e à cette conférence."))
            _check_answers(conference, answers)
            if registration is None:
                registration = Registration(conference=conference, user=user, consent_at=now)
            else:  # registering again after cancelling: a new place in the queue, a new code
                registration.consent_at = now
                registration.cancelled_at = None
                registration.checked_in_at = None
                registration.token = new_token()
            registration.created_at = now
            registration.registered_by = registered_by
            confirmed = Registration.objects.filter(conference=conference).confirmed().count()
            if confirmed < conference.capacity:
                registration.status, registration.position = Registration.Status.CONFIRMED, None
            else:
                registration.status = Registration.Status.WAITING
                registration.position = _next_position(conference, "position")
            _place_in_workshop(registration, answers)
            _apply_answers(registration, answers, now)
            registration.save()
            kind = "confirmed" if registration.status == Registration.Status.CONFIRMED else "waiting"
            _notify(registration, kind)
    except IntegrityError as error:
        # Only a second registration racing on a database without row locks can get here.
        if "one_registration_per_person" not in str(error) and "registration.user_id" not in str(error):
            raise
        raise RegistrationError(_("Vous êtes déjà inscrit·e à cette conférence.")) from None
    return registration


def change(registration, answers, *, now=None):
    """Self-service change of the answers and the workshop, until registration closes."""
    now = now or timezone.now()
    with transaction.atomic():
        conference = _lock(registration.conference)
        registration = Registration.objects.select_related("workshop").get(pk=registration.pk)
        _check_open(conference, now)
        if not registration.is_active:
            raise RegistrationError(_("Cette inscription est annulée."))
        _check_answers(conference, answers)
        previous_workshop = registration.workshop if registration.workshop_status else None
        if answers.workshop != previous_workshop:
            registration.workshop_status = Registration.WorkshopStatus.NONE
            registration.save(update_fields=["workshop_status"])
            _place_in_workshop(registration, answers)
        _apply_answers(registration, answers, now)
        registration.save()
        promoted = {}
        if previous_workshop is not None and previous_workshop != answers.workshop:
            _fill_workshop(previous_workshop, promoted)
        _notify_promotions(promoted)
    return registration


def cancel(registration, *, now=None, enforce_deadline=True):
    """Cancel; the first person on the waiting list (of the conference, of the workshop) takes the place."""
    now = now or timezone.now()
    with transaction.atomic():
        conference = _lock(registration.conference)
        registration = Registration.objects.select_related("workshop").get(pk=registration.pk)
        if enforce_deadline:
            _check_open(conference, now)
        if not registration.is_active:
            return registration, []
        workshop = registration.workshop if registration.workshop_status else None
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.workshop_status, registration.workshop_position = Registration.WorkshopStatus.NONE, None
        registration.save()
        _notify(registration, "cancelled")
        promoted = {}
        _fill_conference(conference, promoted)
        if workshop is not None:
            _fill_workshop(workshop, promoted)
        _notify_promotions(promoted)
    return registration, list(promoted)


def fill(conference):
    """Give free places (after the capacity grew) to the waiting lists, in order. Returns the promoted ids."""
    with transaction.atomic():
        conference = _lock(conference)
        promoted = {}
        _fill_conference(conference, promoted)
        for workshop in conference.workshops.all():
            _fill_workshop(workshop, promoted)
        _notify_promotions(promoted)
    return list(promoted)


def _fill_conference(conference, promoted):
    if conference.status == Conference.Status.CANCELLED:
        return  # nobody is promoted to a cancelled conference
    confirmed = Registration.objects.filter(conference=conference).confirmed().count()
    free = conference.capacity - confirmed
    if free <= 0:
        return
    waiting = list(
        Registration.objects.filter(conference=conference)
        .waiting()
        .order_by("position")
        .select_related("workshop")[:free]
    )
    workshops = set()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        promoted[registration.pk] = registration
        if registration.workshop_id and registration.workshop_status == Registration.WorkshopStatus.WAITING:
            workshops.add(registration.workshop)
    for workshop in workshops:
        _fill_workshop(workshop, promoted)


def _fill_workshop(workshop, promoted):
    if workshop.conference.status == Conference.Status.CANCELLED:
        return
    free = workshop.capacity - _workshop_seats_taken(workshop)
    if free <= 0:
        return
    waiting = Registration.objects.filter(
        workshop=workshop,
        status=Registration.Status.CONFIRMED,
        workshop_status=Registration.WorkshopStatus.WAITING,
    ).order_by("workshop_position")[:free]
    for registration in waiting:
        registration.workshop_status = Registration.WorkshopStatus.CONFIRMED
        registration.save(update_fields=["workshop_status", "updated_at"])
        promoted.setdefault(registration.pk, registration)


def _notify_promotions(promoted):
    for registration_id in promoted:
        # Reload: a promotion to the conference may have been followed by a place in the workshop.
        _notify(Registration.objects.get(pk=registration_id), "promoted")


SUBJECTS = {
    "conference_cancelled": _("Conférence annulée : conférence régionale de %(city)s"),
    "week_reminder": _("Dans une semaine : conférence régionale de %(city)s"),
    "day_reminder": _("Demain : conférence régionale de %(city)s"),
    "survey": _("Votre avis sur la conférence régionale de %(city)s"),
    "confirmed": _("Votre inscription est confirmée : conférence régionale de %(city)s"),
    "waiting": _("Vous êtes sur liste d'attente : conférence régionale de %(city)s"),
    "promoted": _("Une place s'est libérée : conférence régionale de %(city)s"),
    "cancelled": _("Votre inscription est annulée : conférence régionale de %(city)s"),
}


def _recipient(registration):
    """(address, name) of whom to write to: the person, or for a managed member the animator who registered them."""
    if registration.user.email:
        return registration.user.email, registration.user
    if registration.registered_by_id and registration.registered_by.email:
        return registration.registered_by.email, registration.registered_by
    return None, None


def confirmation_attachments(registration_id):
    """The calendar and the personal QR code of a confirmation, built when the e-mail is sent (by the worker)."""
    registration = (
        Registration.objects.select_related("conference__region", "conference__cycle")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:  # erased since the e-mail was queued
        return []
    conference = registration.conference
    return [
        (f"conference-{conference.pk}.ics", calendar_for([conference]), "text/calendar"),
        ("code-inscription.png", qr_png(registration), "image/png"),
    ]


def _notify(registration, kind):
    to, reader = _recipient(registration)
    if to is None:
        return None
    conference = registration.conference
    on_behalf = reader.pk != registration.user_id
    suffix = f"?pour={registration.user_id}" if on_behalf else ""
    context = {
        "kind": kind,
        "registration": registration,
        "conference": conference,
        "person": registration.user,
        "reader": reader,
        "on_behalf": on_behalf,
        "manage_url": site_url(reverse("conferences:my_registration", args=[conference.pk]) + suffix),
        "conference_url": site_url(conference.get_absolute_url()),
    }
    body = render_to_string("conferences/emails/registration.txt", context)
    built_by = None
    if registration.status == Registration.Status.CONFIRMED and kind not in {"survey", "conference_cancelled"}:
        built_by = (f"{__name__}.confirmation_attachments", registration.pk)
    subject = str(SUBJECTS[kind]) % {"city": conference.city}
    return queue_email(to, subject, body, attachments_built_by=built_by)


REMINDER_CHUNK = 200


def send_reminders(today=None, now=None):
    """E-mail confirmed people 7 days and 1 day before their conference, once each. Returns the counts.

    Meant to run daily (cron `manage.py send_conference_reminders`); a missed day is caught up: the week reminder
    goes out while 2 to 7 days remain, the day reminder the day before. People who registered during the last
    week have just received their confirmation: they get only the day reminder.
    """
    today = today or timezone.localdate()
    now = now or timezone.now()
    sent = {"week_reminder": 0, "day_reminder": 0}
    conferences = Conference.objects.filter(
        status=Conference.Status.PUBLISHED, date__gt=today, date__lte=today + datetime.timedelta(days=7)
    ).select_related("region", "cycle")
    for conference in conferences:
        days_left = (conference.date - today).days
        kind = "day_reminder" if days_left <= 1 else "week_reminder"
        pending = Registration.objects.filter(conference=conference).confirmed()
        if kind == "week_reminder":
            week_before = conference.starts_at - datetime.timedelta(days=7)
            pending = pending.filter(week_reminder_sent_at__isnull=True, created_at__lt=week_before)
        else:
            pending = pending.filter(day_reminder_sent_at__isnull=True)
        sent[kind] += _send_once(pending, kind, f"{kind}_sent_at", now)
    return sent


def send_survey(conference, now=None):
    """The satisfaction survey link, to the people whose presence was recorded only, once each."""
    if not conference.survey_url:
        raise RegistrationError(_("Indiquez d'abord le lien du questionnaire de satisfaction."), "survey_url")
    pending = Registration.objects.filter(
        conference=conference, checked_in_at__isnull=False, survey_sent_at__isnull=True
    ).exclude(status=Registration.Status.CANCELLED)
    return _send_once(pending, "survey", "survey_sent_at", now or timezone.now())


def _send_once(pending, kind, field, now):
    """Queue one e-mail per registration and mark it sent in the same transaction, chunk by chunk."""
    count = 0
    while True:
        with transaction.atomic():
            chunk = list(
                pending.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "registered_by", "workshop", "conference__region", "conference__cycle")
                .order_by("pk")[:REMINDER_CHUNK]
            )
            if not chunk:
                return count
            for registration in chunk:
                _notify(registration, kind)
                setattr(registration, field, now)
            Registration.objects.bulk_update(chunk, [field])
            count += len(chunk)


def notify_cancellation(conference, now=None):
    """Tell everyone still registered (confirmed or waiting) that the conference is cancelled."""
    pending = Registration.objects.filter(conference=conference).active()
    count = 0
    for registration in pending.select_related("user", "registered_by", "workshop").order_by("pk").iterator(500):
        registration.conference = conference
        if _notify(registration, "conference_cancelled"):
            count += 1
    return count


ANSWERS_KEPT_DAYS = 183  # "supprimées six mois après la conférence", as the consent says


def purge_answers(today=None):
    """Erase the answers to the registration questions six months after each conference. Returns the count."""
    today = today or timezone.localdate()
    return (
        Registration.objects.filter(conference__date__lt=today - datetime.timedelta(days=ANSWERS_KEPT_DAYS))
        .exclude(accessibility_needs="", dietary_needs="", answer="")
        .update(accessibility_needs="", dietary_needs="", answer="")
    )


def check_in(registration, *, by=None, now=None):
    """Record the presence once; scanning twice is harmless. Returns (registration, newly checked in)."""
    now = now or timezone.now()
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=now, checked_in_by=by, updated_at=now
    )
    registration.refresh_from_db()
    return registration, bool(updated)
