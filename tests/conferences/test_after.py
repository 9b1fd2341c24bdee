import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jalons.conferences.models import ConferenceDocument, Registration
from jalons.conferences.services import Answers, register
from tests.factories import UserFactory
from tests.utils import downloaded

pytestmark = pytest.mark.django_db


def test_survey_is_sent_from_the_page_to_attendees(client_for, roles, conference, django_capture_on_commit_callbacks):
    present = UserFactory()
    register(conference, present, Answers(consent=True))
    register(conference, UserFactory(), Answers(consent=True))
    Registration.objects.filter(user=present).update(checked_in_at=timezone.now())
    client = client_for(roles["commissioner"])
    url = reverse("conferences:after", args=[conference.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "survey", "survey-survey_url": "https://questionnaire.exemple.fr/rennes"}, follow=True
        )
    assert "Questionnaire envoyé à 1 personne(s) présente(s)." in response.content.decode()
    assert [m.to[0] for m in mail.outbox] == [present.email]
    response = client.post(url, {"action": "survey", "survey-survey_url": "pas une adresse"})
    assert response.status_code == 400
    assert "Saisissez une URL valide." in response.content.decode()


def upload(client, conference, name, content, title="Compte rendu"):
    return client.post(
        reverse("conferences:after", args=[conference.pk]),
        {
            "action": "document",
            "document-kind": "minutes",
            "document-title": title,
            "document-file": SimpleUploadedFile(name, content),
        },
    )


def test_documents_are_checked_then_public(client_for, roles, conference):
    client = client_for(roles["commissioner"])
    response = upload(client, conference, "script.exe", b"MZ\x90\x00")
    assert "ne correspond à aucun type accepté" in response.content.decode()
    response = upload(client, conference, "faux.pdf", b"<html>pas un PDF</html>")
    assert "Le contenu du fichier « faux.pdf » ne correspond à aucun type accepté" in response.content.decode()
    assert not ConferenceDocument.objects.exists()
    assert upload(client, conference, "compte-rendu.pdf", b"%PDF-1.7\nbonjour").status_code == 302
    document = ConferenceDocument.objects.get()
    assert document.size == 16
    detail = client_for(None).get(reverse("conferences:conference_detail", args=[conference.pk])).content.decode()
    download_url = reverse("conferences:document_download", args=[conference.pk, document.pk])
    assert download_url in detail
    response = client_for(None).get(download_url)
    assert downloaded(response) == b"%PDF-1.7\nbonjour"
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="compte-rendu.pdf"' in response["Content-Disposition"]


def test_other_region_cannot_upload(client_for, roles, conference):
    response = upload(client_for(roles["commissioner_other"]), conference, "cr.pdf", b"%PDF-1.7")
    assert response.status_code == 404
    assert not ConferenceDocument.objects.exists()
