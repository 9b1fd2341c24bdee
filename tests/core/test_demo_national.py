"""The national scale of the demo data (bench/): each step reaches its own volumes, here scaled down."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from jalons.practices import demo as practices_demo
from jalons.practices.models import Adoption, GoodPractice
from jalons.progress import demo as progress_demo
from jalons.progress.models import Indicator, IndicatorValue, Roadmap, RoadmapAction
from jalons.strategy.models import WorkingGroup
from jalons.territories.models import Department, Region
from jalons.workspace import demo as workspace_demo
from jalons.workspace.models import Message, Thread


@pytest.mark.django_db
def test_national_scale_reaches_the_volumes_of_each_step(monkeypatch):
    monkeypatch.setattr(workspace_demo, "NATIONAL_THREADS", range(4, 5))
    monkeypatch.setattr(workspace_demo, "NATIONAL_MESSAGES", range(7, 8))
    monkeypatch.setattr(progress_demo, "NATIONAL_ACTIONS", range(2, 3))
    monkeypatch.setattr(progress_demo, "NATIONAL_INDICATORS", 19)
    monkeypatch.setattr(practices_demo, "NATIONAL_PRACTICE_COUNT", 200)
    monkeypatch.setattr(practices_demo, "NATIONAL_ADOPTION_COUNT", 300)
    call_command("generate_demo_data", scale="national", people=400, no_progress=True, stdout=io.StringIO())

    groups = WorkingGroup.objects.filter(memberships__status="active").distinct().count()
    assert Thread.objects.count() == 4 * groups
    assert set(Thread.objects.values_list("message_count", flat=True)) == {7}
    assert Message.objects.count() == 7 * 4 * groups

    roadmaps = Roadmap.objects.count()
    assert roadmaps == Region.objects.count()
    per_chantier = RoadmapAction.objects.values("roadmap", "workstream").annotate(n=Count("pk"))
    assert len(per_chantier) == roadmaps * 15 and {row["n"] for row in per_chantier} == {2}

    zones = 1 + Region.objects.count() + Department.objects.count()
    assert Indicator.objects.count() == 19
    assert IndicatorValue.objects.count() == 19 * zones * 48  # monthly, 2019–2022
    # Every series moves towards its target and never passes it.
    generated = Indicator.objects.filter(code__startswith="BENCH-")
    assert set(generated.values_list("direction", flat=True)) == {"up", "down"}
    for indicator in generated:
        values = IndicatorValue.objects.filter(indicator=indicator, zone_code="FR").order_by("date")
        series = [value.value for value in values]
        target = values[0].target_value
        assert series == sorted(series, reverse=indicator.direction == "down")
        assert all((value <= target) if indicator.direction == "up" else (value >= target) for value in series)

    assert GoodPractice.objects.count() == 200
    assert Adoption.objects.count() == 300
    assert not Adoption.objects.exclude(practice__status=GoodPractice.Status.PUBLISHED).exists()
