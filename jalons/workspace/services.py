"""Operations of the workspace that span several models: activity feed, notifications, memberships."""

from jalons.accounts.models import User
from jalons.notifications.services import notify
from jalons.strategy.models import Membership

from .models import Activity


def active_members(group):
    return User.objects.filter(memberships__group=group, memberships__status=Membership.Status.ACTIVE)


def animators(group):
    return active_members(group).filter(memberships__role=Membership.Role.ANIMATOR)


def publish(group, actor, text, url, recipients=None):
    """Add a line to the group's activity feed and notify recipients (default: every active member)."""
    Activity.objects.create(group=group, actor=actor, text=text[:500], url=url)
    people = list(active_members(group) if recipients is None else recipients)
    return notify(people, text, url=url, actor=actor, group=group)
