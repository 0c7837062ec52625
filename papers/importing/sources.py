"""Word (.docx), Excel (.xlsx) and CSV files as the lines the parsers read: a table row is
one line of tab-separated cells, a paragraph one line, in the file's order.

A cell's own line breaks become spaces, its list lines "• " items (what the action parser
splits requested items at). Each line remembers where it was ("sheet Actions, row 7"), so
a refusal names the row and the cell."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from papers.importing.cells import PaperParseError

_LIST_LINE_RE = re.compile(r"^\s*(?:[-*•–·▪◦]|\d{1,2}[.)])\s+")
FORMATS = {".docx": "Word", ".xlsx": "Excel", ".csv": "CSV"}


@dataclass
class Source:
    """A file's lines and where each came from."""

    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    paged: bool = False  # False: a row is a row (no page breaks to mend)

    def add(self, cells: list[str], place: str) -> None:
        self.lines.append("\t".join(cells))
        self.places.append(place)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def place(self, line: int) -> str:
        return self.places[line - 1] if 0 < line <= len(self.places) else f"line {line}"


def cell_text(value) -> str:
    """A cell's value as one line: dates as 2023-03-22, whole numbers without ".0",
    list lines as "• " items."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    parts = []
    for part in text.split("\n"):
        if not part.strip():
            continue
        marker = _LIST_LINE_RE.match(part)
        parts.append(f"• {part[marker.end() :]}" if marker and parts else part.strip())
    return " ".join(parts)


def relocate(error: PaperParseError, source: Source) -> PaperParseError:
    """The same refusal, naming the row of the sheet or table instead of a line number."""
    message = str(error).split(": ", 1)[1] if ": " in str(error) else str(error)
    error.args = (f"{source.place(error.line)}: {message}",)
    return error


def read_xlsx(path: Path) -> Source:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign file: one message, whatever broke
        raise PaperParseError(1, f"a readable Excel workbook ({error})") from error
    source = Source()
    try:
        for sheet in book.worksheets:
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(value) for value in row]
                while cells and not cells[-1]:
                    cells.pop()
                source.add(cells, f"sheet {sheet.title}, row {number}")
            source.add([], f"sheet {sheet.title}, end")
    finally:
        book.close()
    return source


def read_csv(path: Path) -> Source:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    source = Source()
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for number, row in enumerate(reader, start=1):
            source.add([cell_text(value) for value in row], f"row {number}")
    except csv.Error as error:
        raise PaperParseError(reader.line_num, f"a well-formed CSV row ({error})") from error
    return source


def read_docx(path: Path) -> Source:
    """Paragraphs and tables in the document's order; a table's rows cell by cell (Word
    repeats a merged cell's text in each cell it spans, which the reader takes as one)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:
        raise PaperParseError(1, f"a readable Word document ({error})") from error
    source = Source()
    tables = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _paragraph(Paragraph(child, document))
            source.add([text] if text else [], f"paragraph {len(source.lines) + 1}")
        elif tag == "tbl":
            tables += 1
            for number, row in enumerate(Table(child, document).rows, start=1):
                cells = [_cell(cell) for cell in row.cells]
                source.add(cells, f"table {tables}, row {number}")
            source.add([], f"table {tables}, end")
    return source


def _paragraph(paragraph) -> str:
    text = " ".join(paragraph.text.replace("\t", " ").split())
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if text and ("list" in style or numbered):
        return f"• {text}"
    return text


def _cell(cell) -> str:
    parts = []
    for paragraph in cell.paragraphs:
        text = _paragraph(paragraph)
        if text:
            parts.append(text if parts or not text.startswith("• ") else text)
    return " ".join(parts)


_LAST: dict[tuple, Source] = {}  # the file last read: read once for its text and places


def read_source(path: Path) -> Source | None:
    """The file's lines if it is Word, Excel or CSV; None for text and PDF."""
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in _LAST:
        return _LAST[key]
    source = _read_source(path)
    _LAST.clear()
    if source is not None:
        _LAST[key] = source
    return source


def _read_source(path: Path) -> Source | None:
    suffix = path.suffix.lower()
    head = path.read_bytes()[:4]
    if suffix == ".csv":
        return read_csv(path)
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(path)
    if suffix == ".docx":
        return read_docx(path)
    if head == b"PK\x03\x04":  # a zip: a Word or Excel file whatever its name
        raise PaperParseError(1, "a file named .docx, .xlsx, .csv, .pdf or .txt", path.name)
    return None
