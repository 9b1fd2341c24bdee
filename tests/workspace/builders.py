"""Objects of the workspace built for tests (the authorization matrix, query counts, browser tests)."""

from django.core.files.base import ContentFile

from jalons.notifications.models import Notification
from jalons.strategy.models import Membership
from jalons.workspace.models import Document, DocumentVersion, MeetingNote, Message, Thread
from tests.factories import MembershipFactory, UserFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def group_of(roles):
    return roles["member"].memberships.get().group


def make_thread(group, author, messages=1, title="Ordre du jour de la prochaine réunion"):
    thread = Thread.objects.create(group=group, title=title, author=author, message_count=messages)
    Message.objects.bulk_create(
        Message(thread=thread, author=author, body=f"Message **{index}**") for index in range(messages)
    )
    return thread


def make_document(group, author, title="Diagnostic territorial", content=PDF_BYTES):
    document = Document.objects.create(group=group, title=title, created_by=author)
    version = DocumentVersion(
        document=document,
        number=1,
        filename="diagnostic.pdf",
        content_type="application/pdf",
        size=len(content),
        uploaded_by=author,
    )
    version.file.save("diagnostic.pdf", ContentFile(content), save=False)
    version.save()
    document.latest_version = version
    document.save(update_fields=["latest_version"])
    return document


def make_note(group, author, title="Réunion de lancement"):
    return MeetingNote.objects.create(
        group=group, title=title, date="2019-06-20", minutes="Tour de table.", author=author
    )


def group_kwargs(roles):
    return {"pk": group_of(roles).pk}


def region_kwargs(roles):
    return {"code": group_of(roles).region.code}


def pending_request_kwargs(roles):
    person = UserFactory(region=group_of(roles).region)
    membership = MembershipFactory(user=person, group=group_of(roles), status=Membership.Status.PENDING)
    return {"pk": membership.pk}


def new_member_kwargs(roles):
    return {"pk": MembershipFactory(group=group_of(roles)).pk}


def thread_kwargs(roles):
    return {"pk": make_thread(group_of(roles), roles["member"]).pk}


def member_message_kwargs(roles):
    return {"pk": make_thread(group_of(roles), roles["member"]).messages.get().pk}


def document_kwargs(roles):
    return {"pk": make_document(group_of(roles), roles["member"]).pk}


def version_kwargs(roles):
    return {"pk": make_document(group_of(roles), roles["member"]).latest_version_id}


def note_kwargs(roles):
    return {"pk": make_note(group_of(roles), roles["member"]).pk}


def notification_kwargs(roles):
    return {"pk": Notification.objects.create(recipient=roles["member"], text="Bienvenue", url="/groupes/").pk}
