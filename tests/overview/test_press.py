import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from jalons.accounts.models import ActorCategory, User
from jalons.conferences.models import ConferenceCycle
from jalons.overview.models import PressRelease
from jalons.territories.models import Region
from tests.utils import visitor_pages_expire

# Every fact of shared/seed/communique-2019-06-17.md, as the draft must carry it.
SEED_FACTS = [
    "Paris, le 17 juin 2019",
    "annoncée par le Président de la République le 13 septembre 2018",
    "repose sur l'implication forte des territoires",
    "**Olivier Noblecourt**, délégué interministériel à la stratégie de prévention et de lutte contre la pauvreté",
    "**un second cycle de conférences territoriales durant les mois de juin et juillet**",
    "**Christelle Dubos**, secrétaire d'Etat auprès de la Ministre des Solidarités et de la Santé",
    "qui clôturera certaines conférences",
    "donner aux participants un aperçu des avancées et du déploiement de la stratégie au niveau national",
    "faire un point d'avancement des chantiers sur le terrain",
    "identifier les forces et les contraintes à lever pour finaliser les feuilles de route des acteurs régionaux",
    "partager les bonnes pratiques et idées déjà à l'œuvre sur les territoires",
    "**soutenir la mobilisation des acteurs et la dynamique qui s'est établie**",
    "tous les animateurs et membres des groupes de travail impliqués, notamment via l'espace numérique de travail",
    "collectivités, services de l'État, associations, travailleurs sociaux, personnes concernées",
    "**plus de 6 000 personnes**",
    "18 juin : Pays de la Loire (Angers)",
    "19 juin : Île-de-France (Paris, Sorbonne)",
    "26 juin : Centre-Val de Loire (Orléans)",
    "27 juin : Nouvelle-Aquitaine (Bordeaux)",
    "28 juin : Provence-Alpes-Côte d'Azur (Toulon)",
    "2 juillet : Normandie (Rouen)",
    "3 juillet : Grand Est (Metz)",
    "5 juillet : Occitanie (Montpellier)",
    "8 juillet : Bretagne (Rennes)",
    "10 juillet : Hauts-de-France (Lille)",
    "11 juillet : Bourgogne-Franche-Comté (Dijon)",
    "12 juillet : Auvergne-Rhône-Alpes (Lyon)",
    "Anne-Catherine Ferrari : [anne-catherine.ferrari@sante.gouv.fr](mailto:anne-catherine.ferrari@sante.gouv.fr)",
    "Les 15 chantiers",
    "- Développement de l'offre d'accueil du jeune enfant et de la mixité sociale",
    "- Accès aux droits, accueils sociaux, data mining",
    "- Engagement des entreprises",
]


@pytest.fixture
def six_thousand_people(db):
    category, region = ActorCategory.objects.get(slug="associations"), Region.objects.get(code="53")
    User.objects.bulk_create(
        User(email=f"p{n}@exemple.test", first_name="P", last_name=str(n), category=category, region=region)
        for n in range(6042)
    )


@pytest.mark.django_db
def test_draft_command_carries_every_fact_of_the_seed(six_thousand_people, tmp_path):
    output = tmp_path / "communique.md"
    cycle = ConferenceCycle.objects.get()
    call_command("draft_press_release", cycle=cycle.pk, output=str(output), stdout=io.StringIO())
    text = output.read_text(encoding="utf-8")
    missing = [fact for fact in SEED_FACTS if fact not in text]
    assert not missing, missing
    assert "Déploiement de la stratégie nationale de prévention et de lutte contre la pauvreté" in text


@pytest.mark.django_db
def test_draft_command_names_the_known_cycles_when_the_cycle_is_unknown(tmp_path):
    with pytest.raises(CommandError, match="Cycle 999 inconnu. Cycles : .*Second cycle"):
        call_command("draft_press_release", cycle=999, output=str(tmp_path / "x.md"))
    assert not (tmp_path / "x.md").exists()


@pytest.mark.django_db
def test_national_team_drafts_edits_and_publishes(client, roles):
    cycle = ConferenceCycle.objects.get()
    client.force_login(roles["national"])
    response = client.post(reverse("overview:press_release_draft"), {"cycle": cycle.pk})
    release = PressRelease.objects.get()
    assert response.url == reverse("overview:press_release_edit", args=[release.pk])
    assert release.status == PressRelease.Status.DRAFT
    client.logout()
    assert client.get(release.get_absolute_url()).status_code == 404
    assert "Déploiement" not in client.get(reverse("overview:press_release_list")).content.decode()

    client.force_login(roles["national"])
    data = {"title": release.title, "place": "Paris", "date": "2019-06-17", "body": release.body + "\n\nAjout."}
    response = client.post(reverse("overview:press_release_edit", args=[release.pk]), {**data, "publish": ""})
    release.refresh_from_db()
    assert release.is_published and release.body.endswith("Ajout.")
    client.logout()
    visitor_pages_expire()
    page = client.get(release.get_absolute_url()).content.decode()
    assert "<strong>Olivier Noblecourt</strong>" in page and "Paris, le 17 juin 2019" in page
    assert escape(release.title) in client.get(reverse("overview:press_release_list")).content.decode()
    markdown = client.get(reverse("overview:press_release_markdown", args=[release.pk]))
    assert markdown["Content-Disposition"] == 'attachment; filename="communique-2019-06-17.md"'
    assert "### Déploiement" in markdown.content.decode()
    pdf = client.get(reverse("overview:press_release_pdf", args=[release.pk]))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages).split())
    assert "Paris, le 17 juin 2019" in text and "Olivier Noblecourt" in text and "Ajout." in text


@pytest.mark.django_db
def test_bad_edit_names_the_field_and_changes_nothing(client, roles):
    release = PressRelease.objects.create(title="Titre", place="Paris", date="2019-06-17", body="Texte")
    client.force_login(roles["national"])
    response = client.post(
        reverse("overview:press_release_edit", args=[release.pk]),
        {"title": "", "place": "Paris", "date": "17/06/2019x"},
    )
    assert set(response.context["form"].errors) == {"title", "date", "body"}
    release.refresh_from_db()
    assert release.title == "Titre"


@pytest.mark.django_db
def test_script_in_a_release_is_inert(client):
    release = PressRelease.objects.create(
        title="T",
        place="Paris",
        date="2019-06-17",
        body='<script>alert(1)</script> <a href="javascript:x">l</a>',
        status=PressRelease.Status.PUBLISHED,
    )
    page = client.get(release.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and '<a href="javascript' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
