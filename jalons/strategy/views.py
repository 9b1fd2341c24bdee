from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jalons.core.caching import cache_for_visitors
from jalons.core.permissions import public_page

from .models import Membership, Strategy, WorkingGroup


def current_strategy():
    """The strategy being deployed: the most recently announced one."""
    return get_object_or_404(Strategy.objects.order_by("-announced_on")[:1])


@public_page
@cache_for_visitors
def workstream_list(request):
    strategy = current_strategy()
    return render(
        request,
        "strategy/workstream_list.html",
        {"strategy": strategy, "workstreams": strategy.workstreams.all(), "title": _("Les chantiers")},
    )


@public_page
@cache_for_visitors
def workstream_detail(request, number):
    strategy = current_strategy()
    workstream = get_object_or_404(strategy.workstreams, number=number)
    groups = (
        WorkingGroup.objects.filter(workstream=workstream)
        .select_related("region")
        .annotate(member_count=Count("memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)))
        .order_by("region__name")
    )
    return render(
        request,
        "strategy/workstream_detail.html",
        {"strategy": strategy, "workstream": workstream, "groups": groups, "title": workstream.title},
    )
