import io

import pytest
from django.core.management import call_command

from jalons.progress.models import (
    ActionChange,
    Checkpoint,
    Constraint,
    Indicator,
    IndicatorValue,
    Roadmap,
    RoadmapAction,
    RoadmapTransition,
)


@pytest.mark.django_db
def test_demo_data_covers_every_state():
    call_command("generate_demo_data", people=300, seed=7, no_progress=True, stdout=io.StringIO())
    assert set(Roadmap.objects.values_list("status", flat=True)) == set(Roadmap.Status.values)
    assert Roadmap.objects.count() == 18
    assert Roadmap.objects.get(region__code="53").status == Roadmap.Status.RETURNED
    # Every transition of the log leads to the roadmap's current status.
    for roadmap in Roadmap.objects.prefetch_related("transitions"):
        steps = list(roadmap.transitions.all())
        assert (steps[-1].to_status if steps else Roadmap.Status.DRAFT) == roadmap.status
    assert RoadmapAction.objects.count() > 18 * 7
    assert ActionChange.objects.filter(kind="created").count() == RoadmapAction.objects.count()
    assert RoadmapTransition.objects.exclude(comment="").exists()
    # The 2019 campaign: 12 conferences × 15 chantiers, all filled.
    assert Checkpoint.objects.filter(conference__cycle__number=2).count() == 12 * 15
    assert Checkpoint.objects.filter(campaign__cycle__number=2, campaign__closed_at__isnull=False).count() == 12 * 15
    national = Constraint.objects.national()
    assert national.filter(status="lifted", lifted_at__isnull=False).exists()
    assert national.filter(status="escalated", topic__isnull=True).exists()
    assert set(Indicator.objects.values_list("code", flat=True)) >= {
        "sortants-ase-accompagnes",
        "couverture-asip",
        "orientation-rsa-un-mois",
    }
    years = {value.year for value in IndicatorValue.objects.dates("date", "year")}
    assert years == {2019, 2020, 2021, 2022}
    assert IndicatorValue.objects.filter(maille="DEPT").count() == 3 * 101 * 4
