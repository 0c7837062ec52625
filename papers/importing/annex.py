"""A letter following up a board meeting, with its actions in an "Annex A" table
(No. · Action · Timing · Lead), as MOPAC writes after its oversight board meetings."""

import datetime
import re
from dataclasses import dataclass, field

from papers.importing.cells import (
    PaperParseError,
    clean_cell,
    is_page_footer,
    parse_date,
    parse_day_month,
    timing_due_date,
)

ANNEX_HEADER_RE = re.compile(
    r"^\s*(?:no\.?|number|#)\s*\t\s*actions?\s*\t\s*(?:timing|deadline|due(?:\s+date)?|by\s+when)"
    r"\s*\t\s*(?:lead|leads|owner|responsible)\s*$",
    re.I,
)
# A board's name starts at a word and has at most 12 more words: unbounded, each capital
# word of a long run with no "Board … meeting" after it scanned to the end of the letter.
_BOARD_NAME = r"(\b[A-Z][\w&]*\s+(?:(?:and|of|for|&)\s+|[A-Z][\w&]*\s+){0,12}?Board)"
_BOARD_MEETING_RE = re.compile(
    r"(?:the\s+)?(?:quarterly\s+|monthly\s+|annual\s+)?"
    rf"{_BOARD_NAME}\s+meeting\s+"
    r"(?:that\s+)?(?:we\s+)?(?:held|which\s+took\s+place|took\s+place)\s+on\s+"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?(?:,?\s+\d{4})?)"
)
_MEETING_OF_BOARD_RE = re.compile(
    rf"meeting\s+of\s+the\s+{_BOARD_NAME}"
    r"\s+(?:held\s+)?on\s+(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?(?:,?\s+\d{4})?)"
)
_REFERENCE_RE = re.compile(r"^\s*our\s+ref(?:erence)?\s*:?\s*(\S+)", re.I)


@dataclass
class AnnexAction:
    """One numbered action of the annex."""

    line: int
    number: str
    text: str
    timing: str
    due_date: datetime.date | None
    leads: list[str]
    completed: bool


@dataclass
class AnnexLetter:
    """The letter and its annex of actions."""

    board_name: str
    meeting_date: datetime.date
    letter_date: datetime.date
    reference: str = ""
    recipient: str = ""
    signatory: str = ""
    signatory_title: str = ""
    is_letter: bool = False
    actions: list[AnnexAction] = field(default_factory=list)


def looks_like_annex(text: str) -> bool:
    return any(ANNEX_HEADER_RE.match(line) for line in text.splitlines())


def split_leads(text: str) -> list[str]:
    """ "MPS and MOPAC" -> ["MPS", "MOPAC"]."""
    return [part.strip() for part in re.split(r"\s+and\s+|\s*[,&/]\s*", text) if part.strip()]


def parse_annex(text: str) -> AnnexLetter:
    """Parse a board letter with an Annex A action table."""
    lines = text.replace("\r\n", "\n").split("\n")
    header_at = next((n for n, line in enumerate(lines) if ANNEX_HEADER_RE.match(line)), None)
    if header_at is None:
        raise PaperParseError(1, "an Annex A table header 'No.<TAB>Action<TAB>Timing<TAB>Lead'")
    letter_lines = lines[:header_at]
    letter_date = None
    reference = ""
    for line in letter_lines:
        stripped = line.strip()
        ref = _REFERENCE_RE.match(stripped)
        if ref:
            reference = ref.group(1)
        elif letter_date is None and re.fullmatch(r"[\d\w ,./]+", stripped):
            letter_date = parse_date(stripped)
    body = " ".join(" ".join(letter_lines).split())
    meeting = _BOARD_MEETING_RE.search(body) or _MEETING_OF_BOARD_RE.search(body)
    if not meeting:
        raise PaperParseError(
            1, "the board meeting the letter follows up ('… Board meeting we held on 24 June')"
        )
    board_name = " ".join(meeting.group(1).split())
    meeting_date = parse_date(meeting.group(2))
    if letter_date is None:
        # The annex alone (as the tracker renders it): its heading gives the full date.
        if meeting_date is None:
            raise PaperParseError(1, "the letter's date on a line of its own, such as 20 July 2022")
        letter_date = meeting_date
    if meeting_date is None:
        meeting_date = parse_day_month(meeting.group(2), letter_date.year)
        if meeting_date is not None and meeting_date > letter_date:
            meeting_date = parse_day_month(meeting.group(2), letter_date.year - 1)
    if meeting_date is None:
        raise PaperParseError(1, "a meeting date such as 24 June", meeting.group(2))
    letter = AnnexLetter(
        board_name=board_name,
        meeting_date=meeting_date,
        letter_date=letter_date,
        reference=reference,
    )
    _people(letter, letter_lines)
    letter.is_letter = bool(letter.reference or letter.signatory or letter.recipient)
    _rows(letter, lines, header_at)
    if not letter.actions:
        raise PaperParseError(header_at + 2, "at least one numbered action under the header")
    return letter


def _people(letter: AnnexLetter, lines: list[str]) -> None:
    stripped = [line.strip() for line in lines if line.strip()]
    dear = next((n for n, line in enumerate(stripped) if line.lower().startswith("dear ")), None)
    closing = next(
        (n for n, line in enumerate(stripped) if line.lower().startswith("yours ")), None
    )
    if closing is not None and len(stripped) >= closing + 3:
        letter.signatory = stripped[-2]
        letter.signatory_title = stripped[-1]
    if dear is not None:
        # The addressee is the heading above the letter: the first line naming a person.
        for line in stripped[:dear]:
            name = line.lstrip("#").strip()
            if name and name.upper() != name and not parse_date(name):
                letter.recipient = name
                break


def _rows(letter: AnnexLetter, lines: list[str], header_at: int) -> None:
    for index in range(header_at + 1, len(lines)):
        line = lines[index]
        number = index + 1
        if not line.strip() or is_page_footer(line) or ANNEX_HEADER_RE.match(line):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if cells[0] == "" and letter.actions:
            last = letter.actions[-1]
            if len(cells) > 1 and cells[1]:
                last.text = f"{last.text} {clean_cell(cells[1])}"
            continue
        if len(cells) != 4:
            raise PaperParseError(
                number, "4 tab-separated cells (No., Action, Timing, Lead)", line.strip()
            )
        if not re.fullmatch(r"\d{1,3}[a-z]?\.?", cells[0]):
            raise PaperParseError(number, "an action number in the first cell", cells[0])
        timing = clean_cell(cells[2])
        completed = timing.lower().startswith("complete")
        letter.actions.append(
            AnnexAction(
                line=number,
                number=cells[0].rstrip("."),
                text=clean_cell(cells[1]),
                timing=timing,
                due_date=None if completed else timing_due_date(timing),
                leads=split_leads(clean_cell(cells[3])),
                completed=completed,
            )
        )
