import pytest
from django.core import mail
from django.urls import reverse

from jalons.accounts.models import Invitation
from jalons.conferences.invitations import parse_guest_list, send_invitations
from jalons.conferences.models import ConferenceInvitation, InvitationRun
from jalons.notifications.models import OutboxEmail
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_guest_list_parsing_reports_each_bad_line():
    guests, errors = parse_guest_list(
        "anne@exemple.fr\n"
        "\n"
        "Paul Durand <PAUL@exemple.fr>\n"
        "pas-une-adresse\n"
        "marie@exemple.fr;Marie;Le Gall\n"
        "anne@exemple.fr\n"
        "a@b.fr;x;y;z\n"
    )
    assert guests == [
        ("anne@exemple.fr", "", ""),
        ("paul@exemple.fr", "Paul", "Durand"),
        ("marie@exemple.fr", "Marie", "Le Gall"),
    ]
    assert errors == [
        "Ligne 4 : « pas-une-adresse » n'est pas une adresse e-mail valide.",
        "Ligne 6 : « anne@exemple.fr » figure déjà ligne 1.",
        "Ligne 7 : trop de colonnes (adresse ; prénom ; nom attendus).",
    ]


def test_invite_every_member_of_the_region_once(
    client_for, roles, conference, own_group, other_group, django_capture_on_commit_callbacks
):
    MembershipFactory.create_batch(3, group=own_group)
    MembershipFactory(group=other_group)  # another region: not invited
    client = client_for(roles["commissioner"])
    url = reverse("conferences:invitations", args=[conference.pk])
    # member, animator, the 3 new members (the managed member has no e-mail; member_other is in Normandie)
    assert "5 personnes avec une adresse e-mail" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "members"})
    assert response.status_code == 302
    run = InvitationRun.objects.get()
    assert (run.status, run.total, run.done) == ("done", 5, 5)
    assert len(mail.outbox) == 5
    assert all("Invitation : conférence régionale Bretagne" in message.subject for message in mail.outbox)
    assert reverse("conferences:register", args=[conference.pk]) in mail.outbox[0].body
    # The page shows the finished run, without polling.
    progress = client.get(reverse("conferences:invitation_progress", args=[conference.pk, run.pk])).content.decode()
    assert "5 sur 5 envoyée(s)" in progress and "hx-trigger" not in progress
    # Again: nobody is invited twice; the task run again sends nothing.
    MembershipFactory(group=own_group)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "members"})
    assert len(mail.outbox) == 6
    assert send_invitations.call(run.pk) == 0
    assert ConferenceInvitation.objects.filter(sent_at__isnull=False).count() == 6


def test_progress_is_polled_while_the_task_runs(client_for, roles, conference):
    run = InvitationRun.objects.create(conference=conference, kind="members", total=40, done=10, status="running")
    content = (
        client_for(roles["national"])
        .get(reverse("conferences:invitation_progress", args=[conference.pk, run.pk]))
        .content.decode()
    )
    assert 'hx-trigger="every 2s"' in content and "10 sur 40 envoyée(s)" in content


def test_guests_get_an_account_link_and_a_bad_list_writes_nothing(
    client_for, roles, conference, django_capture_on_commit_callbacks
):
    client = client_for(roles["commissioner"])
    url = reverse("conferences:invitations", args=[conference.pk])
    response = client.post(url, {"action": "guests", "guests": "ok@exemple.fr\nfaux@\n"})
    assert response.status_code == 400
    assert "Ligne 2 : « faux@ » n&#x27;est pas une adresse e-mail valide." in response.content.decode()
    assert not InvitationRun.objects.exists() and not OutboxEmail.objects.exists()
    known = UserFactory(email="connue@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "guests", "guests": "Léa Martin <lea@exemple.fr>\nconnue@exemple.fr"})
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Bonjour Léa Martin," in by_address["lea@exemple.fr"].body
    assert "/invitation/" in by_address["lea@exemple.fr"].body  # create an account first
    assert "/invitation/" not in by_address[known.email].body
    assert Invitation.objects.filter(email="lea@exemple.fr").count() == 1


def test_other_region_commissioner_cannot_invite(client_for, roles, conference):
    response = client_for(roles["commissioner_other"]).post(
        reverse("conferences:invitations", args=[conference.pk]), {"action": "members"}
    )
    assert response.status_code == 404
    assert not InvitationRun.objects.exists()
