import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from jalons.conferences.models import Registration
from jalons.conferences.services import Answers, RegistrationError, register, send_reminders, send_survey
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
