"""In Chromium: an animator updates an action and fills a checkpoint, the commissioner submits the roadmap, the
national team validates it; every page on the way passes axe-core."""

import datetime

from playwright.sync_api import expect

from jalons.accounts.models import RegionRole
from jalons.progress.models import Checkpoint, Constraint, Roadmap, RoadmapAction
from jalons.strategy.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.progress.factories import ActionFactory, ConstraintFactory, IndicatorValueFactory, RoadmapFactory

from .conftest import assert_accessible, login

BAD_CSV = (
    "identifiant,region,chantier,intitule,description,structure_pilote,partenaires,responsable,debut,echeance,"
    "statut,avancement\n"
    "A-1,53,14,Une action,,,,,2019-09-01,2020-06-30,En cours,120\n"
    "A-2,99,14,Une autre,,,,,2019-09-01,2020-06-30,En cours,10\n"
)


def switch_user(page, user):
    page.context.clear_cookies()
    login(page, user)


def test_roadmap_workflow_in_the_browser(page):
    animator = MembershipFactory(group__region__code="53", role=Membership.Role.ANIMATOR).user
    commissioner = RegionRole.objects.create(region_id=animator.region_id, user=UserFactory()).user
    national = UserFactory(region=None, is_national_coordinator=True)
    roadmap = RoadmapFactory(period="2019-2020")
    action = ActionFactory(roadmap=roadmap, title="Installer le comité des personnes concernées", progress=20)
    ConstraintFactory(level=Constraint.Level.NATIONAL, status=Constraint.Status.ESCALATED)

    # The animator updates the action of their chantier.
    login(page, animator)
    page.goto("/regions/53/feuille-de-route/")
    assert page.get_by_role("heading", level=1).inner_text() == "Feuille de route 2019-2020 — Bretagne"
    assert_accessible(page)
    page.get_by_role("link", name="Modifier : Installer le comité des personnes concernées").click()
    page.get_by_label("Statut").select_option("En cours")
    page.get_by_label("Avancement (%)").fill("60")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/feuille-de-route/?periode=2019-2020#action-*")
    assert page.get_by_text("est enregistrée").is_visible()
    # The history opens in place: the summary (a keyboard control) loads it from its page.
    row = page.locator(f"#action-{action.pk}")
    summary = row.locator("summary")
    assert summary.inner_text().startswith("Historique (1 modification)")
    summary.focus()
    page.keyboard.press("Enter")
    expect(row.locator("del", has_text="20")).to_be_visible()
    expect(row.get_by_text("Avancement (%) :")).to_be_visible()
    assert row.get_by_role("link", name="Voir l'historique").count() == 0
    assert_accessible(page)
    action.refresh_from_db()
    assert action.progress == 60
    # Its own page, for those without JavaScript.
    page.goto(f"/regions/53/feuille-de-route/actions/{action.pk}/historique/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Historique : Installer le comité des personnes concernées"
    )
    expect(page.locator("del", has_text="20")).to_be_visible()
    assert_accessible(page)

    # ...then fills the checkpoint of their chantier.
    page.goto("/regions/53/points-d-etape/")
    assert_accessible(page)
    page.get_by_role("link", name="Faire le point — chantier 14").click()
    page.get_by_label("Date").fill("2019-07-01")
    page.get_by_text("À surveiller", exact=True).click()
    page.get_by_label("Où en est le chantier").fill("Le comité est installé, les financements manquent.")
    page.get_by_label("Une contrainte à lever").fill("Pas de prise en charge des déplacements")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer le point d'étape").click()
    page.wait_for_url("**/regions/53/points-d-etape/")
    assert page.get_by_text("Le comité est installé, les financements manquent.").is_visible()
    assert Checkpoint.objects.get(region__code="53").status == Checkpoint.Status.WATCH

    # The commissioner submits the roadmap.
    switch_user(page, commissioner)
    # A faulty file is refused, every error listed by row and column.
    page.goto(f"/regions/53/feuille-de-route/{roadmap.pk}/importer/")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        files=[{"name": "actions.csv", "mimeType": "text/csv", "buffer": BAD_CSV.encode()}]
    )
    page.get_by_role("button", name="Importer").click()
    assert page.get_by_text("Le fichier n'a pas été importé : 2 erreurs").is_visible()
    assert page.get_by_role("cell", name="120 est hors de l'intervalle 0 à 100").is_visible()
    assert_accessible(page)
    assert roadmap.actions.count() == 1
    page.goto("/regions/53/feuille-de-route/")
    page.goto("/regions/53/feuille-de-route/")
    page.get_by_label("Commentaire").fill("Version issue du comité de pilotage.")
    page.get_by_role("button", name="Soumettre à la délégation nationale").click()
    assert page.locator("#statut-feuille-de-route").text_content().strip() == "Soumise"
    assert_accessible(page)
    page.goto("/regions/53/forces-et-contraintes/")
    assert_accessible(page)

    # The national team validates it.
    switch_user(page, national)
    page.goto("/regions/53/feuille-de-route/")
    page.get_by_label("Commentaire").fill("Validée en comité national.")
    page.get_by_role("button", name="Valider").click()
    assert page.locator("#statut-feuille-de-route").text_content().strip() == "Validée"
    assert page.get_by_text("Validée en comité national.").is_visible()
    assert_accessible(page)
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.VALIDATED
    assert list(roadmap.transitions.values_list("author", flat=True)) == [commissioner.pk, national.pk]
    page.goto("/contraintes/")
    assert_accessible(page)
    page.goto("/points-d-etape/campagnes/")
    page.get_by_label("Intitulé").fill("Points d'étape 2020")
    page.get_by_label("Date limite").fill("2020-06-01")
    page.get_by_role("button", name="Ouvrir la campagne").click()
    assert page.get_by_text("Campagne en cours : Points d'étape 2020").is_visible()
    assert_accessible(page)


def test_indicator_page_is_accessible(page):
    value = IndicatorValueFactory(date=datetime.date(2019, 12, 31), value=40, target_value=100)
    IndicatorValueFactory(indicator=value.indicator, date=datetime.date(2020, 12, 31), value=55, target_value=100)
    page.goto("/indicateurs/")
    assert_accessible(page)
    page.goto(f"/indicateurs/{value.indicator.code}/")
    assert page.locator("svg.jalons-chart").count() == 1
    assert_accessible(page)
    assert RoadmapAction.objects.count() == 0
