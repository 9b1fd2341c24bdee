import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.template import engines

from jalons.strategy.models import Membership, WorkingGroup
from jalons.territories.models import Region

from .factories import MembershipFactory, RegionRoleFactory, UserFactory
from .templates import FailOnUndefinedVariable

OWN_REGION, OTHER_REGION = "53", "28"  # Bretagne, Normandie


def pytest_collection_modifyitems(items):
    # Transactional tests (the browser ones) empty the database when they end: run them last.
    for item in items:
        if "/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference data is loaded once into the test database; each test rolls back on top of it."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fail_on_undefined_template_variables():
    # Set for every test: engines are rebuilt whenever a test changes DEBUG or TEMPLATES.
    for engine in engines.all():
        engine.engine.string_if_invalid = FailOnUndefinedVariable("%s")


@pytest.fixture(autouse=True)
def test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once, in the test's thread, when the transaction commits.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def empty_cache():
    # Pages cached for anonymous visitors must not travel from one test to the next.
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # Uploaded files go to a temporary folder, never to var/media.
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def own_region(db):
    return Region.objects.get(code=OWN_REGION)


@pytest.fixture
def other_region(db):
    return Region.objects.get(code=OTHER_REGION)


@pytest.fixture
def own_group(own_region):
    return WorkingGroup.objects.get(region=own_region, workstream__number=14)


@pytest.fixture
def other_group(other_region):
    return WorkingGroup.objects.get(region=other_region, workstream__number=14)


@pytest.fixture
def roles(own_region, other_region, own_group, other_group):
    """One person per role, in the own region (Bretagne) or the other one (Normandie). None is anonymous."""
    animator = MembershipFactory(group=own_group, role=Membership.Role.ANIMATOR).user
    member = MembershipFactory(group=own_group).user
    return {
        "anonymous": None,
        "region_person": UserFactory(region=own_region),
        "member": member,
        "animator": animator,
        "member_other": MembershipFactory(group=other_group, user__region=other_region).user,
        "commissioner": RegionRoleFactory(region=own_region, user__region=own_region).user,
        "commissioner_other": RegionRoleFactory(region=other_region, user__region=other_region).user,
        "national": UserFactory(region=None, is_national_coordinator=True),
        "managed": MembershipFactory(group=own_group, user=UserFactory(managed=True, managed_by=animator)).user,
    }


@pytest.fixture
def client_for(client):
    """client_for(user) returns a client signed in as user (anonymous for None)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make
