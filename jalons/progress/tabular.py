"""Reading and writing tables (CSV or XLSX) for imports and exports.

An import reads the whole file, checks every row and collects every error (row, column, reason, in French)
before anything is written. Writers and readers agree on the formats, so that an export imports back unchanged.
"""

import csv
import datetime
import io
import zipfile
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RowError:
    def __init__(self, row, column, reason):
        self.row, self.column, self.reason = row, column, reason

    def __str__(self):
        if self.column:
            return _("Ligne %(row)s, colonne « %(column)s » : %(reason)s") % {
                "row": self.row,
                "column": self.column,
                "reason": self.reason,
            }
        return _("Ligne %(row)s : %(reason)s") % {"row": self.row, "reason": self.reason}

    def __repr__(self):
        return f"RowError({self.row!r}, {self.column!r}, {self.reason!r})"


class TableError(Exception):
    """The file cannot be imported; errors lists every fault found."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


# --- cell converters: take the cell as text, return the value or raise ValueError(reason) ------------------------


def required_text(max_length):
    def convert(value):
        if not value:
            raise ValueError(_("valeur obligatoire manquante"))
        if len(value) > max_length:
            raise ValueError(_("%(count)s caractères au plus") % {"count": max_length})
        return value

    return convert


def optional_text(max_length=None):
    def convert(value):
        if max_length and len(value) > max_length:
            raise ValueError(_("%(count)s caractères au plus") % {"count": max_length})
        return value

    return convert


def parse_date(value):
    """ISO (AAAA-MM-JJ) or French (JJ/MM/AAAA) date."""
    for parse in (datetime.date.fromisoformat, lambda text: datetime.datetime.strptime(text, "%d/%m/%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise ValueError(_("« %(value)s » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)") % {"value": value})


def required_date(value):
    if not value:
        raise ValueError(_("date obligatoire manquante"))
    return parse_date(value)


def optional_date(value):
    return parse_date(value) if value else None


def parse_decimal(value):
    try:
        number = Decimal(value.replace(" ", "").replace("\u202f", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("« %(value)s » n'est pas un nombre") % {"value": value}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValueError(_("« %(value)s » est hors des valeurs admises") % {"value": value})
    if number != number.quantize(Decimal("0.0001")):
        raise ValueError(_("« %(value)s » : quatre décimales au plus") % {"value": value})
    return number


def required_decimal(value):
    if not value:
        raise ValueError(_("valeur obligatoire manquante"))
    return parse_decimal(value)


def optional_decimal(value):
    return parse_decimal(value) if value else None


def format_decimal(value):
    if value is None:
        return ""
    return format(value.normalize(), "f")


# --- spreadsheet formulas ---------------------------------------------------------------------------------------
# A text cell starting with one of these characters would run as a formula in a spreadsheet program: exports
# prefix it with an apostrophe, and imports remove that apostrophe, so that an export still imports back unchanged.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text):
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def neutralise_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def restore_formula(text):
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


# --- reading -----------------------------------------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return restore_formula(str(value).strip())


def _read_xlsx(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableError([RowError(1, "", _("le fichier XLSX est illisible ou endommagé"))]) from None
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    # Trailing empty cells are common in spreadsheets.
    width = max((index + 1 for row in rows for index, cell in enumerate(row) if cell), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def _read_csv(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise TableError(
            [
                RowError(
                    line,
                    "",
                    _(
                        "le fichier n'est pas encodé en UTF-8 ; dans votre tableur, "
                        "enregistrez-le au format « CSV UTF-8 »"
                    ),
                )
            ]
        ) from None
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    # Quoted cells may hold line breaks: the reader gets the text with its newlines untouched.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[restore_formula(cell.strip()) for cell in row] for row in reader]


def read_table(uploaded, columns):
    """Read an uploaded CSV or XLSX file into [(row number, {column: text})]; raise TableError.

    The first row names the columns: exactly `columns`, in any order. Row numbers are those of the spreadsheet
    (the header is row 1). Empty rows are skipped.
    """
    name = (getattr(uploaded, "name", "") or "").lower()
    if getattr(uploaded, "size", 0) > MAX_UPLOAD_BYTES:
        raise TableError([RowError(1, "", _("le fichier dépasse 5 Mo"))])
    content = uploaded.read()
    if name.endswith(".xlsx"):
        if not content.startswith(b"PK\x03\x04"):
            raise TableError([RowError(1, "", _("le fichier n'est pas un classeur XLSX"))])
        rows = _read_xlsx(content)
    elif name.endswith(".csv"):
        rows = _read_csv(content)
    else:
        raise TableError([RowError(1, "", _("format non pris en charge : envoyez un fichier .csv ou .xlsx"))])
    if not rows or not any(rows[0]):
        raise TableError([RowError(1, "", _("le fichier est vide"))])
    header = [cell.strip().lower() for cell in rows[0]]
    errors = []
    for column in columns:
        if column not in header:
            errors.append(RowError(1, column, _("colonne manquante")))
    for column in header:
        if column not in columns:
            errors.append(RowError(1, column or "—", _("colonne inattendue")))
    duplicated = {column for column in header if header.count(column) > 1}
    errors.extend(RowError(1, column, _("colonne en double")) for column in sorted(duplicated))
    if errors:
        raise TableError(errors)
    table = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        if len(cells) != len(header):
            errors.append(
                RowError(
                    number,
                    "",
                    _("%(found)s valeurs au lieu de %(expected)s") % {"found": len(cells), "expected": len(header)},
                )
            )
            continue
        table.append((number, dict(zip(header, cells, strict=True))))
    if len(table) > MAX_ROWS:
        errors.append(RowError(1, "", _("%(count)s lignes au plus") % {"count": MAX_ROWS}))
    if errors:
        raise TableError(errors)
    return table


INVALID = None


def convert_rows(table, converters):
    """Apply converters {column: function} to every cell; return ([(row, values, ok)], [RowError]).

    A cell that cannot be converted is reported and left as INVALID, so that the other checks of the row still run
    (every fault of the file is reported at once).
    """
    rows, errors = [], []
    for number, cells in table:
        values, ok = {}, True
        for column, convert in converters.items():
            try:
                values[column] = convert(cells[column])
            except ValueError as error:
                errors.append(RowError(number, column, str(error)))
                values[column] = INVALID
                ok = False
        rows.append((number, values, ok))
    return rows, errors


# --- writing -----------------------------------------------------------------------------------------------------


def csv_response(filename, columns, rows):
    """rows: lists of text cells."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # the BOM lets spreadsheet programs detect UTF-8
    writer = csv.writer(response, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([neutralise_formula(cell) for cell in row] for row in rows)
    return response


def xlsx_response(filename, columns, rows, sheet_title):
    """rows: lists of cells (text, numbers, dates)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.append(columns)
    for row in rows:
        sheet.append([neutralise_formula(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
