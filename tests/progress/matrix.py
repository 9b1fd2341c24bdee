"""Entries of the authorization matrix (tests/test_authorization_matrix.py) for the progress app.

Every private page is in Bretagne (53), the own region of the roles; the other region's people get a 404.
"""

from jalons.progress.models import Constraint

from .factories import ActionFactory, CheckpointFactory, ConstraintFactory, IndicatorFactory, RoadmapFactory

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
PUBLIC = dict.fromkeys(ROLES, 200)
# A region's shared pages: its people, its commissioner, the national team; 404 for another region.
REGION_PRIVATE = {
    **dict.fromkeys(ROLES, 200),
    "anonymous": 302,
    "member_other": 404,
    "commissioner_other": 404,
}
# Steering the region (commissioner, national team); the region's other people are refused.
REGION_STEERING = {**REGION_PRIVATE, "region_person": 403, "member": 403, "animator": 403}
# Editing a chantier: its animators too.
CHANTIER_EDITORS = {**REGION_STEERING, "animator": 200}
NATIONAL_ONLY = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "national": 200}
NATIONAL_ONLY_POST = {**NATIONAL_ONLY, "national": 302}


def region(roles):
    return {"code": "53"}


def roadmap(roles):
    return {"code": "53", "pk": RoadmapFactory().pk}


def action(roles):
    return {"code": "53", "pk": ActionFactory().pk}


def export(roles):
    return {**roadmap(roles), "fmt": "csv"}


def checkpoint(roles):
    return {"code": "53", "pk": CheckpointFactory().pk}


def open_constraint(roles):
    return {"code": "53", "pk": ConstraintFactory().pk}


def national_constraint(roles):
    return {"pk": ConstraintFactory(level=Constraint.Level.NATIONAL, status=Constraint.Status.ESCALATED).pk}


def topic(roles):
    from jalons.progress.models import ConstraintTopic

    return {"pk": ConstraintTopic.objects.create(title="Accès aux données").pk}


def campaign(roles):
    from jalons.progress.models import CheckpointCampaign

    return {"pk": CheckpointCampaign.objects.create(title="Campagne 2019", due_on="2019-06-15").pk}


def indicator(roles):
    return {"code": IndicatorFactory().code}


MATRIX = {
    "progress:roadmap": ("get", region, REGION_PRIVATE),
    # An empty form is refused with a message and a redirection, once the permission is granted.
    "progress:roadmap_create": ("post", region, {**REGION_STEERING, "commissioner": 302, "national": 302}),
    "progress:roadmap_transition": ("post", roadmap, {**REGION_STEERING, "commissioner": 302, "national": 302}),
    "progress:action_create": ("get", roadmap, CHANTIER_EDITORS),
    "progress:action_edit": ("get", action, CHANTIER_EDITORS),
    "progress:action_history": ("get", action, REGION_PRIVATE),
    "progress:action_import": ("get", roadmap, REGION_STEERING),
    "progress:action_export": ("get", export, REGION_PRIVATE),
    "progress:action_template": ("get", lambda roles: {"code": "53", "fmt": "xlsx"}, REGION_PRIVATE),
    "progress:checkpoint_list": ("get", region, REGION_PRIVATE),
    "progress:checkpoint_create": ("get", region, CHANTIER_EDITORS),
    "progress:checkpoint_edit": ("get", checkpoint, CHANTIER_EDITORS),
    "progress:region_constraints": ("get", region, REGION_PRIVATE),
    "progress:constraint_escalate": (
        "post",
        open_constraint,
        {**REGION_STEERING, "commissioner": 302, "national": 302},
    ),
    "progress:constraint_board": ("get", lambda roles: {}, NATIONAL_ONLY),
    "progress:constraint_group": ("post", lambda roles: {}, NATIONAL_ONLY_POST),
    "progress:constraint_topic": ("post", topic, NATIONAL_ONLY_POST),
    # A national constraint: answered by the national team only; hidden from another region.
    "progress:constraint_answer": (
        "get",
        national_constraint,
        {**REGION_STEERING, "commissioner": 403},
    ),
    "progress:campaign_list": ("get", lambda roles: {}, NATIONAL_ONLY),
    "progress:campaign_action": ("post", campaign, NATIONAL_ONLY_POST),
    "progress:indicator_list": ("get", lambda roles: {}, PUBLIC),
    "progress:indicator_detail": ("get", indicator, PUBLIC),
    "progress:indicator_export": ("get", lambda roles: {"fmt": "csv"}, PUBLIC),
    "progress:indicator_create": ("get", lambda roles: {}, NATIONAL_ONLY),
    "progress:indicator_import": ("get", lambda roles: {}, NATIONAL_ONLY),
    "progress:indicator_value_create": ("get", indicator, NATIONAL_ONLY),
}
