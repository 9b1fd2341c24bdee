"""The workspace's predicates of jalons.core.permissions, role by role."""

import pytest

from jalons.core.permissions import (
    can_animate_group,
    can_ask_to_join,
    can_contribute_to_group,
    can_edit_meeting_note,
    can_edit_message,
    can_see_member_contacts,
    can_view_group,
    can_view_group_summary,
)
from jalons.strategy.models import Membership
from tests.factories import UserFactory

from .builders import make_note, make_thread

pytestmark = pytest.mark.django_db

ROLES = ["region_person", "member", "animator", "member_other", "commissioner", "commissioner_other", "national"]


def fresh(user):
    """The predicates cache roles on the user object: read them again from the database."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("predicate", "allowed"),
    [
        (can_view_group_summary, {"region_person", "member", "animator", "commissioner", "national"}),
        (can_view_group, {"member", "animator", "commissioner", "national"}),
        (can_contribute_to_group, {"member", "animator"}),
        (can_animate_group, {"animator", "commissioner", "national"}),
        (can_see_member_contacts, {"member", "animator"}),
        (can_ask_to_join, {"region_person", "commissioner"}),
    ],
)
def test_group_predicates(roles, own_group, predicate, allowed):
    assert {role for role in ROLES if predicate(fresh(roles[role]), own_group)} == allowed
    assert not predicate(None, own_group)


def test_pending_members_have_no_access_yet(own_group):
    person = UserFactory(region=own_group.region)
    Membership.objects.create(user=person, group=own_group, status=Membership.Status.PENDING)
    person = fresh(person)
    assert can_view_group_summary(person, own_group)
    assert not can_view_group(person, own_group)
    assert not can_contribute_to_group(person, own_group)


def test_message_editing(roles, own_group):
    message = make_thread(own_group, roles["member"]).messages.get()
    assert {role for role in ROLES if can_edit_message(fresh(roles[role]), message)} == {"member"}
    # The animator who posted for a managed member edits it; the member who left the group no longer can.
    for_managed = make_thread(own_group, roles["managed"]).messages.get()
    for_managed.posted_by = roles["animator"]
    assert can_edit_message(fresh(roles["animator"]), for_managed)
    Membership.objects.filter(user=roles["member"]).delete()
    assert not can_edit_message(fresh(roles["member"]), message)


def test_meeting_note_editing(roles, own_group):
    note = make_note(own_group, roles["member"])
    allowed = {"member", "animator", "commissioner", "national"}
    assert {role for role in ROLES if can_edit_meeting_note(fresh(roles[role]), note)} == allowed
    assert not can_edit_meeting_note(None, note)
    assert not can_edit_message(None, make_thread(own_group, roles["member"]).messages.get())
