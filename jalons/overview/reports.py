"""The contents of the printed documents: a region's conference dossier and a cycle's synthesis."""

from django.db.models import Count, Q
from django.utils import timezone

from jalons.practices.models import Adoption, GoodPractice
from jalons.progress.models import Constraint, Strength
from jalons.progress.services import region_summary
from jalons.territories.models import Region

from . import dashboard


def national_overview():
    people = dashboard.people_by_region_and_category()
    regions = list(Region.objects.order_by("name"))
    return {
        "people": people,
        "map": dashboard.mobilisation_map(people),
        "roadmaps": dashboard.roadmap_figures(regions)["totals"],
        "constraints": dashboard.constraint_figures(regions),
        "indicators": dashboard.indicator_figures(),
        "practices_published": GoodPractice.objects.published().count(),
    }


def dossier_context(conference, progress=lambda percent, step: None):
    """Everything the region's commissioner brings to the conference."""
    region = conference.region
    progress(10, "Vue nationale")
    context = {"conference": conference, "region": region, "generated_at": timezone.localtime()}
    context["national"] = national_overview()
    progress(40, "Chantiers de la région")
    context["roadmap"], context["chantiers"] = region_summary(region)
    context["strengths"] = (
        Strength.objects.filter(region=region).select_related("workstream").order_by("workstream__number", "pk")
    )
    context["constraints"] = (
        Constraint.objects.filter(region=region)
        .unlifted()
        .select_related("workstream")
        .order_by("workstream__number", "level", "pk")
    )
    context["departments_map"] = dashboard.departments_map(region)
    progress(65, "Bonnes pratiques")
    published = GoodPractice.objects.published().with_spread()
    context["practices"] = published.filter(region=region).order_by("-spread", "title")[:15]
    adopted_here = Adoption.objects.filter(organisation__region=region).values("practice")
    context["practices_to_spread"] = (
        published.exclude(region=region).exclude(pk__in=adopted_here).order_by("-spread", "title")[:10]
    )
    progress(80, "Inscriptions")
    context["registrations"] = conference.registrations.counts()
    context["capacity"] = conference.capacity
    return context


def synthesis_context(cycle, progress=lambda percent, step: None):
    """The cycle across all its regions."""
    progress(10, "Vue nationale")
    context = {"cycle": cycle, "generated_at": timezone.localtime(), "national": national_overview()}
    progress(40, "Conférences du cycle")
    context["conferences"] = dashboard.conference_figures(cycle.conferences.published())["conferences"]
    progress(60, "Points d'étape")
    regions = list(Region.objects.order_by("name"))
    workstreams = list(cycle.strategy.workstreams.order_by("number"))
    context["workstreams"] = workstreams
    context["grid"] = dashboard.checkpoint_grid(regions, workstreams, cycle)
    context["roadmaps"] = dashboard.roadmap_figures(regions)
    progress(80, "Contraintes")
    context["constraints_by_region"] = (
        Constraint.objects.unlifted()
        .order_by()
        .values("region__name")
        .annotate(total=Count("pk"), national=Count("pk", filter=Q(level=Constraint.Level.NATIONAL)))
        .order_by("region__name")
    )
    return context
