"""Operations that span several models: checkpoint campaigns (completion per region, reminders)."""

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.notifications.outbox import queue_email
from jalons.strategy.models import Membership, WorkingGroup

from .models import Checkpoint


def campaign_completion(campaign):
    """[(region, answered chantiers, expected chantiers)] for every region, in two queries."""
    answered = dict(
        Checkpoint.objects.filter(campaign=campaign)
        .order_by()
        .values_list("region_id")
        .annotate(count=Count("workstream", distinct=True))
    )
    expected = {}
    regions = {}
    for group in WorkingGroup.objects.select_related("region").order_by("region__name"):
        expected[group.region_id] = expected.get(group.region_id, 0) + 1
        regions[group.region_id] = group.region
    return [(region, answered.get(region_id, 0), expected[region_id]) for region_id, region in regions.items()]


def missing_groups(campaign):
    done = set(Checkpoint.objects.filter(campaign=campaign).values_list("region_id", "workstream_id"))
    return [
        group
        for group in WorkingGroup.objects.select_related("region", "workstream").order_by("region__name")
        if (group.region_id, group.workstream_id) not in done
    ]


@transaction.atomic
def send_reminders(campaign, base_url):
    """Queue an e-mail to the animators of every group without its checkpoint yet; return how many."""
    groups = {group.pk: group for group in missing_groups(campaign)}
    animators = (
        Membership.objects.animators()
        .filter(group_id__in=groups, user__email__isnull=False, user__is_active=True)
        .select_related("user")
        .order_by("group_id", "user_id")
    )
    messages = []
    for membership in animators:
        group = groups[membership.group_id]
        link = base_url + reverse("progress:checkpoint_create", args=[group.region.code])
        link += f"?chantier={group.workstream.number}"
        body = _(
            "Bonjour %(name)s,\n\n"
            "La délégation nationale attend le point d'étape du chantier « %(workstream)s » en %(region)s "
            "pour le %(due)s (%(campaign)s).\n\n"
            "Vous pouvez le remplir ici : %(link)s\n\n"
            "Merci,\nJalons"
        ) % {
            "name": membership.user.get_full_name(),
            "workstream": group.workstream.title,
            "region": group.region.name,
            "due": campaign.due_on.strftime("%d/%m/%Y"),
            "campaign": campaign.title,
            "link": link,
        }
        messages.append(
            queue_email(
                membership.user.email,
                _("Point d'étape attendu : %(workstream)s") % {"workstream": group.workstream.title},
                body,
            )
        )
    campaign.reminded_at = timezone.now()
    campaign.save(update_fields=["reminded_at"])
    return len(messages)


def region_summary(region):
    """Per chantier: the latest checkpoint, the progress of the current roadmap, the open constraints.

    Returns (roadmap or None, rows); a fixed number of queries whatever the data.
    """
    from jalons.strategy.models import Strategy

    from .models import Constraint, Roadmap

    strategy = Strategy.objects.order_by("-announced_on").first()
    if strategy is None:
        return None, []
    latest = {}
    for checkpoint in (
        Checkpoint.objects.filter(region=region).order_by("-date").only("workstream_id", "status", "date")
    ):
        latest.setdefault(checkpoint.workstream_id, checkpoint)
    roadmap = Roadmap.objects.filter(region=region, strategy=strategy).order_by("-period").first()
    progress = roadmap.actions.progress_by_workstream() if roadmap else {}
    open_constraints = dict(
        Constraint.objects.filter(region=region)
        .unlifted()
        .order_by()
        .values_list("workstream_id")
        .annotate(count=Count("pk"))
    )
    rows = []
    for workstream in strategy.workstreams.all():
        count, mean, late = progress.get(workstream.pk, (0, 0, 0))
        rows.append(
            {
                "workstream": workstream,
                "checkpoint": latest.get(workstream.pk),
                "action_count": count,
                "mean_progress": mean,
                "late_count": late,
                "open_constraints": open_constraints.get(workstream.pk, 0),
            }
        )
    return roadmap, rows


STOP_WORDS = frozenset(
    [
        "les",
        "des",
        "une",
        "aux",
        "par",
        "pour",
        "pas",
        "sur",
        "dans",
        "avec",
        "sans",
        "est",
        "sont",
        "qui",
        "que",
        "del",
        "ont",
        "the",
        "and",
        "ne",
        "plus",
        "leur",
        "leurs",
        "ces",
        "cette",
        "entre",
        "tres",
    ]
)


def _words(text):
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    cleaned = "".join(character if character.isalnum() else " " for character in plain)
    return {word for word in cleaned.split() if len(word) > 2 and word not in STOP_WORDS}


def similar_constraints(constraints, threshold=0.3):
    """Suggest groups of similar constraints from different regions: [[constraint, …]], largest first.

    Two constraints of the same chantier are similar when their titles share enough words (Jaccard index of the
    significant, accent-free words at least `threshold`); groups are the connected sets of similar constraints.
    """
    items = list(constraints)
    words = [_words(item.title + " " + item.description) for item in items]
    parent = list(range(len(items)))

    def root(index):
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for first in range(len(items)):
        for second in range(first + 1, len(items)):
            if items[first].workstream_id != items[second].workstream_id:
                continue
            if items[first].region_id == items[second].region_id:
                continue
            union = words[first] | words[second]
            if union and len(words[first] & words[second]) / len(union) >= threshold:
                parent[root(second)] = root(first)
    groups = {}
    for index, item in enumerate(items):
        groups.setdefault(root(index), []).append(item)
    return sorted((group for group in groups.values() if len(group) > 1), key=len, reverse=True)
