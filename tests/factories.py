import factory
from django.contrib.auth.hashers import make_password

from jalons.accounts.models import ActorCategory, Organisation, RegionRole, User
from jalons.strategy.models import Membership, WorkingGroup
from jalons.territories.models import Region

PASSWORD = "mot-de-passe-de-test"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association n°{n}")
    category = factory.LazyFunction(lambda: ActorCategory.objects.get(slug="associations"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    category = factory.LazyFunction(lambda: ActorCategory.objects.get(slug="associations"))
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))
    password = factory.LazyFunction(lambda: make_password(PASSWORD))

    class Params:
        managed = factory.Trait(email=None)


class RegionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionRole

    user = factory.SubFactory(UserFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(code="53"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    group = factory.LazyFunction(lambda: WorkingGroup.objects.get(region__code="53", workstream__number=14))
    role = Membership.Role.MEMBER
