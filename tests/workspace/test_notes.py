import pytest
from django.urls import reverse

from jalons.notifications.models import Notification
from jalons.workspace.models import MeetingNote

pytestmark = pytest.mark.django_db


def test_member_writes_meeting_notes(roles, own_group, client_for):
    client = client_for(roles["member"])
    response = client.post(
        reverse("workspace:note_create", args=[own_group.pk]),
        {
            "title": "Réunion de lancement",
            "date": "2019-06-20",
            "participants": [roles["member"].pk, roles["animator"].pk],
            "other_participants": "Mme Le Gall, CAF d'Ille-et-Vilaine",
            "minutes": "Tour de table des **partenaires**.",
            "decisions": "- Un atelier par mois",
            "actions": "- Envoyer le diagnostic (animatrice, 30/06)",
        },
    )
    assert response.status_code == 302
    note = MeetingNote.objects.get()
    assert set(note.participants.all()) == {roles["member"], roles["animator"]}
    content = client.get(note.get_absolute_url()).content.decode()
    assert "<strong>partenaires</strong>" in content
    assert "<li>Un atelier par mois</li>" in content
    assert "Mme Le Gall" in content
    assert Notification.objects.filter(recipient=roles["animator"], text__contains="compte rendu").exists()


def test_bad_meeting_notes_are_refused_in_french(roles, own_group, client_for):
    response = client_for(roles["member"]).post(
        reverse("workspace:note_create", args=[own_group.pk]),
        {"title": "", "date": "31/02/2019", "participants": [roles["member_other"].pk], "minutes": ""},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ce champ est obligatoire" in content
    assert "Saisissez une date valide" in content
    # Only the group's members can be listed as participants.
    assert "Sélectionnez un choix valide" in content
    assert not MeetingNote.objects.exists()


def test_author_and_animator_edit_notes_other_members_do_not(roles, own_group, client_for):
    from tests.factories import MembershipFactory

    from .builders import make_note

    note = make_note(own_group, roles["member"])
    url = reverse("workspace:note_edit", args=[note.pk])
    data = {"title": "Réunion de lancement (corrigé)", "date": "2019-06-21", "minutes": "Tour de table complet."}
    assert client_for(roles["member"]).post(url, data).status_code == 302
    note.refresh_from_db()
    assert (note.title, str(note.date)) == ("Réunion de lancement (corrigé)", "2019-06-21")
    assert client_for(roles["animator"]).post(url, {**data, "title": "Par l'animatrice"}).status_code == 302
    other_member = MembershipFactory(group=own_group).user
    assert client_for(other_member).post(url, {**data, "title": "Non"}).status_code == 403
    note.refresh_from_db()
    assert note.title == "Par l'animatrice"


def test_note_form_explains_the_markdown_subset(roles, own_group, client_for):
    content = client_for(roles["member"]).get(reverse("workspace:note_create", args=[own_group.pk])).content.decode()
    assert "Qui fait quoi, pour quand. Mise en forme simple" in content
