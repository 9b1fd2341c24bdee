from django.utils.translation import gettext as _

from jalons.accounts.models import User

from .models import Membership, WorkingGroup

# How many groups one person joins: mostly one or two, some three.
GROUPS_PER_PERSON = [1, 1, 1, 2, 2, 3]


def create_memberships(ctx):
    """Every person joins groups of their region; every group gets one or two animators."""
    groups_by_region = {}
    for group in WorkingGroup.objects.order_by("region_id", "workstream__number"):
        groups_by_region.setdefault(group.region_id, []).append(group)
    members_by_group = {group.pk: [] for groups in groups_by_region.values() for group in groups}
    people_by_region = {}
    for person_id, region_id, email in (
        User.objects.filter(region__isnull=False).order_by("pk").values_list("pk", "region_id", "email")
    ):
        people_by_region.setdefault(region_id, []).append((person_id, email))
    progress = ctx.progress(total=sum(map(len, people_by_region.values())), desc=_("Groupes"))
    for region_id in sorted(people_by_region):
        groups = groups_by_region[region_id]
        # People with an e-mail first, dealt round-robin: every group gets members who can animate it.
        persons = sorted(people_by_region[region_id], key=lambda person: person[1] is None)
        for index, (person_id, email) in enumerate(persons):
            chosen = {groups[index % len(groups)]}
            chosen.update(ctx.rng.sample(groups, ctx.rng.choice(GROUPS_PER_PERSON) - 1))
            for group in sorted(chosen, key=lambda group: group.pk):
                members_by_group[group.pk].append((person_id, email))
            progress.update()
    progress.close()
    memberships, managed_by = [], {}
    for group_id in sorted(members_by_group):
        members = members_by_group[group_id]
        candidates = [person_id for person_id, email in members if email]
        animators = set(ctx.rng.sample(candidates, min(len(candidates), ctx.rng.choice([1, 2]))))
        for person_id, email in members:
            role = Membership.Role.ANIMATOR if person_id in animators else Membership.Role.MEMBER
            memberships.append(Membership(user_id=person_id, group_id=group_id, role=role))
            if not email and animators:
                managed_by.setdefault(person_id, min(animators))
    Membership.objects.bulk_create(memberships, batch_size=2000)
    managed = User.objects.filter(pk__in=managed_by).order_by("pk")
    for person in managed:
        person.managed_by_id = managed_by[person.pk]
    User.objects.bulk_update(managed, ["managed_by"], batch_size=1000)
