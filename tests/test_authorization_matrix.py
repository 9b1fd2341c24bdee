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
from tests.workspace import builders as ws

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
REPORT_READERS = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "commissioner": 200, "national": 200}
# The national team's pages (press releases, national exports); hidden (404) from everyone else.
PRESS_TEAM_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": 302, "national": 200}
PRESS_TEAM_POST = {**PRESS_TEAM_ONLY, "national": 404}  # the national team posts no cycle here: 404


# Workspace: the region's people see a group's summary, its members and readers (commissioner, national) the rest.
REGION_SUMMARY = {
    "anonymous": 302,
    "region_person": 200,
    "member": 200,
    "animator": 200,
    "member_other": 404,
    "commissioner": 200,
    "commissioner_other": 404,
    "national": 200,
}
GROUP_READ = {**REGION_SUMMARY, "region_person": 403}
GROUP_WRITE = {**GROUP_READ, "commissioner": 403, "national": 403}
GROUP_ANIMATE = {**GROUP_READ, "member": 403}
GROUP_ANIMATE_POST = {**GROUP_ANIMATE, "animator": 302, "commissioner": 302, "national": 302}
OWN_MESSAGE = {**GROUP_WRITE, "animator": 403}
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


def rennes_dossier(roles):
    from django.core.files.base import ContentFile

    from jalons.conferences.models import Conference
    from jalons.overview.models import Report

    report = Report(kind="dossier", conference=Conference.objects.get(region__code="53"), status="done")
    report.file.save("dossier.pdf", ContentFile(b"%PDF-1.7"), save=False)
    report.save()
    return {"pk": report.pk}


def published_release(roles):
    from jalons.overview.models import PressRelease

    release = PressRelease.objects.create(
        title="Communiqué", place="Paris", date="2019-06-17", body="Texte", status=PressRelease.Status.PUBLISHED
    )
    return {"pk": release.pk}


def invitation_token(roles):
    _invitation, token = Invitation.create("invite@exemple.test")
    return {"token": token}


# Good practices (jalons.practices)
def submitted_practice(roles):
    from tests.practices.factories import GoodPracticeFactory

    practice = GoodPracticeFactory(author=roles["member"], status="submitted")
    return {"pk": practice.pk}


def submitted_practice_attachment(roles):
    from django.core.files.base import ContentFile

    from jalons.practices.models import GoodPractice, PracticeAttachment

    practice = GoodPractice.objects.get(pk=submitted_practice(roles)["pk"])
    attachment = PracticeAttachment(practice=practice, filename="a.pdf", content_type="application/pdf", size=9)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.description = "Un document"
    attachment.save()
    return {"pk": attachment.pk}


def published_practice_with_adopter(roles):
    from tests.factories import OrganisationFactory
    from tests.practices.factories import GoodPracticeFactory

    member_other = roles["member_other"]
    member_other.organisation = OrganisationFactory(region=member_other.region)
    member_other.save()
    return {"pk": GoodPracticeFactory(author=roles["member"]).pk}


PRACTICE_AUTHOR_AND_MODERATORS = {
    **dict.fromkeys(ROLES, 404),
    "member": 200,
    "commissioner": 200,
    "national": 200,
}
MODERATORS_ONLY = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": 302,
    "commissioner": 200,
    "commissioner_other": 200,
    "national": 200,
}


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
    "overview:dashboard_export": ("get", lambda roles: {"table": "mobilisation", "fmt": "csv"}, PUBLIC),
    "overview:press_release_list": ("get", no_kwargs, PUBLIC),
    # Reports: a dossier is its region's commissioner's and the national team's; others get 404.
    "overview:report_create": ("post", no_kwargs, {**dict.fromkeys(ROLES, 404), "anonymous": 302}),
    "overview:report_detail": ("get", rennes_dossier, REPORT_READERS),
    "overview:report_download": ("get", rennes_dossier, REPORT_READERS),
    "overview:press_release_draft": ("post", no_kwargs, PRESS_TEAM_POST),
    "overview:press_release_detail": ("get", published_release, PUBLIC),
    "overview:press_release_markdown": ("get", published_release, PUBLIC),
    "overview:press_release_pdf": ("get", published_release, PUBLIC),
    "overview:press_release_edit": ("get", published_release, PRESS_TEAM_ONLY),
    # conferences (issue 4)
    "conferences:calendar_feed": ("get", no_kwargs, PUBLIC),
    "conferences:all_registrations_csv": ("get", no_kwargs, PRESS_TEAM_ONLY),  # the national team's; 404 else
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
    # workspace
    "workspace:group_list": ("get", no_kwargs, SIGNED_IN),
    "workspace:region_groups": ("get", ws.region_kwargs, REGION_SUMMARY),
    "workspace:group_detail": ("get", ws.group_kwargs, REGION_SUMMARY),
    "workspace:ask_to_join": (
        "post",
        ws.group_kwargs,
        {**REGION_SUMMARY, "region_person": 302, "member": 403, "animator": 403, "commissioner": 302, "national": 403},
    ),
    # The only animator may not leave (redirected with an error): the page redirects either way.
    "workspace:leave_group": (
        "post",
        ws.group_kwargs,
        {**GROUP_READ, "member": 302, "animator": 302, "commissioner": 403, "national": 403},
    ),
    "workspace:group_edit": ("get", ws.group_kwargs, GROUP_ANIMATE),
    "workspace:remove_member": ("post", ws.new_member_kwargs, GROUP_ANIMATE_POST),
    "workspace:invite": ("get", ws.group_kwargs, GROUP_ANIMATE),
    "workspace:member_directory": ("get", ws.group_kwargs, REGION_SUMMARY),
    "workspace:add_managed_member": ("get", ws.group_kwargs, GROUP_ANIMATE),
    "workspace:accept_request": ("post", ws.pending_request_kwargs, GROUP_ANIMATE_POST),
    "workspace:decline_request": ("post", ws.pending_request_kwargs, GROUP_ANIMATE_POST),
    "workspace:thread_list": ("get", ws.group_kwargs, GROUP_READ),
    "workspace:thread_create": ("get", ws.group_kwargs, GROUP_WRITE),
    "workspace:thread_detail": ("get", ws.thread_kwargs, GROUP_READ),
    "workspace:message_edit": ("get", ws.member_message_kwargs, OWN_MESSAGE),
    "workspace:message_delete": ("post", ws.member_message_kwargs, {**OWN_MESSAGE, "member": 302}),
    "workspace:message_hide": ("get", ws.member_message_kwargs, GROUP_ANIMATE),
    "workspace:message_report": ("get", ws.member_message_kwargs, GROUP_WRITE),
    "workspace:document_list": ("get", ws.group_kwargs, GROUP_READ),
    "workspace:document_create": ("get", ws.group_kwargs, GROUP_WRITE),
    "workspace:document_detail": ("get", ws.document_kwargs, GROUP_READ),
    "workspace:download_version": ("get", ws.version_kwargs, GROUP_READ),
    "workspace:note_list": ("get", ws.group_kwargs, GROUP_READ),
    "workspace:note_create": ("get", ws.group_kwargs, GROUP_WRITE),
    "workspace:note_detail": ("get", ws.note_kwargs, GROUP_READ),
    "workspace:note_edit": ("get", ws.note_kwargs, GROUP_READ),  # its author (the member) or the animation
    # notifications: each person sees only their own; opening another's notification leads to one's list.
    "notifications:list": ("get", no_kwargs, SIGNED_IN),
    "notifications:preferences": ("get", no_kwargs, SIGNED_IN),
    "notifications:mark_all_read": ("post", no_kwargs, EVERYONE_REDIRECTED),
    "notifications:open": ("post", ws.notification_kwargs, EVERYONE_REDIRECTED),
    # Good practices (jalons.practices)
    "practices:practice_list": ("get", no_kwargs, PUBLIC),
    "practices:most_spread": ("get", no_kwargs, PUBLIC),
    "practices:practice_create": ("get", no_kwargs, SIGNED_IN),
    "practices:my_practices": ("get", no_kwargs, SIGNED_IN),
    "practices:moderation_queue": ("get", no_kwargs, MODERATORS_ONLY),
    # A practice not yet published: its author and its moderators only; 404 for everyone else.
    "practices:practice_detail": ("get", submitted_practice, PRACTICE_AUTHOR_AND_MODERATORS),
    "practices:practice_edit": (
        "get",
        submitted_practice,
        {**PRACTICE_AUTHOR_AND_MODERATORS, "anonymous": 302, "commissioner": 403, "national": 403},
    ),
    # Attachments of a practice not yet published: written by its author, read by the author and moderators.
    "practices:attachment_add": (
        "post",
        submitted_practice,
        {**PRACTICE_AUTHOR_AND_MODERATORS, "anonymous": 302, "member": 302, "commissioner": 403, "national": 403},
    ),
    "practices:attachment_download": ("get", submitted_practice_attachment, PRACTICE_AUTHOR_AND_MODERATORS),
    "practices:attachment_delete": (
        "post",
        submitted_practice_attachment,
        {**PRACTICE_AUTHOR_AND_MODERATORS, "anonymous": 302, "member": 302, "commissioner": 403, "national": 403},
    ),
    # Empty decision: 400 for a moderator (form error), 403 for the author, 404 for the others.
    "practices:practice_moderate": (
        "post",
        submitted_practice,
        {**PRACTICE_AUTHOR_AND_MODERATORS, "anonymous": 302, "member": 403, "commissioner": 400, "national": 400},
    ),
    # Only a person of another organisation records a take-up (member_other has one here; the empty form
    # sends them back to the practice).
    "practices:practice_adopt": (
        "post",
        published_practice_with_adopter,
        {**dict.fromkeys(ROLES, 403), "anonymous": 302, "member_other": 302},
    ),
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
    if response.streaming:
        b"".join(response.streaming_content)  # read a download to its end, which closes its file
    assert response.status_code == expected[role], f"{url_name} en tant que {role}"
