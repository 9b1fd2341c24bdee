import functools

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jalons.conferences.models import Conference
from jalons.core.caching import cache_for_visitors, shared_fragment
from jalons.core.permissions import public_page
from jalons.overview import dashboard
from jalons.strategy.models import Membership, WorkingGroup

from .models import Region


@public_page
@cache_for_visitors
def region_list(request):
    regions = Region.objects.annotate(people_count=Count("people", distinct=True)).order_by("name")
    return render(request, "territories/region_list.html", {"regions": regions, "title": _("Les 18 régions")})


@public_page
@cache_for_visitors
def region_detail(request, code):
    region = get_object_or_404(Region, code=code)

    @functools.cache  # computed only when a fragment is not in the cache
    def context():
        active = Q(memberships__status=Membership.Status.ACTIVE)
        groups = WorkingGroup.objects.for_region(region).annotate(
            member_count=Count("memberships", filter=active),
            animator_count=Count("memberships", filter=active & Q(memberships__role=Membership.Role.ANIMATOR)),
        )
        people = dashboard.people_by_region_and_category(region)
        roadmaps = dashboard.roadmap_figures([region])
        conferences = (
            Conference.objects.published()
            .filter(region=region)
            .with_registration_counts()
            .select_related("cycle")
            .order_by("-date")
        )
        return {
            "region": region,
            "groups": groups,
            "people_by_category": list(zip(people["categories"], people["totals"], strict=True)),
            "people_total": people["total"],
            "roadmap": roadmaps["rows"][0][1],
            "roadmap_totals": roadmaps["totals"],
            "constraints": dashboard.constraint_figures([region]),
            "indicators": dashboard.indicator_figures(region.code),
            "practices": dashboard.practice_figures(region=region),
            "conferences": conferences,
            "departments": region.departments.all(),
            "departments_map": dashboard.departments_map(region),
        }

    # The public figures are the same for everyone: shared for a minute (ADR 0007). The progress per chantier
    # between them is shown to the people who may see it, and computed for each request.
    return render(
        request,
        "territories/region_detail.html",
        {
            "region": region,
            "title": region.name,
            "figures": shared_fragment((region.code,), "territories/includes/region_figures.html", context),
            "people": shared_fragment((region.code,), "territories/includes/region_people.html", context),
        },
    )
