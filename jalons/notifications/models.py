from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet):
    def due(self):
        return self.filter(status=OutboxEmail.Status.PENDING, next_attempt_at__lte=timezone.now())


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as the change it reports, sent later by a task.

    Sending is at most once: a row leaves PENDING (locked) before the mail server is called, and only a failure
    reported by the server puts it back to PENDING for a retry.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENDING = "sending", _("Envoi en cours")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec définitif")

    to = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=300)
    body = models.TextField(_("texte"))
    html_body = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content": base64}] — small files only (calendars, QR codes).
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail sortant")
        verbose_name_plural = _("e-mails sortants")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.to} — {self.subject}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self):
        return self.filter(digest_status=Notification.Digest.WAITING)


class Notification(models.Model):
    """Something that happened for one person: shown in the site (badge and list) and sent by e-mail."""

    class Digest(models.TextChoices):
        NONE = "none", _("Pas d'e-mail")
        WAITING = "waiting", _("En attente du résumé quotidien")
        SENT = "sent", _("Envoyé par e-mail")

    recipient = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("auteur")
    )
    group = models.ForeignKey(
        "strategy.WorkingGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    text = models.CharField(_("texte"), max_length=500)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_status = models.CharField(max_length=10, choices=Digest.choices, default=Digest.NONE)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["digest_status", "recipient"]),
        ]

    def __str__(self):
        return self.text


class NotificationPreference(models.Model):
    """How a person wants to receive their notifications by e-mail. No row: one e-mail per notification."""

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Un e-mail à chaque notification")
        DAILY = "daily", _("Un résumé quotidien")
        NEVER = "never", _("Pas d'e-mail, seulement sur le site")

    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="notification_preference")
    email = models.CharField(
        _("notifications par e-mail"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE
    )

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")

    def __str__(self):
        return f"{self.user} — {self.get_email_display()}"
