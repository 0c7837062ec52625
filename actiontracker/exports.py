"""The one shape of every export: records from a selector, laid out by an ``Exporter``'s
columns, rendered to CSV or XLSX as a stream of bytes.

A column's value is typed (text, a whole number, a date, or nothing), so the workbook holds
dates as dates and numbers as numbers; the CSV writes dates one way, ISO 8601
(``2023-05-04``), which every spreadsheet reads as a date. Both render in one pass over the
rows, keeping none: the CSV is sent as it is written, and the workbook is written row by row
(XlsxWriter's constant-memory mode) to a temporary file that is then sent in blocks. Memory
stays flat however many rows there are.

Text a spreadsheet would run as a formula is defused: in the CSV it gets a leading ``'``
(a CSV cell has no type), in the workbook it is a string cell marked as text.
"""

import csv
import datetime
import decimal
import io
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from django.utils import timezone

from actiontracker.downloads import file_response

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 64 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX}
DATE_FORMAT = "d mmmm yyyy"  # as the papers write dates: 4 May 2023
WHOLE_NUMBER = re.compile(r"[1-9][0-9]{0,14}")  # Excel keeps 15 digits exactly
# Control characters other than tab and line breaks may not appear in a workbook's XML.
ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
UNSAFE_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")


def safe_cell(value) -> str:
    """A cell as CSV text, never as a formula a spreadsheet would run; dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return _naive(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return str(value)  # a number is never a formula, "-5" included
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def number_or_text(text: str) -> int | str | None:
    """An item number as a number when it is one ("6"), else as typed ("6a", "06")."""
    if not text:
        return None
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


def xlsx_text(value: str) -> str:
    """A cell's text as a workbook can hold it.

    Control characters (Word's manual line break is \\x0b) cannot be held in the XML of a
    workbook: they would come back as codes such as ``_x000B_``, so they are dropped. A lone
    carriage return would come back as a line feed anyway, so line breaks are written as
    Excel writes them. Most text has neither, and is returned after one search.
    """
    if NEEDS_CLEANING.search(value) is None:
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_IN_XLSX.sub("", value)


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, its typed value for a record, its width."""

    header: str
    value: Callable[[Any], Any]
    width: int = 16  # characters, in the workbook


@dataclass(frozen=True)
class Exporter:
    """A register's export: the columns of its rows, the file's name and the sheet's."""

    name: str
    columns: Sequence[Column]
    sheet_title: str = ""

    @property
    def header(self) -> list[str]:
        return [column.header for column in self.columns]

    def rows(self, records: Iterable) -> Iterator[list]:
        values = [column.value for column in self.columns]
        for record in records:
            yield [value(record) for value in values]

    def render(self, records: Iterable, *, format: str) -> Iterator[bytes]:
        if format == "csv":
            return render_csv(self.header, self.rows(records))
        widths = [column.width for column in self.columns]
        title = self.sheet_title or self.name.replace("-", " ").capitalize()
        return render_xlsx(self.header, self.rows(records), widths=widths, title=title)

    def response(self, records: Iterable, *, format: str = "csv"):
        """The export as a streamed download, ``<name>.<format>``."""
        return file_response(
            self.render(records, format=format),
            filename=f"{self.name}.{format}",
            content_type=CONTENT_TYPES[format],
        )


def render_csv(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    """The rows as UTF-8 CSV, in chunks of about 64 KB."""
    buffer = io.StringIO()
    # The byte-order mark makes Excel read the file as UTF-8 (names with accents, "•").
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def render_xlsx(
    header: Sequence[str], rows: Iterable[Sequence], *, widths: Sequence[int], title: str
) -> Iterator[bytes]:
    """The rows as a one-sheet workbook with typed cells, in chunks of 64 KB.

    XlsxWriter's constant-memory mode writes each row out as the next begins, strings
    inline (no table of every string kept to the end); the finished workbook is a
    temporary file read back in blocks, so memory stays flat however many rows there are.
    """
    with tempfile.TemporaryFile() as output:
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        sheet = workbook.add_worksheet(UNSAFE_IN_SHEET_TITLE.sub(" ", title)[:31] or "Sheet1")
        for index, width in enumerate(widths):
            sheet.set_column(index, index, width)
        sheet.freeze_panes(1, 0)
        bold = workbook.add_format({"bold": True})
        for col, text in enumerate(header):
            sheet.write_string(0, col, text, bold)
        write = _CellWriter(workbook, sheet)
        for row_number, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                write(row_number, col, value)
        workbook.close()
        output.seek(0)
        while chunk := output.read(CHUNK):
            yield chunk


class _CellWriter:
    """Writes typed cells, each kind with its format made once: text wraps at the top of
    the cell and, if it looks like a formula, is kept text when edited (the quote prefix,
    not a visible quote as in the CSV); dates show as the papers write them."""

    def __init__(self, workbook, sheet):
        self.sheet = sheet
        top = {"valign": "top"}
        self.text = workbook.add_format({**top, "text_wrap": True})
        self.quoted = workbook.add_format({**top, "text_wrap": True, "quote_prefix": True})
        self.number = workbook.add_format(top)
        self.date = workbook.add_format({**top, "num_format": DATE_FORMAT})
        self.datetime = workbook.add_format({**top, "num_format": f"{DATE_FORMAT} hh:mm"})

    def __call__(self, row: int, col: int, value) -> None:
        if value is None or value == "":
            return
        if isinstance(value, datetime.datetime):
            self.sheet.write_datetime(row, col, _naive(value), self.datetime)
        elif isinstance(value, datetime.date):
            self.sheet.write_datetime(row, col, value, self.date)
        elif isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
            self.sheet.write_number(row, col, value, self.number)
        else:
            # A string cell is never run as a formula, whatever it starts with.
            text = xlsx_text(str(value))
            style = self.quoted if text.startswith(FORMULA_STARTS) else self.text
            self.sheet.write_string(row, col, text, style)


def _naive(value: datetime.datetime) -> datetime.datetime:
    """Local wall-clock time: a workbook has no time zones."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)
