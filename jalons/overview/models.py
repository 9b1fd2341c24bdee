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
