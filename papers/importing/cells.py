"""Cleaning what extracted paper text puts in a cell: leftover HTML, bullet glyphs, dates,
status cells. Pure functions, no database."""

import calendar
import datetime
import html
import re
from dataclasses import dataclass

from meetings import deadlines


class PaperParseError(ValueError):
    """Input the importer cannot read; names the line and what was expected there."""

    def __init__(self, line: int, expected: str, found: str = ""):
        self.line = line
        self.expected = expected
        self.found = found
        message = f"line {line}: expected {expected}"
        if found:
            shown = found if len(found) <= 80 else found[:77] + "..."
            message += f", found {shown!r}"
        super().__init__(message)


class PaperRecordError(PaperParseError):
    """A value the importer read but the tracker cannot store (too long for its field, say):
    names the line and the field, as "line 83, Responsible Person: Ensure this value has at
    most 300 characters (it has 412)."."""

    def __init__(self, line: int, field: str, message: str):
        self.line, self.field, self.expected, self.found = line, field, message, ""
        ValueError.__init__(self, f"line {line}, {field}: {message}")


BULLET = "•"
# Glyphs Word and PDF extraction leave where a list bullet was. U+F0A7/U+F0B7 etc. are the
# Symbol/Wingdings private-use code points Word writes for its bullets.
BULLET_GLYPHS = "•●▪◦‣∙○■□◆◇►▸➢✓✔\u2043\u25aa\u25cf"
_PRIVATE_USE = "\ue000-\uf8ff"
_GLYPH_RE = re.compile(f"[{re.escape(BULLET_GLYPHS)}{_PRIVATE_USE}]")
# A dash only starts an item at the start of the text or a line, or after the punctuation
# that ends the previous item: never inside "2023-2025" or "re-join".
_DASH_BULLET_RE = re.compile(r"(^|\n|[:;.]\s+|\band\s+)[-–—]\s+")
# A tag cannot hold another "<": else each "<" with no ">" after it scans to the end of
# the text, quadratic in a long cell of "<p <p <p …".
_TAG_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
# Every space but a line break, so no later pattern meets a long run of odd spaces.
_SPACE_RE = re.compile(r"[^\S\n]+")


def strip_html(text: str) -> str:
    """Remove tags, turning <li> into a bullet and block ends into line breaks."""

    def replace(match: re.Match) -> str:
        closing, tag = match.group(1), match.group(2).lower()
        if tag == "li" and not closing:
            return f"\n{BULLET} "
        if tag == "ul" and not closing:
            return "\n\u2060"  # marks "a list starts here" for items run together
        if tag in {"p", "br", "div", "ul", "ol", "li", "tr"}:
            return "\n"
        return " " if tag in {"td", "th"} else ""

    return html.unescape(_TAG_RE.sub(replace, text))


def clean_cell(text: str) -> str:
    """A cell as one line of plain text: tags gone, entities decoded, spaces collapsed."""
    text = strip_html(text).replace("\u2060", " ")
    return _SPACE_RE.sub(" ", text.replace("\n", " ")).strip()


def paragraphs(text: str) -> list[str]:
    """The <p> paragraphs of a cell (or its lines), cleaned, empty ones dropped."""
    parts = strip_html(text).replace("\u2060", "").split("\n")
    return [p for p in (_SPACE_RE.sub(" ", part).strip() for part in parts) if p]


def _normalise_bullets(text: str) -> str:
    text = _GLYPH_RE.sub(f"\n{BULLET} ", text)
    return _DASH_BULLET_RE.sub(lambda m: f"{m.group(1)}\n{BULLET} ", text)


# One way to split the spaces after ";" (and "and"/"or"): "\s*" then "\s+" tried every split
# of a long run of spaces, quadratic in its length.
_RUN_TOGETHER_RE = re.compile(r"(;(?:\s*(?:and|or)\b)?)\s+(?=[A-Z‘“\"'(])")


def split_action(text: str) -> tuple[str, list[str]]:
    """Split an action cell into its intro and its requested items.

    Items are marked by bullet glyphs of any kind, <li>, dashes at item starts, or (inside a
    <ul> with no markers at all) run together on one line and separated by "; and" / ";".
    Items keep their own punctuation ("…; and"), as the papers write them.
    """
    raw = strip_html(text)
    had_list = "\u2060" in raw
    raw = _normalise_bullets(raw.replace("\u2060", "\n\u2060"))
    chunks = raw.split(f"\n{BULLET}")
    head = chunks[0]
    items = [_one_line(chunk) for chunk in chunks[1:]]
    items = [item for item in items if item]
    if not items and had_list:
        head, _, rest = head.partition("\u2060")
        items = [_one_line(part) for part in _RUN_TOGETHER_RE.sub("\\1\n", rest).split("\n")]
        items = [item for item in items if item]
    elif not items:
        intro, colon, rest = head.partition(":")
        if colon and _RUN_TOGETHER_RE.search(rest):
            parts = [_one_line(p) for p in _RUN_TOGETHER_RE.sub("\\1\n", rest).split("\n")]
            if len([p for p in parts if p]) > 1:
                head, items = intro + colon, [p for p in parts if p]
    return _one_line(head.replace("\u2060", " ")), items


def _one_line(text: str) -> str:
    return _SPACE_RE.sub(" ", text.replace("\u2060", " ").replace("\n", " ")).strip()


def normalise_text(text: str) -> str:
    """Text reduced for matching: lower case, letters and digits only."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    # 22 March 2023 · 4th June 2019 · 4 June, 2019 · 4 Sept. 2019
    re.compile(rf"\b{_DAY}\s+({_MONTH}),?\s+(\d{{4}})\b", re.IGNORECASE),
    # June 4, 2019 · June 4th 2019
    re.compile(rf"\b({_MONTH})\s+{_DAY},?\s+(\d{{4}})\b", re.IGNORECASE),
    # 04/06/2019 · 4.6.19 (day first, as UK papers write it)
    re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b"),
    # 2019-06-04
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _build(kind: int, groups: tuple) -> datetime.date | None:
    try:
        if kind == 0:
            return datetime.date(int(groups[2]), _month(groups[1]), int(groups[0]))
        if kind == 1:
            return datetime.date(int(groups[2]), _month(groups[0]), int(groups[1]))
        if kind == 2:
            year = int(groups[2])
            year += 2000 if year < 100 else 0
            return datetime.date(year, int(groups[1]), int(groups[0]))
        return datetime.date(int(groups[0]), int(groups[1]), int(groups[2]))
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> list[datetime.date]:
    """Every full date in the text, in the order written."""
    found = []
    for kind, pattern in enumerate(_DATE_PATTERNS):
        for match in pattern.finditer(text):
            value = _build(kind, match.groups())
            if value is not None:
                found.append((match.start(), value))
    return [value for _, value in sorted(found, key=lambda pair: pair[0])]


def parse_date(text: str) -> datetime.date | None:
    """The first full date in the text, in any of the forms the papers use."""
    dates = find_dates(text)
    return dates[0] if dates else None


_DAY_MONTH_RE = re.compile(rf"\b{_DAY}(?:\s+({_MONTH}))?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)


def find_date_list(text: str) -> list[datetime.date]:
    """Dates written as a list sharing month and year: "2 & 9 May 2023", "28 April and 2
    May 2023", "2, 5 and 9 May 2023"."""
    full = find_dates(text)
    if not full:
        return []
    tokens = []
    for match in _DAY_MONTH_RE.finditer(text):
        day, month, year = match.groups()
        if 1 <= int(day) <= 31:
            tokens.append([int(day), _month(month) if month else None, year])
    result = []
    month, year = None, None
    for token in reversed(tokens):
        month = token[1] or month
        year = int(token[2]) if token[2] else year
        if month and year:
            try:
                result.append(datetime.date(year, month, token[0]))
            except ValueError:
                continue
    result.reverse()
    return result or full


def parse_day_month(text: str, year: int) -> datetime.date | None:
    """ "24 June" (no year) in the given year."""
    match = re.search(rf"\b{_DAY}\s+({_MONTH})\b", text, re.IGNORECASE)
    if not match:
        return None
    try:
        return datetime.date(year, _month(match.group(2)), int(match.group(1)))
    except ValueError:
        return None


def timing_due_date(timing: str) -> datetime.date | None:
    """The last day of a timing: "August 2022" -> 31 August 2022, "August/Sept 2022" -> 30
    September 2022, "27 June 2022" -> that day; by the deadline engine's rule."""
    deadline = deadlines.action_due(timing)
    return deadline.due if deadline else None


STATUSES = ("ongoing", "completed", "closed")
_STATUS_RE = re.compile(r"^\s*(ongoing|completed|complete|closed)\b[\s.:;,–—-]*(.*)$", re.I | re.S)


@dataclass(frozen=True)
class StatusCell:
    status: str
    note: str


def parse_status(text: str) -> StatusCell | None:
    """ "Ongoing. Followed-up on 4 May 2023." -> ("ongoing", "Followed-up on 4 May 2023.")."""
    match = _STATUS_RE.match(text)
    if not match:
        return None
    word = match.group(1).lower()
    status = "completed" if word == "complete" else word
    return StatusCell(status=status, note=match.group(2).strip())


_FOLLOW_UP_RE = re.compile(
    # "request … made" within a sentence of bounded length: unbounded, each "followed up
    # request" without "made" after it scanned to the end of the note.
    r"follow(?:ed)?[- ]?up(?:\s+request[^.]{0,200}?made)?\s+on\s+(.+?)(?:\.(?:\s|$)|$)",
    re.I,
)


def follow_up_date(note: str) -> datetime.date | None:
    """The chase date in "Followed-up on 4 May 2023." (and its variants), if any."""
    match = _FOLLOW_UP_RE.search(note)
    return parse_date(match.group(1)) if match else None


_PAGE_FOOTER_RE = re.compile(
    r"^\s*(?:(?i:page\s+\d+(?:\s+of\s+\d+)?)|\d+\s*/\s*\d+|\d{1,3}|"
    r"(?i:city\s+hall,.*|enquiries:.*|www\.[\w.]+\s*)|[A-Z][A-Z ]{2,40})\s*$"
)


def is_page_footer(line: str) -> bool:
    """Page furniture extraction leaves between table rows: "Page 3 of 7", a bare page
    number, the address footer, a letterhead in capitals ("LONDONASSEMBLY")."""
    return "\t" not in line and bool(_PAGE_FOOTER_RE.match(line.replace("\u00a0", " ")))
