import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PressReleaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PressRelease.Status.PUBLISHED)


class PressRelease(models.Model):
    """A "communiqué de presse", drafted from a conference cycle, edited by the national team, then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publié")

    cycle = models.ForeignKey(
        "conferences.ConferenceCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="press_releases",
        verbose_name=_("cycle de conférences"),
    )
    title = models.CharField(_("titre"), max_length=300)
    place = models.CharField(_("lieu"), max_length=100)
    date = models.DateField(_("date"))
    body = models.TextField(_("texte"), help_text=_("Markdown : **gras**, listes avec « - », titres avec « ### »."))
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PressReleaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("communiqué de presse")
        verbose_name_plural = _("communiqués de presse")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("overview:press_release_detail", args=[self.pk])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


def report_path(report, filename):
    return f"reports/{uuid.uuid4().hex}/{filename}"


class Report(models.Model):
    """A PDF built in the background: a region's conference dossier or a cycle synthesis."""

    class Kind(models.TextChoices):
        DOSSIER = "dossier", _("Dossier de conférence")
        SYNTHESIS = "synthesis", _("Synthèse du cycle")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Prêt")
        FAILED = "failed", _("Échec")

    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    conference = models.ForeignKey(
        "conferences.Conference", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    cycle = models.ForeignKey(
        "conferences.ConferenceCycle", on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    step = models.CharField(_("étape"), max_length=200, blank=True)
    file = models.FileField(upload_to=report_path, max_length=300, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rapport")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="dossier", conference__isnull=False)
                | models.Q(kind="synthesis", cycle__isnull=False),
                name="report_has_its_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.conference or self.cycle}"

    def get_absolute_url(self):
        return reverse("overview:report_detail", args=[self.pk])

    @property
    def region(self):
        return self.conference.region if self.conference_id else None

    @property
    def filename(self):
        if self.kind == self.Kind.DOSSIER:
            return f"dossier-conference-{self.conference.region.code}-{self.conference.date:%Y-%m-%d}.pdf"
        return f"synthese-cycle-{self.cycle.number}.pdf"
