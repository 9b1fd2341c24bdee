import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalons.practices.models import GoodPractice, PracticeAttachment
from tests.utils import downloaded

from .factories import GoodPracticeFactory

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def upload(client, practice, name, content, description="Photo de la laverie solidaire"):
    data = {"attachment-description": description, "attachment-upload": SimpleUploadedFile(name, content)}
    return client.post(reverse("practices:attachment_add", args=[practice.pk]), data, follow=True)


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.mark.django_db
def test_author_attaches_an_image_shown_with_its_description(client, roles, media_root):
    practice = GoodPracticeFactory(author=roles["member"], status=GoodPractice.Status.DRAFT)
    client.force_login(roles["member"])
    upload(client, practice, "laverie.png", PNG)
    attachment = PracticeAttachment.objects.get()
    assert (attachment.filename, attachment.content_type, attachment.size) == ("laverie.png", "image/png", len(PNG))
    practice.status = GoodPractice.Status.PUBLISHED
    practice.save()
    client.logout()
    page = client.get(practice.get_absolute_url()).content.decode()
    assert 'alt="Photo de la laverie solidaire"' in page
    response = client.get(attachment.get_download_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert downloaded(response) == PNG


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "description", "message"),
    [
        ("rapport.pdf", b"<html><script>alert(1)</script></html>", "Rapport", "ne correspond à aucun type accepté"),
        ("vide.pdf", b"", "Rapport", "est vide"),
        ("laverie.png", PNG, "", "Ce champ est obligatoire"),
    ],
)
def test_bad_attachment_is_refused_in_french_and_nothing_is_stored(
    client, roles, media_root, name, content, description, message
):
    practice = GoodPracticeFactory(author=roles["member"], status=GoodPractice.Status.DRAFT)
    client.force_login(roles["member"])
    response = upload(client, practice, name, content, description)
    assert message in response.content.decode()
    assert not PracticeAttachment.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.django_db
def test_only_the_author_attaches_and_removes(client, roles, media_root):
    practice = GoodPracticeFactory(author=roles["member"], status=GoodPractice.Status.DRAFT)
    client.force_login(roles["commissioner"])  # a moderator sees the draft but does not write it
    assert upload(client, practice, "laverie.png", PNG).status_code == 403
    client.force_login(roles["member_other"])
    assert upload(client, practice, "laverie.png", PNG).status_code == 404
    assert not PracticeAttachment.objects.exists()
    client.force_login(roles["member"])
    upload(client, practice, "laverie.png", PNG)
    attachment = PracticeAttachment.objects.get()
    client.force_login(roles["member_other"])
    assert client.get(attachment.get_download_url()).status_code == 404  # a draft's file stays private
    client.force_login(roles["member"])
    client.post(reverse("practices:attachment_delete", args=[attachment.pk]))
    assert not PracticeAttachment.objects.exists()
