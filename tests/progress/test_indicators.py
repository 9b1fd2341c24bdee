import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jalons.progress.charts import trend_chart
from jalons.progress.models import IndicatorValue

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def test_indicator_page_shows_a_chart_and_its_table(client):
    indicator = IndicatorFactory(code="asip", name="Couverture du premier accueil social")
    for year, value in [(2019, 40), (2020, 55), (2021, 61)]:
        IndicatorValueFactory(
            indicator=indicator,
            date=datetime.date(year, 12, 31),
            value=value,
            initial_value=40,
            target_value=100,
            target_date=datetime.date(2022, 12, 31),
        )
    IndicatorValueFactory(indicator=indicator, maille="REG", zone_code="53", value=Decimal("61.5"))
    response = client.get(reverse("progress:indicator_detail", args=["asip"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<svg") >= 1 and "jalons-chart__line" in page
    assert 'aria-hidden="true"' in page  # the table below carries the data for everyone
    assert "<caption>" in page and "Valeurs de l'indicateur — France entière" in page
    assert "55 %" in page
    region = client.get(reverse("progress:indicator_detail", args=["asip"]) + "?zone=REG-53").content.decode()
    assert "Valeurs de l'indicateur — Bretagne" in region
    assert "61,5 %" in region


def test_trend_chart_places_points_and_target():
    svg = str(
        trend_chart(
            [(datetime.date(2019, 1, 1), Decimal(0)), (datetime.date(2020, 1, 1), Decimal(50))],
            target=(datetime.date(2021, 1, 1), Decimal(100)),
            unit="%",
        )
    )
    assert svg.count("<circle") == 2
    assert "cible 100 %" in svg
    assert ">2019<" in svg and ">2021<" in svg


def test_indicator_list_page_query_count_does_not_grow(client):
    from tests.utils import assert_constant_queries

    IndicatorValueFactory()

    def grow():
        for _index in range(20):
            IndicatorValueFactory()

    assert_constant_queries(client, reverse("progress:indicator_list"), grow)


def test_national_team_enters_a_value(roles, client_for):
    indicator = IndicatorFactory(code="rsa")
    client = client_for(roles["national"])
    url = reverse("progress:indicator_value_create", args=["rsa"])
    bad = client.post(url, {"maille": "REG", "zone_code": "99", "date": "2020-12-31", "value": "12"})
    assert bad.status_code == 200 and "zone_code" in bad.context["form"].errors
    good = client.post(url, {"maille": "REG", "zone_code": "53", "date": "2020-12-31", "value": "12,5"})
    assert good.status_code == 302, good.context["form"].errors if good.context else ""
    assert IndicatorValue.objects.get(indicator=indicator).value == Decimal("12.5")


def test_national_team_defines_an_indicator(roles, client_for):
    from jalons.progress.models import Indicator

    client = client_for(roles["national"])
    response = client.post(
        reverse("progress:indicator_create"),
        {"code": "jeunes-ase", "name": "Jeunes accompagnés", "unit": "%", "direction": "up", "level": "DEPT"},
    )
    assert response.status_code == 302
    assert Indicator.objects.get(code="jeunes-ase").name == "Jeunes accompagnés"
    again = client.post(
        reverse("progress:indicator_create"),
        {"code": "jeunes-ase", "name": "Doublon", "unit": "%", "direction": "up", "level": "DEPT"},
    )
    assert again.status_code == 200 and "code" in again.context["form"].errors
