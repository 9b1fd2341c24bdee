from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ConferenceCycle(models.Model):
    strategy = models.ForeignKey("strategy.Strategy", on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveSmallIntegerField(_("numéro"))
    name = models.CharField(_("nom"), max_length=200)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))

    class Meta:
        verbose_name = _("cycle de conférences")
        verbose_name_plural = _("cycles de conférences")
        ordering = ["strategy", "number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="unique_cycle_number")]

    def __str__(self):
        return self.name


class Objective(models.Model):
    """One of the objectives every conference of a cycle serves."""

    cycle = models.ForeignKey(ConferenceCycle, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("ordre"))
    title = models.CharField(_("intitulé"), max_length=300)

    class Meta:
        verbose_name = _("objectif")
        ordering = ["cycle", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "order"], name="unique_objective_order")]

    def __str__(self):
        return self.title


class ConferenceQuerySet(models.QuerySet):
    def published(self):
        return self.exclude(status=Conference.Status.DRAFT)

    def upcoming(self, today):
        return self.filter(date__gte=today).order_by("date")


class Conference(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")
        CANCELLED = "cancelled", _("Annulée")
        HELD = "held", _("Tenue")

    cycle = models.ForeignKey(ConferenceCycle, on_delete=models.CASCADE, related_name="conferences")
    region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, related_name="conferences")
    date = models.DateField(_("date"))
    city = models.CharField(_("ville"), max_length=100)
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conférence")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["cycle", "region"], name="unique_conference_per_cycle_region")]

    def __str__(self):
        return f"{self.region.name} ({self.city})"

    def get_absolute_url(self):
        return reverse("conferences:conference_list") + f"#conference-{self.pk}"


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("ordre"))
    title = models.CharField(_("intitulé"), max_length=300)
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    speaker = models.CharField(_("intervenant·e"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")
        ordering = ["conference", "order"]
        constraints = [models.UniqueConstraint(fields=["conference", "order"], name="unique_agenda_order")]

    def __str__(self):
        return self.title
