"""No overbooking under concurrent requests: the conference row is locked (SELECT … FOR UPDATE) on PostgreSQL."""

import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections

from jalons.conferences.models import Registration
from jalons.conferences.services import Answers, cancel, register
from jalons.notifications.models import OutboxEmail
from tests.factories import UserFactory

from .factories import ConferenceFactory

PEOPLE, SEATS, THREADS = 200, 50, 32


@pytest.fixture
def reference_data_restored(django_db_blocker):
    """Set up before transactional_db, torn down after its flush: reload the reference data for the next tests."""
    yield
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=io.StringIO())


@pytest.mark.postgres
def test_two_hundred_concurrent_registrations_for_fifty_seats(reference_data_restored, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("Le verrouillage de ligne (SELECT … FOR UPDATE) n'existe que sur PostgreSQL.")
    conference = ConferenceFactory(capacity=SEATS)
    people = UserFactory.create_batch(PEOPLE)
    start = threading.Barrier(THREADS)
    statuses, errors = [], []

    def worker(chunk):
        # Each thread has its own database connection (Django's connections are per thread).
        try:
            start.wait()  # all threads start at once
            for person in chunk:
                statuses.append(register(conference, person, Answers(consent=True)).status)
        except Exception as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(people[index::THREADS],)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waiting") == PEOPLE - SEATS
    registrations = Registration.objects.filter(conference=conference)
    assert registrations.confirmed().count() == SEATS
    positions = sorted(registrations.waiting().values_list("position", flat=True))
    assert positions == list(range(1, PEOPLE - SEATS + 1))  # a first-come queue without gap or duplicate
    # One e-mail each: a confirmation or a waiting-list notice, written and sent.
    emails = OutboxEmail.objects.all()
    assert sorted(emails.values_list("to", flat=True)) == sorted(person.email for person in people)
    assert emails.filter(subject__startswith="Votre inscription est confirmée").count() == SEATS
    assert emails.filter(subject__startswith="Vous êtes sur liste d'attente").count() == PEOPLE - SEATS
    assert len(mail.outbox) == PEOPLE

    first_waiting = registrations.waiting().order_by("position").first()
    mail.outbox.clear()
    _cancelled, promoted = cancel(registrations.confirmed().first())
    assert promoted == [first_waiting.pk]
    assert registrations.confirmed().count() == SEATS
    assert registrations.waiting().count() == PEOPLE - SEATS - 1
    assert sorted(m.to[0] for m in mail.outbox if "Une place s'est libérée" in m.subject) == [first_waiting.user.email]


@pytest.mark.postgres
def test_a_registration_locks_its_own_conference_only(reference_data_restored, transactional_db):
    """Registering to one conference never waits for another of the same cycle (only the conference row is locked)."""
    if connection.vendor != "postgresql":
        pytest.skip("Le verrouillage de ligne (SELECT … FOR UPDATE) n'existe que sur PostgreSQL.")
    from django.db import OperationalError, transaction

    from jalons.conferences.services import _lock
    from jalons.territories.models import Region

    held = ConferenceFactory()
    other = ConferenceFactory(cycle=held.cycle, region=Region.objects.get(code="28"), city="Rouen")
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                _lock(held)  # what a registration in progress holds
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        assert register(other, UserFactory(), Answers(consent=True)).status == "confirmed"
        with pytest.raises(OperationalError, match="lock timeout"):
            register(held, UserFactory(), Answers(consent=True))
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
