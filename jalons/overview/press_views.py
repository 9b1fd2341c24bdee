from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jalons.conferences.models import ConferenceCycle
from jalons.core.caching import cache_for_visitors
from jalons.core.markup import render_markdown
from jalons.core.pdf import pdf_response
from jalons.core.permissions import can_manage_press_releases, get_visible_or_404, public_page

from . import press
from .forms import PressReleaseForm
from .models import PressRelease


def _visible(user, release):
    return release.is_published or can_manage_press_releases(user)


def _require_press_team(user):
    if not can_manage_press_releases(user):
        raise Http404


@public_page
@cache_for_visitors
def press_release_list(request):
    manager = can_manage_press_releases(request.user)
    return render(
        request,
        "overview/press_release_list.html",
        {
            "title": _("Presse"),
            "releases": PressRelease.objects.published(),
            "drafts": PressRelease.objects.filter(status=PressRelease.Status.DRAFT) if manager else [],
            "cycles": ConferenceCycle.objects.order_by("-starts_on") if manager else [],
        },
    )


@public_page
@cache_for_visitors
def press_release_detail(request, pk):
    release = get_visible_or_404(PressRelease.objects.all(), _visible, request.user, pk=pk)
    return render(
        request,
        "overview/press_release_detail.html",
        {
            "title": release.title,
            "release": release,
            "dateline": press.dateline(release),
            "body": render_markdown(release.body, headings=True),
            "can_manage": can_manage_press_releases(request.user),
        },
    )


@require_POST
def press_release_draft(request):
    _require_press_team(request.user)
    cycle = get_object_or_404(ConferenceCycle, pk=request.POST.get("cycle") or 0)
    release = PressRelease.objects.create(cycle=cycle, created_by=request.user, **press.draft(cycle))
    messages.success(request, _("Le brouillon est prêt : relisez-le et complétez-le avant de le publier."))
    return redirect("overview:press_release_edit", release.pk)


@require_http_methods(["GET", "POST"])
def press_release_edit(request, pk):
    _require_press_team(request.user)
    release = get_object_or_404(PressRelease, pk=pk)
    form = PressReleaseForm(request.POST or None, instance=release)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            release = form.save(commit=False)
            if "publish" in request.POST and not release.is_published:
                release.status, release.published_at = PressRelease.Status.PUBLISHED, timezone.now()
            elif "unpublish" in request.POST:
                release.status, release.published_at = PressRelease.Status.DRAFT, None
            release.save()
        messages.success(request, _("Le communiqué est enregistré."))
        return redirect(release)
    return render(
        request,
        "overview/press_release_edit.html",
        {"title": _("Modifier le communiqué"), "form": form, "release": release},
    )


@public_page
def press_release_markdown(request, pk):
    release = get_visible_or_404(PressRelease.objects.all(), _visible, request.user, pk=pk)
    response = HttpResponse(press.as_markdown(release), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="communique-{release.date:%Y-%m-%d}.md"'
    return response


@public_page
def press_release_pdf(request, pk):
    release = get_visible_or_404(PressRelease.objects.all(), _visible, request.user, pk=pk)
    context = {
        "release": release,
        "dateline": press.dateline(release),
        "body": render_markdown(release.body, headings=True),
        "generated_at": timezone.localtime(),
    }
    return pdf_response("overview/reports/press_release.html", context, f"communique-{release.date:%Y-%m-%d}")
