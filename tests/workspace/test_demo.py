import io

import pytest
from django.core.management import call_command

from jalons.core.uploads import PDF, sniff
from jalons.notifications.models import Notification
from jalons.strategy.models import WorkingGroup
from jalons.workspace.demo import minimal_pdf
from jalons.workspace.models import Document, MeetingNote, Thread

pytestmark = pytest.mark.django_db


def test_demo_fills_every_group(client):
    call_command("generate_demo_data", people=400, seed=3, no_progress=True, stdout=io.StringIO())
    groups_with_members = WorkingGroup.objects.filter(memberships__status="active").distinct()
    for model in (Thread, MeetingNote, Document):
        assert set(model.objects.values_list("group_id", flat=True)) == set(
            groups_with_members.values_list("pk", flat=True)
        )
    document = Document.objects.select_related("latest_version").first()
    with document.latest_version.file.open("rb") as stored:
        assert sniff(stored, document.latest_version.filename) == PDF
    assert Notification.objects.filter(recipient__email__startswith="membre@").exists()


def test_generated_pdf_is_well_formed():
    content = minimal_pdf("Diagnostic (Bretagne)", ["Ligne accentuée : é à ç"])
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    xref = int(content.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert content[xref : xref + 4] == b"xref"
