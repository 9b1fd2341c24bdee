import re

import pytest
from django.db import connection
from django.urls import reverse

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
