"""What kind of file an upload is, found from its content (never its name): PDF, Word
(.docx), Excel (.xlsx), CSV or plain text; anything else is refused, saying why."""

import csv
import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

# Larger than any paper or log a secretariat keeps; IMPORT_MAX_UPLOAD_BYTES overrides it.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# The stored file's suffix, by type (the importer reads a file by its suffix and content).
SUFFIXES = {"pdf": "pdf", "text": "txt", "docx": "docx", "xlsx": "xlsx", "csv": "csv"}
LABELS = {"pdf": "PDF", "text": "Text", "docx": "Word", "xlsx": "Excel", "csv": "CSV"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc and .xls, from before 2007
_SAMPLE = 64 * 1024
_CONTROL_BYTES = [c for c in range(32) if chr(c) not in "\t\n\r\f"]


def max_upload_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def sniff_file_type(content: bytes, original_name: str = "", *, max_bytes: int | None = -1) -> str:
    """The file's type, "pdf", "docx", "xlsx", "csv" or "text"; ValidationError for anything
    else, or for a file larger than ``max_bytes`` (default: the upload limit; None: any)."""
    limit = max_upload_bytes() if max_bytes == -1 else max_bytes
    if limit is not None and len(content) > limit:
        raise ValidationError(
            f"The file must be smaller than {filesizeformat(limit)}; "
            f"this file is {filesizeformat(len(content))}.",
            code="too_large",
        )
    if not content.strip():
        raise ValidationError("The file is empty.", code="empty")
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    if content.startswith(_OLE):
        raise ValidationError(
            "This is an older Word or Excel file (.doc or .xls): save it as .docx or .xlsx "
            "(or as PDF) and upload it again.",
            code="old_office",
        )
    text = _text(content)
    return "csv" if _looks_like_csv(text, original_name) else "text"


def _office(content: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ValidationError(
            "The file looks like a Word or Excel file but cannot be opened; it may be "
            "damaged. Save it again and upload it once more.",
            code="bad_zip",
        ) from error
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ValidationError(
        "The file is a zip archive, not a Word (.docx) or Excel (.xlsx) file.", code="zip"
    )


def _text(content: bytes) -> str:
    sample = content[:_SAMPLE]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            "The file is text saved as UTF-16 (Excel's \u201cUnicode text\u201d): save it as "
            "CSV UTF-8 or as .xlsx and upload it again.",
            code="utf16",
        )
    # A stray NUL or control character (a damaged export) is stripped when the text is
    # read; a file full of them is not text.
    controls = sum(sample.count(bytes([c])) for c in _CONTROL_BYTES)
    if controls > max(8, len(sample) // 20):
        raise ValidationError(
            "The file is neither a PDF, a Word or Excel file, nor text. Upload the paper "
            "as PDF, .docx or text, or the log as .xlsx or CSV.",
            code="binary",
        )
    try:
        return sample.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 4:  # a character cut by the sample's end
            return sample[: error.start].decode("utf-8-sig")
        return sample.decode("cp1252", errors="replace")


def _looks_like_csv(text: str, original_name: str) -> bool:
    """Comma- or semicolon-separated rows of one width from the header on (a paper's
    text is prose and tab-separated cells); a name ending .csv settles a close call."""
    rows = []
    for delimiter in ",;":
        try:
            rows = list(_first_rows(text, delimiter))
        except csv.Error:
            continue
        if len(rows) < 2 or len(rows[0]) < 2:
            continue
        same = sum(1 for row in rows if len(row) == len(rows[0]))
        if same == len(rows) or (
            original_name.lower().endswith(".csv") and same >= 0.6 * len(rows)
        ):
            return True
    return False


def _first_rows(text: str, delimiter: str, limit: int = 10):
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append(row)
        if len(rows) > limit:
            break
    # The sample's last row may be cut short.
    return rows[:limit] if len(rows) > limit else rows[:-1] if len(rows) > 2 else rows
