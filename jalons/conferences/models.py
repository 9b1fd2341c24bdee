import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
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

    def with_registration_counts(self):
        """Annotate confirmed, waiting and attended (checked in) registrations, in the same query."""
        registrations = models.Q(
            registrations__status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITING]
        )
        return self.annotate(
            confirmed=models.Count(
                "registrations", filter=models.Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=models.Count("registrations", filter=models.Q(registrations__status=Registration.Status.WAITING)),
            attended=models.Count(
                "registrations", filter=registrations & models.Q(registrations__checked_in_at__isnull=False)
            ),
        )


class Conference(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")
        CANCELLED = "cancelled", _("Annulée")
        HELD = "held", _("Tenue")

    cycle = models.ForeignKey(ConferenceCycle, on_delete=models.CASCADE, related_name="conferences")
    region = models.ForeignKey("territories.Region", on_delete=models.PROTECT, related_name="conferences")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("heure de début"), default=datetime.time(9, 0))
    end_time = models.TimeField(_("heure de fin"), default=datetime.time(17, 0))
    city = models.CharField(_("ville"), max_length=100)
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse du lieu"), max_length=300, blank=True)
    access_information = models.TextField(
        _("accès"),
        blank=True,
        help_text=_("Transports en commun, stationnement, accessibilité du lieu aux personnes à mobilité réduite."),
    )
    capacity = models.PositiveIntegerField(_("nombre de places"), default=200)
    registration_opens_at = models.DateTimeField(_("ouverture des inscriptions"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_("Vide : les inscriptions ferment au début de la conférence."),
    )
    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    # The questions asked at registration (beyond the workshop choice and consent).
    asks_accessibility = models.BooleanField(_("demander les besoins d'accessibilité"), default=True)
    asks_dietary = models.BooleanField(_("demander les besoins alimentaires"), default=True)
    question = models.CharField(
        _("question libre"), max_length=300, blank=True, help_text=_("Vide : pas de question libre.")
    )
    question_required = models.BooleanField(_("réponse à la question libre obligatoire"), default=False)
    workshop_required = models.BooleanField(_("choix d'un atelier obligatoire"), default=False)
    survey_url = models.URLField(
        _("questionnaire de satisfaction"), blank=True, help_text=_("Lien envoyé aux seules personnes présentes.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("conférence")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["cycle", "region"], name="unique_conference_per_cycle_region")]

    def __str__(self):
        return f"{self.region.name} ({self.city})"

    def get_absolute_url(self):
        return reverse("conferences:conference_detail", args=[self.pk])

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def closes_at(self):
        return self.registration_closes_at or self.starts_at

    @property
    def is_published(self):
        return self.status in {self.Status.PUBLISHED, self.Status.HELD}

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.closes_at


class Workshop(models.Model):
    """A parallel session of a conference (e.g. one per chantier in the afternoon), with its own places."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("intitulé"), max_length=300)
    workstream = models.ForeignKey(
        "strategy.Workstream",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("chantier"),
    )
    start_time = models.TimeField(_("heure de début"), null=True, blank=True)
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    room = models.CharField(_("salle"), max_length=100, blank=True)
    capacity = models.PositiveIntegerField(_("nombre de places"))

    class Meta:
        verbose_name = _("atelier")
        ordering = ["conference", "start_time", "title"]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("ordre"))
    start_time = models.TimeField(_("heure"), null=True, blank=True)
    title = models.CharField(_("intitulé"), max_length=300)
    objective = models.ForeignKey(
        Objective, on_delete=models.SET_NULL, null=True, blank=True, related_name="agenda_items"
    )
    speakers = models.CharField(
        _("intervenant·es"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple : « Clôture par la secrétaire d'État »."),
    )

    class Meta:
        verbose_name = _("point de l'ordre du jour")
        verbose_name_plural = _("ordre du jour")
        ordering = ["conference", F("start_time").asc(nulls_last=True), "order"]
        constraints = [models.UniqueConstraint(fields=["conference", "order"], name="unique_agenda_order")]

    def __str__(self):
        return self.title


def new_token():
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING)

    def counts(self):
        """{"confirmed": n, "waiting": n, "checked_in": n} in one query."""
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False) & ~Q(status=Registration.Status.CANCELLED)),
        )


class Registration(models.Model):
    """One person's registration to one conference, on the list or on the first-come waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscription confirmée")
        WAITING = "waiting", _("Sur liste d'attente")
        CANCELLED = "cancelled", _("Annulée")

    class WorkshopStatus(models.TextChoices):
        NONE = "", _("Pas d'atelier")
        CONFIRMED = "confirmed", _("Place confirmée")
        WAITING = "waiting", _("Sur liste d'attente de l'atelier")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("personne")
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    # Rank on the conference's waiting list (first come, first served); kept for history once promoted.
    position = models.PositiveIntegerField(_("rang en liste d'attente"), null=True, blank=True)
    workshop = models.ForeignKey(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    workshop_status = models.CharField(
        _("place en atelier"), max_length=10, choices=WorkshopStatus.choices, default="", blank=True
    )
    workshop_position = models.PositiveIntegerField(_("rang en liste d'attente de l'atelier"), null=True, blank=True)
    accessibility_needs = models.TextField(_("besoins d'accessibilité"), blank=True)
    dietary_needs = models.TextField(_("besoins alimentaires"), blank=True)
    answer = models.TextField(_("réponse à la question libre"), blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("présence enregistrée le"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Each e-mail after registration is sent once: these mark it in the transaction that queues it.
    week_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    survey_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        ordering = ["conference", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "user"], name="one_registration_per_person"),
            models.UniqueConstraint(
                fields=["conference", "position"],
                condition=Q(status="waiting"),
                name="unique_waiting_position",
            ),
        ]
        indexes = [models.Index(fields=["conference", "status", "position"])]

    def __str__(self):
        return f"{self.user} — {self.conference}"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED


class InvitationRun(models.Model):
    """One invitation action (all the members of the region's groups, or a list of guests), sent by a task."""

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Membres des groupes de la région")
        GUESTS = "guests", _("Invités extérieurs")

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitation_runs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("envoi d'invitations")
        verbose_name_plural = _("envois d'invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.conference}"

    @property
    def percent(self):
        return 100 if not self.total else round(100 * self.done / self.total)


class ConferenceInvitation(models.Model):
    """One person invited to one conference, once: running the same action again invites only newcomers."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    run = models.ForeignKey(InvitationRun, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation à une conférence")
        verbose_name_plural = _("invitations aux conférences")
        constraints = [models.UniqueConstraint(fields=["conference", "email"], name="one_invitation_per_address")]

    def __str__(self):
        return self.email


def document_path(document, filename):
    return f"conferences/{document.conference_id}/{filename}"


class ConferenceDocument(models.Model):
    """Minutes and materials of a conference, public like the conference itself."""

    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Compte rendu")
        MATERIAL = "material", _("Support de présentation")
        OTHER = "other", _("Autre document")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.MINUTES)
    title = models.CharField(_("titre"), max_length=200)
    file = models.FileField(_("fichier"), upload_to=document_path, max_length=300)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("document de conférence")
        verbose_name_plural = _("documents de conférence")
        ordering = ["kind", "title"]

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""
