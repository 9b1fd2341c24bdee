import pytest

from .factories import ConferenceFactory


@pytest.fixture
def conference(db):
    return ConferenceFactory()
