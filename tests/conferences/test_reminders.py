import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jalons.conferences.models import Registration
from jalons.conferences.services import (
    Answers,
    RegistrationError,
    purge_answers,
    register,
    send_reminders,
    send_survey,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_week_and_day_reminders_are_sent_once_to_confirmed_people(conference, django_capture_on_commit_callbacks):
    conference.capacity = 2
    conference.save()
    early = timezone.now() - datetime.timedelta(days=40)
    people = UserFactory.create_batch(3)
    for person in people:
        register(conference, person, Answers(consent=True), now=early)
    Registration.objects.update(created_at=early)
    eight_days_before = conference.date - datetime.timedelta(days=8)
    assert send_reminders(today=eight_days_before) == {"week_reminder": 0, "day_reminder": 0}

    mail.outbox.clear()
    week_before = conference.date - datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=week_before) == {"week_reminder": 2, "day_reminder": 0}
        # The next day (a second run, a missed day caught up): nothing more.
        assert send_reminders(today=week_before + datetime.timedelta(days=1)) == {
            "week_reminder": 0,
            "day_reminder": 0,
        }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[:2])
    assert mail.outbox[0].subject.startswith("Dans une semaine")
    assert mail.outbox[0].attachments[0][0].endswith(".ics")

    mail.outbox.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_conference_reminders", stdout=out)  # today: the conference is a month away
        assert send_reminders(today=conference.date - datetime.timedelta(days=1))["day_reminder"] == 2
        assert send_reminders(today=conference.date - datetime.timedelta(days=1))["day_reminder"] == 0
    assert "0 à une semaine, 0 à la veille" in out.getvalue()
    assert [m.subject.split(" :")[0] for m in mail.outbox] == ["Demain", "Demain"]


def test_late_registrations_get_only_the_day_reminder(conference):
    register(conference, UserFactory(), Answers(consent=True))
    # Registered now, the conference is in 30 days; pretend the week reminder runs 7 days before it.
    Registration.objects.update(created_at=conference.starts_at - datetime.timedelta(days=3))
    assert send_reminders(today=conference.date - datetime.timedelta(days=7))["week_reminder"] == 0
    assert send_reminders(today=conference.date - datetime.timedelta(days=1))["day_reminder"] == 1


def test_survey_goes_to_attendees_only_once(conference, django_capture_on_commit_callbacks):
    present, absent = UserFactory.create_batch(2)
    register(conference, present, Answers(consent=True))
    register(conference, absent, Answers(consent=True))
    with pytest.raises(RegistrationError, match="lien du questionnaire"):
        send_survey(conference)
    Registration.objects.filter(user=present).update(checked_in_at=timezone.now())
    conference.survey_url = "https://questionnaire.exemple.fr/conference-rennes"
    conference.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_survey(conference) == 1
        assert send_survey(conference) == 0
    assert [m.to[0] for m in mail.outbox] == [present.email]
    assert "https://questionnaire.exemple.fr/conference-rennes" in mail.outbox[0].body
    assert mail.outbox[0].attachments == []


def test_cancelling_the_conference_tells_everyone_registered(
    client_for, roles, conference, django_capture_on_commit_callbacks
):
    conference.capacity = 1
    conference.save()
    confirmed, waiting = UserFactory.create_batch(2)
    register(conference, confirmed, Answers(consent=True))
    register(conference, waiting, Answers(consent=True))
    mail.outbox.clear()
    data = {
        "status": "cancelled",
        "date": conference.date.isoformat(),
        "start_time": "09:00",
        "end_time": "17:00",
        "city": "Rennes",
        "capacity": "5",  # a larger capacity promotes nobody to a cancelled conference
    }
    with django_capture_on_commit_callbacks(execute=True):
        client_for(roles["commissioner"]).post(reverse("conferences:conference_edit", args=[conference.pk]), data)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.email, waiting.email])
    assert all(m.subject.startswith("Conférence annulée") and not m.attachments for m in mail.outbox)
    assert Registration.objects.get(user=waiting).status == "waiting"


def test_answers_are_erased_six_months_after_the_conference(conference):
    register(conference, UserFactory(), Answers(consent=True, dietary_needs="Végétarien", answer="Le bus"))
    out = io.StringIO()
    call_command("purge_conference_answers", stdout=out)
    assert "Réponses effacées : 0 inscription(s)." in out.getvalue()
    assert purge_answers(today=conference.date + datetime.timedelta(days=183)) == 0
    assert purge_answers(today=conference.date + datetime.timedelta(days=184)) == 1
    registration = Registration.objects.get()
    assert (registration.dietary_needs, registration.answer, registration.status) == ("", "", "confirmed")
