from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Strategy(models.Model):
    """The national strategy being deployed; another strategy loads as data."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("nom court"), max_length=100)
    announced_on = models.DateField(_("annoncée le"))
    announced_by = models.CharField(_("annoncée par"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Who carries the strategy, named on its public communications.
    lead_name = models.CharField(_("pilote"), max_length=200, blank=True)
    lead_title = models.CharField(_("fonction du pilote"), max_length=300, blank=True)
    minister_name = models.CharField(_("membre du gouvernement"), max_length=200, blank=True)
    minister_title = models.CharField(_("fonction du membre du gouvernement"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("stratégie")
        verbose_name_plural = _("stratégies")

    def __str__(self):
        return self.name


class Workstream(models.Model):
    """A chantier: one thematic work stream of the strategy."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="workstreams")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=300)

    class Meta:
        verbose_name = _("chantier")
        ordering = ["strategy", "number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="unique_workstream_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("strategy:workstream_detail", args=[self.number])


class WorkingGroupQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(region=region).select_related("workstream").order_by("workstream__number")


class WorkingGroup(models.Model):
    """One chantier in one region, with its animators and members."""

    workstream = models.ForeignKey(Workstream, on_delete=models.CASCADE, related_name="groups")
    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="groups")
    description = models.TextField(_("description"), blank=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("groupe de travail")
        verbose_name_plural = _("groupes de travail")
        ordering = ["region__name", "workstream__number"]
        constraints = [models.UniqueConstraint(fields=["workstream", "region"], name="unique_group_per_region")]

    def __str__(self):
        return f"{self.workstream.title} — {self.region.name}"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def animators(self):
        return self.active().filter(role=Membership.Role.ANIMATOR)


class Membership(models.Model):
    class Role(models.TextChoices):
        ANIMATOR = "animator", _("Animateur·rice")
        MEMBER = "member", _("Membre")

    class Status(models.TextChoices):
        PENDING = "pending", _("Demande en attente")
        ACTIVE = "active", _("Membre actif")

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("appartenance à un groupe")
        verbose_name_plural = _("appartenances aux groupes")
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="unique_membership")]
        indexes = [models.Index(fields=["group", "status", "role"])]

    def __str__(self):
        return f"{self.user} — {self.group} ({self.get_role_display()})"
