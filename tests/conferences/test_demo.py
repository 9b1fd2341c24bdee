import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext

from jalons.accounts.models import User
from jalons.conferences.models import (
    AgendaItem,
    Conference,
    ConferenceInvitation,
    InvitationRun,
    Registration,
    Workshop,
)

pytestmark = pytest.mark.django_db


def test_demo_conferences_are_run_end_to_end():
    with CaptureQueriesContext(connection) as queries:
        call_command("generate_demo_data", people=2000, seed=42, no_progress=True, stdout=io.StringIO())
    conferences = Conference.objects.filter(cycle__number=2).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waiting")),
        present=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
    )
    assert conferences.count() == 12
    for conference in conferences:
        assert conference.address and conference.access_information, conference
        assert conference.start_time < conference.end_time
        assert conference.confirmed == conference.capacity, conference  # full, with a waiting list
        assert conference.waiting > 0, conference
        assert 0.7 * conference.confirmed < conference.present <= conference.confirmed
        positions = list(conference.registrations.filter(status="waiting").values_list("position", flat=True))
        assert sorted(positions) == list(range(1, len(positions) + 1))
        assert conference.workshops.count() == 15
        assert conference.agenda_items.filter(objective__isnull=False).count() == 4
        assert not conference.agenda_items.filter(start_time__isnull=True).exists()
    closings = AgendaItem.objects.filter(speakers__startswith="Clôture par la secrétaire d'État").count()
    assert closings == 6
    # No workshop holds more confirmed people than its places.
    workshops = Workshop.objects.annotate(
        taken=Count(
            "registrations",
            filter=Q(registrations__status="confirmed", registrations__workshop_status="confirmed"),
        )
    )
    assert all(workshop.taken <= workshop.capacity for workshop in workshops)
    # Only people of the conference's region register; the demo member of Bretagne attended Rennes.
    assert not Registration.objects.exclude(user__region=F("conference__region")).exists()
    assert Registration.objects.filter(
        user__email="membre@demo.jalons.test", conference__city="Rennes", checked_in_at__isnull=False
    ).exists()
    assert Registration.objects.count() > 1000
    # The members of each region's groups were invited; the attendees got the survey.
    assert InvitationRun.objects.filter(status="done").count() == 12
    assert (
        ConferenceInvitation.objects.count()
        == User.objects.filter(email__isnull=False, region__conferences__isnull=False, memberships__isnull=False)
        .distinct()
        .count()
    )
    assert not Registration.objects.filter(survey_sent_at__isnull=False, checked_in_at__isnull=True).exists()
    # Bulk writes: the whole generator stays within a few hundred queries for 2,000 people.
    assert len(queries.captured_queries) < 400, len(queries.captured_queries)


@pytest.mark.django_db
def test_national_scale_adds_two_cycles_in_every_region():
    import io

    from django.core.management import call_command

    from jalons.conferences.models import Conference, ConferenceCycle, Registration

    call_command("generate_demo_data", scale="national", people=1800, no_progress=True, stdout=io.StringIO())
    assert sorted(ConferenceCycle.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert (
        Conference.objects.filter(cycle__number=1).count() == Conference.objects.filter(cycle__number=3).count() == 18
    )
    assert Conference.objects.get(cycle__number=1, region__code="44").city == "Strasbourg"
    # Rooms hold the people who come: about 60 % of each region registers to each conference.
    assert Registration.objects.filter(conference__cycle__number=3).count() > 1800 * 0.5
