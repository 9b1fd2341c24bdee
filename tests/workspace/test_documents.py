import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jalons.core.uploads import check_upload, clean_filename, sniff
from jalons.notifications.models import Notification
from jalons.workspace.forms import DocumentForm
from jalons.workspace.models import Document, DocumentVersion

from .builders import PDF_BYTES, make_document

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX_BYTES = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT_BYTES = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


def stored_files():
    root = default_storage.location
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("rapport.pdf", PDF_BYTES, "application/pdf"),
        ("photo.png", PNG_BYTES, "image/png"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("note.docx", DOCX_BYTES, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("tableau.xlsx", XLSX_BYTES, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("texte.odt", ODT_BYTES, "application/vnd.oasis.opendocument.text"),
        ("ancien.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "application/vnd.ms-excel"),
        ("liste.csv", "nom;commune\nÉlodie;Rennes\n".encode(), "text/csv"),
        # The name lies: the bytes decide.
        ("rapport.docx", PDF_BYTES, "application/pdf"),
    ],
)
def test_type_is_sniffed_from_the_bytes(name, content, expected):
    assert sniff(io.BytesIO(content), name).content_type == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("page.pdf", b"<html><body onload=alert(1)>"),  # HTML named as a PDF
        ("dessin.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("table.csv", b"<script>alert(1)</script>"),  # HTML named as a CSV
        ("archive.zip", zip_bytes({"a.txt": "x"})),
        ("programme.exe", b"MZ\x90\x00" + b"\x00" * 20),
        ("binaire.csv", b"a,b\n\x00\x01\x02"),
    ],
)
def test_other_contents_are_refused(name, content):
    assert sniff(io.BytesIO(content), name) is None


def upload(client, group, name, content, title="Compte rendu financier"):
    return client.post(
        reverse("workspace:document_create", args=[group.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_member_uploads_a_document_and_members_are_notified(roles, own_group, client_for):
    response = upload(client_for(roles["member"]), own_group, "Bilan 2019 (v2).pdf", PDF_BYTES)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert (version.number, version.content_type, version.size) == (1, "application/pdf", len(PDF_BYTES))
    assert version.filename == "Bilan 2019 (v2).pdf"
    with version.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert Notification.objects.filter(recipient=roles["animator"], text__contains="a déposé le document").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vide.pdf", b"", "est vide"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "ne correspond à aucun type accepté"),
        ("faux.csv", b"\x00\x01binary", "ne correspond à aucun type accepté"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(roles, own_group, client_for, name, content, message):
    response = upload(client_for(roles["member"]), own_group, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files() == []


def test_oversized_file_is_refused(roles, own_group, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    response = upload(client_for(roles["member"]), own_group, "gros.pdf", PDF_BYTES + b"0" * 2000)
    assert response.status_code == 400
    # The handler stopped reading the file at the limit: the message names the file and the limit.
    assert "Le fichier « gros.pdf » dépasse la taille maximale de 1,0\xa0Kio" in response.content.decode()
    assert not DocumentVersion.objects.exists() and stored_files() == []
    # A new version too.
    document = make_document(own_group, roles["member"])
    response = client_for(roles["member"]).post(
        document.get_absolute_url(), {"file": SimpleUploadedFile("gros.pdf", PDF_BYTES + b"0" * 2000)}
    )
    assert response.status_code == 400
    assert "dépasse la taille maximale" in response.content.decode()
    assert document.versions.count() == 1


def test_size_is_checked_again_when_the_form_is_used_directly(settings):
    settings.MAX_UPLOAD_SIZE = 10
    with pytest.raises(ValidationError) as error:
        check_upload(ContentFile(PDF_BYTES, name="rapport.pdf"))
    assert "la taille maximale est de 10\xa0octets" in error.value.messages[0]


def test_default_size_limit_is_20_mb(settings):
    from jalons.core.uploads import max_upload_size

    assert max_upload_size() == 20 * 1024 * 1024


def test_names_with_path_separators_are_refused():
    for name in ("../../etc/passwd.pdf", "dossier\\rapport.pdf", "/var/x.pdf"):
        with pytest.raises(ValidationError) as error:
            check_upload(ContentFile(PDF_BYTES, name=name))
        assert "contient un chemin" in error.value.messages[0]
    form = DocumentForm(data={"title": "a/b"}, files={"file": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    assert "barre oblique" in form.errors["title"][0]


def test_names_are_sanitised_and_take_the_real_extension():
    from jalons.core.uploads import PDF

    assert clean_filename("rap\x00port<script>.docx", PDF) == "rapport_script.pdf"
    assert clean_filename("...", PDF) == "document.pdf"
    assert clean_filename("Été 2019 — synthèse.pdf", PDF) == "Été 2019 _ synthèse.pdf"


def test_new_version_of_a_document(roles, own_group, client_for):
    document = make_document(own_group, roles["member"])
    client = client_for(roles["animator"])
    response = client.post(
        document.get_absolute_url(),
        {"file": SimpleUploadedFile("v2.png", PNG_BYTES), "comment": "Schéma ajouté"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.latest_version.number == 2
    assert document.latest_version.content_type == "image/png"
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    # A bad new version keeps the document as it was.
    response = client.post(document.get_absolute_url(), {"file": SimpleUploadedFile("v3.pdf", b"")})
    assert response.status_code == 400
    assert document.versions.count() == 2


def test_download_is_an_attachment_with_the_sniffed_type(roles, own_group, client_for):
    document = make_document(own_group, roles["member"])
    response = client_for(roles["member"]).get(document.latest_version.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_refused_to_non_members(roles, own_group, client_for):
    version = make_document(own_group, roles["member"]).latest_version
    url = version.get_download_url()
    for role, status in (("region_person", 403), ("member_other", 404), ("commissioner_other", 404)):
        response = client_for(roles[role]).get(url)
        assert response.status_code == status, role


def test_a_path_in_the_uploaded_name_never_leaves_the_group_folder(roles, own_group, client_for):
    """Browsers may send a full path as the file name: only the last part is kept, in a random folder."""
    client = client_for(roles["member"])
    boundary = "frontiere"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="title"\r\n\r\nRapport\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="../../../etc/rapport.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF_BYTES
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.generic(
        "POST",
        reverse("workspace:document_create", args=[own_group.pk]),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.filename == "rapport.pdf"
    assert version.file.name.startswith(f"workspace/{own_group.pk}/")
    assert ".." not in version.file.name


def default_storage_in_a_fresh_process(**environment):
    """Settings are read once per process: the storage chosen by an environment is observed in a new one."""
    script = (
        "import django; django.setup(); from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, getattr(s, 'bucket_name', '-'), getattr(s, 'endpoint_url', '-'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jalons.settings", **environment}
    command = [sys.executable, "-c", script]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout.split()  # noqa: S603


def test_an_s3_compatible_store_is_chosen_by_configuration(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert default_storage_in_a_fresh_process()[0] == "FileSystemStorage"
    assert default_storage_in_a_fresh_process(
        S3_BUCKET="jalons-documents", S3_ENDPOINT_URL="http://127.0.0.1:9000"
    ) == [
        "S3Storage",
        "jalons-documents",
        "http://127.0.0.1:9000",
    ]


def test_upload_form_tells_the_accepted_types_and_the_limit(roles, own_group, client_for, settings):
    settings.MAX_UPLOAD_SIZE = 5 * 1024 * 1024
    content = client_for(roles["member"]).get(reverse("workspace:document_create", args=[own_group.pk])).content
    assert "Formats acceptés : PDF, Word" in content.decode()
    assert "Taille maximale : 5,0\xa0Mio" in content.decode()
