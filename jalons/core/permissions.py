"""The one place that says who may do what. Views, templates and the API call these predicates.

Deny by default: every view requires a signed-in user (LoginRequiredMiddleware) unless it is marked public
with `public_page`. A private object of another region answers 404 (see `get_visible_or_404`), not 403,
so that its existence is not revealed.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404

# Public pages are declared explicitly; the decorator is the only way to open a view to anonymous visitors.
public_page = login_not_required


def _is_person(user):
    return bool(user and user.is_authenticated and user.is_active)


def is_national(user):
    return _is_person(user) and user.is_national_coordinator


def commissioned_region_ids(user):
    """Regions in which the user is commissioner (cached on the user object for the request)."""
    if not _is_person(user):
        return frozenset()
    if not hasattr(user, "_commissioned_region_ids"):
        user._commissioned_region_ids = frozenset(user.region_roles.values_list("region_id", flat=True))
    return user._commissioned_region_ids


def group_roles(user):
    """{group id: role} of the user's active memberships (cached on the user object for the request)."""
    if not _is_person(user):
        return {}
    if not hasattr(user, "_group_roles"):
        user._group_roles = dict(user.memberships.active().values_list("group_id", "role"))
    return user._group_roles


def is_commissioner(user, region):
    return region.pk in commissioned_region_ids(user)


def can_steer_region(user, region):
    """Run a region: its groups, conference, roadmap. The national team may act everywhere."""
    return is_national(user) or is_commissioner(user, region)


def can_view_region_private(user, region):
    """The region's shared pages: for the people of the region, its commissioner and the national team."""
    return can_steer_region(user, region) or (_is_person(user) and user.region_id == region.pk)


def is_group_member(user, group):
    return group.pk in group_roles(user)


def is_group_animator(user, group):
    from jalons.strategy.models import Membership

    return group_roles(user).get(group.pk) == Membership.Role.ANIMATOR


def can_view_group(user, group):
    return is_group_member(user, group) or can_steer_region(user, group.region)


def can_animate_group(user, group):
    return is_group_animator(user, group) or can_steer_region(user, group.region)


def can_act_for(user, person):
    """An animator acts for a managed member (no e-mail) of one of their groups."""
    if not _is_person(user) or not person.is_managed:
        return False
    if person.managed_by_id == user.pk:
        return True
    animated = [group_id for group_id, role in group_roles(user).items() if role == "animator"]
    return person.memberships.active().filter(group_id__in=animated).exists()


def can_view_group_summary(user, group):
    """A group's summary (description, animators, activity counts): the people of its region and its readers."""
    return can_view_group(user, group) or can_view_region_private(user, group.region)


def can_contribute_to_group(user, group):
    """Write in a group (messages, documents, notes): its active members and animators."""
    return is_group_member(user, group)


def can_ask_to_join(user, group):
    """A person of the region who is not yet an active member may ask to join."""
    return _is_person(user) and user.region_id == group.region_id and not is_group_member(user, group)


def can_see_member_contacts(user, group):
    """E-mail and phone numbers in a group's directory: for the group's members only (personal data), not for
    the people who read the group without taking part in it."""
    return is_group_member(user, group)


def can_edit_message(user, message):
    """Edit or delete a message: its author, or the animator who posted it for a managed member."""
    if not _is_person(user) or message.hidden_at is not None or not is_group_member(user, message.thread.group):
        return False
    return message.author_id == user.pk or (message.posted_by_id == user.pk and message.posted_by_id is not None)


def can_edit_meeting_note(user, note):
    """Its author while a member of the group, or whoever animates the group."""
    if not _is_person(user):
        return False
    group = note.group
    return (note.author_id == user.pk and is_group_member(user, group)) or can_animate_group(user, group)


def get_visible_or_404(queryset, predicate, user, **lookup):
    """Fetch an object and hide it behind a 404 when the user may not see it."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not predicate(user, obj):
        raise Http404
    return obj


# --- Progress: roadmaps, checkpoints, strengths and constraints, indicators -------------------------------------


def animated_workstreams(user):
    """{(region id, workstream id)} of the groups the user animates (cached on the user object for the request)."""
    if not _is_person(user):
        return frozenset()
    if not hasattr(user, "_animated_workstreams"):
        user._animated_workstreams = frozenset(
            user.memberships.animators().values_list("group__region_id", "group__workstream_id")
        )
    return user._animated_workstreams


def animates_workstream(user, region, workstream):
    return (region.pk, workstream.pk if hasattr(workstream, "pk") else workstream) in animated_workstreams(user)


def can_view_progress(user, region):
    """A region's roadmap, checkpoints, strengths and constraints: its people, its commissioner, the national team."""
    return can_view_region_private(user, region)


def can_create_roadmap(user, region):
    return can_steer_region(user, region)


def can_edit_roadmap(user, roadmap):
    """Change any action of the roadmap, import a file of actions: the region's steering, unless under review."""
    return not roadmap.is_locked and can_steer_region(user, roadmap.region)


def can_add_action(user, roadmap, workstream):
    return can_edit_roadmap(user, roadmap) or (
        not roadmap.is_locked and animates_workstream(user, roadmap.region, workstream)
    )


def can_edit_action(user, action):
    """The animators of the action's chantier in the region, and the region's steering, unless under review."""
    return can_add_action(user, action.roadmap, action.workstream_id)


def can_submit_roadmap(user, roadmap):
    return is_commissioner(user, roadmap.region) and roadmap.allows(roadmap.Transition.SUBMIT)


def can_validate_roadmap(user, roadmap):
    """Validate or return with comments: the national team only."""
    return is_national(user) and roadmap.allows(roadmap.Transition.VALIDATE)


def can_finalise_roadmap(user, roadmap):
    return can_steer_region(user, roadmap.region) and roadmap.allows(roadmap.Transition.FINALISE)


def can_apply_transition(user, roadmap, transition):
    predicate = {
        "submit": can_submit_roadmap,
        "validate": can_validate_roadmap,
        "return": can_validate_roadmap,
        "finalise": can_finalise_roadmap,
    }.get(transition)
    return predicate is not None and predicate(user, roadmap)


def can_edit_checkpoint(user, region, workstream):
    """Fill a chantier's checkpoint, strengths and constraints: its animators and the region's steering."""
    return can_steer_region(user, region) or animates_workstream(user, region, workstream)


def can_edit_any_checkpoint(user, region):
    animated_regions = {region_id for region_id, _workstream in animated_workstreams(user)}
    return can_steer_region(user, region) or region.pk in animated_regions


def can_escalate_constraint(user, constraint):
    """Send a constraint up to the national team: the region's steering."""
    return constraint.status == constraint.Status.OPEN and can_steer_region(user, constraint.region)


def can_answer_constraint(user, constraint):
    """Answer a constraint at its level: national ones by the national team only."""
    if constraint.level == constraint.Level.NATIONAL:
        return is_national(user)
    if constraint.level == constraint.Level.REGIONAL:
        return can_steer_region(user, constraint.region)
    return can_edit_checkpoint(user, constraint.region, constraint.workstream_id)


def can_use_constraint_board(user):
    return is_national(user)


def can_manage_indicators(user):
    """Define indicators, enter, import and export their values: the national team."""
    return is_national(user)


# Good practices (jalons.practices)


def can_submit_practice(user):
    """Any signed-in person may propose a good practice (an animator also does it for a managed member)."""
    return _is_person(user)


def can_moderate_practice(user, practice):
    """The commissioner of the practice's region or the national team publishes, asks for changes or rejects."""
    return is_national(user) or (_is_person(user) and is_commissioner(user, practice.region))


def can_moderate_practices(user):
    """Has practices to moderate somewhere: the national team, or a commissioner of at least one region."""
    return is_national(user) or bool(commissioned_region_ids(user))


def acts_as_author(user, practice):
    """The author, or an animator acting for the author when the author is a managed member."""
    if not _is_person(user) or practice.author_id is None:
        return False
    return practice.author_id == user.pk or can_act_for(user, practice.author)


def can_edit_practice(user, practice):
    """The author (or the animator acting for them) edits while the practice is not yet decided."""
    return practice.status in practice.AUTHOR_EDITABLE and acts_as_author(user, practice)


def can_view_practice(user, practice):
    """Published practices are public; the others are seen by their author and their moderators only."""
    return practice.is_published or acts_as_author(user, practice) or can_moderate_practice(user, practice)


def can_record_adoption(user, practice):
    """A person of an organisation other than the practice's own records that it takes the practice up."""
    return (
        _is_person(user)
        and practice.is_published
        and user.organisation_id is not None
        and user.organisation_id != practice.lead_organisation_id
    )


def can_manage_press_releases(user):
    """Drafting, editing and publishing the press releases is the national team's."""
    return is_national(user)


# --- Conferences --------------------------------------------------------------------------------------------


def can_create_cycle(user):
    return is_national(user)


def can_edit_conference(user, conference):
    """Edit a conference, its agenda and workshops, see its registrations and run its check-in."""
    return can_steer_region(user, conference.region)


def can_view_conference(user, conference):
    """Published, cancelled and held conferences are public; a draft only for those who edit it."""
    return conference.status != conference.Status.DRAFT or can_edit_conference(user, conference)


def steered_region_ids(user):
    """Regions whose conferences the user may create: all for the national team (None), else their own."""
    return None if is_national(user) else commissioned_region_ids(user)


def can_create_conference(user):
    return is_national(user) or bool(commissioned_region_ids(user))


# --- Reports (conference dossiers, cycle syntheses) -------------------------------------------------------------


def can_view_report(user, report):
    """A dossier holds its region's private figures: its commissioner and the national team; a synthesis: national."""
    if report.kind == report.Kind.DOSSIER:
        return can_steer_region(user, report.conference.region)
    return is_national(user)
