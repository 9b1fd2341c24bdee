from django.shortcuts import render
from django.utils.translation import gettext as _

from jalons.conferences.models import ConferenceCycle
from jalons.core.permissions import public_page
from jalons.progress.models import Checkpoint
from jalons.strategy.models import Workstream
from jalons.territories.models import Region

from . import dashboard
from .forms import DashboardFilterForm


@public_page
def national_dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    cycle, workstream, region = form.filters()
    regions = [region] if region else list(Region.objects.order_by("name"))
    workstreams = [workstream] if workstream else list(Workstream.objects.order_by("number"))
    people = dashboard.people_by_region_and_category()
    conference_cycle = cycle or ConferenceCycle.objects.order_by("-starts_on").first()
    return render(
        request,
        "overview/national_dashboard.html",
        {
            "title": _("Tableau de bord national"),
            "form": form,
            "cycle": conference_cycle,
            "people": people,
            "map": dashboard.mobilisation_map(people),
            "conference_figures": (
                dashboard.conference_figures(conference_cycle.conferences.published()) if conference_cycle else None
            ),
            "workstreams": workstreams,
            "grid": dashboard.checkpoint_grid(regions, workstreams, cycle),
            "checkpoint_statuses": Checkpoint.Status,
            "roadmaps": dashboard.roadmap_figures(regions, workstream),
            "constraints": dashboard.constraint_figures(regions, workstream),
        },
    )
