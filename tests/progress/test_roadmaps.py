import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.progress.models import ActionChange, Checkpoint, Constraint, Roadmap, RoadmapAction
from tests.factories import MembershipFactory
from tests.utils import assert_constant_queries

from .factories import ActionFactory, CheckpointFactory, ConstraintFactory, RoadmapFactory, workstream

pytestmark = pytest.mark.django_db
Status = Roadmap.Status


NO_MILESTONES = {"jalons-TOTAL_FORMS": "0", "jalons-INITIAL_FORMS": "0"}


def roadmap_url(roadmap):
    return reverse("progress:roadmap", args=[roadmap.region.code])


def history_url(action, code="53"):
    return reverse("progress:action_history", args=[code, action.pk])


def transition(client, roadmap, name, comment=""):
    return client.post(
        reverse("progress:roadmap_transition", args=[roadmap.region.code, roadmap.pk]),
        {"transition": name, "comment": comment},
    )


# --- the workflow, in the model ------------------------------------------------------------------------------


def test_workflow_keeps_author_date_and_comment(roles):
    roadmap = RoadmapFactory()
    roadmap.apply("submit", roles["commissioner"], "Première version")
    roadmap.apply("return", roles["national"], "Précisez les échéances du chantier 9.")
    roadmap.apply("submit", roles["commissioner"])
    roadmap.apply("validate", roles["national"], "Bravo")
    roadmap.apply("finalise", roles["commissioner"])
    roadmap.refresh_from_db()
    assert roadmap.status == Status.FINALISED
    log = list(roadmap.transitions.values_list("from_status", "to_status", "author", "comment"))
    assert log == [
        (Status.DRAFT, Status.SUBMITTED, roles["commissioner"].pk, "Première version"),
        (Status.SUBMITTED, Status.RETURNED, roles["national"].pk, "Précisez les échéances du chantier 9."),
        (Status.RETURNED, Status.SUBMITTED, roles["commissioner"].pk, ""),
        (Status.SUBMITTED, Status.VALIDATED, roles["national"].pk, "Bravo"),
        (Status.VALIDATED, Status.FINALISED, roles["commissioner"].pk, ""),
    ]
    assert all(step.created_at for step in roadmap.transitions.all())


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (Status.DRAFT, "validate"),
        (Status.DRAFT, "finalise"),
        (Status.SUBMITTED, "submit"),
        (Status.FINALISED, "return"),
    ],
)
def test_impossible_transitions_are_refused(roles, status, name):
    roadmap = RoadmapFactory(status=status)
    with pytest.raises(ValidationError):
        roadmap.apply(name, roles["national"], "commentaire")
    assert not roadmap.transitions.exists()


def test_returning_needs_a_comment(roles):
    roadmap = RoadmapFactory(status=Status.SUBMITTED)
    with pytest.raises(ValidationError, match="commentaire est obligatoire"):
        roadmap.apply("return", roles["national"], "  ")
    roadmap.refresh_from_db()
    assert roadmap.status == Status.SUBMITTED


# --- the workflow, per role, through the pages ----------------------------------------------------------------


def test_commissioner_submits_national_validates(roles, client_for):
    roadmap = RoadmapFactory()
    ActionFactory(roadmap=roadmap)
    for role in ("animator", "member", "region_person"):
        assert transition(client_for(roles[role]), roadmap, "submit").status_code == 403
    assert transition(client_for(roles["commissioner_other"]), roadmap, "submit").status_code == 404
    # The national team does not submit in the region's place.
    assert transition(client_for(roles["national"]), roadmap, "submit").status_code == 403
    assert transition(client_for(roles["commissioner"]), roadmap, "submit").status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Status.SUBMITTED
    # Only the national team validates.
    assert transition(client_for(roles["commissioner"]), roadmap, "validate").status_code == 403
    assert transition(client_for(roles["national"]), roadmap, "validate", "Validée en comité").status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Status.VALIDATED
    assert transition(client_for(roles["commissioner"]), roadmap, "finalise").status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Status.FINALISED
    page = client_for(roles["member"]).get(roadmap_url(roadmap)).content.decode()
    assert "Validée en comité" in page
    assert roles["national"].get_full_name() in page


def test_return_without_comment_is_refused_with_a_message(roles, client_for):
    roadmap = RoadmapFactory(status=Status.SUBMITTED)
    client = client_for(roles["national"])
    response = transition(client, roadmap, "return")
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == Status.SUBMITTED
    page = client.get(response.url).content.decode()
    assert "le commentaire est obligatoire" in page
    transition(client, roadmap, "return", "Ajoutez les partenaires.")
    roadmap.refresh_from_db()
    assert roadmap.status == Status.RETURNED
    page = client_for(roles["commissioner"]).get(roadmap_url(roadmap)).content.decode()
    assert "Renvoyée par la délégation nationale le" in page and "Ajoutez les partenaires." in page


def test_workflow_buttons_follow_the_role(roles, client_for):
    roadmap = RoadmapFactory()
    url = roadmap_url(roadmap)
    submit = 'value="submit"'
    assert submit in client_for(roles["commissioner"]).get(url).content.decode()
    assert submit not in client_for(roles["animator"]).get(url).content.decode()
    assert submit not in client_for(roles["national"]).get(url).content.decode()
    roadmap.apply("submit", roles["commissioner"])
    national_page = client_for(roles["national"]).get(url).content.decode()
    assert 'value="validate"' in national_page and 'value="return"' in national_page
    assert 'value="validate"' not in client_for(roles["commissioner"]).get(url).content.decode()


def test_commissioner_creates_a_roadmap(roles, client_for, own_region):
    client = client_for(roles["commissioner"])
    response = client.post(reverse("progress:roadmap_create", args=["53"]), {"period": "2020-2021"})
    assert response.status_code == 302
    assert Roadmap.objects.filter(region=own_region, period="2020-2021", status=Status.DRAFT).exists()
    client.post(reverse("progress:roadmap_create", args=["53"]), {"period": "2020-2021"})
    assert Roadmap.objects.filter(region=own_region).count() == 1
    client.post(reverse("progress:roadmap_create", args=["53"]), {"period": "l'an prochain"})
    assert Roadmap.objects.filter(region=own_region).count() == 1


# --- actions and their history ------------------------------------------------------------------------------------


def test_animator_updates_an_action_of_their_chantier_and_the_history_shows_it(roles, client_for):
    action = ActionFactory(progress=30, status=RoadmapAction.Status.TO_START)
    client = client_for(roles["animator"])
    url = reverse("progress:action_edit", args=["53", action.pk])
    data = {
        "title": action.title,
        "description": "",
        "lead_organisation": action.lead_organisation,
        "partners": "",
        "owner": action.owner,
        "start_on": "2019-09-01",
        "due_on": "2020-06-30",
        "status": RoadmapAction.Status.IN_PROGRESS,
        "progress": "60",
        **NO_MILESTONES,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.progress) == (RoadmapAction.Status.IN_PROGRESS, 60)
    change = action.changes.get()
    assert change.author == roles["animator"]
    assert change.changes == [["status", "À lancer", "En cours"], ["progress", "30", "60"]]
    page = client_for(roles["member"]).get(history_url(action)).content.decode()
    assert roles["animator"].get_full_name() in page
    assert "<del>30</del> →" in page
    # Saving the same values again records nothing.
    client.post(url, data)
    assert action.changes.count() == 1


def test_milestones_are_part_of_the_action_and_of_its_history(roles, client_for):
    action = ActionFactory()
    url = reverse("progress:action_edit", args=["53", action.pk])
    data = {
        "title": action.title,
        "status": action.status,
        "progress": str(action.progress),
        "lead_organisation": action.lead_organisation,
        "owner": action.owner,
        "start_on": "2019-09-01",
        "due_on": "2020-06-30",
        "jalons-TOTAL_FORMS": "1",
        "jalons-INITIAL_FORMS": "0",
        "jalons-0-title": "Premier comité réuni",
        "jalons-0-due_on": "2019-10-15",
        "jalons-0-done_on": "2019-10-17",
    }
    assert client_for(roles["animator"]).post(url, data).status_code == 302
    milestone = action.milestones.get()
    assert str(milestone) == "Premier comité réuni (15/10/2019, atteint le 17/10/2019)"
    assert action.changes.get().changes == [["milestones", "", str(milestone)]]
    page = client_for(roles["member"]).get(roadmap_url(action.roadmap)).content.decode()
    assert "Premier comité réuni (15/10/2019, atteint le 17/10/2019)" in page
    bad = client_for(roles["animator"]).post(url, data | {"jalons-0-due_on": "bientôt"})
    assert bad.status_code == 200 and bad.context["milestones"].errors


def test_action_form_refuses_bad_values(roles, client_for):
    action = ActionFactory()
    response = client_for(roles["commissioner"]).post(
        reverse("progress:action_edit", args=["53", action.pk]),
        {
            "workstream": action.workstream_id,
            "title": "",
            "status": "done",
            "progress": "140",
            "start_on": "2020-01-01",
            "due_on": "2019-01-01",
            **NO_MILESTONES,
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"title", "progress", "due_on"}
    assert not action.changes.exists()


def test_animator_cannot_edit_another_chantier_nor_a_submitted_roadmap(roles, client_for):
    other_chantier = ActionFactory(workstream=workstream(3))
    client = client_for(roles["animator"])
    assert client.get(reverse("progress:action_edit", args=["53", other_chantier.pk])).status_code == 403
    own = ActionFactory(roadmap=other_chantier.roadmap)
    assert client.get(reverse("progress:action_edit", args=["53", own.pk])).status_code == 200
    own.roadmap.apply("submit", roles["commissioner"])
    assert client.get(reverse("progress:action_edit", args=["53", own.pk])).status_code == 403
    assert (
        client_for(roles["commissioner"]).get(reverse("progress:action_edit", args=["53", own.pk])).status_code == 403
    )


def test_animator_adds_an_action_only_in_their_chantier(roles, client_for):
    roadmap = RoadmapFactory()
    client = client_for(roles["animator"])
    url = reverse("progress:action_create", args=["53", roadmap.pk])
    data = {"workstream": workstream(3).pk, "title": "Hors chantier", "status": "to_start", "progress": "0"}
    data |= NO_MILESTONES
    response = client.post(url, data)
    assert response.status_code == 302  # the chantier 3 is not offered: the 14 is the only choice
    action = roadmap.actions.get()
    assert action.workstream.number == 14
    assert action.changes.get().kind == ActionChange.Kind.CREATED


def test_an_action_of_another_region_answers_404(roles, client_for, other_region):
    action = ActionFactory(roadmap=RoadmapFactory(region=other_region))
    assert (
        client_for(roles["national"]).get(reverse("progress:action_edit", args=["28", action.pk])).status_code == 200
    )
    assert (
        client_for(roles["commissioner"]).get(reverse("progress:action_edit", args=["28", action.pk])).status_code
        == 404
    )
    # The region in the address must be the action's.
    assert (
        client_for(roles["national"]).get(reverse("progress:action_edit", args=["53", action.pk])).status_code == 404
    )


def _change(action, author, **values):
    before = action.display_values()
    for name, value in values.items():
        setattr(action, name, value)
    return action.save_with_history(author, before)


def test_roadmap_page_counts_the_changes_and_links_to_each_history(roles, client_for):
    roadmap = RoadmapFactory()
    twice = ActionFactory(roadmap=roadmap, progress=30)
    _change(twice, roles["animator"], progress=60)
    _change(twice, roles["commissioner"], status=RoadmapAction.Status.DONE)
    twice.milestones.create(title="Comité réuni", due_on=datetime.date(2019, 10, 1))
    twice.milestones.create(title="Bilan", due_on=datetime.date(2020, 5, 1))
    once = ActionFactory(roadmap=roadmap)
    _change(once, roles["animator"], description="Texte visible dans le seul historique")
    never = ActionFactory(roadmap=roadmap)
    response = client_for(roles["member"]).get(roadmap_url(roadmap))
    page = response.content.decode()
    counts = {
        action.pk: action.change_count for section in response.context["sections"] for action in section["actions"]
    }
    # Two milestones do not double the count of changes.
    assert counts == {twice.pk: 2, once.pk: 1, never.pk: 0}
    assert "Historique (2 modifications)" in page
    assert "Historique (1 modification)" in page
    assert "Historique (aucune modification)" in page
    for action in (twice, once, never):
        assert f'hx-get="{history_url(action)}"' in page
        assert f'href="{history_url(action)}"' in page
    # The histories themselves are not on the page any more.
    assert "<del>" not in page
    assert "Texte visible dans le seul historique" not in page
    assert "Aucune modification enregistrée." not in page
    assert (
        "Texte visible dans le seul historique" in client_for(roles["member"]).get(history_url(once)).content.decode()
    )


def test_history_page_lists_the_changes_of_one_action(roles, client_for):
    action = ActionFactory(title="Ouvrir un guichet unique", progress=30)
    _change(action, roles["animator"], progress=60)
    _change(action, roles["commissioner"], owner="Lou Bernard")
    other = ActionFactory(roadmap=action.roadmap)
    _change(other, roles["animator"], owner="Sacha Petit")
    client = client_for(roles["member"])
    response = client.get(history_url(action))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    page = response.content.decode()
    assert "<h1>Historique : Ouvrir un guichet unique</h1>" in page
    assert 'class="fr-breadcrumb"' in page
    assert f'href="{action.roadmap.get_absolute_url()}"' in page
    assert "<del>30</del> →" in page and roles["animator"].get_full_name() in page
    assert "Lou Bernard" in page and roles["commissioner"].get_full_name() in page
    assert "Sacha Petit" not in page
    # The newest change first.
    assert page.index("Lou Bernard") < page.index("<del>30</del>")

    fragment = client.get(history_url(action), headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "HX-Request" in fragment["Vary"]
    html = fragment.content.decode()
    assert html.lstrip().startswith('<ol class="fr-text--sm">')
    assert "<del>30</del> →" in html and "Lou Bernard" in html
    assert "<h1" not in html and "fr-breadcrumb" not in html and "<html" not in html


def test_history_of_an_action_without_changes(roles, client_for):
    action = ActionFactory()
    page = client_for(roles["member"]).get(history_url(action), headers={"HX-Request": "true"}).content.decode()
    assert "Aucune modification enregistrée." in page


def test_history_of_an_action_of_another_region_answers_404(roles, client_for, other_region):
    action = ActionFactory(roadmap=RoadmapFactory(region=other_region))
    assert client_for(roles["national"]).get(history_url(action, "28")).status_code == 200
    assert client_for(roles["commissioner"]).get(history_url(action, "28")).status_code == 404
    assert client_for(roles["commissioner_other"]).get(history_url(action, "28")).status_code == 200
    # The region in the address must be the action's, even for the national team.
    assert client_for(roles["national"]).get(history_url(action, "53")).status_code == 404
    assert client_for(roles["commissioner_other"]).get(history_url(action, "53")).status_code == 404
    fragment = client_for(roles["national"]).get(history_url(action, "53"), headers={"HX-Request": "true"})
    assert fragment.status_code == 404
    missing = RoadmapAction(pk=action.pk + 1000)
    assert client_for(roles["national"]).get(history_url(missing, "53")).status_code == 404


def test_lateness_is_derived_from_the_due_date():
    today = datetime.date(2020, 1, 15)
    roadmap = RoadmapFactory()
    late = ActionFactory(roadmap=roadmap, due_on=datetime.date(2020, 1, 14), status="in_progress")
    ActionFactory(roadmap=roadmap, due_on=datetime.date(2020, 1, 14), status="done")
    ActionFactory(roadmap=roadmap, due_on=datetime.date(2020, 1, 14), status="abandoned")
    ActionFactory(roadmap=roadmap, due_on=datetime.date(2020, 1, 15), status="to_start")
    ActionFactory(roadmap=roadmap, due_on=None)
    assert list(RoadmapAction.objects.late(today)) == [late]


# --- query counts ----------------------------------------------------------------------------------------------


def _grow(roadmap, author, count=99):
    def grow():
        actions = [ActionFactory(roadmap=roadmap, workstream=workstream(1 + index % 15)) for index in range(count)]
        for action in actions:
            _change(action, author, progress=50)
            action.milestones.create(title="Comité réuni", due_on=datetime.date(2019, 10, 1))
            CheckpointFactory(workstream=action.workstream, status=Checkpoint.Status.WATCH, author=author)
            ConstraintFactory(workstream=action.workstream)

    return grow


@pytest.mark.parametrize("role", ["animator", "commissioner", "national", "member"])
def test_roadmap_page_query_count_does_not_grow(roles, client_for, role):
    roadmap = RoadmapFactory()
    action = ActionFactory(roadmap=roadmap)
    action.save_with_history(roles["animator"], action.display_values() | {"progress": "0"})
    roadmap.apply("submit", roles["commissioner"], "Voici")
    roadmap.apply("return", roles["national"], "Reprenez")
    assert_constant_queries(client_for(roles[role]), roadmap_url(roadmap), _grow(roadmap, roles["animator"]))


def test_large_roadmap_lists_one_chantier_at_a_time(roles, client_for, monkeypatch):
    """At national scale a roadmap holds about 1,100 actions: the page lists one chantier, counts all of them."""
    monkeypatch.setattr("jalons.progress.views.ROADMAP_ACTIONS_ON_ONE_PAGE", 3)
    roadmap = RoadmapFactory()
    first = [ActionFactory(roadmap=roadmap, workstream=workstream(2), due_on=datetime.date(2019, 1, 1)) for _ in "ab"]
    second = [
        ActionFactory(roadmap=roadmap, workstream=workstream(9), due_on=datetime.date(2099, 1, 1)) for _ in "abc"
    ]
    client = client_for(roles["national"])
    response = client.get(roadmap_url(roadmap))
    shown = {action.pk for section in response.context["sections"] for action in section["actions"]}
    assert shown == {action.pk for action in first}
    assert (response.context["action_count"], response.context["late_count"]) == (5, 2)
    assert "Afficher les 3 actions du chantier" in response.content.decode()
    response = client.get(roadmap_url(roadmap), {"chantier": "9"})
    shown = {action.pk for section in response.context["sections"] for action in section["actions"]}
    assert shown == {action.pk for action in second}
    # An unknown chantier falls back to the first one with actions.
    response = client.get(roadmap_url(roadmap), {"chantier": "99"})
    assert {action.pk for section in response.context["sections"] for action in section["actions"]} == {
        action.pk for action in first
    }


def test_large_roadmap_page_query_count_does_not_grow(roles, client_for, monkeypatch):
    monkeypatch.setattr("jalons.progress.views.ROADMAP_ACTIONS_ON_ONE_PAGE", 3)
    roadmap = RoadmapFactory()
    for number in (1, 2, 3, 4):
        ActionFactory(roadmap=roadmap, workstream=workstream(number))
    assert_constant_queries(client_for(roles["national"]), roadmap_url(roadmap), _grow(roadmap, roles["animator"]))


@pytest.mark.parametrize("htmx", [False, True])
def test_history_page_query_count_does_not_grow(roles, client_for, htmx):
    action = ActionFactory()
    _change(action, roles["animator"], progress=40)
    authors = [roles["animator"], roles["commissioner"], roles["national"], None]

    def grow():
        for index in range(30):
            _change(action, authors[index % len(authors)], progress=41 + index)

    client = client_for(roles["member"])
    if htmx:
        client.defaults["HTTP_HX_REQUEST"] = "true"
    assert_constant_queries(client, history_url(action), grow)
    assert action.changes.count() == 31


@pytest.mark.parametrize("role", ["animator", "commissioner", "national"])
def test_checkpoint_page_query_count_does_not_grow(roles, client_for, role):
    roadmap = RoadmapFactory()
    ActionFactory(roadmap=roadmap)
    CheckpointFactory(author=roles["animator"])
    ConstraintFactory()
    url = reverse("progress:checkpoint_list", args=["53"])
    assert_constant_queries(client_for(roles[role]), url, _grow(roadmap, roles["animator"]))


def test_region_constraints_page_query_count_does_not_grow(roles, client_for):
    roadmap = RoadmapFactory()
    ConstraintFactory()
    url = reverse("progress:region_constraints", args=["53"])
    assert_constant_queries(client_for(roles["commissioner"]), url, _grow(roadmap, roles["animator"], 30))


# --- checkpoints ---------------------------------------------------------------------------------------------


def test_animator_fills_a_checkpoint_with_a_strength_and_a_constraint(roles, client_for, own_region):
    client = client_for(roles["animator"])
    response = client.post(
        reverse("progress:checkpoint_create", args=["53"]),
        {
            "date": "2019-07-08",
            "status": "watch",
            "narrative": "Le comité des personnes concernées est installé.",
            "achievements": "Trois réunions.",
            "key_figures": "42 participants\n3 départements",
            "new_strength": "Une forte mobilisation associative",
            "new_constraint": "Pas de financement des déplacements",
            "new_constraint_level": "regional",
        },
    )
    assert response.status_code == 302, response.content.decode()
    checkpoint = Checkpoint.objects.get(region=own_region)
    assert (checkpoint.workstream.number, checkpoint.author) == (14, roles["animator"])
    assert checkpoint.strengths.get().title == "Une forte mobilisation associative"
    constraint = checkpoint.constraints.get()
    assert (constraint.level, constraint.status) == ("regional", "open")
    page = client_for(roles["member"]).get(reverse("progress:checkpoint_list", args=["53"])).content.decode()
    assert "Le comité des personnes concernées est installé." in page
    assert "42 participants" in page
    # The same chantier and date cannot have two checkpoints.
    again = client_for(roles["animator"]).post(
        reverse("progress:checkpoint_create", args=["53"]),
        {"date": "2019-07-08", "status": "watch", "narrative": "Doublon"},
    )
    assert again.status_code == 200
    assert "date" in again.context["form"].errors


def test_animator_cannot_edit_another_chantiers_checkpoint(roles, client_for):
    checkpoint = CheckpointFactory(workstream=workstream(2))
    url = reverse("progress:checkpoint_edit", args=["53", checkpoint.pk])
    assert client_for(roles["animator"]).get(url).status_code == 403
    assert client_for(roles["commissioner"]).get(url).status_code == 200


def test_constraint_lifecycle_region_to_national_and_back(roles, client_for, other_region):
    ours = ConstraintFactory(title="Accès impossible aux données de la CAF")
    theirs = ConstraintFactory(region=other_region, title="Données CAF inaccessibles")
    assert (
        client_for(roles["animator"]).post(reverse("progress:constraint_escalate", args=["53", ours.pk])).status_code
        == 403
    )
    assert (
        client_for(roles["commissioner"])
        .post(reverse("progress:constraint_escalate", args=["53", ours.pk]))
        .status_code
        == 302
    )
    theirs.escalate()
    ours.refresh_from_db()
    assert (ours.level, ours.status) == (Constraint.Level.NATIONAL, Constraint.Status.ESCALATED)
    # The commissioner cannot answer a national constraint.
    assert (
        client_for(roles["commissioner"]).get(reverse("progress:constraint_answer", args=[ours.pk])).status_code == 403
    )
    national = client_for(roles["national"])  # the same client from here on
    board = national.get(reverse("progress:constraint_board")).content.decode()
    assert "Accès impossible aux données de la CAF" in board and "Données CAF inaccessibles" in board
    national.post(
        reverse("progress:constraint_group"),
        {"constraints": [ours.pk, theirs.pk], "new_topic": "Accès aux données des CAF"},
    )
    ours.refresh_from_db()
    topic = ours.topic
    assert topic.title == "Accès aux données des CAF"
    assert set(topic.constraints.values_list("status", flat=True)) == {Constraint.Status.IN_PROGRESS}
    national.post(
        reverse("progress:constraint_topic", args=[topic.pk]),
        {"assign": "1", "assignee": roles["national"].pk},
    )
    national.post(
        reverse("progress:constraint_topic", args=[topic.pk]),
        {
            f"topic-{topic.pk}-answer": "Une convention nationale avec la CNAF est signée.",
            f"topic-{topic.pk}-status": "lifted",
        },
    )
    # The board shows the answer given, ready to be completed.
    assert (
        "Une convention nationale avec la CNAF est signée.</textarea>"
        in national.get(reverse("progress:constraint_board")).content.decode()
    )
    for constraint in (ours, theirs):
        constraint.refresh_from_db()
        assert constraint.status == Constraint.Status.LIFTED
        assert constraint.lifted_at is not None
        assert constraint.assignee == roles["national"]
    region_page = (
        client_for(roles["commissioner"]).get(reverse("progress:region_constraints", args=["53"])).content.decode()
    )
    assert "Une convention nationale avec la CNAF est signée." in region_page
    assert "Levée" in region_page


def test_commissioner_answers_a_regional_constraint(roles, client_for):
    constraint = ConstraintFactory(level=Constraint.Level.REGIONAL)
    url = reverse("progress:constraint_answer", args=[constraint.pk])
    assert client_for(roles["animator"]).get(url).status_code == 403
    response = client_for(roles["commissioner"]).post(
        url, {"answer": "La préfecture finance.", "status": "in_progress"}
    )
    assert response.status_code == 302
    constraint.refresh_from_db()
    assert (constraint.status, constraint.answered_by, constraint.lifted_at) == (
        "in_progress",
        roles["commissioner"],
        None,
    )


def test_strengths_and_constraints_entered_directly(roles, client_for, own_region):
    client = client_for(roles["animator"])
    url = reverse("progress:region_constraints", args=["53"])
    client.post(url, {"kind": "strength", "force-workstream": workstream().pk, "force-title": "Des bénévoles"})
    client.post(
        url,
        {
            "kind": "constraint",
            "contrainte-workstream": workstream().pk,
            "contrainte-title": "Locaux",
            "contrainte-level": "local",
        },
    )
    assert own_region.strengths.get().title == "Des bénévoles"
    assert own_region.constraints.get().title == "Locaux"
    # Another chantier is not offered to this animator.
    response = client.post(url, {"kind": "strength", "force-workstream": workstream(2).pk, "force-title": "Non"})
    assert response.status_code == 200
    assert own_region.strengths.count() == 1
    assert client_for(roles["member"]).post(url, {"kind": "strength"}).status_code == 403


# --- checkpoint campaigns ------------------------------------------------------------------------------------------


def test_campaign_tracks_completion_and_reminds_late_animators(
    roles, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    from jalons.progress.models import CheckpointCampaign

    client = client_for(roles["national"])
    response = client.post(reverse("progress:campaign_list"), {"title": "Points d'étape 2019", "due_on": "2019-06-10"})
    assert response.status_code == 302
    campaign = CheckpointCampaign.objects.get()
    # The animator's checkpoint joins the open campaign.
    client_for(roles["animator"]).post(
        reverse("progress:checkpoint_create", args=["53"]),
        {"date": "2019-06-01", "status": "on_track", "narrative": "Tout va bien."},
    )
    assert Checkpoint.objects.get().campaign == campaign
    page = client_for(roles["national"]).get(reverse("progress:campaign_list")).content.decode()
    assert "1 / 15" in page  # Bretagne
    assert "1 / 270" in page  # 18 regions × 15 chantiers
    # Reminders go to the animators of the groups that have not answered, not to the one who did.
    other_animator = MembershipFactory(group=roles["member_other"].memberships.get().group, role="animator").user
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roles["national"]).post(
            reverse("progress:campaign_action", args=[campaign.pk]), {"remind": "1"}
        )
    assert response.status_code == 302
    recipients = {message.to[0] for message in mailoutbox}
    assert other_animator.email in recipients
    assert roles["animator"].email not in recipients
    assert "/regions/28/points-d-etape/nouveau/?chantier=14" in mailoutbox[0].body
    campaign.refresh_from_db()
    assert campaign.reminded_at is not None
    client_for(roles["national"]).post(reverse("progress:campaign_action", args=[campaign.pk]), {"close": "1"})
    campaign.refresh_from_db()
    assert campaign.closed_at is not None


# --- the region page --------------------------------------------------------------------------------------------


def test_region_page_shows_progress_per_chantier_to_the_region_only(roles, client_for):
    roadmap = RoadmapFactory()
    ActionFactory(roadmap=roadmap, progress=40)
    ActionFactory(roadmap=roadmap, progress=60)
    CheckpointFactory(status=Checkpoint.Status.IN_DIFFICULTY)
    ConstraintFactory()
    url = reverse("territories:region_detail", args=["53"])
    page = client_for(roles["member"]).get(url).content.decode()
    assert "Où en sont les chantiers" in page
    assert "2 actions, 50 % en moyenne" in page
    assert "En difficulté" in page
    for role in ("anonymous", "member_other", "commissioner_other"):
        assert "Où en sont les chantiers" not in client_for(roles[role]).get(url).content.decode()
    assert_constant_queries(client_for(roles["member"]), url, _grow(roadmap, roles["animator"], 30))


def test_board_suggests_grouping_similar_constraints_from_several_regions(roles, client_for, other_region):
    from jalons.progress import services

    national = Constraint.Level.NATIONAL
    first = ConstraintFactory(level=national, title="Pas de logement pour les jeunes sortant de l'ASE")
    second = ConstraintFactory(level=national, region=other_region, title="Logement des jeunes sortants de l'ASE")
    ConstraintFactory(level=national, region=other_region, title="Financement des déplacements")
    ConstraintFactory(level=national, title="Logement des jeunes sortants de l'ASE (bis)")  # same region as first
    ConstraintFactory(level=national, workstream=workstream(3), region=other_region, title="Logement des jeunes ASE")
    [group] = services.similar_constraints(Constraint.objects.filter(pk__in=[first.pk, second.pk]))
    assert {item.pk for item in group} == {first.pk, second.pk}
    suggestions = services.similar_constraints(Constraint.objects.all())
    assert all(len({item.workstream_id for item in group}) == 1 for group in suggestions)
    page = client_for(roles["national"]).get(reverse("progress:constraint_board")).content.decode()
    assert "Rapprochements suggérés" in page
