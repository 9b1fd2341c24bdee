"""The authorization matrix: every URL × every role → the expected status.

Roles: anonymous; a person of the region without a group; member and animator of a group of the own region;
member of the other region; commissioner of the own / other region; national coordinator.
A test fails when a URL pattern of the project is missing from the matrix.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from jalons.accounts.models import Invitation
from tests.conferences.factories import (
    conference_kwargs,
    document_kwargs,
    invitation_run_kwargs,
    registered_conference_kwargs,
)
from tests.progress import matrix as progress_matrix

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
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": 302}
EVERYONE_REDIRECTED = dict.fromkeys(ROLES, 302)
STAFF_ONLY = dict.fromkeys(ROLES, 302)  # the admin sends non-staff to its login page
# The region's commissioner and the national team; other people get 404 (a private page of a region).
REGION_STEERING = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "commissioner": 200, "national": 200}
# Pages without an object: refused with 403 to people who steer no region.
ANY_STEERING = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": 302,
    "commissioner": 200,
    "commissioner_other": 200,
    "national": 200,
}
NATIONAL_ONLY = {**dict.fromkeys(ROLES, 403), "anonymous": 302, "national": 200}


def no_kwargs(roles):
    return {}


def invitation_token(roles):
    _invitation, token = Invitation.create("invite@exemple.test")
    return {"token": token}


# url name → (method, kwargs builder, {role: status})
MATRIX = {
    "core:home": ("get", no_kwargs, PUBLIC),
    "core:healthz": ("get", no_kwargs, PUBLIC),
    "core:accessibility": ("get", no_kwargs, PUBLIC),
    "core:legal_notice": ("get", no_kwargs, PUBLIC),
    "core:personal_data": ("get", no_kwargs, PUBLIC),
    "core:sitemap": ("get", no_kwargs, PUBLIC),
    "accounts:login": ("get", no_kwargs, PUBLIC),
    "accounts:logout": ("post", no_kwargs, EVERYONE_REDIRECTED),
    "accounts:my_account": ("get", no_kwargs, SIGNED_IN),
    # A signed-in person may still open an invitation sent to another of their addresses.
    "accounts:accept_invitation": ("get", invitation_token, PUBLIC),
    "strategy:workstream_list": ("get", no_kwargs, PUBLIC),
    "strategy:workstream_detail": ("get", lambda roles: {"number": 14}, PUBLIC),
    "territories:region_list": ("get", no_kwargs, PUBLIC),
    "territories:region_detail": ("get", lambda roles: {"code": "53"}, PUBLIC),
    "conferences:conference_list": ("get", no_kwargs, PUBLIC),
    # overview
    "overview:national_dashboard": ("get", no_kwargs, PUBLIC),
    # conferences (issue 4)
    "conferences:calendar_feed": ("get", no_kwargs, PUBLIC),
    "conferences:conference_detail": ("get", conference_kwargs, PUBLIC),
    "conferences:conference_calendar": ("get", conference_kwargs, PUBLIC),
    "conferences:conference_edit": ("get", conference_kwargs, REGION_STEERING),
    "conferences:conference_program": ("get", conference_kwargs, REGION_STEERING),
    "conferences:conference_create": ("get", no_kwargs, ANY_STEERING),
    "conferences:cycle_create": ("get", no_kwargs, NATIONAL_ONLY),
    "conferences:register": ("get", conference_kwargs, SIGNED_IN),
    "conferences:my_registration": ("get", registered_conference_kwargs, SIGNED_IN),
    "conferences:cancel": ("get", registered_conference_kwargs, SIGNED_IN),
    "conferences:certificate": ("get", registered_conference_kwargs, SIGNED_IN),
    "conferences:check_in": ("get", conference_kwargs, REGION_STEERING),
    "conferences:invitations": ("get", conference_kwargs, REGION_STEERING),
    "conferences:after": ("get", conference_kwargs, REGION_STEERING),
    "conferences:document_download": ("get", document_kwargs, PUBLIC),
    "conferences:invitation_progress": ("get", invitation_run_kwargs, REGION_STEERING),
    "conferences:attendance_csv": ("get", conference_kwargs, REGION_STEERING),
    "conferences:attendance_xlsx": ("get", conference_kwargs, REGION_STEERING),
    "conferences:attendance_pdf": ("get", conference_kwargs, REGION_STEERING),
    "admin:index": ("get", no_kwargs, STAFF_ONLY),
    # progress: roadmaps, checkpoints, strengths and constraints, indicators
    **progress_matrix.MATRIX,
}
# The rest of the admin is guarded by the admin site itself (staff only), checked through admin:index.
EXCLUDED_NAMESPACES = {"admin"}


def project_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            nested = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from project_url_names(pattern, nested)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<sans nom : {pattern.pattern}>"


def test_every_url_is_in_the_matrix():
    missing = sorted(
        name
        for name in set(project_url_names())
        if name.split(":")[0] not in EXCLUDED_NAMESPACES and name not in MATRIX
    )
    assert not missing, f"URL absentes de la matrice d'autorisation : {missing}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_matrix(url_name, role, roles, client_for):
    from django.urls import reverse

    method, build_kwargs, expected = MATRIX[url_name]
    client = client_for(roles[role])
    response = getattr(client, method)(reverse(url_name, kwargs=build_kwargs(roles)))
    assert response.status_code == expected[role], f"{url_name} en tant que {role}"
