"""Checks on uploaded documents: the type comes from the bytes (magic numbers), never from the name or the browser.

Allowed: PDF, office documents (OOXML, OpenDocument, legacy Microsoft Office), images (PNG, JPEG, GIF, WebP), CSV.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

HEAD_SIZE = 8192


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extension: str


PDF = FileType("PDF", "application/pdf", "pdf")
PNG = FileType("image PNG", "image/png", "png")
JPEG = FileType("image JPEG", "image/jpeg", "jpg")
GIF = FileType("image GIF", "image/gif", "gif")
WEBP = FileType("image WebP", "image/webp", "webp")
CSV = FileType("CSV", "text/csv", "csv")
DOCX = FileType("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = FileType("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
PPTX = FileType("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx")
ODT = FileType("OpenDocument texte", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType("OpenDocument tableur", "application/vnd.oasis.opendocument.spreadsheet", "ods")
ODP = FileType("OpenDocument présentation", "application/vnd.oasis.opendocument.presentation", "odp")
DOC = FileType("Word 97-2003", "application/msword", "doc")
XLS = FileType("Excel 97-2003", "application/vnd.ms-excel", "xls")
PPT = FileType("PowerPoint 97-2003", "application/vnd.ms-powerpoint", "ppt")

OPEN_DOCUMENT = {item.content_type: item for item in (ODT, ODS, ODP)}
LEGACY_OFFICE = {item.extension: item for item in (DOC, XLS, PPT)}
ALLOWED_LABEL = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP, CSV"


def max_upload_size():
    return settings.MAX_UPLOAD_SIZE


def _sniff_zip(file):
    """OOXML and OpenDocument files are zip archives: their inner layout tells which one."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return OPEN_DOCUMENT.get(archive.read("mimetype")[:100].decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                prefixes = {name.split("/", 1)[0] for name in names}
                if "word" in prefixes:
                    return DOCX
                if "xl" in prefixes:
                    return XLSX
                if "ppt" in prefixes:
                    return PPTX
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    return None


def _looks_like_csv(file):
    file.seek(0)
    sample = file.read(HEAD_SIZE)
    if b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is fine; anything else is not UTF-8 text.
        if error.start < len(sample) - 4:
            try:
                text = sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
        else:
            text = sample[: error.start].decode("utf-8-sig")
    stripped = text.lstrip().lower()
    if stripped.startswith(("<", "{", "%pdf")):
        return False  # HTML, XML, SVG or JSON disguised as a table
    # Control characters other than tabs and line breaks: a binary file, not a table.
    return not any(unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text)


def sniff(file, filename):
    """The allowed type of the file from its first bytes, or None."""
    file.seek(0)
    head = file.read(HEAD_SIZE)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(file)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE2 compound file: Word, Excel or PowerPoint 97-2003; the extension says which of the three.
        return LEGACY_OFFICE.get(extension, DOC if extension == "dot" else None)
    if extension == "csv" and _looks_like_csv(file):
        return CSV
    return None


def clean_filename(name, file_type):
    """A safe file name: no path, no control character, the extension of the real type. Raises ValidationError."""
    if "/" in name or "\\" in name:
        raise ValidationError(
            _("Le nom du fichier « %(name)s » contient une barre oblique (/ ou \\) : renommez-le sans chemin."),
            params={"name": name},
            code="path",
        )
    name = unicodedata.normalize("NFC", name)
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip().strip(".")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(char if char.isalnum() or char in " -_()" else "_" for char in stem).strip(" _") or "document"
    return f"{stem[:120]}.{file_type.extension}"


def check_upload(upload):
    """Check one uploaded file; returns (clean file name, FileType). Raises ValidationError with a French message."""
    if upload is None:
        raise ValidationError(_("Choisissez un fichier."), code="required")
    raw_name = upload.name or ""
    if "/" in raw_name or "\\" in raw_name or raw_name in {"", ".", ".."}:
        raise ValidationError(
            _("Le nom du fichier « %(name)s » contient un chemin (/ ou \\) : renommez-le sans chemin."),
            params={"name": raw_name},
            code="path",
        )
    if upload.size == 0:
        raise ValidationError(_("Le fichier « %(name)s » est vide."), params={"name": raw_name}, code="empty")
    if upload.size > max_upload_size():
        raise too_large_error(raw_name, upload.size)
    file_type = sniff(upload, raw_name)
    upload.seek(0)
    if file_type is None:
        raise ValidationError(
            _(
                "Le contenu du fichier « %(name)s » ne correspond à aucun type accepté (%(allowed)s). "
                "Le type est reconnu d'après le contenu du fichier, pas d'après son nom."
            ),
            params={"name": raw_name, "allowed": ALLOWED_LABEL},
            code="type",
        )
    return clean_filename(raw_name, file_type), file_type


def too_large_error(name, size=None):
    limit = max_upload_size()
    if size is None:
        return ValidationError(
            _("Le fichier « %(name)s » dépasse la taille maximale de %(limit)s."),
            params={"name": name, "limit": filesizeformat(limit)},
            code="too_large",
        )
    return ValidationError(
        _("Le fichier « %(name)s » pèse %(size)s : la taille maximale est de %(limit)s."),
        params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="too_large",
    )


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading a file as soon as it passes the limit: an oversized upload is never written to disk."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.oversized_uploads = [*getattr(self.request, "oversized_uploads", []), self.file_name]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(view):
    """Put the size limit first among the upload handlers (before CSRF reads the body, hence exempt-then-protect)."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request, max_upload_size()))
        return csrf_protect(view)(request, *args, **kwargs)

    return wrapped


def file_download(field_file, filename, content_type):
    """Serve a stored upload as a download that the browser never renders as a page."""
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
