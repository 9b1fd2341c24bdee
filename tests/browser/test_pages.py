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
