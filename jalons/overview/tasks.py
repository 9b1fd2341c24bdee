"""Reports are built by a django-tasks worker; the page polls the report's progress."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from jalons.core.pdf import render_pdf

from . import reports
from .models import Report

logger = logging.getLogger(__name__)

TEMPLATES = {
    Report.Kind.DOSSIER: "overview/reports/dossier.html",
    Report.Kind.SYNTHESIS: "overview/reports/synthesis.html",
}


def report_pdf(kind, subject, progress=lambda percent, step: None):
    """The PDF bytes of a dossier (subject: a conference) or a synthesis (subject: a cycle)."""
    build = reports.dossier_context if kind == Report.Kind.DOSSIER else reports.synthesis_context
    context = build(subject, progress)
    progress(90, "Mise en page du PDF")
    return render_pdf(TEMPLATES[kind], context)


@task()
def build_report(report_id):
    report = Report.objects.select_related("conference__region", "cycle__strategy").get(pk=report_id)
    if report.status != Report.Status.PENDING:
        return report.status  # already built or being built: never twice

    def progress(percent, step):
        Report.objects.filter(pk=report.pk).update(progress=percent, step=step)

    Report.objects.filter(pk=report.pk).update(status=Report.Status.RUNNING)
    try:
        pdf = report_pdf(report.kind, report.conference or report.cycle, progress)
    except Exception as error:
        logger.exception("Report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error=str(error)[:2000])
        return Report.Status.FAILED
    report.file.save(report.filename, ContentFile(pdf), save=False)
    report.status, report.progress, report.step, report.finished_at = Report.Status.DONE, 100, "", timezone.now()
    report.save(update_fields=["file", "status", "progress", "step", "finished_at"])
    return Report.Status.DONE
