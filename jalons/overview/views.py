from django.shortcuts import render
from django.utils.translation import gettext as _

from jalons.conferences.models import ConferenceCycle
from jalons.core.permissions import public_page

from . import dashboard


@public_page
def national_dashboard(request):
    cycles = list(ConferenceCycle.objects.order_by("-starts_on"))
    cycle = next(
        (cycle for cycle in cycles if str(cycle.pk) == request.GET.get("cycle")), cycles[0] if cycles else None
    )
    people = dashboard.people_by_region_and_category()
    return render(
        request,
        "overview/national_dashboard.html",
        {
            "title": _("Tableau de bord national"),
            "people": people,
            "map": dashboard.mobilisation_map(people),
            "cycles": cycles,
            "cycle": cycle,
            "conference_figures": dashboard.conference_figures(cycle.conferences.published()) if cycle else None,
        },
    )
