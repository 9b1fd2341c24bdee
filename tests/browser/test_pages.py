import pytest

from jalons.strategy.models import Membership
from tests.factories import MembershipFactory

from .conftest import assert_accessible, login

PUBLIC_PAGES = [
    "/",
    "/chantiers/",
    "/chantiers/14/",
    "/regions/",
    "/regions/53/",
    "/conferences/",
    "/tableau-de-bord/",
    "/presse/",
    "/connexion/",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/plan-du-site/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.title().endswith("Jalons")
    assert_accessible(page)


def test_account_page_is_accessible(page):
    member = MembershipFactory(group__region__code="53", role=Membership.Role.ANIMATOR).user
    login(page, member)
    assert page.get_by_role("heading", level=1).inner_text() == "Mon compte"
    assert_accessible(page)


def test_invalid_login_does_not_say_which_field_was_wrong(page):
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill("personne@exemple.test")
    page.get_by_label("Mot de passe").fill("faux")
    page.get_by_role("button", name="Se connecter").last.click()
    assert page.get_by_text("Adresse e-mail ou mot de passe incorrect.").is_visible()
    assert_accessible(page)


def tab_to(page, text, presses=80):
    """Press Tab until the element with this text has the focus, as a keyboard user would."""
    for _press in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    pytest.fail(f"« {text} » n'est pas atteignable au clavier.")


def test_keyboard_only_navigation(page):
    """From the home page, the skip link, then the main menu, reach the regions and one region, by keyboard."""
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Contenu"
    page.keyboard.press("Enter")
    assert page.url.endswith("#contenu")
    page.goto("/")
    tab_to(page, "Régions")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/")
    tab_to(page, "Bretagne")
    page.keyboard.press("Enter")
    page.wait_for_url("**/regions/53/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bretagne"


def test_national_team_drafts_and_publishes_a_press_release(page):
    from jalons.accounts.models import ActorCategory
    from tests.factories import UserFactory

    national = UserFactory(
        region=None, is_national_coordinator=True, category=ActorCategory.objects.get(slug="services-etat")
    )
    login(page, national)
    page.goto("/presse/")
    assert_accessible(page)
    page.get_by_role("button", name="Préparer le brouillon").click()
    page.wait_for_url("**/modifier/")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et publier").click()
    page.wait_for_url("**/presse/*/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Déploiement de la stratégie")
    assert page.get_by_text("Olivier Noblecourt").first.is_visible()
    assert_accessible(page)


def test_commissioner_produces_the_conference_dossier(page, live_server):
    from tests.factories import RegionRoleFactory

    commissioner = RegionRoleFactory(user__region__code="53").user
    login(page, commissioner)
    page.goto("/tableau-de-bord/")
    assert_accessible(page)
    page.get_by_role("button", name="Produire le dossier (PDF)").click()
    page.wait_for_url("**/tableau-de-bord/rapports/*/")
    # The test task backend builds the PDF as soon as the request commits; the page then offers it.
    page.get_by_role("link", name="Télécharger").wait_for(timeout=10_000)
    assert_accessible(page)
