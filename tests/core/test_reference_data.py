import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from jalons.accounts.models import ActorCategory
from jalons.conferences import reference as conferences_reference
from jalons.conferences.models import AgendaItem, Conference
from jalons.core.datafiles import DataFileError, read_csv, text
from jalons.strategy.models import Strategy, WorkingGroup, Workstream
from jalons.territories import reference as territories_reference
from jalons.territories.models import Department, Region

SEED_WORKSTREAMS = [
    "Développement de l'offre d'accueil du jeune enfant et de la mixité sociale",
    "Plan de formation des professionnels de la petite enfance en lien avec l'Éducation nationale",
    "Développement de l'offre pour la parentalité/centres sociaux",
    "Accompagnement des familles, hébergement/logement, maraudes",
    "Accès à l'alimentation",
    "Santé : PMI, centres de santé, dispositifs médico-sociaux, etc.",
    "Réussite scolaire et pauvreté : territoires haute qualité éducative, expérimentations relative à la mixité "
    "sociale dans l'Éducation Nationale, santé scolaire, etc.",
    "Obligation de formation et déploiement des parcours contractualisés d'accompagnement vers l'emploi et "
    "l'autonomie (PACEA) et des points accueil écoute jeunes (PAEJ)",
    "Sortants de l'aide sociale à l'enfance (ASE)",
    "Parcours d'insertion, orientation, décroisement, accès aux solutions d'accompagnement et de formation",
    "Offre d'accompagnement : garantie d'activité, insertion par l'activité économique, essaimage des expériences",
    "Accès aux droits, accueils sociaux, data mining",
    "Formation pour le travail social",
    "Participation des personnes concernées",
    "Engagement des entreprises",
]
SEED_CONFERENCES = [
    ("2019-06-18", "52", "Angers"),
    ("2019-06-19", "11", "Paris"),
    ("2019-06-26", "24", "Orléans"),
    ("2019-06-27", "75", "Bordeaux"),
    ("2019-06-28", "93", "Toulon"),
    ("2019-07-02", "28", "Rouen"),
    ("2019-07-03", "44", "Metz"),
    ("2019-07-05", "76", "Montpellier"),
    ("2019-07-08", "53", "Rennes"),
    ("2019-07-10", "32", "Lille"),
    ("2019-07-11", "27", "Dijon"),
    ("2019-07-12", "84", "Lyon"),
]
REGION_CODES = [
    "01",
    "02",
    "03",
    "04",
    "06",
    "11",
    "24",
    "27",
    "28",
    "32",
    "44",
    "52",
    "53",
    "75",
    "76",
    "84",
    "93",
    "94",
]


@pytest.mark.django_db
def test_reference_data_carries_the_seed():
    strategy = Strategy.objects.get()
    assert strategy.announced_on.isoformat() == "2018-09-13"
    assert list(Workstream.objects.order_by("number").values_list("title", flat=True)) == SEED_WORKSTREAMS
    assert sorted(Region.objects.values_list("code", flat=True)) == REGION_CODES
    assert Department.objects.count() == 101
    assert Department.objects.get(code="2A").region.code == "94"
    assert Department.objects.get(code="976").region.name == "Mayotte"
    assert WorkingGroup.objects.count() == 18 * 15
    conferences = Conference.objects.order_by("date").values_list("date", "region__code", "city")
    assert [(day.isoformat(), code, city) for day, code, city in conferences] == SEED_CONFERENCES
    assert Conference.objects.get(city="Paris").venue == "Sorbonne"
    assert set(ActorCategory.objects.values_list("name", flat=True)) >= {
        "Collectivités",
        "Services de l'État",
        "Associations",
        "Travailleurs sociaux",
        "Personnes concernées",
        "Entreprises",
    }
    # The four objectives are the agenda of each conference.
    assert AgendaItem.objects.count() == 12 * 4
    assert AgendaItem.objects.filter(objective__isnull=True).count() == 0


@pytest.mark.django_db
def test_second_load_changes_nothing():
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "0 créées, 0 mises à jour" in out.getvalue()


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """Copies of the territories and conferences data files that a test may break."""
    for module in (territories_reference, conferences_reference):
        target = tmp_path / module.__name__.split(".")[1]
        shutil.copytree(module.DATA_DIR, target)
        monkeypatch.setattr(module, "DATA_DIR", target)
    return tmp_path


@pytest.mark.django_db
def test_malformed_file_is_refused_with_file_line_and_reason_and_nothing_is_written(broken_data):
    regions = broken_data / "territories" / "regions.csv"
    regions.write_text(regions.read_text().replace("Bretagne,bretagne", "Bretagne modifiée,bretagne"))
    conferences = broken_data / "conferences" / "conferences.csv"
    conferences.write_text(conferences.read_text().replace("2019-07-08,53", "2019-07-32,53"))
    with pytest.raises(CommandError) as error:
        call_command("load_reference_data", stdout=io.StringIO())
    assert str(error.value) == "conferences.csv, ligne 10 : date : « 2019-07-32 » n'est pas une date AAAA-MM-JJ"
    assert Region.objects.get(code="53").name == "Bretagne"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("code,name\n", "regions.csv, ligne 1 : colonnes manquantes : slug, is_overseas"),
        ("code,name,slug,is_overseas,extra\n", "regions.csv, ligne 1 : colonnes inattendues : extra"),
        ("code,name,slug,is_overseas\n53,Bretagne,bretagne\n", "regions.csv, ligne 2 : 3 valeurs au lieu de 4"),
        (
            "code,name,slug,is_overseas\n53,,bretagne,non\n",
            "regions.csv, ligne 2 : name : valeur obligatoire manquante",
        ),
        ("code,name,slug,is_overseas\n53,Bretagne,bretagne,peut-être\n", "regions.csv, ligne 2 : is_overseas"),
        ("", "regions.csv, ligne 1 : le fichier est vide"),
    ],
)
def test_csv_errors_name_the_line_and_reason(tmp_path, content, message):
    from jalons.core.datafiles import yes_no

    path = tmp_path / "regions.csv"
    path.write_text(content)
    with pytest.raises(DataFileError) as error:
        read_csv(path, {"code": text, "name": text, "slug": text, "is_overseas": yes_no})
    assert str(error.value).startswith(message)


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "regions.csv"
    path.write_bytes("code,name\n53,Bretagne\n11,Île-de-France\n".encode("latin-1"))
    with pytest.raises(DataFileError, match="ligne 3 : le fichier n'est pas encodé en UTF-8"):
        read_csv(path, {"code": text, "name": text})


@pytest.mark.django_db
def test_unknown_region_of_a_department_is_refused(broken_data):
    departments = broken_data / "territories" / "departements.csv"
    departments.write_text(departments.read_text().replace("35,Ille-et-Vilaine,53", "35,Ille-et-Vilaine,99"))
    with pytest.raises(DataFileError, match="departements.csv, ligne .* : region_code : région « 99 » inconnue"):
        territories_reference.read()


@pytest.mark.django_db
def test_duplicated_row_is_refused(broken_data):
    regions = broken_data / "territories" / "regions.csv"
    regions.write_text(regions.read_text() + "53,Bretagne,bretagne-bis,non\n")
    with pytest.raises(DataFileError, match="regions.csv, ligne 20 : doublon de la ligne"):
        territories_reference.read()
