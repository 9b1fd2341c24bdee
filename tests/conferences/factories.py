import datetime

import factory
from django.utils import timezone

from jalons.conferences.models import Conference, ConferenceCycle, Workshop
from jalons.strategy.models import Strategy
from jalons.territories.models import Region


class ConferenceCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConferenceCycle

    strategy = factory.LazyFunction(lambda: Strategy.objects.get(slug="pauvrete"))
    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda cycle: f"Cycle de test n°{cycle.number}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))


class ConferenceFactory(factory.django.DjangoModelFactory):
    """A published conference a month from now, registration open (Bretagne, Rennes)."""

    class Meta:
        model = Conference

    cycle = factory.SubFactory(ConferenceCycleFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    city = "Rennes"
    venue = "Couvent des Jacobins"
    address = "20 place Sainte-Anne, 35000 Rennes"
    access_information = "Métro ligne A, station Sainte-Anne. Salles accessibles en fauteuil roulant."
    capacity = 50
    status = Conference.Status.PUBLISHED


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    conference = factory.SubFactory(ConferenceFactory)
    title = factory.Sequence(lambda n: f"Atelier n°{n}")
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    capacity = 2


def conference_kwargs(roles):
    """Matrix builder: a published conference of the own region (Bretagne), registration open."""
    return {"pk": ConferenceFactory().pk}


def registered_conference_kwargs(roles):
    """Matrix builder: every signed-in role registered and checked in (for their own registration pages)."""
    from jalons.conferences.models import Registration

    conference = ConferenceFactory()
    now = timezone.now()
    Registration.objects.bulk_create(
        Registration(conference=conference, user=user, status="confirmed", consent_at=now, checked_in_at=now)
        for user in roles.values()
        if user is not None
    )
    return {"pk": conference.pk}


def invitation_run_kwargs(roles):
    from jalons.conferences.models import InvitationRun

    conference = ConferenceFactory()
    run = InvitationRun.objects.create(conference=conference, kind="members", total=0)
    return {"pk": conference.pk, "run_pk": run.pk}


def document_kwargs(roles):
    from django.core.files.base import ContentFile

    from jalons.conferences.models import ConferenceDocument

    conference = ConferenceFactory()
    document = ConferenceDocument(conference=conference, title="Compte rendu", size=9)
    document.file.save("compte-rendu.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return {"pk": conference.pk, "document_pk": document.pk}
