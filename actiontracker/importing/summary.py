"""The "Summary List of Actions" paper, from its extracted text to dataclasses.

The text is what PDF extraction gives: header lines "Report to:<TAB>…", numbered sections
and paragraphs, one table per earlier meeting with tab-separated cells, and tables broken
across pages (repeated header row, continuation rows with empty leading cells, cells wrapped
onto the next line).
"""

import datetime
import re
from dataclasses import dataclass, field

from actiontracker.importing.cells import (
    PaperParseError,
    clean_cell,
    find_date_list,
    find_dates,
    follow_up_date,
    is_page_footer,
    paragraphs,
    parse_date,
    parse_day_month,
    parse_status,
    split_action,
)
from actiontracker.importing.common import (
    ContactOfficerData,
    parse_contact_block,
    parse_header_line,
    section_heading,
    strip_list_marker,
)

ACTION_COLUMNS = 5
BLOCK_RE = re.compile(r"^\s*actions?\s+arising\s+from\s+the\s+meeting\s+held\s+on\s+(.+)$", re.I)
ITEM_HEADER_RE = re.compile(r"^\s*item\s*no\b", re.I)
STANDING_HEADER_RE = re.compile(r"^\s*subject\s+and\s+action\s+required\b", re.I)
COMPLAINTS_HEADING_RE = re.compile(r"^\s*complaints\s+about\s+the\s+mayor", re.I)
ITEM_NUMBER_RE = re.compile(r"^(?:item\s*)?([0-9]{1,3}[A-Za-z]?(?:\.[0-9]{1,2})?)\.?$", re.I)
PARAGRAPH_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(.*)$")
APPENDIX_RE = re.compile(r"^\s*appendix\s+(\d+)\s*[–—:-]?\s*(.*)$", re.I)
PERIOD_RE = re.compile(r"period\s+(?:from\s+)?(.+?)\s+(?:to|until|-|–)\s+(.+?)(?:\.|$)", re.I)
# Lines that end the tables of section 3 however the paper numbers its sections.
_AFTER_TABLES = (
    "contact information",
    "contact officer",
    "list of appendices",
    "local government (access to information)",
    "list of background papers",
)
SENT_VERBS = (
    r"invited|wrote to|has written to|sent (?:a letter|correspondence|an email) to|asked|requested"
)


@dataclass
class ActionRow:
    """One action row of a meeting block."""

    line: int
    item_number: str
    item_title: str
    person: str
    text: str
    intro: str = ""
    requested_items: list[str] = field(default_factory=list)
    status: str = ""
    status_note: str = ""
    followed_up_on: datetime.date | None = None


@dataclass
class MeetingBlock:
    """ "Actions Arising from the Meeting Held on …" and its rows."""

    line: int
    date: datetime.date
    rows: list[ActionRow] = field(default_factory=list)


@dataclass
class LetterData:
    """A letter named in the Additional Correspondence section or the appendix list."""

    line: int
    direction: str  # "sent" or "received"
    date: datetime.date
    party: str
    subject: str
    summary: str = ""
    appendix: int | None = None
    in_additional_section: bool = False


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
    correspondence_note: str = ""
    legal_text: str = ""
    financial_text: str = ""
    background_papers: str = ""
    contact_officers: list[ContactOfficerData] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(block.rows) for block in self.blocks)


@dataclass
class _RawRow:
    line: int
    cells: list[str]


class _TableReader:
    """Turns the lines of one meeting block's table into complete rows."""

    def __init__(self, block: MeetingBlock):
        self.block = block
        self.rows: list[_RawRow] = []

    def feed(self, number: int, line: str) -> None:
        cells = [cell.strip() for cell in line.split("\t")]
        last = self.rows[-1] if self.rows else None
        if last and len(last.cells) < ACTION_COLUMNS:
            # The previous row's last cell wrapped onto this line.
            last.cells[-1] = _join(last.cells[-1], cells[0])
            last.cells.extend(cells[1:])
            if len(last.cells) > ACTION_COLUMNS:
                raise PaperParseError(number, _columns_expected(), line)
            return
        if len(cells) == 1 and last:
            # A line with no cell breaks: the status (last) cell wrapped.
            last.cells[-1] = _join(last.cells[-1], cells[0])
            return
        if len(cells) > ACTION_COLUMNS:
            raise PaperParseError(number, _columns_expected(), line)
        if cells[0] == "":
            # Broken across pages: empty leading cells, text continuing the previous action.
            if last is None:
                raise PaperParseError(number, "a row starting with an item number", line)
            for index, cell in enumerate(cells):
                if cell:
                    last.cells[index] = _join(last.cells[index], cell)
            return
        self.rows.append(_RawRow(number, cells))

    def finish(self) -> None:
        for raw in self.rows:
            if len(raw.cells) < ACTION_COLUMNS:
                raise PaperParseError(raw.line, _columns_expected(), "\t".join(raw.cells))
            self.block.rows.append(_action_row(raw))


def _columns_expected() -> str:
    return (
        f"{ACTION_COLUMNS} tab-separated cells (Item No., Item Title, Responsible Person, "
        "Action(s), Status)"
    )


def _join(first: str, second: str) -> str:
    if not first:
        return second
    if not second:
        return first
    return f"{first} {second}"


def _action_row(raw: _RawRow) -> ActionRow:
    number_cell, title, person, text, status_cell = _cleaned(raw.cells)
    match = ITEM_NUMBER_RE.match(number_cell)
    if not match:
        raise PaperParseError(
            raw.line, "an item number such as 6 or 10 in the first cell", number_cell
        )
    if not person:
        raise PaperParseError(raw.line, "a responsible person in the third cell")
    status = parse_status(status_cell)
    if status is None:
        raise PaperParseError(
            raw.line, "a status starting Ongoing, Completed or Closed in the last cell", status_cell
        )
    intro, items = split_action(raw.cells[3])
    if not intro and not items:
        raise PaperParseError(raw.line, "the action text in the fourth cell")
    if not intro:
        intro, items = items[0], items[1:]
    return ActionRow(
        line=raw.line,
        item_number=match.group(1),
        item_title=title,
        person=person,
        text=text,
        intro=intro,
        requested_items=items,
        status=status.status,
        status_note=status.note,
        followed_up_on=follow_up_date(status.note),
    )


def _cleaned(cells: list[str]) -> tuple[str, str, str, str, str]:
    return tuple(clean_cell(cell) for cell in cells[:ACTION_COLUMNS])  # type: ignore[return-value]


def parse_summary(text: str) -> SummaryPaper:
    """Parse the text of a Summary List of Actions paper."""
    paper = SummaryPaper()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    section = 0
    reader: _TableReader | None = None
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
        if block:
            close_table()
            date = parse_date(block.group(1))
            if date is None:
                raise PaperParseError(number, "a meeting date after 'Held on'", stripped)
            paper.blocks.append(MeetingBlock(line=number, date=date))
            standing = False
            continue
        if ITEM_HEADER_RE.match(stripped) and "\t" in line or ITEM_HEADER_RE.match(line):
            if not paper.blocks:
                raise PaperParseError(
                    number, "an 'Actions Arising from the Meeting Held on …' heading first"
                )
            if reader is None:
                reader = _TableReader(paper.blocks[-1])
            # A repeated header row on a new page: the table carries on.
            continue
        if COMPLAINTS_HEADING_RE.match(stripped) and "\t" not in line:
            close_table()
            continue
        if STANDING_HEADER_RE.match(stripped):
            close_table()
            standing = True
            continue
        heading = section_heading(stripped) if "\t" not in line else None
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
            paper.background_papers = _join(paper.background_papers, stripped)
            continue
        if in_appendices:
            appendix_lines.append((number, stripped))
            continue
        item = strip_list_marker(stripped)
        para = PARAGRAPH_RE.match(item)
        if para:
            paragraph_lines.setdefault(para.group(1), []).append((number, para.group(3)))
        elif paragraph_lines.get(str(section)):
            # A paragraph that wrapped onto the next line.
            last_number, last_text = paragraph_lines[str(section)][-1]
            paragraph_lines[str(section)][-1] = (last_number, _join(last_text, item))
        elif "\t" in line and section == 3:
            raise PaperParseError(
                number, "an 'Actions Arising from the Meeting Held on …' heading before this row"
            )
    close_table()

    if not paper.subject and not paper.blocks:
        raise PaperParseError(1, "a 'Summary List of Actions' paper (a 'Subject:' line)")
    if paper.date is None:
        raise PaperParseError(1, "a 'Date:' line giving the meeting that considers the paper")
    _paragraph_texts(paper, paragraph_lines)
    _appendices(paper, appendix_lines)
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
    for number, text in texts("4"):
        letter = _paragraph_letter(number, text)
        if letter is None:
            paper.correspondence_note = _join(paper.correspondence_note, text)
        else:
            paper.letters.append(letter)


_ON_DATE_RE = re.compile(r"^on\s+([^,]+?\d{4}),?\s+(.*)$", re.I)
_APPENDIX_MENTION_RE = re.compile(
    r",?\s*(?:and\s+)?(?:a\s+)?cop(?:y|ies)\s+of\s+.*?attached\s+(?:at|as)\s+appendix\s+(\d+)\.?\s*$",
    re.I,
)


def _paragraph_letter(number: int, text: str) -> LetterData | None:
    match = _ON_DATE_RE.match(text)
    if not match:
        return None
    date = parse_date(match.group(1))
    if date is None:
        return None
    body = match.group(2).strip()
    appendix = None
    mention = _APPENDIX_MENTION_RE.search(body)
    if mention:
        appendix = int(mention.group(1))
        body = body[: mention.start()].strip()
    else:
        loose = re.search(r"appendix\s+(\d+)", body, re.I)
        appendix = int(loose.group(1)) if loose else None
    body = body.rstrip(" .,")
    sent = re.search(
        rf"\b(?:chair(?:man|woman)?|committee)\b.*?\b({SENT_VERBS})\s+(.+)", body, re.I
    )
    received = re.search(r"\b(?:received|responded|replied)\b", body, re.I)
    if sent and not (received and received.start() < sent.start()):
        party = _party(sent.group(2))
        direction = "sent"
    else:
        party_match = re.search(r"\bfrom\s+(.+?)(?:\s+(?:to|regarding|about|on|in)\b|,|$)", body)
        party = party_match.group(1) if party_match else ""
        if not party:
            lead = re.match(r"^(?:the\s+)?(.+?)\s+(?:wrote|responded|replied|sent)\b", body, re.I)
            party = lead.group(1) if lead else ""
        direction = "received"
    return LetterData(
        line=number,
        direction=direction,
        date=date,
        party=party.strip() or "Unknown",
        subject=_subject(body),
        summary=body,
        appendix=appendix,
        in_additional_section=True,
    )


def _party(text: str) -> str:
    # "the Mayor of London to attend the meeting …" -> "the Mayor of London"
    match = re.match(r"(.+?)(?:\s+(?:to|regarding|about|asking|requesting|on|for|in)\b|,|$)", text)
    return (match.group(1) if match else text).strip()


def _subject(body: str) -> str:
    text = body[0].upper() + body[1:] if body else "Letter"
    return text if len(text) <= 500 else text[:497] + "…"


def _appendices(paper: SummaryPaper, appendix_lines: list[tuple[int, str]]) -> None:
    by_appendix = {letter.appendix: letter for letter in paper.letters if letter.appendix}
    for number, text in appendix_lines:
        match = APPENDIX_RE.match(text)
        if not match:
            if paper.letters and paper.letters[-1].line == -1:
                continue
            raise PaperParseError(number, "an appendix line such as 'Appendix 1 – …'", text)
        appendix, description = int(match.group(1)), match.group(2).strip().rstrip(".")
        existing = by_appendix.get(appendix)
        if existing is not None:
            existing.subject = description or existing.subject
            continue
        dates = find_date_list(description) or find_dates(description)
        lowered = description.lower()
        direction = "sent" if re.search(r"\b(?:to|sent)\b", lowered.split(",")[0]) else "received"
        if re.search(r"\b(?:response|responses|reply|replies|from)\b", lowered.split(",")[0]):
            direction = "received"
        party_match = re.search(
            r"\b(?:from|to)\s+(.+?)(?:,\s*(?:received|dated|sent)\b|\s+(?:received|dated)\b|$)",
            description,
            re.I,
        )
        party = party_match.group(1).strip() if party_match else description
        if not dates:
            dates = [paper.date]
        for date in dates:
            paper.letters.append(
                LetterData(
                    line=number,
                    direction=direction,
                    date=date,
                    party=party,
                    subject=description or f"Appendix {appendix}",
                    appendix=appendix,
                )
            )
    paper.letters.sort(key=lambda letter: (letter.appendix is None, letter.appendix or 0))


def _period(paper: SummaryPaper) -> None:
    for text in (paper.transparency_status_text, paper.complaints_status_text):
        match = PERIOD_RE.search(text)
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
