import subprocess
import sys

import pytest
from django.urls import reverse

from jalons.conferences.models import Conference
from tests.factories import MembershipFactory, UserFactory
from tests.utils import assert_constant_queries


@pytest.mark.django_db
def test_healthz_answers_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.django_db
def test_home_shows_the_chantiers_and_conferences(client):
    content = client.get("/").content.decode()
    assert "Les 15 chantiers" in content
    assert "Participation des personnes concernées" in content
    assert "Rennes" in content  # past conferences are shown when none is upcoming


@pytest.mark.django_db
def test_conference_list_carries_the_seed_dates_and_cities(client):
    content = client.get(reverse("conferences:conference_list")).content.decode()
    for city in [
        "Angers",
        "Paris",
        "Orléans",
        "Bordeaux",
        "Toulon",
        "Rouen",
        "Metz",
        "Montpellier",
        "Rennes",
        "Lille",
    ]:
        assert city in content
    assert 'datetime="2019-07-12"' in content
    assert "Sorbonne" in content


@pytest.mark.django_db
def test_region_page_counts_people_by_category(client, own_region, own_group):
    MembershipFactory.create_batch(3, group=own_group)
    response = client.get(reverse("territories:region_detail", args=["53"]))
    assert response.context["people_total"] == 3
    assert [group.member_count for group in response.context["groups"] if group.pk == own_group.pk] == [3]


@pytest.mark.django_db
def test_unknown_region_and_chantier_answer_404(client):
    assert client.get("/regions/99/").status_code == 404
    assert client.get("/chantiers/16/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/chantiers/", "/chantiers/14/", "/regions/", "/regions/53/", "/conferences/", "/mon-compte/"]
)
def test_page_query_count_does_not_grow_with_data(client, roles, own_group, url):
    client.force_login(roles["animator"])

    def grow():
        MembershipFactory.create_batch(20, group=own_group)
        UserFactory.create_batch(10, managed=True, managed_by=roles["animator"])

    assert_constant_queries(client, url, grow)


def test_secret_key_is_required_when_debug_is_off():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "jalons.settings", "DEBUG": "0", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


@pytest.mark.django_db
def test_cancelled_conference_is_marked(client):
    Conference.objects.filter(city="Lille").update(status=Conference.Status.CANCELLED)
    assert "Annulée" in client.get(reverse("conferences:conference_list")).content.decode()
