import re

from jalons.strategy.models import Membership, WorkingGroup
from jalons.workspace.models import DocumentVersion, Message, MessageReport
from tests.factories import MembershipFactory, UserFactory
from tests.workspace.builders import PDF_BYTES, make_document, make_note, make_thread

from .conftest import assert_accessible, login


def sign_out(page):
    page.context.clear_cookies()


def test_join_accept_post_upload_and_notification(page):
    group = WorkingGroup.objects.get(region__code="53", workstream__number=14)
    animator = MembershipFactory(group=group, role=Membership.Role.ANIMATOR).user
    thread = make_thread(group, animator, title="Préparation de l'atelier")
    person = UserFactory(region=group.region)

    # A person of the region finds the group and asks to join.
    login(page, person)
    page.goto("/groupes/region/53/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^14\. ")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Demander à rejoindre le groupe").click()
    assert page.get_by_text("Votre demande est envoyée").is_visible()
    assert_accessible(page)

    # The animator accepts.
    sign_out(page)
    login(page, animator)
    page.goto(f"/groupes/{group.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Accepter {person.get_full_name()}").click()
    assert page.get_by_text("fait désormais partie du groupe").is_visible()

    # The new member posts in the thread, uploads a document, and finds the notification.
    sign_out(page)
    login(page, person)
    assert page.locator("header").get_by_role("link", name=re.compile("Notifications 1")).is_visible()
    page.goto(thread.get_absolute_url())
    page.get_by_label("Votre réponse").fill("Je viendrai avec **deux personnes** de notre collectif.")
    page.get_by_role("button", name="Publier la réponse").click()
    assert page.locator("strong", has_text="deux personnes").is_visible()
    assert Message.objects.filter(thread=thread, author=person).exists()
    assert_accessible(page)

    page.goto(f"/groupes/{group.pk}/documents/deposer/")
    page.get_by_label("Titre du document").fill("Bilan de l'atelier")
    page.get_by_label("Fichier").set_input_files(
        {"name": "bilan.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Déposer", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bilan de l'atelier"
    assert DocumentVersion.objects.get(document__title="Bilan de l'atelier").content_type == "application/pdf"
    assert_accessible(page)

    page.locator("header").get_by_role("link", name=re.compile("Notifications")).click()
    assert page.get_by_text("Votre demande pour rejoindre le groupe").first.is_visible()
    assert_accessible(page)


def test_every_workspace_page_is_accessible(page):
    group = WorkingGroup.objects.get(region__code="53", workstream__number=14)
    animator = MembershipFactory(group=group, role=Membership.Role.ANIMATOR).user
    member = MembershipFactory(group=group).user
    MembershipFactory(group=group, user=UserFactory(managed=True, managed_by=animator))
    MembershipFactory(group=group, status=Membership.Status.PENDING)
    thread = make_thread(group, member, messages=3)
    message, hidden = thread.messages.all()[:2]
    # A hidden message and a reported one, so that the moderation parts of the pages are checked too.
    hidden.hidden_at, hidden.hidden_by, hidden.hidden_reason = hidden.created_at, animator, "Hors sujet"
    hidden.save()
    MessageReport.objects.create(message=message, reporter=member, reason="Coordonnées personnelles")
    document = make_document(group, member)
    note = make_note(group, member)
    pages = [
        "/groupes/",
        "/groupes/region/53/",
        f"/groupes/{group.pk}/",
        f"/groupes/{group.pk}/membres/",
        f"/groupes/{group.pk}/membres/ajouter/",
        f"/groupes/{group.pk}/inviter/",
        f"/groupes/{group.pk}/discussions/",
        f"/groupes/{group.pk}/discussions/nouvelle/",
        thread.get_absolute_url(),
        f"/groupes/messages/{message.pk}/masquer/",
        f"/groupes/messages/{message.pk}/signaler/",
        f"/groupes/{group.pk}/documents/",
        f"/groupes/{group.pk}/documents/deposer/",
        document.get_absolute_url(),
        f"/groupes/{group.pk}/comptes-rendus/",
        f"/groupes/{group.pk}/comptes-rendus/nouveau/",
        note.get_absolute_url(),
        "/notifications/",
        "/notifications/preferences/",
    ]
    login(page, animator)
    for path in pages:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    # The member's own message can be edited; an invitation list with a bad address comes back with errors.
    sign_out(page)
    login(page, member)
    page.goto(f"/groupes/messages/{message.pk}/modifier/")
    assert_accessible(page)
    sign_out(page)
    login(page, animator)
    page.goto(f"/groupes/{group.pk}/inviter/")
    page.get_by_label("Adresses e-mail").fill("bonne@exemple.test\nmauvaise-adresse")
    page.get_by_role("button", name="Envoyer les invitations").click()
    assert page.get_by_text("mauvaise-adresse").first.is_visible()
    assert_accessible(page)
    # The summary seen by a person of the region who is not a member.
    sign_out(page)
    login(page, UserFactory(region=group.region))
    page.goto(f"/groupes/{group.pk}/")
    assert_accessible(page)
