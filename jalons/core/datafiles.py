"""Reading versioned data files (reference data, imports) with errors that name the file, line and reason."""

import csv
import datetime
from pathlib import Path

from django.utils.translation import gettext as _


class DataFileError(Exception):
    def __init__(self, path, line, reason):
        self.path, self.line, self.reason = Path(path), line, reason
        super().__init__(str(self))

    def __str__(self):
        return _("%(file)s, ligne %(line)s : %(reason)s") % {
            "file": self.path.name,
            "line": self.line,
            "reason": self.reason,
        }


def text(value):
    if not value.strip():
        raise ValueError(_("valeur obligatoire manquante"))
    return value.strip()


def optional_text(value):
    return value.strip()


def integer(value):
    try:
        return int(value)
    except ValueError:
        raise ValueError(_("« %(value)s » n'est pas un nombre entier") % {"value": value}) from None


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(_("« %(value)s » n'est pas une date AAAA-MM-JJ") % {"value": value}) from None


def yes_no(value):
    normalized = value.strip().lower()
    if normalized not in {"oui", "non"}:
        raise ValueError(_("« %(value)s » : « oui » ou « non » attendu") % {"value": value})
    return normalized == "oui"


def read_csv(path, columns):
    """Return [(line_number, row)] with each value converted by columns[name]; raise DataFileError on the first fault.

    The file must be UTF-8 and have exactly the expected columns, in any order.
    """
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise DataFileError(path, line, _("le fichier n'est pas encodé en UTF-8")) from None
    except OSError as error:
        raise DataFileError(path, 0, _("fichier illisible (%(error)s)") % {"error": error.strerror}) from None
    reader = csv.reader(content.splitlines())
    header = next(reader, None)
    if header is None:
        raise DataFileError(path, 1, _("le fichier est vide"))
    missing = [name for name in columns if name not in header]
    extra = [name for name in header if name not in columns]
    if missing or extra:
        details = []
        if missing:
            details.append(_("colonnes manquantes : %(names)s") % {"names": ", ".join(missing)})
        if extra:
            details.append(_("colonnes inattendues : %(names)s") % {"names": ", ".join(extra)})
        raise DataFileError(path, 1, " ; ".join(details))
    rows = []
    for line_number, values in enumerate(reader, start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise DataFileError(
                path,
                line_number,
                _("%(found)s valeurs au lieu de %(expected)s") % {"found": len(values), "expected": len(header)},
            )
        row = {}
        for name, value in zip(header, values, strict=True):
            try:
                row[name] = columns[name](value)
            except ValueError as error:
                raise DataFileError(path, line_number, f"{name} : {error}") from None
        rows.append((line_number, row))
    return rows


def check_unique(path, rows, *keys):
    """Refuse a file in which two rows share the same key."""
    seen = {}
    for line_number, row in rows:
        key = tuple(row[name] for name in keys)
        if key in seen:
            raise DataFileError(
                path, line_number, _("doublon de la ligne %(line)s (%(key)s)") % {"line": seen[key], "key": key}
            )
        seen[key] = line_number


def sync(model, lookup, values):
    """Create or update one row, writing only when something changed. Return (instance, outcome)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, "unchanged"
    for name in changed:
        setattr(instance, name, values[name])
    instance.save(update_fields=changed)
    return instance, "updated"
