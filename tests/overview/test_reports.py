import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from jalons.conferences.models import Conference, Registration
from jalons.overview.models import Report
from jalons.progress.models import Constraint
from tests.factories import UserFactory
from tests.practices.factories import GoodPracticeFactory
from tests.progress.factories import ConstraintFactory
from tests.utils import downloaded


def pdf_text(content):
    """The PDF's text, white space folded (table cells wrap their lines)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


@pytest.fixture
def rennes(own_region):
    """The Bretagne conference with registrations, a constraint and a practice of the region."""
    conference = Conference.objects.get(region=own_region)
    for status, checked in [("confirmed", True), ("confirmed", False), ("waiting", False)]:
        Registration.objects.create(
            conference=conference,
            user=UserFactory(),
            status=status,
            position=1 if status == "waiting" else None,
            checked_in_at="2019-07-08T09:00:00+02:00" if checked else None,
            consent_at="2019-06-01T09:00:00+02:00",
        )
    ConstraintFactory(
        region=own_region, title="Manque de places d'hébergement d'urgence", level=Constraint.Level.NATIONAL
    )
    GoodPracticeFactory(region=own_region, title="Laverie solidaire de quartier")
    return conference


@pytest.mark.django_db
def test_dossier_pdf_holds_the_region_figures(rennes, tmp_path):
    output = tmp_path / "dossier.pdf"
    call_command("build_conference_dossier", region="53", output=str(output), stdout=io.StringIO())
    text = pdf_text(output.read_bytes())
    assert "Conférence régionale — Bretagne" in text
    assert f"2 / {rennes.capacity}" in text  # confirmed / places
    assert "Manque de places d'hébergement d'urgence" in text
    assert "Laverie solidaire de quartier" in text
    assert "Participation des personnes concernées" in text  # the 15 chantiers


@pytest.mark.django_db
def test_synthesis_pdf_lists_every_conference_of_the_cycle(rennes, tmp_path):
    output = tmp_path / "synthese.pdf"
    call_command("build_cycle_synthesis", cycle=rennes.cycle_id, output=str(output), stdout=io.StringIO())
    text = pdf_text(output.read_bytes())
    for city in ["Angers", "Paris", "Orléans", "Bordeaux", "Toulon", "Rouen", "Metz", "Montpellier", "Lille", "Lyon"]:
        assert city in text
    assert "Rennes" in text


@pytest.mark.django_db
def test_commissioner_builds_the_dossier_in_the_background(client, roles, rennes, django_capture_on_commit_callbacks):
    client.force_login(roles["commissioner"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("overview:report_create"), {"kind": "dossier", "conference": rennes.pk})
    report = Report.objects.get()
    assert response.url == report.get_absolute_url()
    assert (report.status, report.progress) == (Report.Status.DONE, 100)
    status = client.get(report.get_absolute_url(), headers={"HX-Request": "true"})
    assert "Le document est prêt" in status.content.decode() and "<html" not in status.content.decode()
    pdf = downloaded(client.get(reverse("overview:report_download", args=[report.pk])))
    assert "Conférence régionale — Bretagne" in pdf_text(pdf)
    # Another region's commissioner neither sees it nor builds one for that conference.
    client.force_login(roles["commissioner_other"])
    assert client.get(report.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("overview:report_create"), {"kind": "dossier", "conference": rennes.pk}).status_code == 404
    )
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_a_pending_report_page_polls_its_progress(client, roles, rennes):
    report = Report.objects.create(kind=Report.Kind.SYNTHESIS, cycle=rennes.cycle, progress=40, step="Points d'étape")
    client.force_login(roles["national"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page and "Points d&#x27;étape" in page
    assert client.get(reverse("overview:report_download", args=[report.pk])).status_code == 404
    client.force_login(roles["commissioner"])
    assert client.get(report.get_absolute_url()).status_code == 404  # a synthesis is the national team's


@pytest.mark.django_db
def test_dashboard_offers_the_documents_each_role_may_build(client, roles):
    client.force_login(roles["commissioner"])
    context = client.get("/tableau-de-bord/").context
    assert [conference.region.code for conference in context["dossier_conferences"]] == ["53"]
    assert not context["may_build_synthesis"]
    client.force_login(roles["national"])
    context = client.get("/tableau-de-bord/").context
    assert len(context["dossier_conferences"]) == 12 and context["may_build_synthesis"]
    client.force_login(roles["member"])
    assert client.get("/tableau-de-bord/").context["dossier_conferences"] == []
