import factory
from django.utils import timezone

from jalons.accounts.models import ActorCategory
from jalons.practices.models import Adoption, GoodPractice, TargetPublic
from jalons.strategy.models import Workstream
from jalons.territories.models import Region
from tests.factories import OrganisationFactory, UserFactory


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pratique n°{n}")
    summary = "Un accompagnement de proximité pour les familles."
    description = "Des permanences **chaque semaine** dans les centres sociaux."
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    lead_organisation_name = "Association du quartier"
    actor_category = factory.LazyFunction(lambda: ActorCategory.objects.get(slug="associations"))
    target_public = TargetPublic.FAMILIES
    author = factory.SubFactory(UserFactory)
    status = GoodPractice.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == GoodPractice.Status.PUBLISHED else None
    )

    @factory.post_generation
    def workstreams(self, create, numbers, **kwargs):
        if create:
            self.workstreams.set(Workstream.objects.filter(number__in=numbers or [4]))


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    practice = factory.SubFactory(GoodPracticeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Adoption.Status.INTERESTED
