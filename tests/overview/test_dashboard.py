import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from jalons.overview.maps import load_artefact, render_map
from tests.factories import UserFactory
from tests.utils import assert_constant_queries

URL = "/tableau-de-bord/"


def independent_counts():
    """People by region code and category slug, straight from SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT r.code, c.slug, COUNT(*)
            FROM accounts_user u
            JOIN territories_region r ON r.id = u.region_id
            JOIN accounts_actorcategory c ON c.id = u.category_id
            WHERE u.is_active
            GROUP BY r.code, c.slug
            """
        )
        return {(code, slug): count for code, slug, count in cursor.fetchall()}


@pytest.mark.django_db
def test_mobilisation_figures_equal_independent_sql(client, own_region, other_region):
    UserFactory.create_batch(3, region=own_region)
    UserFactory(region=own_region, is_active=False)
    people = client.get(URL).context["people"]
    expected = independent_counts()
    slugs = [category.slug for category in people["categories"]]
    for region, cells, total in people["rows"]:
        assert cells == [expected.get((region.code, slug), 0) for slug in slugs]
        assert total == sum(cells)
    assert people["total"] == sum(expected.values()) == 3


@pytest.mark.django_db
def test_dashboard_query_count_is_the_same_with_ten_times_the_data(client, own_region, other_region):
    UserFactory.create_batch(5, region=own_region)

    def grow():
        UserFactory.create_batch(25, region=own_region)
        UserFactory.create_batch(25, region=other_region)

    assert_constant_queries(client, URL, grow)


@pytest.mark.django_db
def test_dashboard_lists_the_cycle_conferences(client):
    content = client.get(reverse("overview:national_dashboard")).content.decode()
    assert content.count('datetime="2019-') == 12


def test_region_map_has_18_linked_shapes_with_accessible_names():
    from jalons.overview.maps import MapArea

    shapes = load_artefact("regions")["shapes"]
    svg = render_map(
        [MapArea(code, f"{shape['name']} : 1", 1, f"/regions/{code}/") for code, shape in shapes.items()], "Carte"
    )
    assert len(re.findall(r"<path ", svg)) == 18
    labels = re.findall(r'<a href="/regions/(\w+)/" aria-label="([^"]+)"', svg)
    assert len(labels) == 18
    assert ("53", "Bretagne : 1") in labels
    assert "Contours : IGN Admin Express, Licence Ouverte" in svg


def test_department_map_of_one_region_is_framed_on_it():
    svg = render_map([], "Bretagne", level="departments", only={"22", "29", "35", "56"})
    assert len(re.findall(r"<path ", svg)) == 4
    assert 'aria-label="Finistère"' in svg
    # Coordinates are never localised with decimal commas.
    assert not re.search(r'viewBox="[^"]*,', svg)


def sql(query, *params):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


@pytest.fixture
def progress_data(own_region, other_region):
    from jalons.progress.models import Checkpoint, Constraint, RoadmapAction
    from tests.progress.factories import (
        ActionFactory,
        CheckpointFactory,
        ConstraintFactory,
        RoadmapFactory,
        workstream,
    )

    roadmap = RoadmapFactory(region=own_region, period="2019-2020")
    ActionFactory.create_batch(3, roadmap=roadmap)
    ActionFactory(roadmap=roadmap, status=RoadmapAction.Status.DONE, progress=100)
    ActionFactory(roadmap=roadmap, status=RoadmapAction.Status.ABANDONED)
    ActionFactory(roadmap=RoadmapFactory(region=other_region), due_on="2099-01-01")
    CheckpointFactory(region=own_region, status=Checkpoint.Status.WATCH)
    CheckpointFactory(region=own_region, status=Checkpoint.Status.IN_DIFFICULTY)  # later: the latest
    CheckpointFactory(region=other_region, workstream=workstream(1))
    ConstraintFactory(region=own_region, level=Constraint.Level.NATIONAL)
    ConstraintFactory(region=other_region, level=Constraint.Level.NATIONAL, status=Constraint.Status.LIFTED)
    ConstraintFactory(region=other_region, level=Constraint.Level.REGIONAL)


@pytest.mark.django_db
def test_progress_figures_equal_independent_sql(client, progress_data):
    context = client.get(URL).context
    today = timezone.localdate().isoformat()
    ((total, done, late),) = sql(
        """SELECT COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN status IN ('to_start', 'in_progress') AND due_on < %s THEN 1 ELSE 0 END)
           FROM progress_roadmapaction WHERE status <> 'abandoned'""",
        today,
    )
    assert (
        context["roadmaps"]["totals"]
        == {"total": total, "done": done, "late": late}
        == {"total": 5, "done": 1, "late": 3}
    )
    unlifted = dict(sql("SELECT level, COUNT(*) FROM progress_constraint WHERE status <> 'lifted' GROUP BY level"))
    levels = dict(context["constraints"]["levels"])
    assert (
        (levels["Nationale"], levels["Régionale"], levels["Locale"])
        == (unlifted.get("national", 0), unlifted.get("regional", 0), unlifted.get("local", 0))
        == (1, 1, 0)
    )
    grid = {region.code: statuses for region, statuses in context["grid"]}
    assert grid["53"][13] == "difficulty"  # chantier 14: the latest checkpoint wins
    assert grid["28"][0] == "on_track"
    assert sum(status is not None for statuses in grid.values() for status in statuses) == 2


@pytest.mark.django_db
def test_filters_narrow_the_blocks_and_bad_values_fall_back(client, progress_data):
    context = client.get(URL, {"region": "53", "chantier": "14"}).context
    assert [region.code for region, _statuses in context["grid"]] == ["53"]
    assert [workstream.number for workstream in context["workstreams"]] == [14]
    assert context["roadmaps"]["totals"]["total"] == 4
    response = client.get(URL, {"region": "zz", "chantier": "99"})
    assert response.status_code == 200
    assert len(response.context["grid"]) == 18


@pytest.mark.django_db
def test_query_count_is_the_same_with_ten_times_the_progress_data(client, progress_data, own_region):
    from tests.progress.factories import (
        ActionFactory,
        CheckpointFactory,
        ConstraintFactory,
        RoadmapFactory,
        workstream,
    )

    def grow():
        roadmap = RoadmapFactory(region=own_region, period="2021-2022")
        ActionFactory.create_batch(30, roadmap=roadmap)
        for number in range(1, 11):
            CheckpointFactory(region=own_region, workstream=workstream(number))
        ConstraintFactory.create_batch(20, region=own_region)

    assert_constant_queries(client, URL, grow)


@pytest.mark.django_db
def test_cycle_filter_keeps_the_checkpoints_of_that_cycle(client, progress_data, own_region):
    from jalons.conferences.models import ConferenceCycle
    from jalons.progress.models import CheckpointCampaign
    from tests.progress.factories import CheckpointFactory, workstream

    cycle = ConferenceCycle.objects.get()
    campaign = CheckpointCampaign.objects.create(title="Points d'étape 2019", cycle=cycle, due_on="2019-06-10")
    CheckpointFactory(region=own_region, workstream=workstream(2), campaign=campaign)
    grid = {region.code: statuses for region, statuses in client.get(URL, {"cycle": cycle.pk}).context["grid"]}
    assert sum(status is not None for statuses in grid.values() for status in statuses) == 1
    assert grid["53"][1] == "on_track"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "table", ["mobilisation", "points-d-etape", "feuilles-de-route", "contraintes", "conferences", "indicateurs"]
)
def test_every_table_downloads_as_csv_and_xlsx(client, progress_data, table):
    import csv
    import io

    from openpyxl import load_workbook

    from tests.utils import downloaded

    url = reverse("overview:dashboard_export", args=[table, "csv"])
    rows = list(csv.reader(io.StringIO(downloaded(client.get(url, {"region": "53"})).decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(downloaded(client.get(url.replace(".csv", ".xlsx"), {"region": "53"})))).active
    assert [[str(cell) if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)][
        0
    ] == rows[0]
    assert len(rows) == sheet.max_row
    if table == "feuilles-de-route":
        assert rows[1][:2] == ["Bretagne", "53"] and rows[1][4:7] == ["4", "1", "3"]


@pytest.mark.django_db
def test_unknown_table_or_format_answers_404(client):
    assert client.get("/tableau-de-bord/export/secrets.csv").status_code == 404
    assert client.get("/tableau-de-bord/export/mobilisation.pdf").status_code == 404


@pytest.mark.django_db
def test_indicators_show_the_latest_national_value_and_target(client):
    from tests.progress.factories import IndicatorFactory, IndicatorValueFactory

    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, maille="NAT", zone_code="FR", date="2020-12-31", value=40)
    IndicatorValueFactory(
        indicator=indicator, maille="NAT", zone_code="FR", date="2021-12-31", value=55, target_value=80
    )
    IndicatorValueFactory(indicator=indicator, maille="REG", zone_code="53", date="2022-12-31", value=99)
    (figures,) = client.get(URL).context["indicators"]
    assert (figures.latest_value, figures.target_value, str(figures.latest_date)) == (55, 80, "2021-12-31")


@pytest.mark.django_db
def test_conference_practice_and_activity_figures_equal_independent_sql(client, own_group, roles):
    from jalons.conferences.models import Conference, Registration
    from jalons.workspace.models import Activity
    from tests.practices.factories import AdoptionFactory, GoodPracticeFactory

    rennes = Conference.objects.get(city="Rennes")
    for status in ["confirmed", "confirmed", "waiting", "cancelled"]:
        Registration.objects.create(
            conference=rennes,
            user=UserFactory(),
            status=status,
            consent_at=timezone.now(),
            position=1 if status == "waiting" else None,
            checked_in_at=timezone.now() if status == "confirmed" else None,
        )
    practice = GoodPracticeFactory()
    AdoptionFactory.create_batch(2, practice=practice)
    GoodPracticeFactory(status="draft")
    Activity.objects.create(group=own_group, text="Nouveau message")
    Activity.objects.create(
        group=own_group, text="Vieux message", created_at=timezone.now() - timezone.timedelta(days=45)
    )
    context = client.get(URL).context
    figures = context["conference_figures"]
    ((confirmed, waiting, attended),) = sql(
        """SELECT SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN status <> 'cancelled' AND checked_in_at IS NOT NULL THEN 1 ELSE 0 END)
           FROM conferences_registration"""
    )
    assert (
        (figures["confirmed"], figures["waiting"], figures["attended"]) == (confirmed, waiting, attended) == (2, 1, 2)
    )
    assert figures["capacity"] == sql("SELECT SUM(capacity) FROM conferences_conference")[0][0]
    assert (
        context["practices"]["published"]
        == sql("SELECT COUNT(*) FROM practices_goodpractice WHERE status = 'published'")[0][0]
        == 1
    )
    assert [(item.title, item.spread) for item in context["practices"]["most_spread"]] == [(practice.title, 2)]
    rows = {region.code: active for region, _cells, _total, active in context["mobilisation_rows"]}
    assert rows["53"] == 1 and context["active_total"] == 1


@pytest.mark.django_db
def test_query_count_is_the_same_with_more_registrations_practices_and_activity(client, own_group):
    from jalons.conferences.models import Conference, Registration
    from jalons.workspace.models import Activity
    from tests.practices.factories import AdoptionFactory, GoodPracticeFactory

    AdoptionFactory(practice=GoodPracticeFactory())  # from one adopted practice to many
    rennes = Conference.objects.get(city="Rennes")

    def grow():
        for _index in range(10):
            Registration.objects.create(
                conference=rennes, user=UserFactory(), status="confirmed", consent_at=timezone.now()
            )
            AdoptionFactory(practice=GoodPracticeFactory())
            Activity.objects.create(group=own_group, text="Message")

    assert_constant_queries(client, URL, grow)


@pytest.mark.django_db
def test_region_page_indicators_read_the_region_not_the_department_of_the_same_code(client):
    """53 is both Bretagne (region) and Mayenne (département): the region page shows the region's value."""
    from tests.progress.factories import IndicatorFactory, IndicatorValueFactory

    indicator = IndicatorFactory()
    IndicatorValueFactory(indicator=indicator, maille="REG", zone_code="53", date="2021-12-31", value=61)
    IndicatorValueFactory(indicator=indicator, maille="DEPT", zone_code="53", date="2022-12-31", value=12)
    (figures,) = client.get("/regions/53/").context["indicators"]
    assert (figures.latest_value, str(figures.latest_date)) == (61, "2021-12-31")
