import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from jalons.notifications.models import Notification, NotificationPreference, OutboxEmail
from jalons.notifications.services import notify, send_daily_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_immediate_email_by_default_through_the_outbox(django_capture_on_commit_callbacks):
    person, actor = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([person, actor], "Nouveau document", url="/groupes/1/", actor=actor)
    notification = Notification.objects.get()
    assert notification.recipient == person  # never the actor
    assert notification.digest_status == Notification.Digest.SENT
    assert OutboxEmail.objects.get().to == person.email
    assert len(mail.outbox) == 1
    assert "Nouveau document" in mail.outbox[0].body
    assert "http://localhost:8000/groupes/1/" in mail.outbox[0].body


def test_managed_members_are_not_notified():
    managed = UserFactory(managed=True)
    assert notify([managed], "Bonjour") == []
    assert not Notification.objects.exists()


def test_daily_digest_gathers_the_day_once(django_capture_on_commit_callbacks):
    person = UserFactory()
    NotificationPreference.objects.create(user=person, email=NotificationPreference.Email.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], "Premier événement", url="/groupes/1/")
        notify([person], "Second événement")
    assert mail.outbox == []
    assert Notification.objects.awaiting_digest().count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("send_notification_digest", stdout=out)
    assert "1" in out.getvalue()
    assert len(mail.outbox) == 1
    assert "2 notifications" in mail.outbox[0].subject
    assert "Premier événement" in mail.outbox[0].body and "Second événement" in mail.outbox[0].body
    # Run again (a second cron, a retried task): nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_never_email_keeps_notifications_in_the_site_only(django_capture_on_commit_callbacks):
    person = UserFactory()
    NotificationPreference.objects.create(user=person, email=NotificationPreference.Email.NEVER)
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], "Rien par e-mail")
        send_daily_digests()
    assert Notification.objects.filter(recipient=person).count() == 1
    assert mail.outbox == []


def test_badge_list_and_mark_read(client_for):
    person = UserFactory()
    Notification.objects.create(recipient=person, text="Votre demande est acceptée", url="/groupes/")
    Notification.objects.create(recipient=UserFactory(), text="Pour quelqu'un d'autre")
    client = client_for(person)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Votre demande est acceptée" in page
    assert "Pour quelqu'un d'autre" not in page
    assert '1<span class="fr-sr-only">non lues</span>' in page  # the header's badge
    notification = person.notifications.get()
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/groupes/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "non lues</span>" not in client.get(reverse("notifications:list")).content.decode()


def test_opening_someone_elses_notification_reveals_nothing(client_for):
    other = Notification.objects.create(recipient=UserFactory(), text="Privé", url="/groupes/9/")
    response = client_for(UserFactory()).post(reverse("notifications:open", args=[other.pk]))
    assert response["Location"] == reverse("notifications:list")
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client_for):
    person = UserFactory()
    for index in range(3):
        Notification.objects.create(recipient=person, text=f"N{index}")
    client_for(person).post(reverse("notifications:mark_all_read"))
    assert not person.notifications.unread().exists()


def test_preferences_form(client_for):
    person = UserFactory()
    client = client_for(person)
    response = client.post(reverse("notifications:preferences"), {"email": "daily"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=person).email == "daily"
    response = client.post(reverse("notifications:preferences"), {"email": "chaque heure"})
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert NotificationPreference.objects.get(user=person).email == "daily"


def test_notification_list_query_count_does_not_grow(client_for):
    from tests.utils import assert_constant_queries

    person = UserFactory()
    Notification.objects.create(recipient=person, text="N0", actor=UserFactory())

    def grow():
        Notification.objects.bulk_create(Notification(recipient=person, text=f"N{index}") for index in range(49))

    assert_constant_queries(client_for(person), reverse("notifications:list"), grow)


def test_line_breaks_never_reach_the_email_subject(django_capture_on_commit_callbacks):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], "Nouveau document :\r\nBcc: tous@exemple.test")
    assert mail.outbox[0].subject == "Jalons : Nouveau document : Bcc: tous@exemple.test"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


def test_digest_task_runs_through_the_task_backend(django_capture_on_commit_callbacks):
    from jalons.notifications.services import send_daily_digests_task

    person = UserFactory()
    NotificationPreference.objects.create(user=person, email=NotificationPreference.Email.DAILY)
    notify([person], "Un événement")
    with django_capture_on_commit_callbacks(execute=True):
        result = send_daily_digests_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1
