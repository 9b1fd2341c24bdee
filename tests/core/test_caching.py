import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jalons.progress.models import ConstraintTopic
from tests.practices.factories import GoodPracticeFactory
from tests.progress.factories import ConstraintFactory

DASHBOARD = reverse("overview:national_dashboard")


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_visitors_share_a_page_computed_once(client):
    first, computed = get(client, DASHBOARD)
    again, served = get(client, DASHBOARD)
    assert computed > 0 and served == 0
    assert again == first


@pytest.mark.django_db
def test_visitors_see_changes_once_the_page_expires(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    before, _ = get(client, DASHBOARD)
    GoodPracticeFactory(status="published")
    after, queries = get(client, DASHBOARD)
    assert queries > 0 and after != before


@pytest.mark.django_db
def test_signed_in_people_always_get_a_page_computed_for_them(client_for, roles):
    get(client_for(None), DASHBOARD)
    page, queries = get(client_for(roles["national"]), DASHBOARD)
    assert queries > 0
    assert "Se déconnecter" in page
    _, again = get(client_for(roles["national"]), DASHBOARD)
    assert again > 0


@pytest.mark.django_db
def test_searches_are_computed_each_time(client):
    url = reverse("practices:practice_list") + "?q=logement"
    get(client, url)
    _, queries = get(client, url)
    assert queries > 0


@pytest.mark.django_db
def test_a_visitor_with_a_message_gets_their_own_page_and_it_is_not_kept(client):
    get(client, "/")
    # The messages cookie as Django's cookie storage writes it, e.g. after accepting an invitation.
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Invitation acceptée.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    page, queries = get(client, "/")
    assert queries > 0 and "Invitation acceptée." in page
    del client.cookies["messages"]
    page, queries = get(client, "/")
    assert queries == 0 and "Invitation acceptée." not in page


@pytest.mark.django_db
def test_national_figures_are_shared_but_each_person_keeps_their_part(client_for, roles):
    topic = ConstraintTopic.objects.create(title="Mobilité des jeunes")
    ConstraintFactory(topic=topic)
    visitor_page, _ = get(client_for(None), DASHBOARD)
    _, computed = get(client_for(roles["member"]), DASHBOARD)
    page, served = get(client_for(roles["national"]), DASHBOARD)
    assert served < computed  # the figures came from the cache
    assert "Mobilité des jeunes" in page and "Mobilité des jeunes" not in visitor_page
    assert "Produire la synthèse (PDF)" in page  # the national team's own part, computed for them
    assert re.search(r"Chiffres du \d+ \w+ \d{4} à \d+ h \d\d, recalculés au plus chaque minute", page)
    assert "Produire la synthèse (PDF)" not in get(client_for(roles["member"]), DASHBOARD)[0]


@pytest.mark.django_db
def test_region_figures_are_shared_but_the_progress_stays_with_who_may_see_it(client_for, roles):
    url = reverse("territories:region_detail", args=["53"])
    _, computed = get(client_for(roles["member_other"]), url)
    page, served = get(client_for(roles["commissioner"]), url)
    assert served < computed
    assert "Où en sont les chantiers" in page
    assert "Où en sont les chantiers" not in get(client_for(roles["member_other"]), url)[0]
    assert "Où en sont les chantiers" not in get(client_for(None), url)[0]
