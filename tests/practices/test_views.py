import pytest
from django.core import mail
from django.urls import reverse

from jalons.practices.models import Adoption, GoodPractice, PracticeVersion
from jalons.strategy.models import Workstream
from jalons.territories.models import Department
from tests.factories import OrganisationFactory
from tests.utils import visitor_pages_expire

from .factories import AdoptionFactory, GoodPracticeFactory

CREATE_URL = reverse("practices:practice_create")
LIST_URL = reverse("practices:practice_list")


def form_data(**overrides):
    data = {
        "title": "Une épicerie solidaire itinérante",
        "summary": "Un camion d'épicerie solidaire passe chaque semaine dans les villages sans commerce.",
        "description": "Le camion s'arrête **sur la place** du village.\n\n- produits frais\n- conseils",
        "workstreams": [str(Workstream.objects.get(number=5).pk)],
        "region": Department.objects.get(code="29").region_id,
        "department": Department.objects.get(code="29").pk,
        "commune": "Carhaix-Plouguer",
        "lead_organisation_name": "Épicerie solidaire du Poher",
        "actor_category": "",
        "partners": "CCAS de Carhaix\nBanque alimentaire du Finistère",
        "target_public": "familles",
        "start_date": "2019-03-01",
        "results": "120 familles par mois.",
        "cost_and_funding": "40 000 € par an, Fonds de lutte contre la pauvreté.",
        "tags": "Alimentation, mobilité, alimentation",
        "contact_name": "Marie Le Bihan",
        "contact_email": "marie@exemple.test",
        "contact_phone": "",
        "contact_consent": "on",
    }
    from jalons.accounts.models import ActorCategory

    data["actor_category"] = ActorCategory.objects.get(slug="associations").pk
    data.update(overrides)
    return data


def test_member_saves_a_draft_then_submits_it(roles, client_for):
    client = client_for(roles["member"])
    response = client.post(CREATE_URL, {**form_data(), "draft": ""})
    practice = GoodPractice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert practice.status == GoodPractice.Status.DRAFT
    assert practice.author == roles["member"]
    assert practice.tags == "alimentation, mobilité"
    assert list(practice.workstreams.values_list("number", flat=True)) == [5]
    # A draft is neither public nor in the catalogue.
    assert client_for(None).get(practice.get_absolute_url()).status_code == 404
    assert practice.title not in client_for(None).get(LIST_URL).content.decode()

    client = client_for(roles["member"])
    edit_url = reverse("practices:practice_edit", args=[practice.pk])
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, {**form_data(title="Une épicerie solidaire qui roule"), "submit": ""})
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.SUBMITTED
    assert practice.title == "Une épicerie solidaire qui roule"
    versions = list(PracticeVersion.objects.filter(practice=practice).order_by("number"))
    assert [(v.number, v.data["title"], v.data["status"]) for v in versions] == [
        (1, "Une épicerie solidaire itinérante", "draft"),
        (2, "Une épicerie solidaire qui roule", "submitted"),
    ]


def test_invalid_form_names_the_fields_and_writes_nothing(roles, client_for):
    client = client_for(roles["member"])
    other_region_department = Department.objects.get(code="76")  # Seine-Maritime, Normandie
    response = client.post(
        CREATE_URL,
        {**form_data(title="", workstreams=[], department=other_region_department.pk), "submit": ""},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "workstreams", "department"}
    assert errors["workstreams"] == ["Choisissez au moins un chantier."]
    assert errors["department"] == ["Ce département n'est pas dans la région choisie."]
    assert not GoodPractice.objects.exists() and not PracticeVersion.objects.exists()


def test_contact_published_only_with_consent(roles, client_for):
    practice = GoodPracticeFactory(contact_name="Marie", contact_email="marie@exemple.test", contact_consent=False)
    assert "marie@exemple.test" not in client_for(None).get(practice.get_absolute_url()).content.decode()
    practice.contact_consent = True
    practice.save()
    visitor_pages_expire()
    assert "marie@exemple.test" in client_for(None).get(practice.get_absolute_url()).content.decode()


def test_markup_in_fields_is_inert_on_the_pages(roles, client_for):
    practice = GoodPracticeFactory(
        title="<script>alert('titre')</script>",
        summary='<img src=x onerror="alert(1)">',
        description="<script>alert('description')</script>\n\n[lien](javascript:alert(1))",
        tags="<b onmouseover=alert(1)>",
    )
    for url in (practice.get_absolute_url(), LIST_URL):
        html = client_for(None).get(url).content.decode()
        assert "<script>alert(" not in html
        assert "<img src=x" not in html and "<b onmouseover" not in html
        assert 'href="javascript' not in html
        assert "&lt;script&gt;alert(&#x27;titre&#x27;)&lt;/script&gt;" in html


def test_animator_proposes_for_a_managed_member(roles, client_for):
    client = client_for(roles["animator"])
    assert "Proposée au nom de" in client.get(CREATE_URL).content.decode()
    client.post(CREATE_URL, {**form_data(), "on_behalf_of": roles["managed"].pk, "submit": ""})
    practice = GoodPractice.objects.get()
    assert practice.author == roles["managed"]
    edit_url = reverse("practices:practice_edit", args=[practice.pk])
    assert client.get(edit_url).status_code == 200
    # Another member of the group does not act for the managed member.
    assert client_for(roles["member"]).get(edit_url).status_code == 404


def test_member_cannot_propose_for_someone_else(roles, client_for):
    client = client_for(roles["member"])
    client.post(CREATE_URL, {**form_data(), "on_behalf_of": roles["managed"].pk, "submit": ""})
    assert GoodPractice.objects.get().author == roles["member"]


def decide(client, practice, decision, comment=""):
    return client.post(
        reverse("practices:practice_moderate", args=[practice.pk]), {"decision": decision, "comment": comment}
    )


def test_commissioner_publishes_and_the_author_is_told(roles, client_for, django_capture_on_commit_callbacks):
    practice = GoodPracticeFactory(author=roles["member"], status="submitted", title="Maraudes mixtes")
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(roles["commissioner"]), practice, "publish")
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.PUBLISHED and practice.published_at is not None
    assert practice.moderated_by == roles["commissioner"]
    assert [message.to for message in mail.outbox] == [[roles["member"].email]]
    assert "Maraudes mixtes" in client_for(None).get(LIST_URL).content.decode()
    # Published: no further decision.
    assert decide(client_for(roles["commissioner"]), practice, "reject", "Trop tard").status_code == 302
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.PUBLISHED


def test_changes_requested_comment_is_shown_to_the_author(roles, client_for):
    practice = GoodPracticeFactory(author=roles["member"], status="submitted")
    client = client_for(roles["national"])
    response = decide(client, practice, "request_changes")
    assert response.status_code == 400
    assert "ce qui doit changer ou la raison du refus" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.SUBMITTED

    decide(client, practice, "request_changes", "Précisez le coût, s'il vous plaît.")
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.CHANGES_REQUESTED
    author = client_for(roles["member"])
    assert "Précisez le coût" in author.get(practice.get_absolute_url()).content.decode()
    edit_url = reverse("practices:practice_edit", args=[practice.pk])
    assert "Précisez le coût" in author.get(edit_url).content.decode()
    # Resubmitted by the author, it waits for a decision again; the moderator sees what changed.
    author.post(edit_url, {**form_data(), "submit": ""})
    author.post(edit_url, {**form_data(cost_and_funding="12 000 € par an."), "submit": ""})
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.SUBMITTED
    versions = client_for(roles["national"]).get(practice.get_absolute_url()).context["versions"]
    assert [(version.number, version.changes) for version in versions] == [
        (2, ["coût et financement"]),
        (1, []),
    ]


def test_rejected_with_a_reason(roles, client_for):
    practice = GoodPracticeFactory(author=roles["member"], status="submitted")
    decide(client_for(roles["commissioner"]), practice, "reject", "Ce n'est pas une action de terrain.")
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.REJECTED
    assert practice.moderation_comment == "Ce n'est pas une action de terrain."
    author = client_for(roles["member"])
    assert "pas une action de terrain" in author.get(practice.get_absolute_url()).content.decode()
    # Rejected: the author may no longer edit it.
    assert author.get(reverse("practices:practice_edit", args=[practice.pk])).status_code == 403
    assert client_for(None).get(practice.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("member", 403),  # the author does not moderate
        ("animator", 404),
        ("region_person", 404),
        ("member_other", 404),
        ("commissioner_other", 404),
    ],
)
def test_non_moderators_change_nothing(roles, client_for, role, expected):
    practice = GoodPracticeFactory(author=roles["member"], status="submitted")
    for decision in ("publish", "request_changes", "reject"):
        response = decide(client_for(roles[role]), practice, decision, "Commentaire")
        assert response.status_code == expected
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.SUBMITTED
    assert practice.moderation_comment == "" and practice.moderated_by is None


def test_commissioner_of_another_region_cannot_moderate_a_published_practice(roles, client_for):
    practice = GoodPracticeFactory(author=roles["member"], status="published")
    assert decide(client_for(roles["commissioner_other"]), practice, "reject", "Non").status_code == 403


def test_moderation_queue_shows_the_region_only(roles, client_for):
    own = GoodPracticeFactory(status="submitted", title="En Bretagne")
    other = GoodPracticeFactory(status="submitted", title="En Normandie", region=roles["commissioner_other"].region)
    GoodPracticeFactory(status="draft", title="Brouillon breton")
    html = client_for(roles["commissioner"]).get(reverse("practices:moderation_queue")).content.decode()
    assert own.title in html and other.title not in html and "Brouillon breton" not in html
    html = client_for(roles["national"]).get(reverse("practices:moderation_queue")).content.decode()
    assert own.title in html and other.title in html


def test_my_practices_lists_drafts_and_the_managed_members_ones(roles, client_for):
    GoodPracticeFactory(author=roles["animator"], status="draft", title="Mon brouillon")
    GoodPracticeFactory(author=roles["managed"], status="submitted", title="Pour Josiane")
    GoodPracticeFactory(author=roles["member"], status="draft", title="Celle d'un autre")
    html = client_for(roles["animator"]).get(reverse("practices:my_practices")).content.decode()
    assert "Mon brouillon" in html and "Pour Josiane" in html and "Celle d'un autre" not in html


def test_organisation_elsewhere_records_an_adoption(roles, client_for, django_capture_on_commit_callbacks):
    practice = GoodPracticeFactory(author=roles["member"])
    adopter = roles["member_other"]
    adopter.organisation = OrganisationFactory(name="CCAS de Rouen", region=adopter.region)
    adopter.save()
    client = client_for(adopter)
    url = reverse("practices:practice_adopt", args=[practice.pk])
    assert "Votre organisation reprend cette pratique" in client.get(practice.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"adoption-status": "in_progress", "adoption-notes": "Adaptée au milieu urbain."})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[roles["member"].email]]
    client.post(url, {"adoption-status": "deployed", "adoption-notes": "Déployée en 2020."})
    adoption = Adoption.objects.get()
    assert (adoption.organisation.name, adoption.status) == ("CCAS de Rouen", "deployed")
    assert adoption.recorded_by == adopter
    html = client_for(None).get(practice.get_absolute_url()).content.decode()
    assert "CCAS de Rouen" in html and "Déployée en 2020." in html and "Normandie" in html
    # A wrong status writes nothing.
    client.post(url, {"adoption-status": "n'importe quoi"})
    adoption.refresh_from_db()
    assert adoption.status == "deployed"


def test_the_practice_own_organisation_does_not_adopt_it(roles, client_for):
    organisation = OrganisationFactory()
    author = roles["member"]
    author.organisation = organisation
    author.save()
    practice = GoodPracticeFactory(author=author, lead_organisation=organisation)
    response = client_for(author).post(
        reverse("practices:practice_adopt", args=[practice.pk]), {"adoption-status": "deployed"}
    )
    assert response.status_code == 403
    assert not Adoption.objects.exists()


def test_most_spread_ranks_by_number_of_organisations(db, client_for):
    first, second, none = (GoodPracticeFactory(title=title) for title in ("Première", "Deuxième", "Aucune"))
    for _index in range(3):
        AdoptionFactory(practice=first, status="deployed")
    AdoptionFactory(practice=second)
    response = client_for(None).get(reverse("practices:most_spread"))
    assert [(p.title, p.spread, p.deployed) for p in response.context["practices"]] == [
        ("Première", 3, 3),
        ("Deuxième", 1, 0),
    ]


def test_similar_practices_share_words_and_chantiers(db, client_for):
    practice = GoodPracticeFactory(
        title="Hébergement d'urgence des familles",
        summary="Des places d'hébergement pour les familles.",
        workstreams=[4],
    )
    close = GoodPracticeFactory(
        title="Familles hébergées à l'hôtel", summary="Accompagner les familles hébergées.", workstreams=[4]
    )
    GoodPracticeFactory(title="Jardins partagés", summary="Des légumes pour tous.", workstreams=[4])
    GoodPracticeFactory(title="Hébergement des familles", summary="Autre chantier.", workstreams=[9], status="draft")
    similar = client_for(None).get(practice.get_absolute_url()).context["similar"]
    assert similar[0] == close
    assert all(other.status == "published" for other in similar)


def test_spread_map_marks_origin_and_adopting_regions(db, client_for):
    practice = GoodPracticeFactory()
    normandie = OrganisationFactory(region=Department.objects.get(code="76").region)
    AdoptionFactory(practice=practice, organisation=normandie)
    html = client_for(None).get(practice.get_absolute_url()).content.decode()
    assert 'aria-label="Carte des régions où la pratique est reprise"' in html
    assert "<title>Bretagne : 0 organisation (région d&#x27;origine)</title>" in html
    assert "<title>Normandie : 1 organisation</title>" in html
    assert "<title>Grand Est</title>" in html  # no organisation there: the region's name only


def test_an_erased_author_leaves_the_published_practice(roles, client_for):
    practice = GoodPracticeFactory(author=roles["member"], title="Sans auteur")
    roles["member"].delete()
    practice.refresh_from_db()
    assert practice.author is None
    assert client_for(None).get(practice.get_absolute_url()).status_code == 200
    assert client_for(roles["commissioner"]).get(practice.get_absolute_url()).status_code == 200


def test_the_animator_of_a_managed_author_is_told_of_the_decision(
    roles, client_for, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(author=roles["managed"], status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(roles["commissioner"]), practice, "request_changes", "Ajoutez les résultats.")
    assert [message.to for message in mail.outbox] == [[roles["animator"].email]]
    assert "Ajoutez les résultats." in mail.outbox[0].body
