from jalons.accounts import demo as accounts_demo
from jalons.core.demo import DemoContext
from jalons.practices import demo as practices_demo
from jalons.practices.models import Adoption, GoodPractice
from jalons.strategy.models import Workstream
from jalons.territories.models import Region
from tests.factories import UserFactory


def generate(seed):
    ctx = DemoContext(seed=seed, people=0, show_progress=False)
    return [(practice.title, practice.region_id) for practice in practices_demo.create_practices(ctx)]


def test_demo_practices_cover_every_chantier_and_region_deterministically(db):
    accounts_demo.create_organisations(DemoContext(seed=1, people=0, show_progress=False), accounts_demo.read())
    for region in Region.objects.all():
        UserFactory(region=region)
    first = generate(seed=7)
    assert len(first) >= 300
    published = GoodPractice.objects.published()
    assert published.values("region").distinct().count() == Region.objects.count()
    chantiers = GoodPractice.workstreams.through.objects.filter(goodpractice__in=published)
    assert chantiers.values("workstream").distinct().count() == Workstream.objects.count()
    assert Adoption.objects.count() > 100
    assert all(practice.keywords for practice in GoodPractice.objects.all()[:20])
    # The same seed gives the same practices.
    GoodPractice.objects.all().delete()
    assert generate(seed=7) == first
