from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from jalons.accounts.models import User
from jalons.conferences.models import Conference
from jalons.core import permissions, tabular
from jalons.core.permissions import public_page
from jalons.strategy.views import current_strategy
from jalons.territories.models import Region

from . import imports, services
from .charts import trend_chart
from .forms import (
    ActionForm,
    AnswerForm,
    AssignForm,
    CampaignForm,
    CheckpointForm,
    ConstraintForm,
    GroupConstraintsForm,
    ImportForm,
    IndicatorForm,
    IndicatorValueForm,
    MilestoneFormSet,
    RoadmapCreateForm,
    StrengthForm,
    TransitionForm,
)
from .models import (
    ActionChange,
    Checkpoint,
    CheckpointCampaign,
    Constraint,
    ConstraintTopic,
    Indicator,
    IndicatorValue,
    Maille,
    Roadmap,
    RoadmapAction,
    Strength,
    default_period,
    zone_names,
)

IMPORT_DONE = {
    "action": gettext_lazy(
        "Import terminé : %(created)s action(s) créée(s), %(updated)s modifiée(s), %(unchanged)s inchangée(s)."
    ),
    "valeur": gettext_lazy(
        "Import terminé : %(created)s valeur(s) créée(s), %(updated)s modifiée(s), %(unchanged)s inchangée(s)."
    ),
}


def _region_or_404(user, code):
    """The region, if the user may see its private progress pages; otherwise 404 (its existence not revealed)."""
    region = Region.objects.filter(code=code).first()
    if region is None or not permissions.can_view_progress(user, region):
        raise Http404
    return region


def _roadmap_or_404(user, code, pk):
    region = _region_or_404(user, code)
    roadmap = get_object_or_404(Roadmap.objects.select_related("strategy"), pk=pk, region=region)
    roadmap.region = region
    return roadmap


# Above this many actions, the roadmap page lists the actions of one chantier at a time (?chantier=<number>).
ROADMAP_ACTIONS_ON_ONE_PAGE = 150


def _history_prefetch():
    return Prefetch("changes", queryset=ActionChange.objects.select_related("author"))


# --- roadmaps ----------------------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def roadmap(request, code):
    region = _region_or_404(request.user, code)
    strategy = current_strategy()
    roadmaps = list(Roadmap.objects.filter(region=region, strategy=strategy).order_by("-period"))
    current = next((item for item in roadmaps if item.period == request.GET.get("periode")), None)
    if current is None and roadmaps:
        current = roadmaps[0]
    workstreams = list(strategy.workstreams.all())
    context = {
        "region": region,
        "roadmaps": roadmaps,
        "roadmap": current,
        "title": _("Feuille de route"),
        "can_create": permissions.can_create_roadmap(request.user, region),
        "create_form": RoadmapCreateForm(region=region, strategy=strategy, initial={"period": default_period()}),
    }
    if current is not None:
        current.region = region
        counts = {
            row["workstream_id"]: row
            for row in current.actions.with_lateness()
            .order_by()
            .values("workstream_id")
            .annotate(total=Count("pk"), late=Count("pk", filter=Q(is_late=True)))
        }
        action_count = sum(row["total"] for row in counts.values())
        # A large roadmap (hundreds of actions) shows the actions of one chantier at a time.
        shown = None
        if action_count > ROADMAP_ACTIONS_ON_ONE_PAGE:
            numbers = {workstream.number: workstream.pk for workstream in workstreams}
            requested = request.GET.get("chantier", "")
            shown = numbers.get(int(requested)) if requested.isdigit() else None
            if shown is None:
                shown = next((workstream.pk for workstream in workstreams if workstream.pk in counts), None)
        # The histories are loaded on demand (action_history): the page only counts the changes.
        actions = (
            current.actions.with_lateness().annotate(change_count=Count("changes")).prefetch_related("milestones")
        )
        if shown is not None:
            actions = actions.filter(workstream_id=shown)
        by_workstream = {}
        for action in actions:
            action.roadmap = current
            action.can_edit = permissions.can_edit_action(request.user, action)
            by_workstream.setdefault(action.workstream_id, []).append(action)
        sections = []
        for workstream in workstreams:
            items = by_workstream.get(workstream.pk, [])
            count = counts.get(workstream.pk, {}).get("total", 0)
            can_add = permissions.can_add_action(request.user, current, workstream)
            if count or can_add:
                sections.append(
                    {
                        "workstream": workstream,
                        "actions": items,
                        "count": count,
                        "folded": shown is not None and workstream.pk != shown,
                        "can_add": can_add,
                    }
                )
        transitions = [
            (transition, label)
            for transition, label in Roadmap.Transition.choices
            if permissions.can_apply_transition(request.user, current, transition)
        ]
        log = list(current.transitions.select_related("author"))
        context.update(
            {
                "title": _("Feuille de route %(period)s") % {"period": current.period},
                "sections": sections,
                "action_count": action_count,
                "late_count": sum(row["late"] for row in counts.values()),
                "log": log,
                "last_return": next(
                    (step for step in reversed(log) if step.to_status == Roadmap.Status.RETURNED), None
                )
                if current.status == Roadmap.Status.RETURNED
                else None,
                "transitions": transitions,
                "can_edit_roadmap": permissions.can_edit_roadmap(request.user, current),
            }
        )
    return render(request, "progress/roadmap.html", context)


@require_POST
def roadmap_create(request, code):
    region = _region_or_404(request.user, code)
    if not permissions.can_create_roadmap(request.user, region):
        raise PermissionDenied
    form = RoadmapCreateForm(request.POST, region=region, strategy=current_strategy())
    if form.is_valid():
        created = form.save()
        messages.success(request, _("La feuille de route %(period)s est créée.") % {"period": created.period})
        return redirect(created.get_absolute_url())
    for error in form.errors.get("period", []):
        messages.error(request, error)
    return redirect("progress:roadmap", code=region.code)


@require_POST
def roadmap_transition(request, code, pk):
    roadmap = _roadmap_or_404(request.user, code, pk)
    # Only the region's steering and the national team take part in the workflow.
    if not permissions.can_steer_region(request.user, roadmap.region):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Étape inconnue."))
        return redirect(roadmap.get_absolute_url())
    transition = form.cleaned_data["transition"]
    if not permissions.can_apply_transition(request.user, roadmap, transition):
        raise PermissionDenied
    try:
        roadmap.apply(transition, request.user, form.cleaned_data["comment"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Feuille de route : %(status)s.") % {"status": roadmap.get_status_display().lower()},
        )
    return redirect(roadmap.get_absolute_url())


def _action_workstreams(user, roadmap):
    """The chantiers in which the user may add or edit actions of this roadmap."""
    workstreams = roadmap.strategy.workstreams.all()
    if permissions.can_edit_roadmap(user, roadmap):
        return workstreams
    if roadmap.is_locked:
        return workstreams.none()
    animated = [ws for region_id, ws in permissions.animated_workstreams(user) if region_id == roadmap.region_id]
    return workstreams.filter(pk__in=animated)


@require_http_methods(["GET", "POST"])
def action_create(request, code, pk):
    roadmap = _roadmap_or_404(request.user, code, pk)
    workstreams = _action_workstreams(request.user, roadmap)
    if not workstreams.exists():
        raise PermissionDenied
    initial = {}
    chosen = workstreams.filter(number=request.GET.get("chantier") or 0).first()
    if chosen:
        initial["workstream"] = chosen
    action = RoadmapAction(roadmap=roadmap)
    form = ActionForm(request.POST or None, workstreams=workstreams, initial=initial, instance=action)
    milestones = MilestoneFormSet(request.POST or None, instance=action, prefix="jalons")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        action = form.save(commit=False)
        action.save_with_history(request.user, save_related=lambda: _save_milestones(milestones, action))
        messages.success(request, _("L'action « %(title)s » est ajoutée.") % {"title": action.title})
        return redirect(roadmap.get_absolute_url() + f"#chantier-{action.workstream.number}")
    return render(
        request,
        "progress/action_form.html",
        {
            "form": form,
            "milestones": milestones,
            "roadmap": roadmap,
            "region": roadmap.region,
            "action": None,
            "title": _("Ajouter une action"),
        },
    )


@require_http_methods(["GET", "POST"])
def action_edit(request, code, pk):
    region = _region_or_404(request.user, code)
    action = get_object_or_404(
        RoadmapAction.objects.select_related("roadmap__strategy", "workstream").prefetch_related(_history_prefetch()),
        pk=pk,
        roadmap__region=region,
    )
    action.roadmap.region = region
    if not permissions.can_edit_action(request.user, action):
        raise PermissionDenied
    before = action.display_values()
    form = ActionForm(
        request.POST or None, instance=action, workstreams=_action_workstreams(request.user, action.roadmap)
    )
    milestones = MilestoneFormSet(request.POST or None, instance=action, prefix="jalons")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        action = form.save(commit=False)
        change = action.save_with_history(
            request.user, before, save_related=lambda: _save_milestones(milestones, action)
        )
        if change is None:
            messages.info(request, _("Aucune modification."))
        else:
            messages.success(request, _("L'action « %(title)s » est enregistrée.") % {"title": action.title})
        return redirect(action.roadmap.get_absolute_url() + f"#action-{action.pk}")
    return render(
        request,
        "progress/action_form.html",
        {
            "form": form,
            "milestones": milestones,
            "roadmap": action.roadmap,
            "region": region,
            "action": action,
            "title": _("Modifier l'action"),
        },
    )


@require_http_methods(["GET"])
def action_history(request, code, pk):
    """The changes of one action: a page, or the fragment that the roadmap page loads in place (htmx)."""
    region = _region_or_404(request.user, code)
    action = get_object_or_404(
        RoadmapAction.objects.select_related("roadmap", "workstream").prefetch_related(_history_prefetch()),
        pk=pk,
        roadmap__region=region,
    )
    action.roadmap.region = region
    template = "progress/includes/action_history.html" if request.htmx else "progress/action_history.html"
    response = render(
        request,
        template,
        {
            "action": action,
            "changes": action.changes.all(),
            "roadmap": action.roadmap,
            "region": region,
            "title": _("Historique : %(title)s") % {"title": action.title},
        },
    )
    # The same address answers a fragment or a page: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _save_milestones(formset, action):
    formset.instance = action
    formset.save()


@require_http_methods(["GET", "POST"])
def action_import(request, code, pk):
    roadmap = _roadmap_or_404(request.user, code, pk)
    if not permissions.can_edit_roadmap(request.user, roadmap):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = imports.import_actions(form.cleaned_data["file"], roadmap, request.user)
        except tabular.TableError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                IMPORT_DONE["action"] % counts,
            )
            return redirect(roadmap.get_absolute_url())
    return render(
        request,
        "progress/import.html",
        {
            "form": form,
            "errors": errors,
            "region": roadmap.region,
            "parent_url": roadmap.get_absolute_url(),
            "parent_title": str(roadmap),
            "columns": imports.ACTION_COLUMNS,
            "template_csv": reverse("progress:action_template", args=[roadmap.region.code, "csv"]),
            "template_xlsx": reverse("progress:action_template", args=[roadmap.region.code, "xlsx"]),
            "title": _("Importer des actions"),
        },
    )


def _check_format(fmt):
    if fmt not in {"csv", "xlsx"}:
        raise Http404


@require_http_methods(["GET"])
def action_export(request, code, pk, fmt):
    _check_format(fmt)
    roadmap = _roadmap_or_404(request.user, code, pk)
    actions = roadmap.actions.select_related("workstream").order_by("workstream__number", "pk")
    for action in actions:
        action.roadmap = roadmap
    filename = f"feuille-de-route-{roadmap.region.code}-{roadmap.period}"
    if fmt == "csv":
        return tabular.csv_response(filename, imports.ACTION_COLUMNS, imports.action_rows(actions))
    return tabular.xlsx_response(filename, imports.ACTION_COLUMNS, imports.action_rows(actions, typed=True), "actions")


@require_http_methods(["GET"])
def action_template(request, code, fmt):
    _check_format(fmt)
    region = _region_or_404(request.user, code)
    rows = imports.action_template_rows(region.code)
    if fmt == "csv":
        return tabular.csv_response("modele-actions", imports.ACTION_COLUMNS, rows)
    return tabular.xlsx_response("modele-actions", imports.ACTION_COLUMNS, rows, "actions")


# --- checkpoints, strengths and constraints --------------------------------------------------------------------------


@require_http_methods(["GET"])
def checkpoint_list(request, code):
    region = _region_or_404(request.user, code)
    checkpoints = list(
        Checkpoint.objects.filter(region=region).select_related("workstream", "author", "conference__cycle")
    )
    for checkpoint in checkpoints:
        checkpoint.region = region
        checkpoint.can_edit = permissions.can_edit_checkpoint(request.user, region, checkpoint.workstream)
    current, rows = services.region_summary(region)
    campaign = CheckpointCampaign.objects.open().first()
    answered = set()
    if campaign is not None:
        answered = {checkpoint.workstream_id for checkpoint in checkpoints if checkpoint.campaign_id == campaign.pk}
    for row in rows:
        row["campaign_done"] = row["workstream"].pk in answered
        row["can_edit"] = permissions.can_edit_checkpoint(request.user, region, row["workstream"])
    return render(
        request,
        "progress/checkpoint_list.html",
        {
            "region": region,
            "roadmap": current,
            "rows": rows,
            "checkpoints": checkpoints,
            "can_add": permissions.can_edit_any_checkpoint(request.user, region),
            "campaign": campaign,
            "campaign_done": len(answered),
            "title": _("Points d'étape"),
        },
    )


def _checkpoint_workstreams(user, region):
    workstreams = current_strategy().workstreams.all()
    if permissions.can_steer_region(user, region):
        return workstreams
    animated = [ws for region_id, ws in permissions.animated_workstreams(user) if region_id == region.pk]
    return workstreams.filter(pk__in=animated)


@require_http_methods(["GET", "POST"])
def checkpoint_edit(request, code, pk=None):
    region = _region_or_404(request.user, code)
    if pk is None:
        checkpoint = Checkpoint(region=region, date=timezone.localdate())
    else:
        checkpoint = get_object_or_404(Checkpoint.objects.select_related("workstream"), pk=pk, region=region)
        checkpoint.region = region
    workstreams = _checkpoint_workstreams(request.user, region)
    if pk is not None and not permissions.can_edit_checkpoint(request.user, region, checkpoint.workstream):
        raise PermissionDenied
    if not workstreams.exists():
        raise PermissionDenied
    initial = {}
    chosen = workstreams.filter(number=request.GET.get("chantier") or 0).first()
    if chosen and pk is None:
        initial["workstream"] = chosen
        conference = Conference.objects.filter(region=region).order_by("-date").first()
        if conference is not None:
            initial["conference"] = conference
    form = CheckpointForm(
        request.POST or None,
        instance=checkpoint,
        initial=initial,
        region=region,
        workstreams=workstreams,
        conferences=Conference.objects.filter(region=region).select_related("cycle").order_by("-date"),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            checkpoint = form.save(commit=False)
            checkpoint.author = request.user
            if checkpoint.pk is None:
                checkpoint.campaign = CheckpointCampaign.objects.open().first()
            checkpoint.save()
            data = form.cleaned_data
            if data.get("new_strength"):
                Strength.objects.create(
                    region=region,
                    workstream=checkpoint.workstream,
                    checkpoint=checkpoint,
                    title=data["new_strength"],
                    author=request.user,
                )
            if data.get("new_constraint"):
                Constraint.objects.create(
                    region=region,
                    workstream=checkpoint.workstream,
                    checkpoint=checkpoint,
                    title=data["new_constraint"],
                    level=data["new_constraint_level"],
                    author=request.user,
                )
        messages.success(request, _("Le point d'étape est enregistré."))
        return redirect("progress:checkpoint_list", code=region.code)
    return render(
        request,
        "progress/checkpoint_form.html",
        {
            "form": form,
            "region": region,
            "checkpoint": checkpoint if pk else None,
            "title": _("Modifier le point d'étape") if pk else _("Nouveau point d'étape"),
        },
    )


@require_http_methods(["GET", "POST"])
def region_constraints(request, code):
    region = _region_or_404(request.user, code)
    workstreams = _checkpoint_workstreams(request.user, region)
    strength_form = StrengthForm(workstreams=workstreams, prefix="force")
    constraint_form = ConstraintForm(workstreams=workstreams, prefix="contrainte")
    if request.method == "POST":
        if not workstreams.exists():
            raise PermissionDenied
        kind = request.POST.get("kind")
        form_class, prefix = (StrengthForm, "force") if kind == "strength" else (ConstraintForm, "contrainte")
        form = form_class(request.POST, workstreams=workstreams, prefix=prefix)
        if form.is_valid():
            data = form.cleaned_data
            common = {
                "region": region,
                "workstream": data["workstream"],
                "title": data["title"],
                "description": data["description"],
                "author": request.user,
            }
            if kind == "strength":
                Strength.objects.create(**common)
                messages.success(request, _("La force est enregistrée."))
            else:
                Constraint.objects.create(level=data["level"], **common)
                messages.success(request, _("La contrainte est enregistrée."))
            return redirect("progress:region_constraints", code=region.code)
        if kind == "strength":
            strength_form = form
        else:
            constraint_form = form
    constraints = list(Constraint.objects.filter(region=region).select_related("workstream", "answered_by", "topic"))
    for constraint in constraints:
        constraint.region = region
        constraint.can_escalate = permissions.can_escalate_constraint(request.user, constraint)
        constraint.can_answer = permissions.can_answer_constraint(request.user, constraint)
    return render(
        request,
        "progress/region_constraints.html",
        {
            "region": region,
            "strengths": Strength.objects.filter(region=region).select_related("workstream", "author"),
            "constraints": constraints,
            "strength_form": strength_form,
            "constraint_form": constraint_form,
            "can_add": workstreams.exists(),
            "title": _("Forces et contraintes à lever"),
        },
    )


@require_POST
def constraint_escalate(request, code, pk):
    region = _region_or_404(request.user, code)
    constraint = get_object_or_404(Constraint, pk=pk, region=region)
    constraint.region = region
    if not permissions.can_escalate_constraint(request.user, constraint):
        raise PermissionDenied
    constraint.escalate()
    messages.success(request, _("La contrainte est remontée à la délégation nationale."))
    return redirect("progress:region_constraints", code=region.code)


@require_http_methods(["GET", "POST"])
def constraint_answer(request, pk):
    constraint = get_object_or_404(Constraint.objects.select_related("region", "workstream", "topic"), pk=pk)
    if not permissions.can_view_progress(request.user, constraint.region):
        raise Http404
    if not permissions.can_answer_constraint(request.user, constraint):
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None,
        initial={"answer": constraint.answer, "status": constraint.status if constraint.answer else None},
    )
    if request.method == "POST" and form.is_valid():
        constraint.record_answer(request.user, form.cleaned_data["answer"], form.cleaned_data["status"])
        messages.success(request, _("La réponse est enregistrée ; la région la voit."))
        if constraint.level == Constraint.Level.NATIONAL:
            return redirect("progress:constraint_board")
        return redirect("progress:region_constraints", code=constraint.region.code)
    return render(
        request,
        "progress/constraint_answer.html",
        {"form": form, "constraint": constraint, "title": _("Répondre à une contrainte")},
    )


# --- the national board of constraints -------------------------------------------------------------------------------


def _board_guard(user):
    if not permissions.can_use_constraint_board(user):
        raise PermissionDenied


def _national_team():
    return User.objects.filter(is_national_coordinator=True, is_active=True).order_by("last_name", "first_name")


@require_http_methods(["GET"])
def constraint_board(request):
    _board_guard(request.user)
    national = (
        Constraint.objects.national()
        .select_related("region", "workstream", "assignee", "topic")
        .order_by("workstream__number", "region__name", "pk")
    )
    constraints = list(national)
    topics = list(ConstraintTopic.objects.select_related("assignee").order_by("title"))
    by_topic = {}
    ungrouped = {}
    for constraint in constraints:
        if constraint.topic_id:
            by_topic.setdefault(constraint.topic_id, []).append(constraint)
        else:
            ungrouped.setdefault(constraint.workstream, []).append(constraint)
    people = list(_national_team())
    for topic in topics:
        topic.items = by_topic.get(topic.pk, [])
        topic.regions = sorted({item.region.name for item in topic.items})
        topic.open_count = sum(1 for item in topic.items if item.status != Constraint.Status.LIFTED)
        answered = next((item for item in topic.items if item.answer), None)
        topic.answer_form = AnswerForm(
            prefix=f"topic-{topic.pk}",
            initial={"answer": answered.answer, "status": answered.status} if answered else {},
        )
    ungrouped_pending = [item for items in ungrouped.values() for item in items]
    suggestions = services.similar_constraints(
        [item for item in ungrouped_pending if item.status != Constraint.Status.LIFTED]
    )
    group_form = GroupConstraintsForm(constraints=Constraint.objects.national().filter(topic__isnull=True).unlifted())
    return render(
        request,
        "progress/constraint_board.html",
        {
            "topics": [topic for topic in topics if topic.items],
            "ungrouped": sorted(ungrouped.items(), key=lambda item: item[0].number),
            "ungrouped_count": len(ungrouped_pending),
            "suggestions": suggestions,
            "group_form": group_form,
            "counts": [
                (status, label, sum(1 for item in constraints if item.status == status))
                for status, label in Constraint.Status.choices
            ],
            "people": people,
            "title": _("Tableau des contraintes remontées"),
        },
    )


@require_POST
def constraint_group(request):
    _board_guard(request.user)
    form = GroupConstraintsForm(
        request.POST, constraints=Constraint.objects.national().filter(topic__isnull=True).unlifted()
    )
    if form.is_valid():
        with transaction.atomic():
            topic = form.cleaned_data["topic"]
            if topic is None:
                topic, _created = ConstraintTopic.objects.get_or_create(title=form.cleaned_data["new_topic"].strip())
            form.cleaned_data["constraints"].update(topic=topic, status=Constraint.Status.IN_PROGRESS)
        messages.success(request, _("Les contraintes sont regroupées sous « %(title)s ».") % {"title": topic.title})
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("progress:constraint_board")


@require_POST
def constraint_topic(request, pk):
    """Assign a group of constraints to someone, or answer all of them at once."""
    _board_guard(request.user)
    topic = get_object_or_404(ConstraintTopic, pk=pk)
    prefix = f"topic-{topic.pk}"
    if "assign" in request.POST:
        form = AssignForm(request.POST, people=_national_team())
        if form.is_valid():
            topic.assignee = form.cleaned_data["assignee"]
            topic.save(update_fields=["assignee"])
            topic.constraints.update(assignee=topic.assignee)
            messages.success(request, _("Le regroupement « %(title)s » est attribué.") % {"title": topic.title})
    else:
        form = AnswerForm(request.POST, prefix=prefix)
        if form.is_valid():
            with transaction.atomic():
                for constraint in topic.constraints.select_for_update():
                    constraint.record_answer(request.user, form.cleaned_data["answer"], form.cleaned_data["status"])
            messages.success(request, _("La réponse est envoyée aux régions concernées."))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("progress:constraint_board") + f"#regroupement-{topic.pk}")


# --- checkpoint campaigns (national team) ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def campaign_list(request):
    _board_guard(request.user)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        campaign.opened_by = request.user
        campaign.save()
        messages.success(request, _("La campagne « %(title)s » est ouverte.") % {"title": campaign.title})
        return redirect("progress:campaign_list")
    campaigns = list(CheckpointCampaign.objects.select_related("cycle", "opened_by"))
    current = next((campaign for campaign in campaigns if campaign.closed_at is None), None)
    completion = services.campaign_completion(current) if current else []
    return render(
        request,
        "progress/campaign_list.html",
        {
            "form": form,
            "campaigns": campaigns,
            "current": current,
            "completion": completion,
            "answered_total": sum(answered for _region, answered, _expected in completion),
            "expected_total": sum(expected for _region, _answered, expected in completion),
            "title": _("Campagnes de points d'étape"),
        },
    )


@require_POST
def campaign_action(request, pk):
    """Send reminders for an open campaign, or close it."""
    _board_guard(request.user)
    campaign = get_object_or_404(CheckpointCampaign.objects.open(), pk=pk)
    if "close" in request.POST:
        campaign.closed_at = timezone.now()
        campaign.save(update_fields=["closed_at"])
        messages.success(request, _("La campagne est close."))
    else:
        sent = services.send_reminders(campaign, request.build_absolute_uri("/").rstrip("/"))
        messages.success(
            request, _("%(count)s relance(s) envoyée(s) aux animateurs et animatrices.") % {"count": sent}
        )
    return redirect("progress:campaign_list")


# --- indicators --------------------------------------------------------------------------------------------------


@public_page
@require_http_methods(["GET"])
def indicator_list(request):
    indicators = list(Indicator.objects.select_related("workstream"))
    latest = {}
    for value in IndicatorValue.objects.filter(maille=Maille.NATIONAL).order_by("indicator_id", "date"):
        latest[value.indicator_id] = value
    for indicator in indicators:
        indicator.latest = latest.get(indicator.pk)
    return render(
        request,
        "progress/indicator_list.html",
        {
            "indicators": indicators,
            "can_manage": permissions.can_manage_indicators(request.user),
            "title": _("Indicateurs"),
        },
    )


@public_page
@require_http_methods(["GET"])
def indicator_detail(request, code):
    indicator = get_object_or_404(Indicator.objects.select_related("workstream"), code=code)
    names = zone_names()
    values = list(indicator.values.order_by("date"))
    zones = sorted(
        {(value.maille, value.zone_code) for value in values},
        key=lambda zone: (
            [Maille.NATIONAL, Maille.REGION, Maille.DEPARTMENT].index(zone[0]),
            names.get(zone, zone[1]),
        ),
    )
    requested = request.GET.get("zone", "")
    maille, _sep, zone_code = requested.partition("-")
    selected = (maille, zone_code) if (maille, zone_code) in zones else (zones[0] if zones else None)
    series = [value for value in values if (value.maille, value.zone_code) == selected]
    latest_by_zone = {}
    for value in values:
        latest_by_zone[(value.maille, value.zone_code)] = value
    chart = None
    if series:
        last = series[-1]
        chart = trend_chart(
            [(value.date, value.value) for value in series],
            target=(last.target_date, last.target_value) if last.target_value is not None else None,
            unit=indicator.unit,
        )
    return render(
        request,
        "progress/indicator_detail.html",
        {
            "indicator": indicator,
            "zones": [
                {"key": f"{zone[0]}-{zone[1]}", "name": names.get(zone, zone[1]), "maille": zone[0]} for zone in zones
            ],
            "selected_key": f"{selected[0]}-{selected[1]}" if selected else "",
            "selected_name": names.get(selected, "") if selected else "",
            "series": series,
            "chart": chart,
            "latest": [
                {"name": names.get(zone, zone[1]), "value": value}
                for zone, value in sorted(latest_by_zone.items(), key=lambda item: (item[0][0] != "NAT", item[0]))
            ],
            "can_manage": permissions.can_manage_indicators(request.user),
            "title": indicator.name,
        },
    )


@require_http_methods(["GET", "POST"])
def indicator_create(request):
    if not permissions.can_manage_indicators(request.user):
        raise PermissionDenied
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("L'indicateur « %(name)s » est créé.") % {"name": indicator.name})
        return redirect(indicator.get_absolute_url())
    return render(request, "progress/indicator_form.html", {"form": form, "title": _("Nouvel indicateur")})


@require_http_methods(["GET", "POST"])
def indicator_value_create(request, code):
    if not permissions.can_manage_indicators(request.user):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator, code=code)
    form = IndicatorValueForm(
        request.POST or None,
        indicator=indicator,
        known_zones=imports.known_zones(),
        initial={"maille": "NAT", "zone_code": "FR"},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La valeur est enregistrée."))
        return redirect(indicator.get_absolute_url())
    return render(
        request,
        "progress/indicator_value_form.html",
        {"form": form, "indicator": indicator, "title": _("Ajouter une valeur")},
    )


@require_http_methods(["GET", "POST"])
def indicator_import(request):
    if not permissions.can_manage_indicators(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            counts = imports.import_indicator_values(form.cleaned_data["file"])
        except tabular.TableError as error:
            errors = error.errors
        else:
            messages.success(
                request,
                IMPORT_DONE["valeur"] % counts,
            )
            return redirect("progress:indicator_list")
    return render(
        request,
        "progress/import.html",
        {
            "form": form,
            "errors": errors,
            "region": None,
            "parent_url": reverse("progress:indicator_list"),
            "parent_title": _("Indicateurs"),
            "columns": imports.INDICATOR_COLUMNS,
            "template_csv": reverse("progress:indicator_export", args=["csv"]),
            "template_xlsx": reverse("progress:indicator_export", args=["xlsx"]),
            "title": _("Importer des valeurs d'indicateurs"),
        },
    )


@public_page
@require_http_methods(["GET"])
def indicator_export(request, fmt):
    _check_format(fmt)
    values = IndicatorValue.objects.select_related("indicator").order_by(
        "indicator__code", "maille", "zone_code", "date"
    )
    if fmt == "csv":
        return tabular.csv_response("indicateurs", imports.INDICATOR_COLUMNS, imports.indicator_rows(values))
    return tabular.xlsx_response(
        "indicateurs", imports.INDICATOR_COLUMNS, imports.indicator_rows(values, typed=True), "valeurs"
    )
