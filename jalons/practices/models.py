import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalons.core.markup import render_markdown

from .text import stems


class TargetPublic(models.TextChoices):
    YOUNG_CHILDREN = "petite-enfance", _("Jeunes enfants et leurs parents")
    CHILDREN = "enfants", _("Enfants et adolescents")
    YOUNG_ADULTS = "jeunes", _("Jeunes de 16 à 25 ans")
    FAMILIES = "familles", _("Familles")
    HOMELESS = "sans-domicile", _("Personnes sans domicile")
    JOBSEEKERS = "demandeurs-emploi", _("Personnes éloignées de l'emploi")
    BENEFICIARIES = "allocataires", _("Allocataires du RSA")
    PROFESSIONALS = "professionnels", _("Professionnels et bénévoles")
    EVERYONE = "tous", _("Tous publics")


class GoodPracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=GoodPractice.Status.PUBLISHED)

    def with_spread(self):
        """Annotates `spread`: the number of organisations that take up the practice (one query, no join)."""
        counts = (
            Adoption.objects.filter(practice=OuterRef("pk"))
            .order_by()
            .values("practice")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(spread=Coalesce(Subquery(counts, output_field=models.IntegerField()), Value(0)))


class GoodPractice(models.Model):
    """A good practice, an idea already at work in a territory, proposed by a member and moderated."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("En attente de modération")
        CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
        PUBLISHED = "published", _("Publiée")
        REJECTED = "rejected", _("Refusée")

    # Statuses in which the author may still change the practice.
    AUTHOR_EDITABLE = {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED}

    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(
        _("résumé"), max_length=600, help_text=_("En deux ou trois phrases, sans mise en forme.")
    )
    description = models.TextField(
        _("description"),
        help_text=_(
            "Mise en forme possible : **gras**, *italique*, listes (- ), liens [texte](https://…), ### titre."
        ),
    )
    workstreams = models.ManyToManyField(
        "strategy.Workstream", related_name="practices", verbose_name=_("chantiers"), blank=False
    )
    region = models.ForeignKey(
        "territories.Region", on_delete=models.PROTECT, related_name="practices", verbose_name=_("région")
    )
    department = models.ForeignKey(
        "territories.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("département"),
    )
    commune = models.CharField(_("commune"), max_length=150, blank=True)
    lead_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_practices",
        verbose_name=_("organisation porteuse (fiche)"),
    )
    lead_organisation_name = models.CharField(_("structure porteuse"), max_length=200)
    actor_category = models.ForeignKey(
        "accounts.ActorCategory",
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("catégorie de la structure porteuse"),
    )
    partners = models.TextField(_("partenaires"), blank=True, help_text=_("Un partenaire par ligne."))
    target_public = models.CharField(_("public visé"), max_length=30, choices=TargetPublic.choices)
    start_date = models.DateField(_("date de démarrage"), null=True, blank=True)
    results = models.TextField(
        _("résultats et évaluation"), blank=True, help_text=_("Même mise en forme que la description.")
    )
    cost_and_funding = models.TextField(_("coût et financement"), blank=True)
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("adresse e-mail du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    contact_consent = models.BooleanField(
        _("le contact accepte que ses coordonnées soient publiées avec la pratique"), default=False
    )
    tags = models.CharField(
        _("mots-clés"),
        max_length=300,
        blank=True,
        help_text=_("Séparés par des virgules, par exemple : mobilité, numérique."),
    )

    status = models.CharField(_("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    moderation_comment = models.TextField(_("commentaire de modération"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # A person who leaves (account erased) leaves their published practices behind, without a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="practices",
        verbose_name=_("auteur·rice"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, db_index=True)

    # Light stems of title, summary and tags, for the similar practices (computed on save).
    keywords = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL only: kept current by a trigger (see migration 0002); always empty on SQLite (FTS5 table).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = GoodPracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("bonne pratique")
        verbose_name_plural = _("bonnes pratiques")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "region"]),
            # The catalogue's facets without a search read only these columns of the published practices: an
            # index-only scan instead of reading every row with its description (21 → 11 ms at national scale).
            models.Index(
                fields=["region", "actor_category", "target_public", "id"],
                condition=models.Q(status="published"),
                name="practice_published_facets",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.compute_keywords()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "keywords", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("practices:practice_detail", args=[self.pk])

    def clean(self):
        if self.department_id and self.region_id and self.department.region_id != self.region_id:
            raise ValidationError({"department": _("Ce département n'est pas dans la région choisie.")})

    def compute_keywords(self):
        self.keywords = " ".join(sorted(set(stems(f"{self.title} {self.summary} {self.tags}"))))

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def partner_list(self):
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def description_html(self):
        return render_markdown(self.description, headings=True)

    @property
    def results_html(self):
        return render_markdown(self.results, headings=True)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def snapshot(self):
        """The content of the practice as a dict, stored in each version."""
        data = {
            field: getattr(self, field)
            for field in (
                "title",
                "summary",
                "description",
                "commune",
                "lead_organisation_name",
                "partners",
                "target_public",
                "results",
                "cost_and_funding",
                "contact_name",
                "contact_email",
                "contact_phone",
                "contact_consent",
                "tags",
                "status",
            )
        }
        data["region"] = self.region_id
        data["department"] = self.department_id
        data["actor_category"] = self.actor_category_id
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        data["workstreams"] = sorted(self.workstreams.values_list("number", flat=True))
        return data

    def record_version(self, user):
        number = (self.versions.aggregate(last=models.Max("number"))["last"] or 0) + 1
        return PracticeVersion.objects.create(practice=self, number=number, saved_by=user, data=self.snapshot())

    # Moderation decisions. The caller checks can_moderate_practice; each returns False when not allowed now.
    def _decide(self, status, moderator, comment):
        if self.status != self.Status.SUBMITTED:
            return False
        self.status = status
        self.moderation_comment = comment
        self.moderated_by = moderator
        self.moderated_at = timezone.now()
        if status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = self.moderated_at
        self.save(
            update_fields=["status", "moderation_comment", "moderated_by", "moderated_at", "published_at"],
        )
        return True

    def publish(self, moderator, comment=""):
        return self._decide(self.Status.PUBLISHED, moderator, comment)

    def request_changes(self, moderator, comment):
        return self._decide(self.Status.CHANGES_REQUESTED, moderator, comment)

    def reject(self, moderator, comment):
        return self._decide(self.Status.REJECTED, moderator, comment)


class PracticeVersion(models.Model):
    """A saved state of a practice, one per save by its author (or the animator acting for them)."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    saved_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField()

    class Meta:
        verbose_name = _("version d'une bonne pratique")
        verbose_name_plural = _("versions des bonnes pratiques")
        ordering = ["practice", "-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="unique_practice_version")]

    def __str__(self):
        return f"{self.practice} — v{self.number}"

    FIELD_LABELS = {
        "workstreams": _("chantiers"),
        "region": _("région"),
        "department": _("département"),
        "actor_category": _("catégorie de la structure porteuse"),
        "start_date": _("date de démarrage"),
    }

    def changes_since(self, previous):
        """Labels of the content fields that differ from the previous version (the status is not content)."""
        if previous is None:
            return []
        labels = []
        for name, value in self.data.items():
            if name == "status" or previous.data.get(name) == value:
                continue
            if name in self.FIELD_LABELS:
                labels.append(str(self.FIELD_LABELS[name]))
            else:
                labels.append(str(GoodPractice._meta.get_field(name).verbose_name))
        return labels


def versions_with_changes(practice, limit=20):
    """The latest versions, newest first, each with `changes`: what it changed from the one before."""
    versions = list(practice.versions.select_related("saved_by").order_by("-number")[: limit + 1])
    if not versions:
        return []
    for version, previous in zip(versions, [*versions[1:], None], strict=True):
        version.changes = version.changes_since(previous)
    return versions[:limit]


class Adoption(models.Model):
    """Essaimage: an organisation takes up a practice born elsewhere."""

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Intéressée")
        IN_PROGRESS = "in_progress", _("Mise en place en cours")
        DEPLOYED = "deployed", _("Déployée")

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("organisation")
    )
    status = models.CharField(_("état"), max_length=20, choices=Status.choices, default=Status.INTERESTED)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reprise d'une bonne pratique")
        verbose_name_plural = _("reprises des bonnes pratiques (essaimage)")
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["practice", "organisation"], name="unique_adoption")]

    def __str__(self):
        return f"{self.organisation} — {self.practice}"


def attachment_path(attachment, filename):
    # A random folder per file: names never collide and are never guessed; the name was sanitised before.
    return f"practices/{attachment.practice_id}/{uuid.uuid4().hex}/{filename}"


class PracticeAttachment(models.Model):
    """An image or a document attached to a good practice, checked as the workspace documents are."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("fichier"), upload_to=attachment_path, max_length=500)
    filename = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille"))
    description = models.CharField(
        _("description"),
        max_length=300,
        help_text=_("Ce que montre l'image ou contient le document, pour les personnes qui ne le voient pas."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.filename

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    def get_download_url(self):
        return reverse("practices:attachment_download", args=[self.pk])


def most_spread(limit, region=None):
    """The published practices most taken up, each with `spread`, `deployed` and `regions_reached`.

    Grouped over the adoptions (a hash aggregate), not subqueries per published practice: at national scale
    (10,000 practices, 30,000 adoptions) about 28 ms instead of 113 ms; then the practices, in one query.
    """
    adoptions = Adoption.objects.filter(practice__status=GoodPractice.Status.PUBLISHED)
    if region is not None:
        adoptions = adoptions.filter(practice__region=region)
    top = list(
        adoptions.values("practice")
        .annotate(
            spread=Count("pk"),
            deployed=Count("pk", filter=models.Q(status=Adoption.Status.DEPLOYED)),
            regions_reached=Count("organisation__region", distinct=True),
        )
        .order_by("-spread", "-deployed", "-practice__published_at", "-practice")[:limit]
    )
    by_id = GoodPractice.objects.select_related("region").in_bulk([row["practice"] for row in top])
    practices = []
    for row in top:
        practice = by_id[row["practice"]]
        practice.spread, practice.deployed = row["spread"], row["deployed"]
        practice.regions_reached = row["regions_reached"]
        practices.append(practice)
    return practices
