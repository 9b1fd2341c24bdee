from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jalons.accounts.models import User
from jalons.core.caching import cache_for_visitors, shared_fragment
from jalons.core.permissions import (
    acts_as_author,
    can_edit_practice,
    can_moderate_practice,
    can_moderate_practices,
    can_record_adoption,
    can_submit_practice,
    can_view_practice,
    commissioned_region_ids,
    get_visible_or_404,
    group_roles,
    is_national,
    public_page,
)
from jalons.core.uploads import file_download, limit_upload_size
from jalons.overview.maps import MapArea, render_map
from jalons.territories.models import Region

from . import notify
from .catalogue import Params, catalogue, similar_practices
from .forms import AdoptionForm, AttachmentForm, ModerationForm, PracticeForm
from .models import Adoption, GoodPractice, PracticeAttachment, versions_with_changes
from .models import most_spread as most_spread_practices

SUBMIT, SAVE_DRAFT = "submit", "draft"


def _practice_queryset():
    return GoodPractice.objects.select_related("region", "department", "actor_category", "author__managed_by")


@public_page
@cache_for_visitors
def practice_list(request):
    params = Params.from_query(request.GET)
    context = catalogue(params)
    context.update(
        {
            "params": params,
            "title": _("Les bonnes pratiques"),
            "may_submit": can_submit_practice(request.user),
            "may_moderate": can_moderate_practices(request.user),
        }
    )
    return render(request, "practices/practice_list.html", context)


@public_page
@cache_for_visitors
def practice_detail(request, pk):
    practice = get_visible_or_404(_practice_queryset(), can_view_practice, request.user, pk=pk)
    user = request.user
    adoptions = list(
        practice.adoptions.select_related("organisation__region", "organisation__department").order_by(
            "organisation__region__name", "organisation__name"
        )
    )
    own_adoption = None
    if can_record_adoption(user, practice):
        own_adoption = next((item for item in adoptions if item.organisation_id == user.organisation_id), None)
    may_moderate = can_moderate_practice(user, practice)
    counts = {}
    for adoption in adoptions:
        if adoption.organisation.region:
            counts[adoption.organisation.region.code] = counts.get(adoption.organisation.region.code, 0) + 1
    context = {
        "practice": practice,
        "title": practice.title,
        "workstreams": list(practice.workstreams.all()),
        "adoptions": adoptions,
        "adopted_regions": sorted({item.organisation.region.name for item in adoptions if item.organisation.region}),
        "spread_map": _spread_map(practice, counts) if adoptions else "",
        "similar": similar_practices(practice) if practice.is_published else [],
        "may_edit": can_edit_practice(user, practice),
        "is_author": acts_as_author(user, practice),
        "may_moderate": may_moderate,
        "moderation_form": ModerationForm() if may_moderate and practice.status == practice.Status.SUBMITTED else None,
        "versions": versions_with_changes(practice, limit=5) if may_moderate and not practice.is_published else [],
        "may_adopt": can_record_adoption(user, practice),
        "adoption_form": AdoptionForm(instance=own_adoption, prefix="adoption")
        if can_record_adoption(user, practice)
        else None,
        "own_adoption": own_adoption,
        "attachments": list(practice.attachments.all()),
    }
    return render(request, "practices/practice_detail.html", context)


def _spread_map(practice, counts):
    """The regions where organisations take the practice up, shaded by their number; the region of origin named."""
    areas = []
    for code, name in Region.objects.values_list("code", "name"):
        count = counts.get(code, 0)
        # max(count, 1): in French, zero takes the singular.
        label = ngettext(
            "%(region)s : %(count)s organisation", "%(region)s : %(count)s organisations", max(count, 1)
        ) % {
            "region": name,
            "count": count,
        }
        if code == practice.region.code:
            areas.append(MapArea(code, _("%(label)s (région d'origine)") % {"label": label}, count or None))
        elif count:
            areas.append(MapArea(code, label, count))
    return render_map(areas, _("Carte des régions où la pratique est reprise"))


def _managed_authors(user):
    """The managed members (no e-mail) the user may act for: the ones they created, and those of their groups."""
    animated = [group_id for group_id, role in group_roles(user).items() if role == "animator"]
    return (
        User.objects.filter(email__isnull=True, is_active=True)
        .filter(Q(managed_by=user) | Q(memberships__group_id__in=animated, memberships__status="active"))
        .distinct()
        .order_by("last_name", "first_name")
    )


class AuthorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name()


def _add_author_field(form, user):
    managed = _managed_authors(user)
    if managed.exists():
        form.fields["on_behalf_of"] = AuthorChoiceField(
            label=gettext_lazy("Proposée au nom de"),
            queryset=managed,
            required=False,
            empty_label=gettext_lazy("Moi-même"),
            help_text=gettext_lazy("Vous pouvez proposer la pratique pour une personne que vous accompagnez."),
        )


def _save_practice(request, form, practice_is_new):
    practice = form.save(commit=False)
    if practice_is_new:
        practice.author = form.cleaned_data.get("on_behalf_of") or request.user
        organisation = practice.author.organisation or request.user.organisation
        if organisation and organisation.name == practice.lead_organisation_name:
            practice.lead_organisation = organisation
    practice.status = GoodPractice.Status.SUBMITTED if SUBMIT in request.POST else GoodPractice.Status.DRAFT
    practice.save()
    form.save_m2m()
    practice.record_version(request.user)
    if practice.status == GoodPractice.Status.SUBMITTED:
        messages.success(request, _("Votre bonne pratique est envoyée à la modération."))
    else:
        messages.success(request, _("Le brouillon est enregistré."))
    return practice


@require_http_methods(["GET", "POST"])
def practice_create(request):
    user = request.user
    if not can_submit_practice(user):
        raise PermissionDenied
    initial = {"region": user.region_id, "actor_category": user.category_id}
    if user.organisation_id:
        initial.update(
            lead_organisation_name=user.organisation.name,
            actor_category=user.organisation.category_id,
            department=user.organisation.department_id,
        )
    form = PracticeForm(request.POST or None, initial=initial)
    _add_author_field(form, user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            practice = _save_practice(request, form, practice_is_new=True)
        return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {"form": form, "title": _("Proposer une bonne pratique"), "practice": None},
    )


@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    practice = get_visible_or_404(_practice_queryset(), can_view_practice, request.user, pk=pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # A decision taken since the form was opened wins: the row is locked and checked again.
            status = GoodPractice.objects.select_for_update().values_list("status", flat=True).get(pk=practice.pk)
            if status not in GoodPractice.AUTHOR_EDITABLE:
                messages.error(request, _("Cette bonne pratique vient d'être modérée : elle n'est plus modifiable."))
                return redirect(practice)
            practice = _save_practice(request, form, practice_is_new=False)
        return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "title": _("Modifier « %(title)s »") % {"title": practice.title},
            "practice": practice,
            "versions": versions_with_changes(practice),
            "attachments": practice.attachments.all(),
            "attachment_form": AttachmentForm(prefix="attachment"),
        },
    )


@require_POST
def practice_moderate(request, pk):
    practice = get_visible_or_404(_practice_queryset(), can_view_practice, request.user, pk=pk)
    if not can_moderate_practice(request.user, practice):
        raise PermissionDenied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "practices/practice_moderate.html",
            {"form": form, "practice": practice, "title": _("Modérer « %(title)s »") % {"title": practice.title}},
            status=400,
        )
    decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"].strip()
    with transaction.atomic():
        locked = (
            GoodPractice.objects.select_for_update(of=("self",))
            .select_related("author__managed_by")
            .get(pk=practice.pk)
        )
        done = getattr(locked, decision)(request.user, comment)
        if done:
            notify.decision_taken(locked, request.build_absolute_uri(locked.get_absolute_url()))
    if done:
        messages.success(request, _("Décision enregistrée : %(status)s.") % {"status": locked.get_status_display()})
    else:
        messages.error(request, _("Cette bonne pratique n'attend pas de décision."))
    return redirect(practice)


@require_POST
def practice_adopt(request, pk):
    practice = get_visible_or_404(_practice_queryset(), can_view_practice, request.user, pk=pk)
    user = request.user
    if not can_record_adoption(user, practice):
        raise PermissionDenied
    existing = Adoption.objects.filter(practice=practice, organisation_id=user.organisation_id).first()
    form = AdoptionForm(request.POST, instance=existing, prefix="adoption")
    if form.is_valid():
        with transaction.atomic():
            adoption = form.save(commit=False)
            adoption.practice = practice
            adoption.organisation = user.organisation
            adoption.recorded_by = user
            adoption.save()
            notify.adoption_recorded(adoption, request.build_absolute_uri(practice.get_absolute_url()))
        messages.success(request, _("La reprise de cette pratique par votre organisation est enregistrée."))
        return redirect(f"{practice.get_absolute_url()}#essaimage")
    messages.error(request, _("La reprise n'est pas enregistrée : vérifiez le formulaire."))
    return redirect(f"{practice.get_absolute_url()}#essaimage")


def my_practices(request):
    user = request.user
    practices = (
        GoodPractice.objects.filter(Q(author=user) | Q(author__managed_by=user))
        .select_related("region", "author")
        .order_by("-updated_at")
    )
    return render(request, "practices/my_practices.html", {"practices": practices, "title": _("Mes bonnes pratiques")})


def moderation_queue(request):
    user = request.user
    if not can_moderate_practices(user):
        raise PermissionDenied
    queue = GoodPractice.objects.all()
    if not is_national(user):
        queue = queue.filter(region_id__in=commissioned_region_ids(user))
    queue = (
        queue.filter(status=GoodPractice.Status.SUBMITTED)
        .select_related("region", "author", "actor_category")
        .order_by("updated_at")
    )
    return render(
        request, "practices/moderation_queue.html", {"practices": queue, "title": _("Bonnes pratiques à modérer")}
    )


@public_page
@cache_for_visitors
def most_spread(request):
    # A national ranking, the same for everyone: shared for a minute (ADR 0007).
    ranking = shared_fragment(
        (), "practices/includes/most_spread_ranking.html", lambda: {"practices": most_spread_practices(50)}
    )
    return render(
        request,
        "practices/most_spread.html",
        {"ranking": ranking, "title": _("Les bonnes pratiques les plus essaimées")},
    )


@limit_upload_size
@require_POST
def attachment_add(request, pk):
    practice = get_visible_or_404(_practice_queryset(), can_view_practice, request.user, pk=pk)
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    form = AttachmentForm(request.POST, request.FILES, prefix="attachment")
    if form.is_valid():
        with transaction.atomic():
            form.save_for(practice, request.user)
        messages.success(request, _("La pièce jointe est ajoutée."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("practices:practice_edit", practice.pk)


@public_page
def attachment_download(request, pk):
    attachment = get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)
    if not can_view_practice(request.user, attachment.practice):
        raise Http404
    return file_download(attachment.file, attachment.filename, attachment.content_type)


@require_POST
def attachment_delete(request, pk):
    attachment = get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)
    practice = attachment.practice
    if not can_view_practice(request.user, practice):
        raise Http404
    if not can_edit_practice(request.user, practice):
        raise PermissionDenied
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
    messages.success(request, _("La pièce jointe est retirée."))
    return redirect("practices:practice_edit", practice.pk)
