"""The "Summary List of Actions" paper, from its extracted text to dataclasses.

The text is what PDF extraction gives: header lines "Report to:<TAB>…", numbered sections
and paragraphs, one table per earlier meeting with tab-separated cells, and tables broken
across pages (repeated header row, continuation rows with empty leading cells, cells wrapped
onto the next line).
"""

import datetime
import re
from dataclasses import dataclass, field

from papers.importing.cells import (
    PaperParseError,
    is_page_footer,
    paragraphs,
    parse_date,
    parse_day_month,
)
from papers.importing.columns import Layout, meeting_heading, read_header
from papers.importing.common import (
    ContactOfficerData,
    parse_contact_block,
    parse_header_line,
    section_heading,
    strip_list_marker,
)
from papers.importing.letters import (
    APPENDIX_RE,
    LetterData,
    add_appendix_letters,
    read_section_four,
)
from papers.importing.logtable import LayoutReader
from papers.importing.tables import MeetingBlock, TableReader, join_text
from papers.importing.writing import Unplaced

BLOCK_RE = re.compile(
    r"^\s*actions?\s+arising\s+from\s+(?:the\s+)?(?:committee\s+)?meeting\s+"
    r"(?:held\s+on|of|on)\s+(.+)$",
    re.I,
)
# "Item No.:<TAB>Item Title…", or "Item<TAB>Item Title…" when "No." wrapped to a second line.
ITEM_HEADER_RE = re.compile(
    r"^\s*(?:agenda\s+|minute\s+)?item(?:\s*no\b|\s*number\b|\s*\t\s*item\s+title\b)", re.I
)
STANDING_HEADER_RE = re.compile(r"^\s*subject\s+and\s+action\s+required\b", re.I)
COMPLAINTS_HEADING_RE = re.compile(r"^\s*complaints\s+about\s+the\s+mayor", re.I)
PARAGRAPH_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(.*)$")
PERIOD_RE = re.compile(r"period\s+(?:from\s+)?(.+?)\s+(?:to|until|-|–)\s+(.+?)(?:\.|$)", re.I)
_PERIOD_WORD_RE = re.compile(r"period\s", re.I)
# Lines that end the tables of section 3 however the paper numbers its sections.
_AFTER_TABLES = (
    "contact information",
    "contact officer",
    "list of appendices",
    "local government (access to information)",
    "list of background papers",
)


@dataclass
class SummaryPaper:
    """Everything a Summary List of Actions paper holds."""

    subject: str = ""
    report_to: str = ""
    report_of: str = ""
    date: datetime.date | None = None
    public_access: str = ""
    summary_text: str = ""
    recommendation_text: str = ""
    blocks: list[MeetingBlock] = field(default_factory=list)
    complaints_delegation_text: str = ""
    complaints_status_text: str = ""
    transparency_procedure_text: str = ""
    transparency_status_text: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    letters: list[LetterData] = field(default_factory=list)
    # Section 4's paragraphs about no letter: before the first letter's, and the others.
    correspondence_intro: str = ""
    correspondence_note: str = ""
    legal_text: str = ""
    financial_text: str = ""
    background_papers: str = ""
    contact_officers: list[ContactOfficerData] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(block.rows) for block in self.blocks)


def parse_summary(text: str) -> SummaryPaper:
    """Parse the text of a Summary List of Actions paper."""
    paper = SummaryPaper()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    section = 0
    reader: TableReader | LayoutReader | None = None
    pending: Layout | None = None  # a header row read before any meeting's heading
    standing = False
    paragraph_lines: dict[str, list[tuple[int, str]]] = {}
    appendix_lines: list[tuple[int, str]] = []
    contact_lines: list[str] = []
    in_appendices = in_contact = in_background = False

    def close_table():
        nonlocal reader
        if reader is not None:
            reader.finish()
            reader = None

    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.rstrip()
        if not line.strip() or is_page_footer(line):
            continue
        stripped = line.strip()
        header = parse_header_line(stripped)
        if header and section < 3 and not paper.blocks:
            _set_header(paper, header, number)
            continue
        block = BLOCK_RE.match(stripped)
        other_block = None if block else _other_heading(line, section, reader)
        if block or other_block:
            date = parse_date(block.group(1)) if block else other_block
            if date is None:
                raise PaperParseError(number, "a meeting date after 'Held on'", stripped)
            if reader is not None and paper.blocks and paper.blocks[-1].date == date:
                # The heading is the table's first row, repeated on each page with it.
                if isinstance(reader, TableReader):
                    reader.page_break()
                continue
            layout = reader.layout if isinstance(reader, LayoutReader) else pending
            close_table()
            paper.blocks.append(MeetingBlock(line=number, date=date))
            if layout is not None:  # one table across meetings: its header came once
                reader = _layout_reader(paper, layout)
            standing = False
            continue
        if ITEM_HEADER_RE.match(line) and _standard_header(number, line):
            if not paper.blocks:
                raise PaperParseError(
                    number, "an 'Actions Arising from the Meeting Held on …' heading first"
                )
            if reader is None:
                reader = TableReader(paper.blocks[-1])
            elif isinstance(reader, TableReader):
                reader.page_break()  # a repeated header row on a new page: the table carries on
            continue
        if COMPLAINTS_HEADING_RE.match(stripped) and "\t" not in line:
            close_table()
            continue
        if STANDING_HEADER_RE.match(stripped):
            close_table()
            standing = True
            continue
        layout = _table_header(number, line, reader)
        if layout is not None:
            close_table()
            if not paper.blocks or section > 3:
                # The header first, each meeting a full-width row of the same table.
                pending = layout
                continue
            reader = _layout_reader(paper, layout)
            continue
        heading = section_heading(stripped) if "\t" not in line else None
        if heading is not None and isinstance(reader, LayoutReader):
            # An item row ("7. Question and Answer Session") looks like a section heading.
            heading = heading if _SECTION_TITLE_RE.search(stripped) else None
        if heading is not None:
            close_table()
            standing = False
            section = heading
            in_appendices = in_contact = in_background = False
            continue
        if standing and "\t" in line:
            _standing_row(paper, number, line)
            continue
        lowered = stripped.lower()
        if lowered.startswith(_AFTER_TABLES):
            close_table()
        if reader is not None:
            reader.feed(number, line)
            continue
        if lowered.startswith("list of appendices"):
            in_appendices, in_background, in_contact = True, False, False
            continue
        if lowered.startswith("local government (access to information)"):
            in_appendices = False
            continue
        if lowered.startswith("list of background papers"):
            in_background, in_appendices = True, False
            rest = stripped.split(":", 1)[1].strip() if ":" in stripped else ""
            if rest:
                paper.background_papers = rest
                in_background = False
            continue
        if lowered.startswith("contact information") or lowered.startswith("contact officer"):
            in_contact, in_appendices, in_background = True, False, False
            if lowered.startswith("contact information"):
                continue
        if in_contact:
            contact_lines.append(stripped)
            continue
        if in_background:
            paper.background_papers = join_text(paper.background_papers, stripped)
            continue
        if in_appendices:
            if lowered.rstrip(".") in {"none", "n/a", "not applicable", "no appendices"}:
                continue
            if appendix_lines and not APPENDIX_RE.match(stripped):
                # An appendix title that wrapped onto the next line.
                last_number, last_text = appendix_lines[-1]
                appendix_lines[-1] = (last_number, f"{last_text} {stripped}")
            else:
                appendix_lines.append((number, stripped))
            continue
        item = strip_list_marker(stripped)
        para = PARAGRAPH_RE.match(item)
        if para:
            paragraph_lines.setdefault(para.group(1), []).append((number, para.group(3)))
        elif paragraph_lines.get(str(section)):
            # A paragraph that wrapped onto the next line.
            last_number, last_text = paragraph_lines[str(section)][-1]
            paragraph_lines[str(section)][-1] = (last_number, join_text(last_text, item))
        elif "\t" in line and section == 3:
            raise PaperParseError(
                number, "an 'Actions Arising from the Meeting Held on …' heading before this row"
            )
        else:
            place = f"section {section}" if section else "before section 1"
            paper.unplaced.append(Unplaced(number, stripped, place))
    close_table()

    if not paper.blocks and "actions" not in paper.subject.lower():
        # Neither a table of actions nor a subject saying this is a list of them.
        raise PaperParseError(1, "a 'Summary List of Actions' paper (a 'Subject:' line)")
    if paper.date is None:
        raise PaperParseError(1, "a 'Date:' line giving the meeting that considers the paper")
    unread = [u for u in paper.unplaced if u.where == "section 3"]
    if not paper.blocks and unread:
        # Text where the actions should be, and no table of them read: never "0 actions".
        raise PaperParseError(
            unread[0].line,
            "an action table under a meeting heading such as 'Actions Arising from the "
            "Meeting Held on …' or 'Meeting of …', its header row naming the columns",
            unread[0].text,
        )
    if not paper.blocks:
        paper.warnings.append("The paper lists no actions.")
    if paper.blocks and not paper.action_count:
        raise PaperParseError(
            paper.blocks[0].line,
            "at least one action row under the meetings' headings (a header row naming the "
            "columns, such as Item No. · Item Title · Responsible Person · Action(s) · Status, "
            "then the actions)",
        )
    _paragraph_texts(paper, paragraph_lines)
    add_appendix_letters(paper.letters, appendix_lines, paper.date)
    paper.contact_officers = parse_contact_block(contact_lines)
    _period(paper)
    return paper


def _set_header(paper: SummaryPaper, header: tuple[str, str], number: int) -> None:
    key, value = header
    if key == "subject":
        paper.subject = value
    elif key == "report to":
        paper.report_to = value
    elif key == "report of":
        paper.report_of = value
    elif key == "public access":
        paper.public_access = value
    elif key == "date":
        paper.date = parse_date(value)
        if paper.date is None:
            raise PaperParseError(number, "a date such as 24 May 2023 after 'Date:'", value)


def _standing_row(paper: SummaryPaper, number: int, line: str) -> None:
    cells = line.split("\t")
    first = paragraphs(cells[0])
    title = first[0].lower() if first else ""
    body = " ".join(first[1:])
    status = " ".join(paragraphs(cells[1])) if len(cells) > 1 else ""
    if "transparency" in title:
        paper.transparency_procedure_text = body
        paper.transparency_status_text = status
    elif "complaint" in title:
        paper.complaints_delegation_text = body
        paper.complaints_status_text = status
    else:
        raise PaperParseError(
            number, "the Complaints or Transparency Procedure row of the standing table", line
        )


def _paragraph_texts(paper: SummaryPaper, paragraph_lines: dict) -> None:
    def texts(section: str) -> list[tuple[int, str]]:
        return [(n, t.replace("**", "").strip()) for n, t in paragraph_lines.get(section, [])]

    summary = texts("1")
    paper.summary_text = "\n\n".join(t for _, t in summary)
    paper.recommendation_text = "\n\n".join(t for _, t in texts("2"))
    paper.legal_text = "\n\n".join(t for _, t in texts("5"))
    paper.financial_text = "\n\n".join(t for _, t in texts("6"))
    _section_four(paper, texts("4"))


def _section_four(paper: SummaryPaper, texts: list[tuple[int, str]]) -> None:
    found = read_section_four(texts)
    paper.letters.extend(found.letters)
    paper.correspondence_intro = "\n\n".join(text for _, text in found.before)
    paper.correspondence_note = "\n\n".join(text for _, text in found.after)
    for number, text in found.before + found.after:
        if "asked to note" not in text.lower():
            # Not a letter it can read: shown before the import, kept as the paper's text.
            paper.unplaced.append(Unplaced(number, text, "section 4"))


def _period(paper: SummaryPaper) -> None:
    for text in (paper.transparency_status_text, paper.complaints_status_text):
        # Tried from the first "period" only: a later one finds no "to" the first did not,
        # and trying each of many would be quadratic.
        text = " ".join(text.split())
        first = _PERIOD_WORD_RE.search(text)
        match = PERIOD_RE.match(text, first.start()) if first else None
        if not match:
            continue
        end = parse_date(match.group(2))
        if end is None:
            continue
        start = parse_date(match.group(1))
        if start is None:
            start = _with_year(match.group(1), end)
        if start is not None and start <= end:
            paper.period_start, paper.period_end = start, end
            return


def _with_year(text: str, end: datetime.date) -> datetime.date | None:
    start = parse_day_month(text, end.year)
    if start is not None and start > end:
        start = parse_day_month(text, end.year - 1)
    return start


_SECTION_TITLE_RE = re.compile(
    r"\b(?:additional\s+correspondence|legal|financial|implications|background|appendices|"
    r"recommendations?|equalit|risks?\b|summary|contact)",
    re.I,
)


def _other_heading(line: str, section: int, reader) -> datetime.date | None:
    """A meeting heading of the other layouts ("Meeting of 14 January 2021", "Actions
    held over from previous meeting(s) on …"), in section 3, alone on its line or row."""
    if section > 3:
        return None
    cells = {cell.strip() for cell in line.split("\t") if cell.strip()}
    return meeting_heading(cells.pop()) if len(cells) == 1 else None


def _table_header(number: int, line: str, reader) -> Layout | None:
    """The layout a header row of another layout names (not the repeat of the table's)."""
    if "\t" not in line:
        return None
    cells = line.split("\t")
    if isinstance(reader, LayoutReader) and reader.layout.same(cells):
        return None
    return read_header(number, cells, guess=reader is None)


def _layout_reader(paper: SummaryPaper, layout: Layout) -> LayoutReader:
    return LayoutReader(
        layout, paper.blocks[-1], paged=True, unplaced=paper.unplaced, warnings=paper.warnings
    )


_STANDARD = {"item": 0, "title": 1, "responsible": 2, "action": 3, "status": 4}


def _standard_header(number: int, line: str) -> bool:
    """The Summary List's own header, its five columns in their usual order."""
    try:
        layout = read_header(number, line.split("\t"))
    except PaperParseError:
        return True
    return layout is None or layout.fields == _STANDARD
