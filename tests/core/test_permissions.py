import pytest
from django.http import Http404

from jalons.core import permissions
from jalons.strategy.models import WorkingGroup
from tests.factories import MembershipFactory, UserFactory


@pytest.mark.django_db
def test_group_predicates_by_role(roles, own_group, other_group):
    expected_view = {
        "anonymous": False,
        "region_person": False,
        "member": True,
        "animator": True,
        "member_other": False,
        "commissioner": True,
        "commissioner_other": False,
        "national": True,
    }
    for role, allowed in expected_view.items():
        assert permissions.can_view_group(roles[role], own_group) is allowed, role
    expected_animate = {**expected_view, "member": False}
    for role, allowed in expected_animate.items():
        assert permissions.can_animate_group(roles[role], own_group) is allowed, role
    assert permissions.can_view_group(roles["member_other"], other_group)


@pytest.mark.django_db
def test_region_predicates(roles, own_region, other_region):
    assert permissions.can_view_region_private(roles["region_person"], own_region)
    assert not permissions.can_view_region_private(roles["region_person"], other_region)
    assert not permissions.can_view_region_private(roles["anonymous"], own_region)
    assert permissions.can_steer_region(roles["commissioner"], own_region)
    assert not permissions.can_steer_region(roles["commissioner"], other_region)
    assert permissions.can_steer_region(roles["national"], other_region)


@pytest.mark.django_db
def test_inactive_people_have_no_rights(roles, own_region):
    national = roles["national"]
    national.is_active = False
    assert not permissions.is_national(national)


@pytest.mark.django_db
def test_an_animator_acts_for_the_managed_members_of_their_groups(roles, own_group):
    managed = roles["managed"]
    assert permissions.can_act_for(roles["animator"], managed)
    assert not permissions.can_act_for(roles["member"], managed)
    assert not permissions.can_act_for(roles["commissioner_other"], managed)
    # Another animator of the same group may act for them too; nobody acts for a person with an e-mail.
    other_animator = MembershipFactory(group=own_group, role="animator").user
    assert permissions.can_act_for(other_animator, managed)
    assert not permissions.can_act_for(roles["animator"], roles["member"])
    stranger = UserFactory(managed=True)
    assert not permissions.can_act_for(roles["animator"], stranger)


@pytest.mark.django_db
def test_private_object_of_another_region_answers_404(roles, own_group):
    groups = WorkingGroup.objects.select_related("region")
    found = permissions.get_visible_or_404(groups, permissions.can_view_group, roles["member"], pk=own_group.pk)
    assert found == own_group
    with pytest.raises(Http404):
        permissions.get_visible_or_404(groups, permissions.can_view_group, roles["member_other"], pk=own_group.pk)
    with pytest.raises(Http404):
        permissions.get_visible_or_404(groups, permissions.can_view_group, roles["national"], pk=0)
