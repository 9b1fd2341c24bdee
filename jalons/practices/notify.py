"""E-mails to the author of a practice, through the outbox (written in the caller's transaction, see ADR 3).

A managed member has no e-mail: the animator who accompanies them is told instead.
"""

from django.utils.translation import gettext as _

from jalons.notifications.outbox import queue_email


def _recipient(practice):
    author = practice.author
    if author is None:
        return None
    if author.email:
        return author.email
    if author.managed_by_id and author.managed_by.email:
        return author.managed_by.email
    return None


def _send_later(practice, subject, body):
    recipient = _recipient(practice)
    if recipient:
        queue_email(recipient, subject, body)


def decision_taken(practice, url):
    subject = _("Votre bonne pratique « %(title)s » : %(status)s") % {
        "title": practice.title,
        "status": practice.get_status_display().lower(),
    }
    body = _("Décision : %(status)s.\n\n%(comment)s\n\nVoir la bonne pratique : %(url)s") % {
        "status": practice.get_status_display(),
        "comment": practice.moderation_comment,
        "url": url,
    }
    _send_later(practice, subject, body)


def adoption_recorded(adoption, url):
    practice = adoption.practice
    subject = _("« %(title)s » essaime : %(organisation)s") % {
        "title": practice.title,
        "organisation": adoption.organisation.name,
    }
    body = _("%(organisation)s indique pour votre bonne pratique : %(status)s.\n\n%(notes)s\n\n%(url)s") % {
        "organisation": adoption.organisation.name,
        "status": adoption.get_status_display(),
        "notes": adoption.notes,
        "url": url,
    }
    _send_later(practice, subject, body)
