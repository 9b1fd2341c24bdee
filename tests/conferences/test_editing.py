import datetime

import pytest
from django.urls import reverse

from jalons.conferences.models import AgendaItem, Conference, ConferenceCycle, Registration, Workshop
from jalons.conferences.services import Answers, register
from jalons.strategy.models import Strategy, Workstream
from tests.factories import UserFactory

from .factories import ConferenceCycleFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_program_adds_agenda_items_and_workshops(client_for, roles, conference):
    objective = conference.cycle.objectives.create(order=1, title="Point d'avancement des chantiers")
    chantier = Workstream.objects.get(number=5)
    data = {
        **management("programme", 2, 0),
        "programme-0-start_time": "09:30",
        "programme-0-title": "Point d'avancement",
        "programme-0-objective": objective.pk,
        "programme-0-speakers": "",
        "programme-1-start_time": "16:30",
        "programme-1-title": "Clôture",
        "programme-1-speakers": "Clôture par la secrétaire d'État",
        **management("ateliers", 1, 0),
        "ateliers-0-title": "Accès à l'alimentation",
        "ateliers-0-workstream": chantier.pk,
        "ateliers-0-start_time": "14:00",
        "ateliers-0-end_time": "15:30",
        "ateliers-0-room": "Salle 5",
        "ateliers-0-capacity": "25",
    }
    response = client_for(roles["commissioner"]).post(
        reverse("conferences:conference_program", args=[conference.pk]), data
    )
    assert response.status_code == 302
    assert list(conference.agenda_items.values_list("start_time", "title", "speakers")) == [
        (datetime.time(9, 30), "Point d'avancement", ""),
        (datetime.time(16, 30), "Clôture", "Clôture par la secrétaire d'État"),
    ]
    assert list(conference.workshops.values_list("title", "workstream__number", "capacity")) == [
        ("Accès à l'alimentation", 5, 25)
    ]


def test_program_refuses_a_workshop_smaller_than_its_attendance_and_writes_nothing(client_for, roles, conference):
    workshop = WorkshopFactory(conference=conference, capacity=3)
    for person in UserFactory.create_batch(2):
        register(conference, person, Answers(consent=True, workshop=workshop))
    data = {
        **management("programme", 1, 0),
        "programme-0-start_time": "09:00",
        "programme-0-title": "Accueil",
        **management("ateliers", 1, 1),
        "ateliers-0-id": workshop.pk,
        "ateliers-0-title": workshop.title,
        "ateliers-0-capacity": "1",
    }
    response = client_for(roles["national"]).post(
        reverse("conferences:conference_program", args=[conference.pk]), data
    )
    assert response.status_code == 400
    assert "2 personnes ont déjà une place dans cet atelier" in response.content.decode()
    assert not AgendaItem.objects.filter(conference=conference).exists()
    assert Workshop.objects.get(pk=workshop.pk).capacity == 3
    # Deleting a workshop that has registrations is refused too.
    data.update({"ateliers-0-capacity": "3", "ateliers-0-DELETE": "on"})
    response = client_for(roles["national"]).post(
        reverse("conferences:conference_program", args=[conference.pk]), data
    )
    assert "a des inscrits : il ne peut pas être supprimé" in response.content.decode().replace("&#x27;", "'")
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_larger_workshop_gives_places_to_its_waiting_list(client_for, roles, conference):
    workshop = WorkshopFactory(conference=conference, capacity=1)
    register(conference, UserFactory(), Answers(consent=True, workshop=workshop))
    waiting = register(
        conference, UserFactory(), Answers(consent=True, workshop=workshop, accept_workshop_waitlist=True)
    )
    data = {
        **management("programme", 0, 0),
        **management("ateliers", 1, 1),
        "ateliers-0-id": workshop.pk,
        "ateliers-0-title": workshop.title,
        "ateliers-0-capacity": "2",
    }
    client_for(roles["commissioner"]).post(reverse("conferences:conference_program", args=[conference.pk]), data)
    assert Registration.objects.get(pk=waiting.pk).workshop_status == "confirmed"


def test_capacity_cannot_go_below_the_confirmed_places(client_for, roles, conference):
    for person in UserFactory.create_batch(3):
        register(conference, person, Answers(consent=True))
    response = client_for(roles["commissioner"]).post(
        reverse("conferences:conference_edit", args=[conference.pk]),
        {
            "status": "published",
            "date": conference.date,
            "start_time": "09:00",
            "end_time": "17:00",
            "city": "Rennes",
            "capacity": "2",
        },
    )
    assert "3 personnes ont déjà une place confirmée : pas moins de 3 places." in response.content.decode()
    assert Conference.objects.get(pk=conference.pk).capacity == 50


def conference_data(cycle, region, date):
    return {
        "cycle": cycle.pk,
        "region": region.pk,
        "status": "draft",
        "date": date.isoformat(),
        "start_time": "09:00",
        "end_time": "17:00",
        "city": "Caen",
        "capacity": "120",
    }


def test_commissioner_creates_their_region_conference_only(client_for, roles, own_region, other_region):
    cycle = ConferenceCycleFactory()
    cycle.objectives.create(order=1, title="Aperçu national")
    client = client_for(roles["commissioner_other"])
    response = client.post(
        reverse("conferences:conference_create"), conference_data(cycle, own_region, cycle.starts_on)
    )
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Conference.objects.filter(cycle=cycle).exists()
    response = client.post(
        reverse("conferences:conference_create"), conference_data(cycle, other_region, cycle.starts_on)
    )
    assert response.status_code == 302
    conference = Conference.objects.get(cycle=cycle)
    assert (conference.region, conference.status, conference.capacity) == (other_region, "draft", 120)
    assert list(conference.agenda_items.values_list("title", flat=True)) == ["Aperçu national"]
    # Twice for the same cycle and region, or outside the cycle's dates: refused.
    response = client.post(
        reverse("conferences:conference_create"), conference_data(cycle, other_region, cycle.starts_on)
    )
    assert response.status_code == 400
    outside = conference_data(cycle, other_region, cycle.ends_on + datetime.timedelta(days=1))
    conference.delete()
    response = client.post(reverse("conferences:conference_create"), outside)
    assert "La date doit être comprise dans les dates du cycle." in response.content.decode()
    assert not Conference.objects.filter(cycle=cycle).exists()


def test_national_creates_a_cycle_with_its_objectives(client_for, roles):
    data = {
        "strategy": Strategy.objects.get(slug="pauvrete").pk,
        "number": "3",
        "name": "Troisième cycle (2020)",
        "starts_on": "2020-01-13",
        "ends_on": "2020-03-06",
        "objectives": "Mesurer les avancées\n\nPartager les bonnes pratiques\n",
    }
    assert client_for(roles["commissioner"]).post(reverse("conferences:cycle_create"), data).status_code == 403
    response = client_for(roles["national"]).post(reverse("conferences:cycle_create"), data)
    assert response.status_code == 302
    cycle = ConferenceCycle.objects.get(number=3)
    assert list(cycle.objectives.values_list("order", "title")) == [
        (1, "Mesurer les avancées"),
        (2, "Partager les bonnes pratiques"),
    ]
    response = client_for(roles["national"]).post(
        reverse("conferences:cycle_create"), {**data, "number": "4", "ends_on": "2019-12-31"}
    )
    assert "La fin du cycle précède son début." in response.content.decode()
    assert not ConferenceCycle.objects.filter(number=4).exists()
