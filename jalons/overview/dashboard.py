"""The figures of the national and regional dashboards, each computed by one aggregate query."""

import datetime

from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalons.accounts.models import ActorCategory, User
from jalons.territories.models import Region

from .maps import MapArea, render_map


def people_by_region_and_category(region=None):
    """{"categories": [...], "rows": [(region, [n per category], total)], "totals": [n per category], "total": n}."""
    categories = list(ActorCategory.objects.order_by("order"))
    people = User.objects.filter(is_active=True, region__isnull=False)
    if region is not None:
        people = people.filter(region=region)
    counts = {}
    for region_id, category_id, count in people.values_list("region_id", "category_id").annotate(n=Count("pk")):
        counts.setdefault(region_id, {})[category_id] = count
    regions = Region.objects.order_by("name") if region is None else [region]
    rows = []
    for place in regions:
        cells = [counts.get(place.pk, {}).get(category.pk, 0) for category in categories]
        rows.append((place, cells, sum(cells)))
    totals = [sum(row[1][index] for row in rows) for index in range(len(categories))]
    return {"categories": categories, "rows": rows, "totals": totals, "total": sum(totals)}


def conference_figures(cycle_conferences):
    """The conferences of a cycle by date, with their registrations against capacity and attendance."""
    conferences = list(cycle_conferences.with_registration_counts().select_related("region").order_by("date"))
    today = timezone.localdate()
    return {
        "conferences": conferences,
        "held": sum(conference.date < today for conference in conferences),
        "upcoming": sum(conference.date >= today for conference in conferences),
        "capacity": sum(conference.capacity for conference in conferences),
        "confirmed": sum(conference.confirmed for conference in conferences),
        "waiting": sum(conference.waiting for conference in conferences),
        "attended": sum(conference.attended for conference in conferences),
    }


def active_groups(days=30):
    """{region id: number of working groups with activity in the last `days` days}, in one query."""
    from jalons.workspace.models import Activity

    since = timezone.now() - datetime.timedelta(days=days)
    return dict(
        Activity.objects.filter(created_at__gte=since)
        .order_by()
        .values_list("group__region_id")
        .annotate(n=Count("group", distinct=True))
    )


def with_active_groups(people, active):
    """The mobilisation rows, each with its number of active groups appended."""
    return [(place, cells, total, active.get(place.pk, 0)) for place, cells, total in people["rows"]]


def practice_figures(top=5, region=None):
    from jalons.practices.models import GoodPractice, most_spread

    published = GoodPractice.objects.published()
    if region is not None:
        published = published.filter(region=region)
    return {
        "published": published.count(),
        "most_spread": most_spread(top, region=region),
    }


def mobilisation_map(people):
    areas = [
        MapArea(
            code=region.code,
            label=ngettext("%(region)s : %(count)s personne", "%(region)s : %(count)s personnes", total)
            % {"region": region.name, "count": total},
            value=total,
            url=reverse("territories:region_detail", args=[region.code]),
        )
        for region, _counts, total in people["rows"]
    ]
    return render_map(areas, _("Carte des personnes mobilisées par région"))


def departments_map(region):
    """The region's départements, shaded by the people whose organisation is based there."""
    counts = dict(
        User.objects.filter(is_active=True, organisation__department__region=region)
        .values_list("organisation__department__code")
        .annotate(n=Count("pk"))
    )
    areas = []
    for department in region.departments.all():
        count = counts.get(department.code, 0)
        label = ngettext("%(place)s : %(count)s personne", "%(place)s : %(count)s personnes", count)
        areas.append(MapArea(code=department.code, label=label % {"place": department, "count": count}, value=count))
    return render_map(
        areas,
        _("Carte des départements de la région %(region)s") % {"region": region.name},
        level="departments",
        only={area.code for area in areas},
    )


def checkpoint_grid(regions, workstreams, cycle=None):
    """Latest checkpoint status per region × chantier: [(region, [status or None per chantier])]."""
    from jalons.progress.models import Checkpoint

    checkpoints = Checkpoint.objects.all()
    if cycle is not None:
        checkpoints = checkpoints.filter(Q(campaign__cycle=cycle) | Q(conference__cycle=cycle))
    latest = checkpoints.filter(region=OuterRef("region"), workstream=OuterRef("workstream")).order_by("-date", "-pk")
    statuses = {
        (region_id, workstream_id): status
        for region_id, workstream_id, status in checkpoints.annotate(latest_pk=Subquery(latest.values("pk")[:1]))
        .filter(pk=F("latest_pk"))
        .values_list("region_id", "workstream_id", "status")
    }
    return [(region, [statuses.get((region.pk, workstream.pk)) for workstream in workstreams]) for region in regions]


def roadmap_figures(regions, workstream=None):
    """Per region: status of the latest roadmap, actions (without abandoned ones), done, late, mean progress."""
    from jalons.progress.models import Roadmap, RoadmapAction

    latest_period = Roadmap.objects.filter(region=OuterRef("region")).order_by("-period").values("period")[:1]
    roadmaps = {
        roadmap.region_id: roadmap
        for roadmap in Roadmap.objects.annotate(latest=Subquery(latest_period)).filter(period=F("latest"))
    }
    actions = RoadmapAction.objects.filter(roadmap__in=list(roadmaps.values())).exclude(
        status=RoadmapAction.Status.ABANDONED
    )
    if workstream is not None:
        actions = actions.filter(workstream=workstream)
    today = timezone.localdate()
    figures = {
        row["roadmap__region_id"]: row
        for row in actions.order_by()
        .values("roadmap__region_id")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=Q(status=RoadmapAction.Status.DONE)),
            late=Count("pk", filter=Q(due_on__lt=today, status__in=RoadmapAction.OPEN_STATUSES)),
            mean=Avg("progress"),
        )
    }
    empty = {"total": 0, "done": 0, "late": 0, "mean": None}
    rows = [(region, roadmaps.get(region.pk), figures.get(region.pk, empty)) for region in regions]
    totals = {key: sum(row[2][key] for row in rows) for key in ("total", "done", "late")}
    return {"rows": rows, "totals": totals}


def constraint_figures(regions, workstream=None, topics=5):
    """Unlifted constraints by level, and the topics that group the most constraints."""
    from jalons.progress.models import Constraint, ConstraintTopic

    constraints = Constraint.objects.filter(region__in=regions)
    if workstream is not None:
        constraints = constraints.filter(workstream=workstream)
    by_level = dict(constraints.unlifted().order_by().values_list("level").annotate(n=Count("pk")))
    levels = [(label, by_level.get(value, 0)) for value, label in Constraint.Level.choices]
    lifted = constraints.filter(status=Constraint.Status.LIFTED).count()
    frequent = (
        ConstraintTopic.objects.filter(constraints__in=constraints)
        .annotate(count=Count("constraints", distinct=True), regions=Count("constraints__region", distinct=True))
        .order_by("-count", "title")[:topics]
    )
    return {"levels": levels, "unlifted": sum(count for _label, count in levels), "lifted": lifted, "topics": frequent}


def export_tables(cycle, workstream, regions, workstreams):
    """Each dashboard table as (columns, rows), by the slug used in its download URL. Built lazily, one at a time."""
    from jalons.progress.models import Checkpoint

    statuses = dict(Checkpoint.Status.choices)

    def mobilisation():
        people, active = people_by_region_and_category(), active_groups()
        columns = [_("Région"), _("Code INSEE")] + [category.name for category in people["categories"]]
        columns += [_("Total"), _("Groupes actifs (30 jours)")]
        rows = [
            [place.name, place.code, *cells, total, count]
            for place, cells, total, count in with_active_groups(people, active)
        ]
        return columns, rows

    def checkpoints():
        columns = [_("Région"), _("Code INSEE")] + [_("Chantier %(n)s") % {"n": ws.number} for ws in workstreams]
        rows = [
            [place.name, place.code, *[statuses.get(status, "") for status in row]]
            for place, row in checkpoint_grid(regions, workstreams, cycle)
        ]
        return columns, rows

    def roadmaps():
        columns = [_("Région"), _("Code INSEE"), _("Statut"), _("Période"), _("Actions"), _("Réalisées")]
        columns += [_("En retard"), _("Avancement moyen (%)")]
        rows = [
            [
                place.name,
                place.code,
                roadmap.get_status_display() if roadmap else "",
                roadmap.period if roadmap else "",
                figures["total"],
                figures["done"],
                figures["late"],
                round(figures["mean"]) if figures["mean"] is not None else "",
            ]
            for place, roadmap, figures in roadmap_figures(regions, workstream)["rows"]
        ]
        return columns, rows

    def constraints():
        return [_("Niveau"), _("Contraintes non levées")], constraint_figures(regions, workstream)["levels"]

    def conferences():
        figures = conference_figures(cycle.conferences.published()) if cycle else {"conferences": []}
        columns = [_("Date"), _("Région"), _("Ville"), _("Statut"), _("Places"), _("Inscriptions confirmées")]
        columns += [_("Liste d'attente"), _("Présences")]
        rows = [
            [
                conference.date,
                conference.region.name,
                conference.city,
                conference.get_status_display(),
                conference.capacity,
                conference.confirmed,
                conference.waiting,
                conference.attended,
            ]
            for conference in figures["conferences"]
        ]
        return columns, rows

    def indicators():
        columns = [_("Code"), _("Indicateur"), _("Unité"), _("Date"), _("Valeur"), _("Cible"), _("Date cible")]
        rows = [
            [
                indicator.code,
                indicator.name,
                indicator.unit,
                indicator.latest_date or "",
                indicator.latest_value if indicator.latest_value is not None else "",
                indicator.target_value if indicator.target_value is not None else "",
                indicator.target_date or "",
            ]
            for indicator in indicator_figures()
        ]
        return columns, rows

    return {
        "indicateurs": indicators,
        "mobilisation": mobilisation,
        "points-d-etape": checkpoints,
        "feuilles-de-route": roadmaps,
        "contraintes": constraints,
        "conferences": conferences,
    }


def indicator_figures(zone_code=None):
    """The latest value of each indicator for France, or for one region given its code, against its target.

    The maille is part of the filter: a region and a département may share a code (53 is Bretagne and Mayenne),
    and it lets each subquery read one entry of the unique index (indicator, maille, zone_code, date).
    """
    from jalons.progress.models import NATIONAL_ZONE, Indicator, IndicatorValue, Maille

    maille = Maille.NATIONAL if zone_code is None else Maille.REGION
    latest = IndicatorValue.objects.filter(
        indicator=OuterRef("pk"), maille=maille, zone_code=zone_code or NATIONAL_ZONE
    ).order_by("-date")
    return list(
        Indicator.objects.order_by("code").annotate(
            latest_value=Subquery(latest.values("value")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
            target_value=Subquery(latest.values("target_value")[:1]),
            target_date=Subquery(latest.values("target_date")[:1]),
        )
    )
