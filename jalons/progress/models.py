"""Steering progress: regional roadmaps and their actions, checkpoints, strengths and constraints, indicators."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import Case, Count, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# ---------------------------------------------------------------------------------------------------------------
# Roadmaps
# ---------------------------------------------------------------------------------------------------------------


class RoadmapQuerySet(models.QuerySet):
    def for_region(self, region):
        return self.filter(region=region).order_by("-period")


class Roadmap(models.Model):
    """A region's plan for one period ("2019-2020"): actions per chantier, under a validation workflow."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Soumise")
        VALIDATED = "validated", _("Validée")
        RETURNED = "returned", _("Renvoyée")
        FINALISED = "finalised", _("Finalisée")

    class Transition(models.TextChoices):
        SUBMIT = "submit", _("Soumettre à la délégation nationale")
        VALIDATE = "validate", _("Valider")
        RETURN = "return", _("Renvoyer avec des commentaires")
        FINALISE = "finalise", _("Finaliser")

    # transition → (statuses it leaves from, status it leads to)
    TRANSITIONS = {
        Transition.SUBMIT: ({Status.DRAFT, Status.RETURNED}, Status.SUBMITTED),
        Transition.VALIDATE: ({Status.SUBMITTED}, Status.VALIDATED),
        Transition.RETURN: ({Status.SUBMITTED}, Status.RETURNED),
        Transition.FINALISE: ({Status.VALIDATED}, Status.FINALISED),
    }
    # Under review, the roadmap is frozen so that the national team reads a stable version.
    LOCKED_STATUSES = {Status.SUBMITTED}

    strategy = models.ForeignKey("strategy.Strategy", on_delete=models.CASCADE, related_name="roadmaps")
    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="roadmaps")
    period = models.CharField(
        _("période"),
        max_length=20,
        help_text=_("Une année (2020) ou deux (2019-2020)."),
        validators=[
            RegexValidator(r"^\d{4}(-\d{4})?$", _("Une année (2020) ou deux années séparées d'un tiret (2019-2020)."))
        ],
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapQuerySet.as_manager()

    class Meta:
        verbose_name = _("feuille de route")
        verbose_name_plural = _("feuilles de route")
        ordering = ["region__name", "-period"]
        constraints = [models.UniqueConstraint(fields=["region", "period"], name="unique_roadmap_per_period")]

    def __str__(self):
        return gettext("Feuille de route %(period)s — %(region)s") % {"period": self.period, "region": self.region}

    def get_absolute_url(self):
        return reverse("progress:roadmap", args=[self.region.code]) + f"?periode={self.period}"

    @property
    def is_locked(self):
        return self.status in self.LOCKED_STATUSES

    def allows(self, transition):
        sources, _target = self.TRANSITIONS[transition]
        return self.status in sources

    def apply(self, transition, author, comment=""):
        """Move the roadmap through the workflow and log who did it, when, and why."""
        if not self.allows(transition):
            raise ValidationError(
                gettext("Cette étape n'est pas possible : la feuille de route est « %(status)s ».")
                % {"status": self.get_status_display()}
            )
        if transition == self.Transition.RETURN and not comment.strip():
            raise ValidationError(gettext("Dites ce qui doit être repris : le commentaire est obligatoire."))
        with transaction.atomic():
            locked = Roadmap.objects.select_for_update().get(pk=self.pk)
            if locked.status != self.status:
                raise ValidationError(gettext("La feuille de route vient d'être modifiée : rechargez la page."))
            _sources, target = self.TRANSITIONS[transition]
            RoadmapTransition.objects.create(
                roadmap=self,
                transition=transition,
                from_status=self.status,
                to_status=target,
                author=author,
                comment=comment.strip(),
            )
            self.status = target
            self.save(update_fields=["status", "updated_at"])


class RoadmapTransition(models.Model):
    """One step of a roadmap's workflow: who, when, from what to what, and the comment."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="transitions")
    transition = models.CharField(_("étape"), max_length=20, choices=Roadmap.Transition.choices)
    from_status = models.CharField(_("statut de départ"), max_length=20, choices=Roadmap.Status.choices)
    to_status = models.CharField(_("nouveau statut"), max_length=20, choices=Roadmap.Status.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("étape du circuit de validation")
        verbose_name_plural = _("étapes du circuit de validation")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_transition_display()} ({self.created_at:%d/%m/%Y})"


class RoadmapActionQuerySet(models.QuerySet):
    def with_lateness(self, today=None):
        """Annotate is_late: the due date has passed and the action is neither done nor abandoned."""
        today = today or timezone.localdate()
        return self.annotate(
            is_late=Case(
                When(Q(due_on__lt=today) & Q(status__in=RoadmapAction.OPEN_STATUSES), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def late(self, today=None):
        return self.with_lateness(today).filter(is_late=True)

    def progress_by_workstream(self):
        """{workstream id: (action count, mean progress %, late count)} in one query."""
        today = timezone.localdate()
        rows = (
            self.order_by()
            .values("workstream_id")
            .annotate(
                total=Count("pk", filter=~Q(status=RoadmapAction.Status.ABANDONED)),
                mean=models.Avg("progress", filter=~Q(status=RoadmapAction.Status.ABANDONED)),
                late=Count("pk", filter=Q(due_on__lt=today, status__in=RoadmapAction.OPEN_STATUSES)),
            )
        )
        return {row["workstream_id"]: (row["total"], round(row["mean"] or 0), row["late"]) for row in rows}


def new_external_id():
    return f"JAL-{uuid.uuid4().hex[:12].upper()}"


class RoadmapAction(models.Model):
    """One action of a roadmap, in one chantier."""

    class Status(models.TextChoices):
        TO_START = "to_start", _("À lancer")
        IN_PROGRESS = "in_progress", _("En cours")
        DONE = "done", _("Réalisée")
        ABANDONED = "abandoned", _("Abandonnée")

    OPEN_STATUSES = [Status.TO_START, Status.IN_PROGRESS]
    # Fields whose changes are kept in the history, in display order.
    TRACKED_FIELDS = [
        "workstream",
        "title",
        "description",
        "lead_organisation",
        "partners",
        "owner",
        "start_on",
        "due_on",
        "status",
        "progress",
        "milestones",
    ]

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="actions")
    workstream = models.ForeignKey(
        "strategy.Workstream", on_delete=models.PROTECT, related_name="roadmap_actions", verbose_name=_("chantier")
    )
    external_id = models.CharField(
        _("identifiant externe"),
        max_length=64,
        default=new_external_id,
        help_text=_("Identifiant stable qui permet de réimporter un fichier sans créer de doublon."),
    )
    title = models.CharField(_("intitulé"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_organisation = models.CharField(_("structure pilote"), max_length=200, blank=True)
    partners = models.TextField(_("partenaires"), blank=True)
    owner = models.CharField(_("responsable"), max_length=200, blank=True)
    start_on = models.DateField(_("début"), null=True, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.TO_START)
    progress = models.PositiveSmallIntegerField(
        _("avancement (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoadmapActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action de la feuille de route")
        verbose_name_plural = _("actions des feuilles de route")
        ordering = ["workstream__number", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "external_id"], name="unique_action_external_id"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_at_most_100"),
        ]
        indexes = [models.Index(fields=["roadmap", "workstream"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("progress:action_edit", args=[self.roadmap.region.code, self.pk])

    def clean(self):
        if self.start_on and self.due_on and self.due_on < self.start_on:
            raise ValidationError({"due_on": gettext("L'échéance précède le début de l'action.")})

    def display_values(self):
        """{field name: value as shown to people}, for the history."""
        values = {}
        for name in self.TRACKED_FIELDS:
            if name == "milestones":
                values[name] = "; ".join(str(milestone) for milestone in self.milestones.all()) if self.pk else ""
            elif name == "workstream":
                values[name] = str(self.workstream.number) if self.workstream_id else ""
            elif name == "status":
                values[name] = self.get_status_display()
            elif name in {"start_on", "due_on"}:
                value = getattr(self, name)
                values[name] = value.strftime("%d/%m/%Y") if value else ""
            else:
                values[name] = str(getattr(self, name))
        return values

    def _changes(self, before):
        after = self.display_values()
        if before is None:
            return [[name, "", value] for name, value in after.items() if value]
        return [[name, before[name], after[name]] for name in self.TRACKED_FIELDS if before[name] != after[name]]

    def save_with_history(self, author, before=None, source="form", save_related=None):
        """Save and record who changed what. before: display_values() taken before the change (None: creation);
        save_related: saves what belongs to the action (its milestones), compared too.

        Returns the ActionChange written, or None when nothing changed (then nothing is written).
        """
        kind = ActionChange.Kind.CREATED if before is None else ActionChange.Kind.UPDATED
        with transaction.atomic():
            if save_related is None:
                changes = self._changes(before)
                if not changes:
                    return None
                self.save()
            else:
                self.save()
                save_related()
                changes = self._changes(before)
                if not changes:
                    return None
            return ActionChange.objects.create(action=self, author=author, kind=kind, source=source, changes=changes)


class ActionMilestone(models.Model):
    """A dated step of an action ("jalon")."""

    action = models.ForeignKey(RoadmapAction, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("jalon"), max_length=200)
    due_on = models.DateField(_("date prévue"))
    done_on = models.DateField(_("atteint le"), null=True, blank=True)

    class Meta:
        verbose_name = _("jalon")
        ordering = ["due_on", "pk"]

    def __str__(self):
        done = gettext(", atteint le %(date)s") % {"date": f"{self.done_on:%d/%m/%Y}"} if self.done_on else ""
        return f"{self.title} ({self.due_on:%d/%m/%Y}{done})"


class ActionChange(models.Model):
    """One change of an action: who, when, how (form or import), and for each field the value before and after."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Création")
        UPDATED = "updated", _("Modification")

    class Source(models.TextChoices):
        FORM = "form", _("formulaire")
        IMPORT = "import", _("import de fichier")

    action = models.ForeignKey(RoadmapAction, on_delete=models.CASCADE, related_name="changes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.FORM)
    changes = models.JSONField(default=list, help_text="[[field, before, after], …]")
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("modification d'une action")
        verbose_name_plural = _("historique des actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.action_id}"

    def readable_changes(self):
        """[(field label, before, after)] for the page."""
        labels = {
            name: RoadmapAction._meta.get_field(name).verbose_name
            for name in RoadmapAction.TRACKED_FIELDS
            if name != "milestones"
        }
        labels["milestones"] = _("jalons")
        return [(labels.get(name, name), before, after) for name, before, after in self.changes]


# ---------------------------------------------------------------------------------------------------------------
# Checkpoints, strengths and constraints
# ---------------------------------------------------------------------------------------------------------------


class CheckpointCampaignQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)


class CheckpointCampaign(models.Model):
    """The national team asks every chantier of every region for its checkpoint, usually before a conference cycle."""

    title = models.CharField(_("intitulé"), max_length=200)
    cycle = models.ForeignKey(
        "conferences.ConferenceCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkpoint_campaigns",
        verbose_name=_("cycle de conférences"),
    )
    due_on = models.DateField(_("date limite"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("dernière relance"), null=True, blank=True)

    objects = CheckpointCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campagne de points d'étape")
        verbose_name_plural = _("campagnes de points d'étape")
        ordering = ["-opened_at"]

    def __str__(self):
        return self.title


class Checkpoint(models.Model):
    """A point d'étape: the dated state of one chantier in one region."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("En bonne voie")
        WATCH = "watch", _("À surveiller")
        IN_DIFFICULTY = "difficulty", _("En difficulté")

    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="checkpoints")
    workstream = models.ForeignKey(
        "strategy.Workstream", on_delete=models.PROTECT, related_name="checkpoints", verbose_name=_("chantier")
    )
    date = models.DateField(_("date"))
    conference = models.ForeignKey(
        "conferences.Conference",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkpoints",
        verbose_name=_("conférence"),
    )
    campaign = models.ForeignKey(
        CheckpointCampaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkpoints",
        verbose_name=_("campagne"),
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices)
    narrative = models.TextField(_("où en est le chantier"))
    achievements = models.TextField(_("réalisations"), blank=True)
    key_figures = models.TextField(_("chiffres clés"), blank=True, help_text=_("Un chiffre par ligne."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("auteur")
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("point d'étape")
        verbose_name_plural = _("points d'étape")
        ordering = ["-date", "workstream__number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "workstream", "date"], name="unique_checkpoint_per_date")
        ]

    def __str__(self):
        return f"{self.workstream.number}. {self.region} — {self.date:%d/%m/%Y}"

    def key_figure_lines(self):
        return [line.strip() for line in self.key_figures.splitlines() if line.strip()]


class Strength(models.Model):
    """What works, in one chantier of one region."""

    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="strengths")
    workstream = models.ForeignKey(
        "strategy.Workstream", on_delete=models.PROTECT, related_name="strengths", verbose_name=_("chantier")
    )
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="strengths"
    )
    title = models.CharField(_("force"), max_length=300)
    description = models.TextField(_("précisions"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("force")
        ordering = ["workstream__number", "-created_at"]

    def __str__(self):
        return self.title


class ConstraintTopic(models.Model):
    """Similar constraints from several regions, grouped by the national team to be answered once."""

    title = models.CharField(_("intitulé du regroupement"), max_length=300, unique=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suivi par"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("regroupement de contraintes")
        verbose_name_plural = _("regroupements de contraintes")
        ordering = ["title"]

    def __str__(self):
        return self.title


class ConstraintQuerySet(models.QuerySet):
    def unlifted(self):
        return self.exclude(status=Constraint.Status.LIFTED)

    def national(self):
        return self.filter(level=Constraint.Level.NATIONAL)


class Constraint(models.Model):
    """What blocks a chantier in a region, and who must lift it."""

    class Level(models.TextChoices):
        LOCAL = "local", _("Locale")
        REGIONAL = "regional", _("Régionale")
        NATIONAL = "national", _("Nationale")

    class Status(models.TextChoices):
        OPEN = "open", _("Ouverte")
        ESCALATED = "escalated", _("Remontée")
        IN_PROGRESS = "in_progress", _("En traitement")
        LIFTED = "lifted", _("Levée")

    region = models.ForeignKey("territories.Region", on_delete=models.CASCADE, related_name="constraints")
    workstream = models.ForeignKey(
        "strategy.Workstream", on_delete=models.PROTECT, related_name="constraints", verbose_name=_("chantier")
    )
    checkpoint = models.ForeignKey(
        Checkpoint, on_delete=models.SET_NULL, null=True, blank=True, related_name="constraints"
    )
    title = models.CharField(_("contrainte"), max_length=300)
    description = models.TextField(_("précisions"), blank=True)
    level = models.CharField(_("niveau qui peut la lever"), max_length=20, choices=Level.choices, default=Level.LOCAL)
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.OPEN)
    topic = models.ForeignKey(
        ConstraintTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="constraints",
        verbose_name=_("regroupement"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suivie par"),
    )
    answer = models.TextField(_("réponse"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("remontée le"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("levée le"), null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConstraintQuerySet.as_manager()

    class Meta:
        verbose_name = _("contrainte à lever")
        verbose_name_plural = _("contraintes à lever")
        ordering = ["workstream__number", "-created_at"]
        indexes = [models.Index(fields=["level", "status"])]

    def __str__(self):
        return self.title

    def escalate(self):
        """The region sends the constraint up to the national team."""
        self.level = self.Level.NATIONAL
        self.status = self.Status.ESCALATED
        self.escalated_at = timezone.now()
        self.save(update_fields=["level", "status", "escalated_at"])

    def record_answer(self, author, answer, status):
        now = timezone.now()
        self.answer = answer.strip()
        self.answered_by = author
        self.answered_at = now
        self.status = status
        self.lifted_at = now if status == self.Status.LIFTED else None
        self.save(update_fields=["answer", "answered_by", "answered_at", "status", "lifted_at"])


# ---------------------------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------------------------


class Maille(models.TextChoices):
    """Territorial level of a value, as in the government results barometer."""

    NATIONAL = "NAT", _("National")
    REGION = "REG", _("Région")
    DEPARTMENT = "DEPT", _("Département")


class Indicator(models.Model):
    class Direction(models.TextChoices):
        UP = "up", _("À la hausse")
        DOWN = "down", _("À la baisse")

    code = models.SlugField(
        _("code"), max_length=50, unique=True, help_text=_("Identifiant de l'indicateur (indic_id).")
    )
    name = models.CharField(_("nom"), max_length=300)
    unit = models.CharField(_("unité"), max_length=30, help_text=_("Par exemple %, personnes, jours."))
    workstream = models.ForeignKey(
        "strategy.Workstream",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("chantier"),
    )
    direction = models.CharField(_("sens souhaité"), max_length=10, choices=Direction.choices, default=Direction.UP)
    level = models.CharField(_("maille la plus fine"), max_length=4, choices=Maille.choices, default=Maille.DEPARTMENT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    description = models.TextField(_("définition"), blank=True)

    class Meta:
        verbose_name = _("indicateur")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("progress:indicator_detail", args=[self.code])


class IndicatorValue(models.Model):
    """A dated value of an indicator in one territory, with its baseline and target (one barometer row)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    maille = models.CharField(_("maille"), max_length=4, choices=Maille.choices)
    zone_code = models.CharField(
        _("code de la zone"), max_length=3, help_text=_("Code INSEE (COG) ; FR pour la France entière.")
    )
    date = models.DateField(_("date de la valeur"))
    value = models.DecimalField(_("valeur actuelle"), max_digits=14, decimal_places=4)
    initial_value = models.DecimalField(_("valeur initiale"), max_digits=14, decimal_places=4, null=True, blank=True)
    target_value = models.DecimalField(_("valeur cible"), max_digits=14, decimal_places=4, null=True, blank=True)
    target_date = models.DateField(_("date de la cible"), null=True, blank=True)

    class Meta:
        verbose_name = _("valeur d'indicateur")
        verbose_name_plural = _("valeurs d'indicateurs")
        ordering = ["indicator", "maille", "zone_code", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "maille", "zone_code", "date"], name="unique_indicator_value_per_date"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.maille} {self.zone_code} {self.date}: {self.value}"


NATIONAL_ZONE = "FR"


def zone_names():
    """{(maille, code): name} of every territory, in two queries."""
    from jalons.territories.models import Department, Region

    names = {(Maille.NATIONAL, NATIONAL_ZONE): gettext("France entière")}
    names.update({(Maille.REGION, code): name for code, name in Region.objects.values_list("code", "name")})
    names.update({(Maille.DEPARTMENT, code): name for code, name in Department.objects.values_list("code", "name")})
    return names


def default_period(today=None):
    today = today or datetime.date.today()
    return f"{today.year}-{today.year + 1}"
