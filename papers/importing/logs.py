"""Action logs that are not papers: trackers kept in Excel, CSV, Word or text, of any layout
whose header row names the columns, with meeting sections ("Meeting of 12 March 2024") or a
Date column, and this application's own register export.

Everything that is neither a table row nor a heading is kept in ``unplaced``, verbatim."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from papers.importing.cells import PaperParseError, is_page_footer, parse_date
from papers.importing.columns import is_item_row, meeting_heading, read_header, unknown_header
from papers.importing.common import parse_header_line
from papers.importing.logtable import LayoutReader
from papers.importing.sources import FORMATS, read_source, relocate
from papers.importing.tables import MeetingBlock
from papers.importing.writing import Unplaced

_KEY_RE = re.compile(r"^\s*(committee|council|body|organisation)\s*:\s*(.{1,200})$", re.I)
_TITLE_TAIL_RE = re.compile(
    r"[\s:|–—-]*\b(?:(?:outstanding|open|schedule\s+of)\s+)?(?:action|actions)(?:\s+(?:log|"
    r"tracker|register|list|sheet|points|schedule|record))?\b.{0,60}$",
    re.I,
)


@dataclass
class ActionLog:
    """The meetings, items and actions of a log."""

    title: str = ""
    committee: str = ""
    blocks: list[MeetingBlock] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(block.rows) for block in self.blocks)


def committee_from_title(title: str) -> str:
    """ "Marshfield Parish Council – Action Log 2024" -> "Marshfield Parish Council"."""
    title = " ".join(title.split())[:200]
    return _TITLE_TAIL_RE.sub("", title).strip(" -–—:|") or ""


def parse_log(text: str, *, paged: bool = True, where=None) -> ActionLog:
    """Parse an action log's lines (tab-separated cells); ``where(line)`` names a line's
    place for the messages ("sheet Actions, row 7"), when it is not a line of text."""
    log = ActionLog()
    reader: LayoutReader | None = None
    block: MeetingBlock | None = None
    first_table = None

    def close():
        nonlocal reader
        if reader is not None:
            reader.finish()
            reader = None

    after_blank = False
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.rstrip()
        cells = [cell.strip() for cell in line.split("\t")]
        filled = [cell for cell in cells if cell]
        if not filled or ("\t" not in line and is_page_footer(line)):
            after_blank = after_blank or not filled
            continue
        paragraph = paged and after_blank and "\t" not in line and not is_item_row(line)
        after_blank = False
        if len(set(filled)) == 1:
            date = meeting_heading(filled[0]) or _bare_date(filled[0])
            if date is not None and reader is not None and block and block.date == date:
                continue  # the heading is the table's first row, repeated on each page
            if date is not None:
                close()
                block = MeetingBlock(line=number, date=date)
                log.blocks.append(block)
                if first_table is not None:
                    reader = _reader(first_table, block, paged, log)
                continue
        if reader is not None and reader.layout.same(cells):
            continue
        layout = read_header(number, cells, guess=reader is None)
        if layout is not None:
            close()
            first_table = layout
            if block is None:
                block = MeetingBlock(line=number, date=None)  # dates in a column
                log.blocks.append(block)
            reader = _reader(layout, block, paged, log)
            continue
        if reader is not None and not paragraph:
            reader.feed(number, line)
            continue
        key = _KEY_RE.match(line.replace("\t", " "))
        if key and not log.committee:
            log.committee = " ".join(key.group(2).split())
            continue
        if len(filled) >= 3 and first_table is None:
            # Rows of a table before any header it can read: which column is which is unknown.
            raise unknown_header(number, cells)
        if not log.title and first_table is None and not log.blocks and len(filled) == 1:
            log.title = " ".join(filled)
            continue
        log.unplaced.append(Unplaced(number, line.strip(), _place(where, number)))
    close()
    log.blocks = [block for block in log.blocks if block.rows]
    if not log.blocks:
        if first_table is None:
            raise PaperParseError(
                1,
                "a 'Summary List of Actions' paper (a 'Subject:' line) or an action log (a "
                "header row naming its columns, such as Item · Action · Responsible Person · "
                "Status, and at least one action under it)",
            )
        raise PaperParseError(first_table.line, "at least one action under this header row")
    for block in log.blocks:
        for row in block.rows:
            if row.meeting_date is None and block.date is None:
                raise PaperParseError(
                    row.line,
                    "the meeting the action arose at: a heading such as 'Meeting of 14 "
                    "January 2021' above the table, or a Date column",
                )
    if not log.committee:
        log.committee = committee_from_title(log.title)
    return log


_BARE_DATE_RE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+"
    r"[A-Za-z]{3,9}\.?,?\s+\d{4}$",
    re.I,
)


def _bare_date(text: str):
    """A section of a log headed by its meeting's date alone ("Tuesday 12 March 2024")."""
    text = " ".join(text.split())
    return parse_date(text) if _BARE_DATE_RE.match(text) else None


def _reader(layout, block, paged, log) -> LayoutReader:
    return LayoutReader(layout, block, paged=paged, unplaced=log.unplaced, warnings=log.warnings)


def _place(where, number: int) -> str:
    return where(number) if where else "outside the action tables"


def looks_like_paper(text: str) -> bool:
    """A paper ("Report to:" in its header, or a Summary List's "Subject:" and "Date:"),
    not a log."""
    keys = set()
    for line in text.split("\n", 80)[:80]:
        header = parse_header_line(line[:300])
        if header:
            keys.add(header[0])
    return "report to" in keys or {"subject", "date"} <= keys


def read_log(path: Path, text: str) -> ActionLog:
    """The log in the file: a refusal names the sheet's or table's row, not a line."""
    source = None
    if path.suffix.lower() in FORMATS:
        source = read_source(path)
    try:
        return parse_log(text, paged=source is None, where=source.place if source else None)
    except PaperParseError as error:
        if source is None:
            raise
        raise relocate(error, source) from None
