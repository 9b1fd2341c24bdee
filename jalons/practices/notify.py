"""E-mails to the author of a practice, sent once the transaction commits.

A managed member has no e-mail: the animator who accompanies them is told instead.
"""

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _


def _recipient(practice):
    author = practice.author
    if author.email:
        return author.email
    if author.managed_by_id and author.managed_by.email:
        return author.managed_by.email
    return None


def _send_later(practice, subject, body):
    recipient = _recipient(practice)
    if recipient:
        transaction.on_commit(lambda: send_mail(subject, body, None, [recipient], fail_silently=True))


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
