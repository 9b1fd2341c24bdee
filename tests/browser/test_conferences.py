import datetime

from django.core import mail

from jalons.conferences.models import AgendaItem, Registration
from jalons.notifications.models import OutboxEmail
from jalons.strategy.models import Membership
from tests.conferences.factories import ConferenceFactory, WorkshopFactory
from tests.factories import MembershipFactory, RegionRoleFactory

from .conftest import assert_accessible, login


def make_conference():
    conference = ConferenceFactory(capacity=1, question="Quelle bonne pratique souhaitez-vous partager ?")
    AgendaItem.objects.create(conference=conference, order=1, start_time=datetime.time(9, 0), title="Accueil")
    AgendaItem.objects.create(
        conference=conference,
        order=2,
        start_time=datetime.time(16, 30),
        title="Clôture",
        speakers="Clôture par la secrétaire d'État",
    )
    WorkshopFactory(conference=conference, title="Accès à l'alimentation", capacity=10)
    return conference


def test_register_receive_the_email_then_cancel(page):
    conference = make_conference()
    member = MembershipFactory(group__region__code="53").user
    login(page, member)
    page.goto(f"/conferences/{conference.pk}/")
    assert page.get_by_text("Clôture par la secrétaire d'État").is_visible()
    assert page.get_by_text("1 place restante sur 1.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="S'inscrire").click()
    page.wait_for_url(f"**/conferences/{conference.pk}/inscription/")
    assert_accessible(page)
    # Without consent: a French error, nothing written.
    page.get_by_role("button", name="Confirmer mon inscription").click()
    assert page.get_by_text("Cochez cette case pour vous inscrire.").is_visible()
    assert not Registration.objects.exists()
    assert_accessible(page)
    page.get_by_label("Accès à l'alimentation").check(force=True)
    page.get_by_label("Régime alimentaire pour le déjeuner").fill("Végétarien")
    page.get_by_label("Quelle bonne pratique souhaitez-vous partager ?").fill("Le bus de l'emploi")
    page.get_by_label("J'accepte que ces informations").check(force=True)
    page.get_by_role("button", name="Confirmer mon inscription").click()
    page.wait_for_url(f"**/conferences/{conference.pk}/mon-inscription/")
    assert page.get_by_text("Votre inscription est confirmée.").is_visible()
    assert page.locator("figure svg").count() == 1  # the QR code
    assert_accessible(page)

    registration = Registration.objects.get(user=member)
    assert (registration.status, registration.workshop.title, registration.dietary_needs) == (
        "confirmed",
        "Accès à l'alimentation",
        "Végétarien",
    )
    email = OutboxEmail.objects.get(to=member.email)
    assert email.subject.startswith("Votre inscription est confirmée")
    assert [message.to for message in mail.outbox] == [[member.email]]
    assert [attachment[0] for attachment in mail.outbox[0].attachments] == [
        f"conference-{conference.pk}.ics",
        "code-inscription.png",
    ]

    page.get_by_role("link", name="Annuler l'inscription").click()
    page.wait_for_url(f"**/conferences/{conference.pk}/mon-inscription/annuler/")
    assert_accessible(page)
    page.get_by_role("button", name="Oui, annuler l'inscription").click()
    page.wait_for_url(f"**/conferences/{conference.pk}/")
    assert page.get_by_text("Votre inscription est annulée.").is_visible()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert (
        OutboxEmail.objects.filter(to=member.email, subject__startswith="Votre inscription est annulée").count() == 1
    )


def test_organiser_pages_are_accessible(page):
    conference = make_conference()
    commissioner = RegionRoleFactory(region=conference.region, user__region=conference.region).user
    commissioner.is_national_coordinator = True  # to reach the cycle creation page as well
    commissioner.save()
    attendee = MembershipFactory(group__region__code="53", role=Membership.Role.MEMBER).user
    from jalons.conferences.services import Answers, register

    registration = register(conference, attendee, Answers(consent=True))
    login(page, commissioner)
    for path in [
        f"/conferences/{conference.pk}/",
        f"/conferences/{conference.pk}/modifier/",
        f"/conferences/{conference.pk}/programme/",
        f"/conferences/{conference.pk}/invitations/",
        f"/conferences/{conference.pk}/apres/",
        "/conferences/nouvelle/",
        "/conferences/cycles/nouveau/",
        f"/conferences/{conference.pk}/emargement/",
        f"/conferences/{conference.pk}/emargement/?code={registration.token}",
        "/conferences/?region=53",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1
        assert_accessible(page)
    # Invite the members of the region's groups: the run and its progress are shown.
    page.goto(f"/conferences/{conference.pk}/invitations/")
    page.get_by_role("button", name="Inviter tous les membres des groupes").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 sur 1 envoyée(s)").is_visible()
    assert_accessible(page)
    # Scan the QR code (a scanner types the link into the field), then scan it again: harmless.
    page.goto(f"/conferences/{conference.pk}/emargement/")
    for _scan in range(2):
        page.get_by_label("Code personnel (QR code)").fill(
            f"http://127.0.0.1:8000/conferences/{conference.pk}/emargement/?code={registration.token}"
        )
        page.get_by_role("button", name="Enregistrer la présence").first.click()
        page.wait_for_load_state()
    assert page.get_by_text("était déjà enregistré·e").is_visible()
    assert_accessible(page)
    assert Registration.objects.get(pk=registration.pk).checked_in_at is not None
