from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from jalons.conferences.models import ConferenceCycle
from jalons.core import tabular
from jalons.core.caching import cache_for_visitors, shared_fragment
from jalons.core.permissions import is_national, public_page, steered_region_ids
from jalons.progress.models import Checkpoint
from jalons.strategy.models import Workstream
from jalons.territories.models import Region

from . import dashboard
from .forms import DashboardFilterForm


def _dossier_conferences(user, cycle):
    """The conferences of the cycle whose dossier this person may produce (their region's; all for national)."""
    steered = steered_region_ids(user)
    if cycle is None or steered == frozenset():
        return []
    conferences = cycle.conferences.published().select_related("region").order_by("region__name")
    return list(conferences if steered is None else conferences.filter(region_id__in=steered))


def _scope(request):
    """The dashboard's filters from the query string, and the regions and chantiers they keep."""
    form = DashboardFilterForm(request.GET or None)
    cycle, workstream, region = form.filters()
    regions = [region] if region else list(Region.objects.order_by("name"))
    workstreams = [workstream] if workstream else list(Workstream.objects.order_by("number"))
    return form, cycle, workstream, regions, workstreams


@public_page
@cache_for_visitors
def national_dashboard(request):
    form, cycle, workstream, regions, workstreams = _scope(request)
    conference_cycle = cycle or ConferenceCycle.objects.order_by("-starts_on").first()
    query = request.GET.urlencode()
    # Signed-in people also see the constraints' topics.
    signed_in = request.user.is_authenticated

    def figures():
        people = dashboard.people_by_region_and_category()
        active = dashboard.active_groups()
        return {
            "query": query,
            "show_constraint_topics": signed_in,
            "cycle": conference_cycle,
            "people": people,
            "map": dashboard.mobilisation_map(people),
            "mobilisation_rows": dashboard.with_active_groups(people, active),
            "active_total": sum(active.values()),
            "practices": dashboard.practice_figures(),
            "conference_figures": (
                dashboard.conference_figures(conference_cycle.conferences.published()) if conference_cycle else None
            ),
            "workstreams": workstreams,
            "grid": dashboard.checkpoint_grid(regions, workstreams, cycle),
            "checkpoint_statuses": Checkpoint.Status,
            "roadmaps": dashboard.roadmap_figures(regions, workstream),
            "constraints": dashboard.constraint_figures(regions, workstream),
            "indicators": dashboard.indicator_figures(),
        }

    return render(
        request,
        "overview/national_dashboard.html",
        {
            "title": _("Tableau de bord national"),
            "form": form,
            "cycle": conference_cycle,
            "figures": shared_fragment((query, signed_in), "overview/includes/dashboard_figures.html", figures),
            "dossier_conferences": _dossier_conferences(request.user, conference_cycle),
            "may_build_synthesis": is_national(request.user) and conference_cycle is not None,
        },
    )


@public_page
def dashboard_export(request, table, fmt):
    form, cycle, workstream, regions, workstreams = _scope(request)
    conference_cycle = cycle or ConferenceCycle.objects.order_by("-starts_on").first()
    tables = dashboard.export_tables(conference_cycle, workstream, regions, workstreams)
    if table not in tables or fmt not in ("csv", "xlsx"):
        raise Http404
    columns, rows = tables[table]()
    filename = f"tableau-de-bord-{table}"
    if fmt == "csv":
        return tabular.csv_response(filename, columns, rows)
    return tabular.xlsx_response(filename, columns, rows, table)
