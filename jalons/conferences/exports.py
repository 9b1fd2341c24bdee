"""Attendance lists: one header row then one row per active registration; personal columns only on request."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration

ATTENDANCE_FILENAME = "participants-conference-%s"


def attendance_rows(conference, personal=False):
    header = [
        _("Nom"),
        _("Prénom"),
        _("Organisation"),
        _("Catégorie d'acteur"),
        _("Statut"),
        _("Rang en liste d'attente"),
        _("Atelier"),
        _("Place en atelier"),
        _("Présent·e"),
        _("Arrivée"),
    ]
    if personal:
        header += [_("Adresse e-mail"), _("Téléphone"), _("Besoins d'accessibilité"), _("Régime alimentaire")]
        if conference.question:
            header.append(conference.question)
    yield header
    registrations = (
        Registration.objects.filter(conference=conference)
        .active()
        .select_related("user__organisation", "user__category", "workshop")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    for registration in registrations.iterator(chunk_size=500):
        person = registration.user
        arrived = registration.checked_in_at
        row = [
            person.last_name,
            person.first_name,
            person.organisation.name if person.organisation else "",
            person.category.name,
            registration.get_status_display(),
            registration.position if registration.status == Registration.Status.WAITING else "",
            registration.workshop.title if registration.workshop and registration.workshop_status else "",
            registration.get_workshop_status_display() if registration.workshop_status else "",
            _("oui") if arrived else _("non"),
            timezone.localtime(arrived).strftime("%H:%M") if arrived else "",
        ]
        if personal:
            row += [person.email or "", person.phone, registration.accessibility_needs, registration.dietary_needs]
            if conference.question:
                row.append(registration.answer)
        yield row


def all_registrations_rows():
    """Every active registration of every conference, without personal data (one streamed query)."""
    statuses = dict(Registration.Status.choices)
    yield [
        _("Cycle"),
        _("Date"),
        _("Code région"),
        _("Région"),
        _("Ville"),
        _("Catégorie d'acteur"),
        _("Statut"),
        _("Chantier de l'atelier"),
        _("Présent·e"),
    ]
    rows = (
        Registration.objects.active()
        .order_by("conference__date", "conference_id", "pk")
        .values_list(
            "conference__cycle__number",
            "conference__date",
            "conference__region__code",
            "conference__region__name",
            "conference__city",
            "user__category__name",
            "status",
            "workshop__workstream__number",
            "checked_in_at",
        )
    )
    for cycle, date, code, region, city, category, status, chantier, arrived in rows.iterator(chunk_size=2000):
        yield [
            cycle,
            date,
            code,
            region,
            city,
            category,
            statuses[status],
            chantier or "",
            _("oui") if arrived else _("non"),
        ]
