import pytest
from django.urls import reverse

from jalons.conferences.services import Answers, register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["conference_changelist", "registration_changelist", "invitationrun_changelist", "conference_change"]
)
def test_admin_pages_answer_for_staff(client, conference, name):
    staff = UserFactory(is_staff=True, is_superuser=True)
    register(conference, UserFactory(), Answers(consent=True))
    client.force_login(staff)
    args = [conference.pk] if name.endswith("_change") else []
    assert client.get(reverse(f"admin:conferences_{name}", args=args)).status_code == 200
