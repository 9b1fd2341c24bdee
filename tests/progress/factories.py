import datetime

import factory

from jalons.progress.models import Checkpoint, Constraint, Indicator, IndicatorValue, Roadmap, RoadmapAction
from jalons.strategy.models import Strategy, Workstream
from jalons.territories.models import Region


def workstream(number=14):
    return Workstream.objects.get(strategy__slug="pauvrete", number=number)


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    strategy = factory.LazyFunction(lambda: Strategy.objects.get(slug="pauvrete"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    period = factory.Sequence(lambda n: f"{2019 + n}-{2020 + n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadmapAction

    roadmap = factory.SubFactory(RoadmapFactory)
    workstream = factory.LazyFunction(workstream)
    title = factory.Sequence(lambda n: f"Action n°{n}")
    lead_organisation = "Conseil départemental"
    owner = "Camille Martin"
    start_on = datetime.date(2019, 9, 1)
    due_on = datetime.date(2020, 6, 30)
    status = RoadmapAction.Status.IN_PROGRESS
    progress = 30


class CheckpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkpoint

    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    workstream = factory.LazyFunction(workstream)
    date = factory.Sequence(lambda n: datetime.date(2019, 6, 1) + datetime.timedelta(days=n))
    status = Checkpoint.Status.ON_TRACK
    narrative = "Le groupe se réunit chaque mois."


class ConstraintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Constraint

    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    workstream = factory.LazyFunction(workstream)
    title = factory.Sequence(lambda n: f"Contrainte n°{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicateur-{n}")
    name = factory.Sequence(lambda n: f"Indicateur n°{n}")
    unit = "%"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    maille = "NAT"
    zone_code = "FR"
    date = datetime.date(2019, 12, 31)
    value = 40
