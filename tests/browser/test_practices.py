"""A good practice in Chromium: proposed, moderated, published, found by search, taken up elsewhere."""

import re

from jalons.practices.models import Adoption, GoodPractice
from jalons.territories.models import Region
from tests.factories import MembershipFactory, OrganisationFactory, RegionRoleFactory, UserFactory

from .conftest import assert_accessible, login

TITLE = "Laverie solidaire pour les familles hébergées"


def tick(page, label):
    """DSFR checkboxes and radios are ticked through their label, as a pointer user does."""
    page.locator("label", has_text=re.compile(f"^\\s*{re.escape(label)}\\s*$")).click()
    assert page.get_by_label(label, exact=True).is_checked()


def test_submit_moderate_publish_search_adopt(page):
    bretagne, normandie = Region.objects.get(code="53"), Region.objects.get(code="28")
    member = MembershipFactory(user__region=bretagne).user
    commissioner = RegionRoleFactory(region=bretagne, user__region=bretagne).user
    adopter = UserFactory(region=normandie, organisation=OrganisationFactory(name="CCAS de Caen", region=normandie))

    # 1. A member proposes a practice.
    login(page, member)
    page.goto("/bonnes-pratiques/proposer/")
    assert_accessible(page)
    page.get_by_label("Titre", exact=True).fill(TITLE)
    page.get_by_label(re.compile(r"^\s*Résumé")).fill(
        "Une laverie gratuite où les familles hébergées à l'hôtel lavent leur linge."
    )
    page.get_by_label(re.compile(r"^\s*Description")).fill(
        "Ouverte **trois jours** par semaine.\n\n- machines\n- café"
    )
    tick(page, "4. Accompagnement des familles, hébergement/logement, maraudes")
    page.get_by_label("Région", exact=True).select_option(label="Bretagne")
    page.get_by_label("Structure porteuse", exact=True).fill("Association Linge et lien")
    page.get_by_label("Catégorie de la structure porteuse").select_option(label="Associations")
    page.get_by_label("Public visé", exact=True).select_option(label="Familles")
    page.get_by_role("button", name="Envoyer à la modération").click()
    page.wait_for_url("**/bonnes-pratiques/*/")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("En attente de modération").is_visible()
    practice = GoodPractice.objects.get(title=TITLE)

    # 2. The region's commissioner publishes it.
    login(page, commissioner)
    page.goto("/bonnes-pratiques/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    assert_accessible(page)
    tick(page, "Publier")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_url(f"**/bonnes-pratiques/{practice.pk}/")
    assert page.get_by_text("Décision enregistrée : Publiée.").is_visible()

    # 3. Anyone finds it by searching without accents.
    page.context.clear_cookies()
    page.goto("/bonnes-pratiques/")
    page.get_by_label("Rechercher", exact=True).fill("laverie hebergees")
    page.get_by_label("Rechercher", exact=True).press("Enter")
    page.wait_for_url("**/bonnes-pratiques/?q=*")
    assert page.get_by_role("heading", name="1 bonne pratique").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/bonnes-pratiques/{practice.pk}/")
    assert_accessible(page)

    # 4. An organisation of another region records that it takes the practice up.
    login(page, adopter)
    page.goto(practice.get_absolute_url())
    tick(page, "Déployée")
    page.get_by_label("Notes (adaptations, contacts, résultats)").fill("Ouverte à Caen en 2020.")
    page.get_by_role("button", name="Enregistrer la reprise").click()
    page.wait_for_url(f"**/bonnes-pratiques/{practice.pk}/#essaimage")
    table = page.get_by_role("table", name="Organisations qui reprennent la pratique")
    assert "CCAS de Caen" in table.inner_text() and "Déployée" in table.inner_text()
    assert_accessible(page)
    assert Adoption.objects.get().status == Adoption.Status.DEPLOYED

    page.goto("/bonnes-pratiques/les-plus-essaimees/")
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert_accessible(page)


def test_catalogue_pages_and_filters_are_accessible(page):
    from tests.practices.factories import GoodPracticeFactory

    GoodPracticeFactory.create_batch(45, title="Bus des droits", workstreams=[12])
    page.goto("/bonnes-pratiques/?q=droits")
    assert page.get_by_role("heading", name="45 bonnes pratiques").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Page suivante").click()
    page.wait_for_url("**page=2*")
    assert "q=droits" in page.url
    assert_accessible(page)
    page.get_by_role("link", name="Dernière page").click()
    page.wait_for_url("**page=3*")
    assert page.locator(".fr-card").count() == 5
    assert_accessible(page)
    # Filters by keyboard-reachable selects, then the submit button.
    page.get_by_label("Chantier").select_option(value="12")
    page.get_by_label("Trier par").select_option(label="Essaimage")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.wait_for_url("**chantier=12*")
    assert page.get_by_role("heading", name="45 bonnes pratiques").is_visible()
    assert_accessible(page)
