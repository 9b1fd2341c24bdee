import csv
import datetime
import io
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jalons.conferences.models import AgendaItem, Conference, Registration
from jalons.conferences.services import Answers, register
from jalons.notifications.models import OutboxEmail
from jalons.territories.models import Region
from tests.factories import UserFactory
from tests.utils import assert_constant_queries, downloaded

from .factories import ConferenceFactory, WorkshopFactory

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def state():
    return list(Registration.objects.order_by("pk").values()), OutboxEmail.objects.count()


@pytest.fixture
def full_conference(conference):
    """Agenda with times, an objective and the secretary of state's closing; two workshops."""
    objective = conference.cycle.objectives.create(order=1, title="Partager les bonnes pratiques")
    AgendaItem.objects.create(conference=conference, order=1, start_time=datetime.time(9, 30), title="Accueil")
    AgendaItem.objects.create(
        conference=conference,
        order=2,
        start_time=datetime.time(10, 0),
        title="Les bonnes pratiques du territoire",
        objective=objective,
        speakers="Animateurs des groupes de travail",
    )
    AgendaItem.objects.create(
        conference=conference,
        order=3,
        start_time=datetime.time(16, 30),
        title="Clôture",
        speakers="Clôture par la secrétaire d'État",
    )
    WorkshopFactory(conference=conference, title="Accès à l'alimentation", capacity=1)
    WorkshopFactory(conference=conference, title="Participation des personnes concernées", capacity=30)
    return conference


def test_conference_page_shows_agenda_venue_access_and_places(client, full_conference):
    register(full_conference, UserFactory(), Answers(consent=True))
    content = client.get(reverse("conferences:conference_detail", args=[full_conference.pk])).content.decode()
    for text in [
        "Couvent des Jacobins",
        "20 place Sainte-Anne, 35000 Rennes",
        "Métro ligne A",
        "Partager les bonnes pratiques",
        "Objectif 1",
        "Clôture par la secrétaire d&#x27;État",
        "49 places restantes sur 50",
        "Accès à l&#x27;alimentation",
        "09h30",
    ]:
        assert text in content, text
    assert content.index("Accueil") < content.index("Les bonnes pratiques du territoire") < content.index("Clôture")


def test_draft_conference_is_hidden_but_for_its_editors(client_for, roles):
    draft = ConferenceFactory(status=Conference.Status.DRAFT)
    url = reverse("conferences:conference_detail", args=[draft.pk])
    assert client_for(None).get(url).status_code == 404
    assert client_for(roles["member"]).get(url).status_code == 404
    assert client_for(roles["commissioner_other"]).get(url).status_code == 404
    assert client_for(roles["commissioner"]).get(url).status_code == 200


def test_conference_page_query_count_does_not_grow_with_registrations(client_for, roles, full_conference):
    client = client_for(roles["member"])
    register(full_conference, roles["member"], Answers(consent=True))

    def grow():
        workshop = full_conference.workshops.last()
        for person in UserFactory.create_batch(15):
            register(full_conference, person, Answers(consent=True, workshop=workshop))
        WorkshopFactory(conference=full_conference)

    assert_constant_queries(client, reverse("conferences:conference_detail", args=[full_conference.pk]), grow)


def test_check_in_page_query_count_does_not_grow(client_for, roles, conference):
    client = client_for(roles["commissioner"])
    register(conference, UserFactory(), Answers(consent=True))  # 1 then N (an empty page skips a query)

    def grow():
        for person in UserFactory.create_batch(12):
            register(conference, person, Answers(consent=True))

    assert_constant_queries(client, reverse("conferences:check_in", args=[conference.pk]), grow)


def test_list_filters_by_cycle_and_region(client, conference):
    url = reverse("conferences:conference_list")
    content = client.get(url, {"region": "28"}).content.decode()
    assert "Rouen" in content and "Angers" not in content
    content = client.get(url, {"cycle": conference.cycle.pk}).content.decode()
    assert "Couvent des Jacobins" in content and "Sorbonne" not in content
    content = client.get(url).content.decode()
    assert "Sorbonne" in content and reverse("conferences:conference_detail", args=[conference.pk]) in content


# Registration pages


def post_registration(client, conference, **data):
    return client.post(reverse("conferences:register", args=[conference.pk]), {"consent": "on", **data})


def test_register_confirms_and_sends_the_calendar_and_qr_code(
    client_for, roles, full_conference, django_capture_on_commit_callbacks
):
    client = client_for(roles["member"])
    workshop = full_conference.workshops.get(title__startswith="Participation")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_registration(client, full_conference, workshop=workshop.pk, dietary_needs="Végétarien")
    assert response.status_code == 302
    assert response["Location"] == reverse("conferences:my_registration", args=[full_conference.pk])
    registration = Registration.objects.get(user=roles["member"])
    assert (registration.status, registration.workshop, registration.workshop_status) == (
        "confirmed",
        workshop,
        "confirmed",
    )
    assert registration.dietary_needs == "Végétarien"
    (email,) = mail.outbox
    assert email.to == [roles["member"].email]
    ics = icalendar.Calendar.from_ical(email.attachments[0][1])
    (event,) = ics.walk("VEVENT")
    assert event["UID"] == f"conference-{full_conference.pk}@jalons"
    assert email.attachments[1][1].startswith(b"\x89PNG")
    page = client.get(reverse("conferences:my_registration", args=[full_conference.pk])).content.decode()
    assert "Inscription confirmée" in page and "<svg" in page


@pytest.mark.parametrize(
    ("setup", "data", "message"),
    [
        ("closed", {}, "Les inscriptions à cette conférence sont closes."),
        ("twice", {}, "Vous êtes déjà inscrit·e à cette conférence."),
        ("full_workshop", {}, "est complet. Choisissez un autre atelier"),
        ("question", {"answer": ""}, "Répondez à cette question."),
        ("no_consent", {"consent": ""}, "Cochez cette case pour vous inscrire."),
    ],
)
def test_refused_registration_says_why_in_french_and_changes_nothing(
    client_for, roles, full_conference, setup, data, message
):
    client = client_for(roles["member"])
    full = full_conference.workshops.get(title__startswith="Accès")
    register(full_conference, UserFactory(), Answers(consent=True, workshop=full))
    if setup == "twice":
        register(full_conference, roles["member"], Answers(consent=True))
    if setup == "question":
        full_conference.question = "Quelle bonne pratique souhaitez-vous présenter ?"
        full_conference.question_required = True
        full_conference.save()
    before = state()
    if setup == "closed":
        # The page was open when the form was shown; registration closed before it was sent.
        Conference.objects.filter(pk=full_conference.pk).update(
            registration_closes_at=timezone.now() - datetime.timedelta(seconds=1)
        )
    if setup == "full_workshop":
        data = {"workshop": full.pk}
    response = post_registration(client, full_conference, **data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert state() == before


def test_full_workshop_waiting_list_is_accepted_when_asked(client_for, roles, full_conference):
    full = full_conference.workshops.get(title__startswith="Accès")
    register(full_conference, UserFactory(), Answers(consent=True, workshop=full))
    client = client_for(roles["member"])
    response = post_registration(client, full_conference, workshop=full.pk, accept_workshop_waitlist="on")
    assert response.status_code == 302
    registration = Registration.objects.get(user=roles["member"])
    assert (registration.status, registration.workshop_status, registration.workshop_position) == (
        "confirmed",
        "waiting",
        1,
    )


def test_self_service_change_then_cancel_until_closing(
    client_for, roles, full_conference, django_capture_on_commit_callbacks
):
    client = client_for(roles["member"])
    waiting_person = UserFactory()
    full_conference.capacity = 1
    full_conference.save()
    register(full_conference, roles["member"], Answers(consent=True))
    register(full_conference, waiting_person, Answers(consent=True))
    my_url = reverse("conferences:my_registration", args=[full_conference.pk])
    workshop = full_conference.workshops.get(title__startswith="Participation")
    response = client.post(my_url, {"consent": "on", "workshop": workshop.pk, "accessibility_needs": "Fauteuil"})
    assert response.status_code == 302
    registration = Registration.objects.get(user=roles["member"])
    assert (registration.workshop, registration.accessibility_needs) == (workshop, "Fauteuil")

    cancel_url = reverse("conferences:cancel", args=[full_conference.pk])
    assert "Oui, annuler l'inscription" in client.get(cancel_url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(cancel_url).status_code == 302
    assert Registration.objects.get(user=roles["member"]).status == "cancelled"
    assert Registration.objects.get(user=waiting_person).status == "confirmed"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([roles["member"].email, waiting_person.email])

    # After closing, nothing can be changed nor cancelled any more.
    Conference.objects.filter(pk=full_conference.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    other = client_for(waiting_person)
    assert other.post(reverse("conferences:cancel", args=[full_conference.pk])).status_code == 302
    assert Registration.objects.get(user=waiting_person).status == "confirmed"
    assert "ne peut plus être modifiée" in other.get(my_url).content.decode()


# Calendars


def test_calendar_feed_carries_the_seed_dates_with_stable_uids(client):
    response = client.get(reverse("conferences:calendar_feed"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = calendar.walk("VEVENT")
    starts = {event["LOCATION"].split(", ")[-1]: event.decoded("DTSTART") for event in events}
    assert starts["Angers"].date() == datetime.date(2019, 6, 18)
    assert starts["Paris"].date() == datetime.date(2019, 6, 19)
    assert starts["Rennes"].date() == datetime.date(2019, 7, 8)
    assert starts["Lyon"].date() == datetime.date(2019, 7, 12)
    assert len(events) == 12
    assert all(str(event["DTSTART"].params["TZID"]) == "Europe/Paris" for event in events)
    assert starts["Rennes"].tzinfo.key == "Europe/Paris"
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == 12
    # The same UIDs on the next request, even after an edit.
    Conference.objects.filter(city="Rennes").update(venue="Couvent des Jacobins")
    again = icalendar.Calendar.from_ical(client.get(reverse("conferences:calendar_feed")).content)
    assert [str(event["UID"]) for event in again.walk("VEVENT")] == uids


def test_one_conference_calendar(client):
    rennes = Conference.objects.get(city="Rennes")
    response = client.get(reverse("conferences:conference_calendar", args=[rennes.pk]))
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.datetime(2019, 7, 8, 9, 0, tzinfo=PARIS)
    assert event.decoded("DTEND") == datetime.datetime(2019, 7, 8, 17, 0, tzinfo=PARIS)
    assert str(event["UID"]) == f"conference-{rennes.pk}@jalons"
    assert "Bretagne" in str(event["SUMMARY"])


# Editing


def test_commissioner_edits_the_conference_and_a_larger_capacity_promotes(
    client_for, roles, conference, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    first, second = UserFactory.create_batch(2)
    register(conference, first, Answers(consent=True))
    register(conference, second, Answers(consent=True))
    client = client_for(roles["commissioner"])
    url = reverse("conferences:conference_edit", args=[conference.pk])
    data = {
        "status": "published",
        "date": conference.date.isoformat(),
        "start_time": "09:30",
        "end_time": "17:00",
        "city": "Rennes",
        "venue": "Couvent des Jacobins",
        "address": "20 place Sainte-Anne",
        "access_information": "Métro A",
        "capacity": "2",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "asks_accessibility": "on",
        "asks_dietary": "on",
        "question": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    conference.refresh_from_db()
    assert (conference.start_time, conference.capacity) == (datetime.time(9, 30), 2)
    assert Registration.objects.get(user=second).status == "confirmed"
    assert [m.to[0] for m in mail.outbox] == [second.email]


def test_conference_edit_errors_are_french_and_change_nothing(client_for, roles, conference):
    client = client_for(roles["national"])
    response = client.post(
        reverse("conferences:conference_edit", args=[conference.pk]),
        {"status": "published", "date": "2019-07-32", "start_time": "17:00", "end_time": "09:00", "city": ""},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Saisissez une date valide." in content
    assert "L&#x27;heure de fin doit suivre l&#x27;heure de début." in content
    assert Conference.objects.get(pk=conference.pk).start_time == datetime.time(9, 0)


def test_commissioner_of_another_region_cannot_edit(client_for, roles, conference):
    url = reverse("conferences:conference_edit", args=[conference.pk])
    assert client_for(roles["commissioner_other"]).post(url, {"city": "Brest"}).status_code == 404
    assert Conference.objects.get(pk=conference.pk).city == "Rennes"


# Check-in, exports, certificate


def test_check_in_by_scan_is_idempotent(client_for, roles, conference):
    registration = register(conference, UserFactory(first_name="Soizic", last_name="Le Bihan"), Answers(consent=True))
    client = client_for(roles["commissioner"])
    url = reverse("conferences:check_in", args=[conference.pk])
    scanned_link = f"http://127.0.0.1:8000{url}?code={registration.token}"
    response = client.post(url, {"code": scanned_link}, follow=True)
    assert "Présence enregistrée : Soizic Le Bihan." in response.content.decode()
    first_time = Registration.objects.get(pk=registration.pk).checked_in_at
    assert first_time is not None
    response = client.post(url, {"code": registration.token}, follow=True)
    assert "était déjà enregistré·e" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).checked_in_at == first_time
    # The phone camera opens the link: the person is shown, nothing is written by a GET.
    assert "Soizic Le Bihan" in client.get(url, {"code": registration.token}).content.decode()
    assert "Code inconnu" in client.post(url, {"code": "inconnu"}, follow=True).content.decode()


def test_check_in_by_name_search(client_for, roles, conference):
    registration = register(conference, UserFactory(first_name="Erwan", last_name="Quéré"), Answers(consent=True))
    register(conference, UserFactory(first_name="Anne", last_name="Martin"), Answers(consent=True))
    client = client_for(roles["national"])
    url = reverse("conferences:check_in", args=[conference.pk])
    content = client.get(url, {"q": "quéré"}).content.decode()
    assert "Erwan" in content and "Martin" not in content
    client.post(url, {"registration": registration.pk, "q": "quéré"})
    client.post(url, {"registration": registration.pk, "q": "quéré"})
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_attendance_exports_with_and_without_personal_columns(client_for, roles, conference):
    person = UserFactory(last_name="Tanguy", phone="02 99 00 00 00")
    register(conference, person, Answers(consent=True, dietary_needs="Sans gluten"))
    client = client_for(roles["commissioner"])
    plain = downloaded(client.get(reverse("conferences:attendance_csv", args=[conference.pk])))
    rows = list(csv.reader(io.StringIO(plain.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Nom", "Prénom"] and "Adresse e-mail" not in rows[0]
    assert rows[1][0] == "Tanguy" and person.email not in rows[1]
    personal = client.get(reverse("conferences:attendance_csv", args=[conference.pk]), {"personnel": "1"})
    rows = list(csv.reader(io.StringIO(downloaded(personal).decode("utf-8-sig"))))
    assert person.email in rows[1] and "Sans gluten" in rows[1]
    xlsx = client.get(reverse("conferences:attendance_xlsx", args=[conference.pk]), {"personnel": "1"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Nom" and values[1][0] == "Tanguy" and person.email in values[1]


def test_certificate_only_for_attendees(client_for, roles, conference):
    registration = register(conference, roles["member"], Answers(consent=True))
    client = client_for(roles["member"])
    url = reverse("conferences:certificate", args=[conference.pk])
    assert client.get(url).status_code == 404
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_attendance_pdf(client_for, roles, conference):
    register(conference, UserFactory(last_name="Tanguy"), Answers(consent=True))
    response = client_for(roles["commissioner"]).get(reverse("conferences:attendance_pdf", args=[conference.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_animator_registers_and_cancels_for_a_managed_member(
    client_for, roles, conference, django_capture_on_commit_callbacks
):
    managed, animator = roles["managed"], roles["animator"]
    client = client_for(animator)
    detail = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content.decode()
    register_url = reverse("conferences:register", args=[conference.pk]) + f"?pour={managed.pk}"
    assert register_url in detail
    assert f"Inscrire {managed.get_full_name()} à la conférence" in client.get(register_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url, {"consent": "on", "accessibility_needs": "Accompagnement à l'accueil"})
    assert response["Location"] == reverse("conferences:my_registration", args=[conference.pk]) + f"?pour={managed.pk}"
    registration = Registration.objects.get(user=managed)
    assert (registration.status, registration.registered_by) == ("confirmed", animator)
    assert [m.to[0] for m in mail.outbox] == [animator.email]  # the managed member has no e-mail
    body = mail.outbox[0].body
    assert f"Bonjour {animator.get_full_name()}," in body
    assert f"l'inscription de {managed.get_full_name()}, que vous accompagnez" in body
    assert f"/mon-inscription/?pour={managed.pk}" in body
    assert not Registration.objects.filter(user=animator).exists()
    cancel_url = reverse("conferences:cancel", args=[conference.pk]) + f"?pour={managed.pk}"
    client.post(cancel_url)
    assert Registration.objects.get(user=managed).status == "cancelled"


def test_nobody_else_acts_for_a_person(client_for, roles, conference):
    for actor, target in [("member", "managed"), ("commissioner", "managed"), ("animator", "member")]:
        url = reverse("conferences:register", args=[conference.pk]) + f"?pour={roles[target].pk}"
        client = client_for(roles[actor])
        assert client.get(url).status_code == 404, (actor, target)
        assert client.post(url, {"consent": "on"}).status_code == 404
    assert not Registration.objects.exists()


def test_change_form_counts_my_own_workshop_place(client_for, roles, conference):
    workshop = WorkshopFactory(conference=conference, title="Accès aux droits", capacity=1)
    register(conference, roles["member"], Answers(consent=True, workshop=workshop))
    content = client_for(roles["member"]).get(reverse("conferences:my_registration", args=[conference.pk]))
    assert "Accès aux droits (14:00–16:00) — 1 place(s) restante(s)" in content.content.decode().replace("&#x27;", "'")
    other = client_for(UserFactory()).get(reverse("conferences:register", args=[conference.pk])).content.decode()
    assert "Accès aux droits (14:00–16:00) — complet, liste d&#x27;attente" in other


def test_empty_programme_is_announced(client, conference):
    content = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content.decode()
    assert "Le programme sera publié prochainement." in content


def test_list_query_count_does_not_grow_with_cycles_and_conferences(client, conference):
    def grow():
        cycle = ConferenceFactory(region=Region.objects.get(code="28"), city="Rouen").cycle
        ConferenceFactory(cycle=cycle, region=Region.objects.get(code="11"), city="Paris")
        cycle.objectives.create(order=1, title="Partager")

    assert_constant_queries(client, reverse("conferences:conference_list"), grow)
    assert_constant_queries(client, reverse("conferences:calendar_feed"), grow)


def test_registration_cannot_close_after_the_conference_starts(client_for, roles, conference):
    response = client_for(roles["commissioner"]).post(
        reverse("conferences:conference_edit", args=[conference.pk]),
        {
            "status": "published",
            "date": conference.date.isoformat(),
            "start_time": "09:00",
            "end_time": "17:00",
            "city": "Rennes",
            "capacity": "50",
            "registration_closes_at": f"{conference.date.isoformat()}T10:00",
        },
    )
    assert "La clôture des inscriptions doit précéder le début de la conférence." in response.content.decode()
    assert Conference.objects.get(pk=conference.pk).registration_closes_at is None


def test_drafts_stay_out_of_the_calendar_feed(client, conference):
    conference.status = Conference.Status.DRAFT
    conference.save()
    calendar = icalendar.Calendar.from_ical(client.get(reverse("conferences:calendar_feed")).content)
    assert f"conference-{conference.pk}@jalons" not in [str(event["UID"]) for event in calendar.walk("VEVENT")]
    Conference.objects.filter(city="Lille").update(status=Conference.Status.CANCELLED)
    calendar = icalendar.Calendar.from_ical(client.get(reverse("conferences:calendar_feed")).content)
    statuses = {event["LOCATION"].split(", ")[-1]: str(event["STATUS"]) for event in calendar.walk("VEVENT")}
    assert (statuses["Lille"], statuses["Lyon"]) == ("CANCELLED", "CONFIRMED")


def test_national_export_of_every_registration_streams_without_personal_data(client_for, roles, conference):
    person = UserFactory(last_name="Tanguy")
    register(conference, person, Answers(consent=True))
    response = client_for(roles["national"]).get(reverse("conferences:all_registrations_csv"))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(downloaded(response).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Cycle", "Date", "Code région"]
    assert len(rows) == 2 and rows[1][2] == conference.region.code
    assert "Tanguy" not in "".join(rows[1]) and person.email not in "".join(rows[1])
