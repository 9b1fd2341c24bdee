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
