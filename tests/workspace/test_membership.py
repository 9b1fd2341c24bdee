import re

import pytest
from django.core import mail
from django.urls import reverse

from jalons.accounts.models import Invitation, User
from jalons.core.permissions import can_act_for
from jalons.notifications.models import Notification, OutboxEmail
from jalons.strategy.models import Membership
from jalons.workspace.models import Message

pytestmark = pytest.mark.django_db


def test_ask_to_join_then_animator_accepts(roles, own_group, client_for, django_capture_on_commit_callbacks):
    person = roles["region_person"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(person).post(reverse("workspace:ask_to_join", args=[own_group.pk]))
    assert response.status_code == 302
    membership = Membership.objects.get(user=person, group=own_group)
    assert membership.status == Membership.Status.PENDING
    # The animator is told, in the site and by e-mail.
    assert Notification.objects.filter(recipient=roles["animator"], text__contains="demande à rejoindre").exists()
    assert [message.to for message in mail.outbox] == [[roles["animator"].email]]
    # A pending request gives no access yet.
    assert client_for(person).get(reverse("workspace:thread_list", args=[own_group.pk])).status_code == 403
    page = client_for(roles["animator"]).get(reverse("workspace:group_detail", args=[own_group.pk]))
    assert person.get_full_name() in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roles["animator"]).post(reverse("workspace:accept_request", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert Notification.objects.filter(recipient=person, text__contains="est acceptée").exists()
    assert client_for(person).get(reverse("workspace:thread_list", args=[own_group.pk])).status_code == 200


def test_animator_declines_a_request(roles, own_group, client_for):
    person = roles["region_person"]
    membership = Membership.objects.create(user=person, group=own_group, status=Membership.Status.PENDING)
    client_for(roles["animator"]).post(reverse("workspace:decline_request", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Notification.objects.filter(recipient=person, text__contains="n'a pas été retenue").exists()


def test_a_member_cannot_accept_requests(roles, own_group, client_for):
    membership = Membership.objects.create(user=roles["region_person"], group=own_group, status="pending")
    response = client_for(roles["member"]).post(reverse("workspace:accept_request", args=[membership.pk]))
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_person_of_another_region_cannot_ask_to_join(roles, own_group, client_for):
    response = client_for(roles["member_other"]).post(reverse("workspace:ask_to_join", args=[own_group.pk]))
    assert response.status_code == 404
    assert not Membership.objects.filter(user=roles["member_other"], group=own_group).exists()


def test_leave_a_group(roles, own_group, client_for):
    client_for(roles["member"]).post(reverse("workspace:leave_group", args=[own_group.pk]))
    assert not Membership.objects.filter(user=roles["member"], group=own_group).exists()


def test_the_only_animator_cannot_leave(roles, own_group, client_for):
    response = client_for(roles["animator"]).post(reverse("workspace:leave_group", args=[own_group.pk]), follow=True)
    assert Membership.objects.filter(user=roles["animator"], group=own_group).exists()
    assert "seule personne qui anime ce groupe" in response.content.decode()


def test_invite_a_pasted_list(roles, own_group, client_for, django_capture_on_commit_callbacks):
    pasted = "alice@exemple.test, pas-une-adresse\nbob@exemple.test;  @oups.fr\n" + roles["member"].email
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roles["animator"]).post(
            reverse("workspace:invite", args=[own_group.pk]), {"addresses": pasted}
        )
    assert response.status_code == 200  # the form comes back with the malformed addresses
    content = response.content.decode()
    assert "ne sont pas valides" in content
    assert "pas-une-adresse" in content and "@oups.fr" in content
    # The valid ones are invited, the existing member is not invited again.
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["alice@exemple.test", "bob@exemple.test"]
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@exemple.test", "bob@exemple.test"]
    link = re.search(r"https?://\S+/invitation/(\S+)/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    invitation = Invitation.find_usable(link.group(1))
    assert invitation is not None and invitation.group == own_group


def test_invitation_accepted_makes_a_member(roles, own_group, client):
    invitation, token = Invitation.create("carole@exemple.test", invited_by=roles["animator"], group=own_group)
    client.post(
        reverse("accounts:accept_invitation", args=[token]),
        {
            "first_name": "Carole",
            "last_name": "Le Bihan",
            "password1": "un mot de passe solide",
            "password2": "un mot de passe solide",
        },
    )
    person = User.objects.get(email="carole@exemple.test")
    assert Membership.objects.get(user=person, group=own_group).status == Membership.Status.ACTIVE


def test_invitation_list_with_only_bad_addresses_stores_nothing(roles, own_group, client_for):
    response = client_for(roles["animator"]).post(
        reverse("workspace:invite", args=[own_group.pk]), {"addresses": "nimporte quoi"}
    )
    assert response.status_code == 200
    assert "ne sont pas valides" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_animator_adds_a_managed_member_and_posts_for_them(roles, own_group, client_for):
    client = client_for(roles["animator"])
    category = roles["member"].category
    response = client.post(
        reverse("workspace:add_managed_member", args=[own_group.pk]),
        {"first_name": "Josiane", "last_name": "Kerouac", "category": category.pk, "phone": ""},
    )
    assert response.status_code == 302
    person = User.objects.get(first_name="Josiane")
    assert person.email is None and person.managed_by == roles["animator"]
    assert Membership.objects.get(user=person, group=own_group).status == Membership.Status.ACTIVE
    assert can_act_for(roles["animator"], person)
    assert not can_act_for(roles["member"], person)
    response = client.post(
        reverse("workspace:thread_create", args=[own_group.pk]),
        {"title": "Mon expérience", "body": "Ce que j'ai vécu.", "on_behalf_of": str(person.pk)},
    )
    assert response.status_code == 302
    message = Message.objects.get(thread__title="Mon expérience")
    assert (message.author, message.posted_by) == (person, roles["animator"])


def test_a_member_cannot_post_for_someone_else(roles, own_group, client_for):
    response = client_for(roles["member"]).post(
        reverse("workspace:thread_create", args=[own_group.pk]),
        {"title": "Essai", "body": "Bonjour", "on_behalf_of": str(roles["managed"].pk)},
    )
    assert response.status_code == 302
    assert Message.objects.get(thread__title="Essai").author == roles["member"]


def test_member_directory_shows_contacts_to_members_only(roles, own_group, client_for):
    roles["member"].phone = "02 99 00 00 00"
    roles["member"].save()
    url = reverse("workspace:member_directory", args=[own_group.pk])
    assert roles["member"].email in client_for(roles["animator"]).get(url).content.decode()
    for role in ("region_person", "commissioner", "national"):
        outsider = client_for(roles[role]).get(url).content.decode()
        assert roles["member"].get_full_name() in outsider, role
        assert roles["member"].email not in outsider, role
        assert "02 99 00 00 00" not in outsider, role


def test_withdraw_a_pending_request(roles, own_group, client_for):
    Membership.objects.create(user=roles["region_person"], group=own_group, status=Membership.Status.PENDING)
    response = client_for(roles["region_person"]).post(
        reverse("workspace:leave_group", args=[own_group.pk]), follow=True
    )
    assert "Votre demande est retirée" in response.content.decode()
    assert not Membership.objects.filter(user=roles["region_person"], group=own_group).exists()


def test_animator_removes_a_member_but_not_the_last_animator(roles, own_group, client_for):
    client = client_for(roles["animator"])
    member = Membership.objects.get(user=roles["member"], group=own_group)
    client.post(reverse("workspace:remove_member", args=[member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()
    assert Notification.objects.filter(recipient=roles["member"], text__contains="ne faites plus partie").exists()
    own = Membership.objects.get(user=roles["animator"], group=own_group)
    response = client.post(reverse("workspace:remove_member", args=[own.pk]), follow=True)
    assert "Quitter le groupe" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    response = client_for(roles["commissioner"]).post(reverse("workspace:remove_member", args=[own.pk]), follow=True)
    assert "au moins une personne qui l'anime" in response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()


def test_animator_edits_the_group_description(roles, own_group, client_for):
    url = reverse("workspace:group_edit", args=[own_group.pk])
    client_for(roles["animator"]).post(url, {"description": "Nous nous réunissons **chaque mois** à Rennes."})
    own_group.refresh_from_db()
    assert own_group.description.startswith("Nous nous réunissons")
    assert client_for(roles["member"]).post(url, {"description": "x"}).status_code == 403


def test_invitation_list_without_any_address_is_refused(roles, own_group, client_for):
    response = client_for(roles["animator"]).post(
        reverse("workspace:invite", args=[own_group.pk]), {"addresses": " , ;\n"}
    )
    assert "Saisissez au moins une adresse e-mail." in response.content.decode()
    assert not Invitation.objects.exists()


def test_invitation_grants_a_pending_request(roles, own_group, client_for):
    person = roles["region_person"]
    Membership.objects.create(user=person, group=own_group, status=Membership.Status.PENDING)
    _invitation, token = Invitation.create(person.email, invited_by=roles["animator"], group=own_group)
    client_for(None).get(reverse("accounts:accept_invitation", args=[token]))
    assert Membership.objects.get(user=person, group=own_group).status == Membership.Status.ACTIVE
