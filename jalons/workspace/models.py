import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    """One line of a group's activity feed: who did what, with a link."""

    group = models.ForeignKey("strategy.WorkingGroup", on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.CharField(_("texte"), max_length=500)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activité")
        verbose_name_plural = _("activités")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["group", "-created_at"])]

    def __str__(self):
        return self.text


class GroupVisit(models.Model):
    """When a person last opened a group's page: what came after is their unread activity."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_visits")
    group = models.ForeignKey("strategy.WorkingGroup", on_delete=models.CASCADE, related_name="visits")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "group"], name="unique_group_visit")]

    def __str__(self):
        return f"{self.user} — {self.group} ({self.seen_at:%d/%m/%Y %H:%M})"


class Thread(models.Model):
    group = models.ForeignKey("strategy.WorkingGroup", on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("sujet"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
        verbose_name=_("auteur"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    message_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("discussion")
        ordering = ["-last_message_at", "-pk"]
        indexes = [models.Index(fields=["group", "-last_message_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:thread_detail", args=[self.pk])


class MessageQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(deleted_at__isnull=True)


class Message(models.Model):
    """A message in a thread, in a Markdown subset, stored as typed and sanitised when rendered."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="messages",
        verbose_name=_("auteur"),
    )
    # The animator who posted for a managed member (author), if any.
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    hidden_reason = models.CharField(_("motif"), max_length=300, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self):
        return self.body[:50]

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class MessageReport(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif du signalement"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signalement")
        constraints = [models.UniqueConstraint(fields=["message", "reporter"], name="unique_report_per_person")]

    def __str__(self):
        return self.reason


class Document(models.Model):
    group = models.ForeignKey("strategy.WorkingGroup", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titre"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    latest_version = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("document")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["group", "-updated_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:document_detail", args=[self.pk])


def version_path(version, filename):
    # A random folder per file: names never collide and are never guessed; the name was sanitised before.
    return f"workspace/{version.document.group_id}/{uuid.uuid4().hex}/{filename}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("fichier"), upload_to=version_path, max_length=500)
    filename = models.CharField(_("nom du fichier"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    comment = models.CharField(_("commentaire"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("version de document")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_version")]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_download_url(self):
        return reverse("workspace:download_version", args=[self.pk])


class MeetingNote(models.Model):
    """The minutes (compte rendu) of a group meeting."""

    group = models.ForeignKey("strategy.WorkingGroup", on_delete=models.CASCADE, related_name="meeting_notes")
    title = models.CharField(_("titre"), max_length=200)
    date = models.DateField(_("date de la réunion"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("participants (membres du groupe)")
    )
    other_participants = models.TextField(
        _("autres participants"), blank=True, help_text=_("Personnes extérieures au groupe, une par ligne.")
    )
    minutes = models.TextField(_("compte rendu"))
    decisions = models.TextField(_("décisions"), blank=True)
    actions = models.TextField(_("actions à mener"), blank=True, help_text=_("Qui fait quoi, pour quand."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("compte rendu")
        verbose_name_plural = _("comptes rendus")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["group", "-date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:note_detail", args=[self.pk])
