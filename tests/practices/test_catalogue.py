import pytest
from django.urls import reverse
from django.utils import timezone

from jalons.accounts.models import ActorCategory
from jalons.practices.catalogue import PAGE_SIZE
from jalons.practices.models import Adoption, GoodPractice
from jalons.strategy.models import Workstream
from jalons.territories.models import Region
from tests.factories import OrganisationFactory, UserFactory
from tests.utils import assert_constant_queries

from .factories import AdoptionFactory, GoodPracticeFactory

LIST_URL = reverse("practices:practice_list")


def facets_of(response):
    facets = response.context["facets"]
    return {facet.name: {value: count for value, _label, count in facet.options} for facet in facets}


def titles(response):
    return [practice.title for practice in response.context["page_obj"].object_list]


@pytest.fixture
def catalogue(db):
    entreprises = ActorCategory.objects.get(slug="entreprises")
    normandie = Region.objects.get(code="28")
    return [
        GoodPracticeFactory(title="Maraudes mixtes", workstreams=[4], target_public="sans-domicile"),
        GoodPracticeFactory(title="Épicerie sociale", workstreams=[5], region=normandie),
        GoodPracticeFactory(title="Parrainage d'entreprise", workstreams=[15, 10], actor_category=entreprises),
        GoodPracticeFactory(title="Brouillon caché", workstreams=[4], status="draft"),
    ]


def test_facets_count_the_published_practices(catalogue, client):
    facets = facets_of(client.get(LIST_URL))
    assert facets["chantier"] == {"4": 1, "5": 1, "10": 1, "15": 1}
    assert facets["region"] == {"53": 2, "28": 1}
    assert facets["categorie"] == {"associations": 2, "entreprises": 1}
    assert facets["public"] == {"familles": 2, "sans-domicile": 1}


def test_a_filter_narrows_the_other_facets_but_not_its_own(catalogue, client):
    response = client.get(LIST_URL, {"region": "53"})
    assert sorted(titles(response)) == ["Maraudes mixtes", "Parrainage d'entreprise"]
    facets = facets_of(response)
    assert facets["region"] == {"53": 2, "28": 1}  # its own facet still offers the other regions
    assert facets["chantier"] == {"4": 1, "10": 1, "15": 1}
    assert facets["categorie"] == {"associations": 1, "entreprises": 1}
    response = client.get(LIST_URL, {"region": "53", "chantier": "15", "categorie": "entreprises"})
    assert titles(response) == ["Parrainage d'entreprise"]


def test_sort_by_spread_and_by_date(catalogue, client):
    maraudes, epicerie, parrainage, _draft = catalogue
    now = timezone.now()
    for index, practice in enumerate((maraudes, epicerie, parrainage)):
        practice.published_at = now - timezone.timedelta(days=index)
        practice.save()
    AdoptionFactory.create_batch(2, practice=parrainage)
    AdoptionFactory(practice=epicerie)
    assert titles(client.get(LIST_URL, {"tri": "spread"})) == [
        "Parrainage d'entreprise",
        "Épicerie sociale",
        "Maraudes mixtes",
    ]
    assert titles(client.get(LIST_URL)) == ["Maraudes mixtes", "Épicerie sociale", "Parrainage d'entreprise"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "le la les de et", "?!... ;;; «»", "'\"()*:^-+", "mobilité " * 400, "a" * 5000]
    + ["NEAR(a b)", "mot_clé ×²  :* | & !"],
)
def test_odd_searches_answer_normally(catalogue, client, query):
    response = client.get(LIST_URL, {"q": query, "chantier": "abc", "region": "zz", "tri": "x", "page": "-3"})
    assert response.status_code == 200


def test_search_of_stop_words_only_shows_everything_and_says_so(catalogue, client):
    response = client.get(LIST_URL, {"q": "les de la"})
    assert len(titles(response)) == 3
    assert "ne contient pas de mot significatif" in response.content.decode()


def test_search_finds_accents_and_plurals(db, client):
    GoodPracticeFactory(title="Hébergement d'urgence", summary="Des nuitées.")
    GoodPracticeFactory(title="Familles à l'hôtel", summary="Les familles hébergées sont accompagnées.")
    GoodPracticeFactory(title="Jardin partagé", summary="Des légumes.")
    found = sorted(titles(client.get(LIST_URL, {"q": "hebergement"})))
    assert found == ["Familles à l'hôtel", "Hébergement d'urgence"]
    assert titles(client.get(LIST_URL, {"q": "jardins"})) == ["Jardin partagé"]
    assert titles(client.get(LIST_URL, {"q": "HÔTEL familles"})) == ["Familles à l'hôtel"]
    GoodPracticeFactory(title="Plan grand froid 2019", summary="Ouverture de places.")
    assert titles(client.get(LIST_URL, {"q": "2019"})) == ["Plan grand froid 2019"]
    # The words of a search must all be found.
    assert titles(client.get(LIST_URL, {"q": "jardin hébergement"})) == []
    # Relevance: the title weighs more than the summary.
    assert titles(client.get(LIST_URL, {"q": "hébergement"}))[0] == "Hébergement d'urgence"


def test_search_follows_edits_and_deletions(db, client):
    practice = GoodPracticeFactory(title="Bus numérique")
    assert titles(client.get(LIST_URL, {"q": "numerique"})) == ["Bus numérique"]
    practice.title = "Bus des droits"
    practice.save()
    assert titles(client.get(LIST_URL, {"q": "numerique"})) == []
    assert titles(client.get(LIST_URL, {"q": "droits"})) == ["Bus des droits"]
    practice.delete()
    assert titles(client.get(LIST_URL, {"q": "droits"})) == []


def test_pagination(db, client):
    GoodPracticeFactory.create_batch(PAGE_SIZE + 5)
    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})
    assert len(titles(first)) == PAGE_SIZE and len(titles(second)) == 5
    assert not set(titles(first)) & set(titles(second))
    assert 'aria-current="page"' in second.content.decode()
    assert titles(client.get(LIST_URL, {"page": 99})) == titles(second)


def add_practices(count, with_adoptions=True):
    """count published practices, in every region and chantier, with adoptions: built in bulk."""
    regions = list(Region.objects.order_by("code"))
    workstreams = list(Workstream.objects.order_by("number"))
    category = ActorCategory.objects.get(slug="collectivites")
    author = UserFactory()
    now = timezone.now()
    practices = []
    for index in range(count):
        practice = GoodPractice(
            title=f"Hébergement solidaire n°{index}",
            summary="Des familles hébergées et accompagnées vers le logement.",
            description="Une **pratique** de terrain.",
            region=regions[index % len(regions)],
            lead_organisation_name="Commune",
            actor_category=category,
            target_public=["familles", "jeunes", "tous"][index % 3],
            author=author,
            status="published",
            published_at=now,
            tags="logement, hébergement",
        )
        practice.compute_keywords()
        practices.append(practice)
    GoodPractice.objects.bulk_create(practices)
    through = GoodPractice.workstreams.through
    through.objects.bulk_create(
        through(goodpractice_id=practice.pk, workstream_id=workstreams[index % len(workstreams)].pk)
        for index, practice in enumerate(practices)
    )
    if with_adoptions:
        organisation = OrganisationFactory(region=regions[0])
        Adoption.objects.bulk_create(Adoption(practice=practice, organisation=organisation) for practice in practices)


@pytest.mark.parametrize(
    "params",
    [
        "",
        "?q=hebergement+familles",
        "?q=hebergement&tri=spread&chantier=1&region=01&categorie=collectivites&public=familles",
        "?tri=spread&page=2",
    ],
)
def test_catalogue_query_count_does_not_grow(db, client, params):
    add_practices(1)  # matches every filter below
    assert_constant_queries(client, LIST_URL + params, lambda: add_practices(500))


def test_practice_and_most_spread_query_counts_do_not_grow(roles, client_for):
    add_practices(16)  # the first one has a similar practice (same chantier) from the start
    practice = GoodPractice.objects.order_by("pk").first()
    client = client_for(roles["commissioner"])
    for url in (practice.get_absolute_url(), reverse("practices:most_spread")):
        assert_constant_queries(client, url, lambda: add_practices(250))
