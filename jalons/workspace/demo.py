"""Demo data of the workspace: threads, meeting notes and small generated PDF documents in every group."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.core.demo import bulk_create_in_chunks
from jalons.notifications.models import Notification
from jalons.strategy.models import Membership, WorkingGroup

from .models import Activity, Document, DocumentVersion, MeetingNote, Message, Thread

THREAD_TITLES = [
    "Ordre du jour de la prochaine réunion",
    "Retours sur la conférence régionale",
    "Partage d'une initiative locale",
    "Calendrier des ateliers du trimestre",
    "Qui peut relire le diagnostic ?",
    "Indicateurs à suivre pour le point d'étape",
]
REPLIES = [
    "Merci pour ce partage, je transmets à mon équipe.",
    "Nous pouvons accueillir la prochaine réunion dans nos locaux.",
    "Je propose d'ajouter un point sur **l'accès aux droits**.",
    "D'accord avec cette proposition.\n\n- pour le calendrier\n- pour la méthode",
    "Les personnes concernées de notre collectif souhaitent intervenir.",
    "Je relis le document d'ici vendredi.",
]
NOTE_TITLES = ["Réunion de travail", "Atelier avec les partenaires", "Point d'étape du groupe", "Réunion plénière"]
DOCUMENT_TITLES = ["Diagnostic territorial", "Feuille de route du groupe", "Support de la réunion de lancement"]


def minimal_pdf(title, lines):
    """A small valid one-page PDF (Helvetica text), written by hand: no PDF library is needed for demo files."""

    def escape(text):
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text_ops = ["BT", "/F1 16 Tf", "50 790 Td", f"({escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -20 Td", f"({escape(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


# National scale (bench/): about 10 threads of about 19 messages in each of the 270 groups, 50,000 messages.
NATIONAL_THREADS = range(8, 13)
NATIONAL_MESSAGES = range(8, 31)


def create_workspace(ctx):
    """Two or three threads, one or two meeting notes and one or two documents in every group with members.

    At national scale, about ten long threads per group (50,000 messages in all).
    """
    national = ctx.scale == "national"
    members = {}
    for group_id, user_id, role in (
        Membership.objects.active().order_by("group_id", "-role", "user_id").values_list("group_id", "user_id", "role")
    ):
        members.setdefault(group_id, []).append((user_id, role))
    groups = list(
        WorkingGroup.objects.select_related("workstream", "region").order_by("region__code", "workstream__number")
    )
    now = timezone.now()
    threads, notes, documents, activities = [], [], [], []
    replies = {}
    for group in ctx.progress(groups, desc=_("Espace de travail")):
        people = members.get(group.pk)
        if not people:
            continue
        ids = [user_id for user_id, _role in people]
        animator = next((user_id for user_id, role in people if role == Membership.Role.ANIMATOR), ids[0])
        if national:
            titles = ctx.rng.choices(THREAD_TITLES, k=ctx.rng.choice(NATIONAL_THREADS))
        else:
            titles = ctx.rng.sample(THREAD_TITLES, ctx.rng.choice([2, 3]))
        for title in titles:
            started = now - timedelta(days=ctx.rng.randrange(2, 60), minutes=ctx.rng.randrange(600))
            thread = Thread(group=group, title=title, author_id=ctx.rng.choice(ids), created_at=started)
            if national:
                reply_bodies = ctx.rng.choices(REPLIES, k=ctx.rng.choice(NATIONAL_MESSAGES) - 1)
            else:
                reply_bodies = ctx.rng.sample(REPLIES, ctx.rng.randrange(1, 5))
            bodies = [ctx.faker.paragraph(nb_sentences=3)] + reply_bodies
            thread.message_count = len(bodies)
            thread.last_message_at = started + timedelta(hours=(len(bodies) - 1) * 5)
            threads.append(thread)
            replies[len(threads) - 1] = [
                (thread.author_id if index == 0 else ctx.rng.choice(ids), body, started + timedelta(hours=index * 5))
                for index, body in enumerate(bodies)
            ]
        for _index in range(ctx.rng.choice([1, 2])):
            date = (now - timedelta(days=ctx.rng.randrange(7, 120))).date()
            notes.append(
                MeetingNote(
                    group=group,
                    title=ctx.rng.choice(NOTE_TITLES),
                    date=date,
                    minutes=ctx.faker.paragraph(nb_sentences=5),
                    decisions="- " + ctx.faker.sentence(),
                    actions=f"- {ctx.faker.sentence()} ({ctx.faker.first_name()}, {ctx.faker.date_this_year():%d/%m})",
                    author_id=animator,
                    created_at=now - timedelta(days=1),
                )
            )
        for title in ctx.rng.sample(DOCUMENT_TITLES, ctx.rng.choice([1, 2])):
            documents.append((group, title, animator, now - timedelta(days=ctx.rng.randrange(1, 90))))
    Thread.objects.bulk_create(threads, batch_size=1000)
    bulk_create_in_chunks(
        Message,
        (
            Message(thread=threads[index], author_id=author_id, body=body, created_at=at)
            for index, items in replies.items()
            for author_id, body, at in items
        ),
    )
    MeetingNote.objects.bulk_create(notes, batch_size=1000)
    created_documents = Document.objects.bulk_create(
        [
            Document(group=group, title=title, created_by_id=author, created_at=at, updated_at=at)
            for group, title, author, at in documents
        ],
        batch_size=1000,
    )
    versions = []
    for document, (group, title, author, at) in zip(
        ctx.progress(created_documents, desc=_("Documents")), documents, strict=True
    ):
        content = minimal_pdf(
            f"{title} - {group.workstream.title[:60]}",
            [group.region.name, _("Document de démonstration généré par Jalons.")],
        )
        filename = f"{title.replace(' ', '_').replace(chr(39), '_')}.pdf"
        version = DocumentVersion(
            document=document,
            number=1,
            filename=filename,
            content_type="application/pdf",
            size=len(content),
            uploaded_by_id=author,
            uploaded_at=at,
        )
        version.file.name = default_storage.save(
            version.file.field.generate_filename(version, filename), ContentFile(content)
        )
        versions.append(version)
    DocumentVersion.objects.bulk_create(versions, batch_size=1000)
    for document, version in zip(created_documents, versions, strict=True):
        document.latest_version = version
    Document.objects.bulk_update(created_documents, ["latest_version"], batch_size=1000)
    for thread in threads:
        activities.append(
            Activity(
                group_id=thread.group_id,
                actor_id=thread.author_id,
                text=_("Nouvelle discussion : « %(title)s »") % {"title": thread.title},
                url=thread.get_absolute_url(),
                created_at=thread.created_at,
            )
        )
    for document in created_documents:
        activities.append(
            Activity(
                group_id=document.group_id,
                actor_id=document.created_by_id,
                text=_("Nouveau document : « %(title)s »") % {"title": document.title},
                url=document.get_absolute_url(),
                created_at=document.created_at,
            )
        )
    Activity.objects.bulk_create(activities, batch_size=2000)
    _notify_demo_member(threads)
    return len(threads), len(notes), len(created_documents)


def _notify_demo_member(threads):
    """A few unread notifications for the demo member, so that the badge shows."""
    member = (
        Membership.objects.filter(user__is_demo=True, user__email__startswith="membre@", role=Membership.Role.MEMBER)
        .select_related("user")
        .first()
    )
    if member is None:
        return
    Notification.objects.bulk_create(
        Notification(
            recipient=member.user,
            group_id=thread.group_id,
            text=_("Nouvelle discussion dans votre groupe : « %(title)s »") % {"title": thread.title},
            url=thread.get_absolute_url(),
        )
        for thread in threads
        if thread.group_id == member.group_id
    )
