import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from jalons.conferences.models import Registration
from jalons.conferences.services import Answers, RegistrationError, cancel, change, check_in, register
from jalons.notifications.models import OutboxEmail
from tests.factories import UserFactory

from .factories import WorkshopFactory

OK = Answers(consent=True)


def snapshot():
    return (
        list(Registration.objects.order_by("pk").values()),
        OutboxEmail.objects.count(),
    )


@pytest.fixture
def small(conference):
    conference.capacity = 2
    conference.save()
    return conference


def test_places_then_waiting_list_then_promotion(small, django_capture_on_commit_callbacks):
    people = UserFactory.create_batch(4)
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register(small, person, OK) for person in people]
    assert [r.status for r in registrations] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert [r.position for r in registrations] == [None, None, 1, 2]
    # One e-mail each: confirmation (with the calendar and QR code) or waiting list.
    assert len(mail.outbox) == 4
    assert [m.to[0] for m in mail.outbox] == [p.email for p in people]
    assert "confirmée" in mail.outbox[0].subject and "liste d'attente" in mail.outbox[2].subject
    assert [a[0] for a in mail.outbox[0].attachments] == [f"conference-{small.pk}.ics", "code-inscription.png"]
    assert mail.outbox[2].attachments == []
    assert "rang 1" in mail.outbox[2].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancelled, promoted = cancel(registrations[1])
    assert promoted == [registrations[2].pk]
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert [statuses[p.pk] for p in people] == ["confirmed", "cancelled", "confirmed", "waiting"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[1].email, people[2].email])
    promotion = next(m for m in mail.outbox if m.to[0] == people[2].email)
    assert "Une place s'est libérée" in promotion.subject
    assert promotion.attachments[0][0].endswith(".ics")


def test_confirmation_files_are_built_by_the_worker_not_the_request(small, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = register(small, UserFactory(), OK)
    # The request only records what to build: the calendar and QR code cost more than deciding the place.
    assert OutboxEmail.objects.get().attachments == [
        {"built_by": "jalons.conferences.services.confirmation_attachments", "arguments": [registration.pk]}
    ]
    registration.delete()  # erased before the worker sends the e-mail
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments == []


def test_registering_twice_changes_nothing(conference):
    person = UserFactory()
    register(conference, person, OK)
    before = snapshot()
    with pytest.raises(RegistrationError, match="déjà inscrit·e"):
        register(conference, person, Answers(consent=True, answer="autre"))
    assert snapshot() == before


def test_database_refuses_a_second_registration(conference):
    person = UserFactory()
    register(conference, person, OK)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(conference=conference, user=person, status="confirmed", consent_at=timezone.now())


def test_registering_after_closing_changes_nothing(conference):
    conference.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    conference.save()
    before = snapshot()
    with pytest.raises(RegistrationError, match="Les inscriptions à cette conférence sont closes."):
        register(conference, UserFactory(), OK)
    assert snapshot() == before


def test_registering_before_opening_is_refused(conference):
    conference.registration_opens_at = timezone.now() + datetime.timedelta(days=1)
    conference.save()
    with pytest.raises(RegistrationError, match="Les inscriptions ouvriront le"):
        register(conference, UserFactory(), OK)


def test_missing_required_answer_and_consent(conference):
    conference.question = "Quelle bonne pratique souhaitez-vous partager ?"
    conference.question_required = True
    conference.save()
    before = snapshot()
    with pytest.raises(RegistrationError, match="Répondez à la question") as error:
        register(conference, UserFactory(), Answers(consent=True, answer="  "))
    assert error.value.field == "answer"
    with pytest.raises(RegistrationError, match="consentement"):
        register(conference, UserFactory(), Answers(answer="Le bus de l'emploi"))
    assert snapshot() == before


def test_full_workshop_is_refused_unless_the_waiting_list_is_accepted(conference, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(conference=conference, capacity=1)
    first, second, third = UserFactory.create_batch(3)
    register(conference, first, Answers(consent=True, workshop=workshop))
    before = snapshot()
    with pytest.raises(RegistrationError, match="est complet") as error:
        register(conference, second, Answers(consent=True, workshop=workshop))
    assert error.value.field == "workshop"
    assert snapshot() == before
    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(conference, second, Answers(consent=True, workshop=workshop, accept_workshop_waitlist=True))
        register(conference, third, Answers(consent=True, workshop=workshop, accept_workshop_waitlist=True))
    assert (waiting.status, waiting.workshop_status, waiting.workshop_position) == ("confirmed", "waiting", 1)
    # The first leaves the workshop (changes their choice): the second takes the place, and is told.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change(Registration.objects.get(user=first), Answers(consent=True, workshop=None))
    waiting.refresh_from_db()
    assert waiting.workshop_status == "confirmed"
    assert Registration.objects.get(user=third).workshop_status == "waiting"
    assert [m.to[0] for m in mail.outbox] == [second.email]


def test_cancelling_frees_the_workshop_place_too(conference):
    workshop = WorkshopFactory(conference=conference, capacity=1)
    first, second = UserFactory.create_batch(2)
    mine = register(conference, first, Answers(consent=True, workshop=workshop))
    theirs = register(conference, second, Answers(consent=True, workshop=workshop, accept_workshop_waitlist=True))
    cancel(mine)
    theirs.refresh_from_db()
    assert theirs.workshop_status == "confirmed"


def test_promoted_person_gets_their_workshop_place_if_free(small):
    workshop = WorkshopFactory(conference=small, capacity=5)
    people = UserFactory.create_batch(3)
    first = register(small, people[0], OK)
    register(small, people[1], OK)
    third = register(small, people[2], Answers(consent=True, workshop=workshop))
    assert (third.status, third.workshop_status) == ("waiting", "waiting")
    cancel(first)
    third.refresh_from_db()
    assert (third.status, third.workshop_status) == ("confirmed", "confirmed")


def test_cancel_after_closing_is_refused_and_registering_again_after_cancelling(conference):
    person = UserFactory()
    registration = register(conference, person, OK)
    cancel(registration)
    again = register(conference, person, OK)
    assert again.pk == registration.pk and again.status == "confirmed"
    conference.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    conference.save()
    with pytest.raises(RegistrationError, match="closes"):
        cancel(again)
    assert Registration.objects.get(pk=again.pk).status == "confirmed"


def test_managed_member_registration_mails_the_animator(conference, roles, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(conference, roles["managed"], OK, registered_by=roles["animator"])
    assert [m.to[0] for m in mail.outbox] == [roles["animator"].email]


def test_check_in_is_idempotent(conference, roles):
    registration = register(conference, UserFactory(), OK)
    first_time = timezone.now()
    registration, new = check_in(registration, by=roles["commissioner"], now=first_time)
    assert new and registration.checked_in_at == first_time
    registration, new = check_in(registration, by=roles["national"], now=first_time + datetime.timedelta(hours=1))
    assert not new
    assert (registration.checked_in_at, registration.checked_in_by) == (first_time, roles["commissioner"])
