"""The permission predicates of the progress app, role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from jalons.core import permissions
from jalons.progress.models import Constraint, Roadmap

from .factories import ActionFactory, ConstraintFactory, RoadmapFactory, workstream

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "region_person",
    "member",
    "animator",
    "member_other",
    "commissioner",
    "commissioner_other",
    "national",
]


def allowed(roles, predicate, *args):
    result = set()
    for role in ROLES:
        user = roles[role] or AnonymousUser()
        if predicate(user, *args):
            result.add(role)
    return result


def test_viewing_a_regions_progress(roles, own_region):
    assert allowed(roles, permissions.can_view_progress, own_region) == {
        "region_person",
        "member",
        "animator",
        "commissioner",
        "national",
    }


def test_editing_actions(roles):
    action = ActionFactory()
    assert allowed(roles, permissions.can_edit_action, action) == {"animator", "commissioner", "national"}
    other_chantier = ActionFactory(roadmap=action.roadmap, workstream=workstream(2))
    assert allowed(roles, permissions.can_edit_action, other_chantier) == {"commissioner", "national"}
    assert allowed(roles, permissions.can_edit_roadmap, action.roadmap) == {"commissioner", "national"}
    action.roadmap.status = Roadmap.Status.SUBMITTED
    assert allowed(roles, permissions.can_edit_action, action) == set()
    assert allowed(roles, permissions.can_edit_roadmap, action.roadmap) == set()


@pytest.mark.parametrize(
    ("status", "submit", "validate", "finalise"),
    [
        (Roadmap.Status.DRAFT, {"commissioner"}, set(), set()),
        (Roadmap.Status.RETURNED, {"commissioner"}, set(), set()),
        (Roadmap.Status.SUBMITTED, set(), {"national"}, set()),
        (Roadmap.Status.VALIDATED, set(), set(), {"commissioner", "national"}),
        (Roadmap.Status.FINALISED, set(), set(), set()),
    ],
)
def test_workflow_predicates(roles, status, submit, validate, finalise):
    roadmap = RoadmapFactory(status=status)
    assert allowed(roles, permissions.can_submit_roadmap, roadmap) == submit
    assert allowed(roles, permissions.can_validate_roadmap, roadmap) == validate
    assert allowed(roles, permissions.can_finalise_roadmap, roadmap) == finalise


def test_checkpoints(roles, own_region):
    assert allowed(roles, permissions.can_edit_checkpoint, own_region, workstream(14)) == {
        "animator",
        "commissioner",
        "national",
    }
    assert allowed(roles, permissions.can_edit_checkpoint, own_region, workstream(1)) == {"commissioner", "national"}


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Constraint.Level.LOCAL, {"animator", "commissioner", "national"}),
        (Constraint.Level.REGIONAL, {"commissioner", "national"}),
        (Constraint.Level.NATIONAL, {"national"}),
    ],
)
def test_answering_constraints_at_their_level(roles, level, expected):
    assert allowed(roles, permissions.can_answer_constraint, ConstraintFactory(level=level)) == expected


def test_escalating_and_the_national_board(roles):
    constraint = ConstraintFactory()
    assert allowed(roles, permissions.can_escalate_constraint, constraint) == {"commissioner", "national"}
    constraint.escalate()
    assert allowed(roles, permissions.can_escalate_constraint, constraint) == set()
    assert allowed(roles, lambda user: permissions.can_use_constraint_board(user)) == {"national"}
    assert allowed(roles, lambda user: permissions.can_manage_indicators(user)) == {"national"}
