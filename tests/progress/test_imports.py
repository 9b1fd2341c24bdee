"""Import of roadmap actions and indicator values: every fault reported by row and column, nothing written."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jalons.progress import imports
from jalons.progress.models import ActionChange, IndicatorValue, RoadmapAction
from jalons.progress.tabular import TableError

from .factories import ActionFactory, IndicatorFactory, IndicatorValueFactory, RoadmapFactory, workstream

pytestmark = pytest.mark.django_db

HEADER = imports.ACTION_COLUMNS
GOOD = {
    "identifiant": "FDR-1",
    "region": "53",
    "chantier": "14",
    "intitule": "Installer le comité des personnes concernées",
    "description": "Chaque trimestre.",
    "structure_pilote": "Commissariat",
    "partenaires": "Associations",
    "responsable": "Camille Martin",
    "debut": "2019-09-01",
    "echeance": "2020-06-30",
    "statut": "En cours",
    "avancement": "40",
}


def csv_file(rows, header=HEADER, encoding="utf-8", delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return SimpleUploadedFile("actions.csv", buffer.getvalue().encode(encoding), content_type="text/csv")


def xlsx_file(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("actions.xlsx", buffer.getvalue())


def row(**changes):
    return {**GOOD, **changes}


def errors_of(uploaded, roadmap, author=None):
    with pytest.raises(TableError) as raised:
        imports.import_actions(uploaded, roadmap, author)
    assert not roadmap.actions.exists(), "nothing is written when a row fails"
    return [(error.row, error.column, error.reason) for error in raised.value.errors]


@pytest.fixture
def roadmap():
    return RoadmapFactory()


def test_import_creates_then_reimport_changes_nothing(roadmap, roles):
    rows = [row(), row(identifiant="FDR-2", chantier="3", statut="à lancer", avancement="", debut="", echeance="")]
    counts = imports.import_actions(csv_file(rows), roadmap, roles["commissioner"])
    assert counts == {"created": 2, "updated": 0, "unchanged": 0}
    first = roadmap.actions.get(external_id="FDR-1")
    assert (first.workstream.number, first.status, first.progress) == (14, RoadmapAction.Status.IN_PROGRESS, 40)
    assert first.due_on == datetime.date(2020, 6, 30)
    second = roadmap.actions.get(external_id="FDR-2")
    assert (second.status, second.progress, second.due_on) == (RoadmapAction.Status.TO_START, 0, None)
    history = ActionChange.objects.filter(action__roadmap=roadmap)
    assert history.count() == 2
    assert set(history.values_list("source", "author")) == {("import", roles["commissioner"].pk)}
    # The same file again: nothing changes, no history written.
    assert imports.import_actions(csv_file(rows), roadmap, roles["commissioner"]) == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
    }
    assert history.count() == 2
    # A changed row updates its action, and the history says what changed.
    rows[0]["avancement"] = "70"
    assert imports.import_actions(csv_file(rows), roadmap, roles["national"])["updated"] == 1
    change = first.changes.first()
    assert (change.author, change.changes) == (roles["national"], [["progress", "40", "70"]])


def test_import_accepts_xlsx_semicolons_and_french_dates(roadmap):
    imports.import_actions(xlsx_file([row(avancement=40, chantier=14)]), roadmap, None)
    assert roadmap.actions.get().progress == 40
    roadmap.actions.all().delete()
    imports.import_actions(csv_file([row(debut="01/09/2019")], delimiter=";"), roadmap, None)
    assert roadmap.actions.get().start_on == datetime.date(2019, 9, 1)


def test_wrong_encoding(roadmap):
    uploaded = csv_file([row(), row(identifiant="FDR-2", intitule="Réunir les élus")], encoding="latin-1")
    [(line, column, reason)] = errors_of(uploaded, roadmap)
    assert line == 2
    assert "UTF-8" in reason


def test_missing_and_extra_columns(roadmap):
    header = [column for column in HEADER if column != "echeance"] + ["commentaire"]
    assert errors_of(csv_file([row()], header=header), roadmap) == [
        (1, "echeance", "colonne manquante"),
        (1, "commentaire", "colonne inattendue"),
    ]


def test_bad_date_unknown_region_out_of_range_and_all_errors_at_once(roadmap):
    rows = [
        row(),
        row(identifiant="FDR-2", echeance="31/02/2020"),
        row(identifiant="FDR-3", region="99"),
        row(identifiant="FDR-4", avancement="120"),
        row(identifiant="FDR-5", region="28"),
        row(identifiant="FDR-6", chantier="16", statut="finie"),
    ]
    errors = errors_of(csv_file(rows), roadmap)
    assert [(line, column) for line, column, _reason in errors] == [
        (3, "echeance"),
        (4, "region"),
        (5, "avancement"),
        (6, "region"),
        (7, "chantier"),
        (7, "statut"),
    ]
    reasons = {(line, column): reason for line, column, reason in errors}
    assert reasons[(3, "echeance")] == "« 31/02/2020 » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)"
    assert reasons[(4, "region")] == "code de région COG « 99 » inconnu"
    assert reasons[(5, "avancement")] == "120 est hors de l'intervalle 0 à 100"
    assert "n'est pas celle de cette feuille de route" in reasons[(6, "region")]


def test_duplicated_row(roadmap):
    assert errors_of(csv_file([row(), row(intitule="Autre")]), roadmap) == [
        (3, "identifiant", "doublon de la ligne 2 (identifiant « FDR-1 »)")
    ]


def test_due_date_before_start_and_missing_title(roadmap):
    errors = errors_of(xlsx_file([row(debut="2020-01-01", echeance="2019-01-01", intitule=None)]), roadmap)
    assert errors == [(2, "intitule", "valeur obligatoire manquante"), (2, "echeance", "l'échéance précède le début")]


def test_not_a_spreadsheet(roadmap):
    fake = SimpleUploadedFile("actions.xlsx", b"not a zip")
    assert errors_of(fake, roadmap)[0][2] == "le fichier n'est pas un classeur XLSX"
    assert "format non pris en charge" in errors_of(SimpleUploadedFile("actions.pdf", b"%PDF"), roadmap)[0][2]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_round_trips_exactly(roles, client_for, fmt):
    source = RoadmapFactory()
    ActionFactory(roadmap=source, title="Une action ; avec, des « guillemets »", description="Ligne 1\nLigne 2")
    ActionFactory(roadmap=source, workstream=workstream(3), start_on=None, due_on=None, status="done", progress=100)
    client = client_for(roles["commissioner"])
    exported = client.get(reverse("progress:action_export", args=["53", source.pk, fmt]))
    assert exported.status_code == 200
    content = exported.content
    # Re-importing into the same roadmap changes nothing.
    uploaded = SimpleUploadedFile(f"export.{fmt}", content)
    assert imports.import_actions(uploaded, source, roles["commissioner"])["unchanged"] == 2
    # Importing into another roadmap, then exporting it, gives the same rows.
    target = RoadmapFactory()
    imports.import_actions(SimpleUploadedFile(f"export.{fmt}", content), target, roles["commissioner"])
    again = client.get(reverse("progress:action_export", args=["53", target.pk, fmt])).content

    def rows(data):
        if fmt == "csv":
            return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        sheet = load_workbook(io.BytesIO(data)).active
        return [list(values) for values in sheet.iter_rows(values_only=True)]

    assert rows(again) == rows(content)
    assert len(rows(content)) == 3


def test_import_page_lists_errors_and_writes_nothing(roles, client_for, roadmap):
    client = client_for(roles["commissioner"])
    url = reverse("progress:action_import", args=["53", roadmap.pk])
    response = client.post(url, {"file": csv_file([row(), row(identifiant="FDR-2", avancement="-5")])})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Le fichier n'a pas été importé : 1 erreur" in page
    assert "-5 est hors de l&#x27;intervalle 0 à 100" in page
    assert not roadmap.actions.exists()
    response = client.post(url, {"file": csv_file([row()])})
    assert response.status_code == 302
    assert roadmap.actions.count() == 1


def test_import_refused_while_the_roadmap_is_under_review(roles, client_for, roadmap):
    roadmap.apply("submit", roles["commissioner"])
    url = reverse("progress:action_import", args=["53", roadmap.pk])
    assert client_for(roles["commissioner"]).post(url, {"file": csv_file([row()])}).status_code == 403
    assert not roadmap.actions.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_downloadable_template_imports_as_is(roles, client_for, roadmap, fmt):
    response = client_for(roles["commissioner"]).get(reverse("progress:action_template", args=["53", fmt]))
    assert response.status_code == 200
    assert imports.import_actions(SimpleUploadedFile(f"modele.{fmt}", response.content), roadmap, None) == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
    }


# --- indicators, barometer layout -------------------------------------------------------------------------------

INDICATOR_HEADER = imports.INDICATOR_COLUMNS


def indicator_csv(rows, header=INDICATOR_HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("valeurs.csv", buffer.getvalue().encode())


def indicator_errors(uploaded):
    with pytest.raises(TableError) as raised:
        imports.import_indicator_values(uploaded)
    assert not IndicatorValue.objects.exists()
    return [(error.row, error.column, error.reason) for error in raised.value.errors]


def test_indicator_import_and_reimport():
    IndicatorFactory(code="asip")
    rows = [
        ["asip", "FR", "2019-12-31", "NAT", "40", "52,5", "100", "2022-12-31"],
        ["asip", "53", "2019-12-31", "REG", "", "61", "", ""],
        ["asip", "29", "2020-12-31", "DEPT", "", "75.25", "", ""],
        ["asip", "1", "2020-12-31", "REG", "", "10", "", ""],
    ]
    assert imports.import_indicator_values(indicator_csv(rows)) == {"created": 4, "updated": 0, "unchanged": 0}
    national = IndicatorValue.objects.get(maille="NAT")
    assert (national.value, national.initial_value, national.target_date) == (
        Decimal("52.5"),
        Decimal("40"),
        datetime.date(2022, 12, 31),
    )
    assert IndicatorValue.objects.filter(maille="REG", zone_code="01").exists()
    assert imports.import_indicator_values(indicator_csv(rows))["unchanged"] == 4


def test_indicator_import_faults():
    IndicatorFactory(code="asip")
    rows = [
        ["asip", "FR", "2019-12-31", "NAT", "", "52", "", ""],
        ["inconnu", "FR", "2019-12-31", "NAT", "", "52", "", ""],
        ["asip", "99", "2019-12-31", "DEPT", "", "52", "", ""],
        ["asip", "FR", "2019-13-31", "NAT", "", "52", "", ""],
        ["asip", "FR", "2018-12-31", "NAT", "", "152", "", ""],
        ["asip", "FR", "2019-12-31", "NAT", "", "50", "", ""],
        ["asip", "FR", "2020-12-31", "COM", "", "abc", "", ""],
    ]
    errors = indicator_errors(indicator_csv(rows))
    assert [(line, column) for line, column, _reason in errors] == [
        (3, "indic_id"),
        (4, "code_zone"),
        (5, "date"),
        (6, "valeur_actuelle"),
        (7, ""),
        (8, "maille"),
        (8, "valeur_actuelle"),
    ]
    assert errors[1][2] == "code COG « 99 » inconnu pour la maille DEPT"
    assert errors[4][2] == "doublon de la ligne 2"


def test_indicator_missing_column():
    header = [column for column in INDICATOR_HEADER if column != "maille"]
    assert indicator_errors(indicator_csv([], header=header)) == [(1, "maille", "colonne manquante")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_indicator_export_then_import_round_trips(client, fmt):
    indicator = IndicatorFactory(code="asip", unit="%")
    IndicatorValueFactory(
        indicator=indicator,
        value=Decimal("52.1234"),
        initial_value=40,
        target_value=100,
        target_date=datetime.date(2022, 12, 31),
    )
    IndicatorValueFactory(indicator=indicator, maille="DEPT", zone_code="2A", value=Decimal("7"))
    IndicatorValueFactory(indicator=indicator, maille="REG", zone_code="01", value=Decimal("0.5"))
    exported = client.get(reverse("progress:indicator_export", args=[fmt])).content
    before = list(
        IndicatorValue.objects.values_list(
            "maille", "zone_code", "date", "value", "initial_value", "target_value", "target_date"
        ).order_by("zone_code")
    )
    assert imports.import_indicator_values(SimpleUploadedFile(f"v.{fmt}", exported))["unchanged"] == 3
    IndicatorValue.objects.all().delete()
    assert imports.import_indicator_values(SimpleUploadedFile(f"v.{fmt}", exported))["created"] == 3
    after = list(
        IndicatorValue.objects.values_list(
            "maille", "zone_code", "date", "value", "initial_value", "target_value", "target_date"
        ).order_by("zone_code")
    )
    assert after == before
    assert client.get(reverse("progress:indicator_export", args=[fmt])).content == exported or fmt == "xlsx"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_neutralise_formulas_and_still_round_trip(roles, client_for, fmt):
    roadmap = RoadmapFactory()
    ActionFactory(roadmap=roadmap, title='=HYPERLINK("http://exemple.test","clic")', owner="-Camille", partners="@x")
    exported = client_for(roles["commissioner"]).get(reverse("progress:action_export", args=["53", roadmap.pk, fmt]))
    if fmt == "csv":
        assert "'=HYPERLINK" in exported.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(exported.content)).active
        assert sheet["D2"].data_type == "s" and sheet["D2"].value.startswith("'=")
    uploaded = SimpleUploadedFile(f"export.{fmt}", exported.content)
    assert imports.import_actions(uploaded, roadmap, None)["unchanged"] == 1
