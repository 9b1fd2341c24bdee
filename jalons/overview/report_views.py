from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jalons.conferences.models import Conference, ConferenceCycle
from jalons.core.permissions import can_view_report, get_visible_or_404
from jalons.core.uploads import file_download

from .models import Report
from .tasks import build_report


@require_POST
def report_create(request):
    kind = request.POST.get("kind")
    if kind == Report.Kind.DOSSIER:
        conference = get_object_or_404(
            Conference.objects.select_related("region"), pk=request.POST.get("conference") or 0
        )
        report = Report(kind=kind, conference=conference, requested_by=request.user)
    elif kind == Report.Kind.SYNTHESIS:
        cycle = get_object_or_404(ConferenceCycle, pk=request.POST.get("cycle") or 0)
        report = Report(kind=kind, cycle=cycle, requested_by=request.user)
    else:
        raise Http404
    if not can_view_report(request.user, report):
        raise Http404
    with transaction.atomic():
        report.save()
        transaction.on_commit(lambda: build_report.enqueue(report.pk))
    return redirect(report)


def _report(request, pk):
    reports = Report.objects.select_related("conference__region", "conference__cycle", "cycle")
    return get_visible_or_404(reports, can_view_report, request.user, pk=pk)


def report_detail(request, pk):
    report = _report(request, pk)
    template = "overview/includes/report_status.html" if request.htmx else "overview/report_detail.html"
    return render(request, template, {"report": report, "title": str(report)})


def report_download(request, pk):
    report = _report(request, pk)
    if report.status != Report.Status.DONE:
        raise Http404
    return file_download(report.file, report.filename, "application/pdf")
