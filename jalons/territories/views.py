from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jalons.accounts.models import ActorCategory
from jalons.conferences.models import Conference
from jalons.core.permissions import public_page
from jalons.overview.dashboard import departments_map
from jalons.strategy.models import Membership, WorkingGroup

from .models import Region


@public_page
def region_list(request):
    regions = Region.objects.annotate(people_count=Count("people", distinct=True)).order_by("name")
    return render(request, "territories/region_list.html", {"regions": regions, "title": _("Les 18 régions")})


@public_page
def region_detail(request, code):
    region = get_object_or_404(Region, code=code)
    active = Q(memberships__status=Membership.Status.ACTIVE)
    groups = WorkingGroup.objects.for_region(region).annotate(
        member_count=Count("memberships", filter=active),
        animator_count=Count("memberships", filter=active & Q(memberships__role=Membership.Role.ANIMATOR)),
    )
    categories = ActorCategory.objects.annotate(
        people_count=Count("people", filter=Q(people__region=region, people__is_active=True))
    ).order_by("order")
    conferences = Conference.objects.published().filter(region=region).select_related("cycle").order_by("-date")
    return render(
        request,
        "territories/region_detail.html",
        {
            "region": region,
            "title": region.name,
            "groups": groups,
            "categories": categories,
            "people_total": sum(category.people_count for category in categories),
            "conferences": conferences,
            "departments": region.departments.all(),
            "departments_map": departments_map(region),
        },
    )
