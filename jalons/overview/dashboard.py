"""The figures of the national and regional dashboards, each computed by one aggregate query."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalons.accounts.models import ActorCategory, User
from jalons.conferences.models import Conference
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
    """Held and upcoming conferences of a cycle, by date."""
    conferences = list(cycle_conferences.select_related("region").order_by("date"))
    return {
        "conferences": conferences,
        "held": sum(conference.status == Conference.Status.HELD for conference in conferences),
        "cancelled": sum(conference.status == Conference.Status.CANCELLED for conference in conferences),
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
