"""Action tables of any layout, read by their header row: which column is which is found
from the header's words ("Minute item", "Subject and action required", "Action by", …), in
any order; meeting sections by their usual headings ("Meeting of 14 January 2021", "Actions
held over from previous meeting(s) on 25 October 2017"); statuses as the logs write them.

Pure functions, no database. Every pattern is anchored or bounded: linear in a line."""

import datetime
import functools
import re
from dataclasses import dataclass, field

from papers.importing.cells import PaperParseError, clean_cell, find_dates, parse_date

# The fields a column can fill, each with the header words that name it (normalised: lower
# case, letters and digits, "(s)" dropped). "item" names an agenda item; "ref" a number that
# is the item's unless the table has a title column too (then it numbers the action).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "item": (
        "item no",
        "item number",
        "item",
        "items",
        "minute item",
        "minute",
        "minute no",
        "minute number",
        "minute ref",
        "agenda item",
        "agenda item no",
        "agenda no",
        "relevant item",
        "relevant agenda item",
    ),
    "ref": ("ref", "reference", "ref no", "no", "number", "action ref"),
    "title": (
        "item title",
        "report title",
        "subject",
        "title",
        "agenda item title",
        "topic",
        "report",
    ),
    "action": (
        "actions",
        "action",
        "subject and action required",
        "description",
        "action required",
        "actions required",
        "action agreed",
        "actions agreed",
        "action points",
        "action point",
        "details",
        "action description",
    ),
    "responsible": (
        "responsible person",
        "responsible",
        "action by",
        "owner",
        "lead",
        "leads",
        "responsibility",
        "action owner",
        "councillor",
        "councillors",
        "actionee",
        "assigned to",
        "who",
        "by whom",
        "responsible officer",
        "lead officer",
        "officer",
    ),
    "status": ("status", "update", "progress", "progress update", "current status"),
    "comments": ("comments", "comment", "notes", "note", "status note", "update notes"),
    "completed": (
        "completed",
        "actual completion date",
        "date completed",
        "completed on",
        "done",
        "completed or closed on",
        "date closed",
    ),
    "due": (
        "timing",
        "deadline",
        "due date",
        "due",
        "due by",
        "target date",
        "target",
        "expected completion date",
        "by when",
        "deadline if applicable",
    ),
    "meeting_date": ("date", "meeting date", "date of meeting", "meeting", "date raised"),
    "committee": ("committee", "body"),
    "organisation": ("organisation", "organization"),
    "number": ("action no", "action number", "action ref no"),
    "last_chased": ("last chased", "last chased on", "chased"),
}
_NAME_TO_FIELD = {name: key for key, names in COLUMN_NAMES.items() for name in names}
# A PDF's narrow header cell breaks a word ("Expected completio n date"): known without spaces.
_JOINED = {name.replace(" ", ""): key for name, key in _NAME_TO_FIELD.items()}
# What a header must name, as the refusal says it.
EXPECTED_ACTION = "an action column (Action(s), Action, Description or Subject and action required)"


@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """ "Action(s)" -> "actions"; "Item No.:" -> "item no"."""
    text = clean_cell(text).lower().replace("(s)", "s")
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _joined(text: str) -> str:
    return header_key(text).replace(" ", "")


@functools.lru_cache(maxsize=4096)  # asked of every cell of every row of a log
def column_field(text: str) -> str | None:
    key = header_key(text)
    if key in _NAME_TO_FIELD:
        return _NAME_TO_FIELD[key]
    if key.replace(" ", "") in _JOINED:
        return _JOINED[key.replace(" ", "")]
    if text.strip() == "#":
        return "ref"
    if len(key) >= 6 and " " in key:
        # A header cell whose last word wrapped onto a line of its own in a PDF.
        for name, field_name in _NAME_TO_FIELD.items():
            if name.startswith(key + " "):
                return field_name
    return None


# Header words of names not listed, by the field they point to, tried in this order (a
# whole header row must be named for them to count): "Agreed Action", "Lead Officer(s)",
# "Target Completion Date", "Latest Update", "Minute Ref".
_KEYWORDS = [
    ("due", ("due", "deadline", "target", "timing", "timescale", "when", "expected")),
    ("completed", ("completed", "completion", "closed")),
    ("responsible", ("responsib", "owner", "lead", "officer", "councillor", "who", " by")),
    ("status", ("status", "progress", "update", "outcome", "position")),
    ("comments", ("comment", "note", "remark")),
    ("action", ("action", "decision", "description", "task", "agreed")),
    ("item", ("item", " min", "agenda", "ref")),
    ("title", ("title", "subject", "topic", "report")),
    ("meeting_date", ("date", "meeting")),
]


def keyword_field(text: str) -> str | None:
    """The field a header cell of unlisted words points to ("Target Completion Date" ->
    due); None for anything with digits or longer than a header's few words."""
    key = f" {header_key(text)}"
    if not key.strip() or any(ch.isdigit() for ch in key) or len(key.split()) > 5:
        return None
    for name, words in _KEYWORDS:
        if any(word in key for word in words):
            return name
    return None


@dataclass
class Layout:
    """Which column holds which field, read off a header row."""

    line: int
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)

    def get(self, cells: list[str], name: str) -> str:
        index = self.fields.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    @property
    def extra(self) -> list[int]:
        """Columns with a header the importer has no field for."""
        used = set(self.fields.values())
        return [i for i, h in enumerate(self.headers) if i not in used and h.strip()]

    def same(self, cells: list[str]) -> bool:
        """A repeated header row (on a new page)."""
        filled = [c for c in cells if c.strip()]
        if len(filled) != len(self._joined_headers):
            return False
        return [_joined(c) for c in filled] == self._joined_headers

    @functools.cached_property
    def _joined_headers(self) -> list[str]:
        return [_joined(h) for h in self.headers if h.strip()]


_ITEM_FIELDS = {"item", "title"}


def read_header(line: int, cells: list[str], *, guess: bool = True) -> Layout | None:
    """The layout a header row names; None when the row is not a header.

    A row is a header when most of its cells are column names, or (``guess``: not inside a
    table, where a row of short phrases could pass for one) when every cell's words point
    to a field and one is the action; one that names columns but no action column is
    refused, naming the line and its cells."""
    filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
    if len(filled) < 2 or any(len(c) > 60 for _, c in filled):
        return None
    named = [(i, column_field(c)) for i, c in filled]
    known = [(i, f) for i, f in named if f]
    if len(known) < 2 or len(known) * 3 < len(filled) * 2:
        guessed = [(i, f or keyword_field(c)) for (i, f), (_, c) in zip(named, filled, strict=True)]
        if not guess or len(filled) < 3 or not all(f for _, f in guessed):
            return None
        if "action" not in {f for _, f in guessed}:
            return None
        known = guessed
    layout = Layout(line=line, headers=[c.strip() for c in cells])
    for index, name in known:
        layout.fields.setdefault(name, index)  # a second "Date" column stays unnamed
    if "action" not in layout.fields:
        if "subject" in [header_key(c) for c in cells] and "title" in layout.fields:
            layout.fields["action"] = layout.fields.pop("title")  # Subject · Owner · Status
        elif "responsible" in layout.fields and len(_ITEM_FIELDS & set(layout.fields)) == 1:
            # Agenda Item · Councillor · Due Date: the one item column says what is to be done.
            [name] = _ITEM_FIELDS & set(layout.fields)
            layout.fields["action"] = layout.fields.pop(name)
        else:
            unknown = [f"cell {i + 1} ('{c.strip()}')" for i, c in filled if not column_field(c)]
            expected = EXPECTED_ACTION + (
                f"; not recognised: {', '.join(unknown)}" if unknown else ""
            )
            raise PaperParseError(line, expected, " | ".join(c.strip() for _, c in filled))
    return layout


def unknown_header(line: int, cells: list[str]) -> PaperParseError:
    """The refusal of a table no header row names."""
    shown = " | ".join(c.strip() for c in cells if c.strip())
    return PaperParseError(
        line,
        "a header row naming the table's columns (such as Item No. · Action(s) · Responsible "
        "Person · Status) before its first row",
        shown,
    )


# "Actions Arising from the Meeting Held on 22 March 2023", "Meeting of 14 January 2021",
# "Actions from meeting on 3 May 2022", "Actions held over from previous meeting(s) on 25
# October 2017", "Parish Council meeting held on 12 March 2024".
MEETING_HEADING_RE = re.compile(
    r"^\s*(?:(?:outstanding\s+|open\s+)?actions?\s+(?:arising\s+|held\s+over\s+|carried\s+"
    r"forward\s+)?(?:from\s+)?(?:the\s+|a\s+)?(?:previous\s+|last\s+)?|(?:[A-Za-z&']+\s+){0,6}?)"
    r"meetings?(?:\s*\(s\))?\s*[-–:]?\s*(?:held\s+)?(?:on|of|dated)?\s*[-–:]?\s*(.{4,80})$",
    re.I,
)


def meeting_heading(text: str) -> datetime.date | None:
    """The meeting date a section heading names; None when the text is not one."""
    text = " ".join(clean_cell(text).split())
    if len(text) > 140:
        return None
    match = MEETING_HEADING_RE.match(text)
    if not match or len(match.group(1).split()) > 8 or text.endswith("."):
        return None  # a sentence that mentions a meeting, not a heading
    dates = find_dates(match.group(1))
    return dates[0] if dates else None


# "7. Question and Answer Session", "Item 7: Budget", "7", "5(a) Work Programme".
ITEM_RE = re.compile(
    r"^(?:(?:agenda\s+|minute\s+)?item\s*(?:no\.?\s*)?)?"
    r"([0-9]{1,4}(?:\.[0-9]{1,3})?[a-z]?(?:\([a-z0-9]{1,3}\))?)(?:[.:)]|\s*[-–—]|(?=\s)|$)\s*(.*)$",
    re.I | re.S,
)


def split_item(text: str) -> tuple[str, str]:
    """(number, title) of an item cell: ("7", "Question and Answer Session")."""
    text = clean_cell(text)
    match = ITEM_RE.match(text)
    if match and parse_date(text) is None:
        return match.group(1), match.group(2).strip(" -–—:")
    if text and " " not in text and len(text) <= 20:
        return text, ""  # a reference such as "PCC/21/03"
    return "", text


def is_item_row(text: str) -> bool:
    """A full-width row that titles the actions below it: "7. Question and Answer …"."""
    match = ITEM_RE.match(clean_cell(text))
    return bool(match and match.group(2).strip()) and parse_date(text) is None


_ONGOING = (
    "ongoing",
    "in progress",
    "open",
    "outstanding",
    "pending",
    "not started",
    "started",
    "underway",
    "under way",
    "on hold",
    "on-going",
    "awaiting",
    "partially complete",
    "partly complete",
    "no",
    "n",
)
_COMPLETED = ("completed", "complete", "done", "yes", "achieved", "actioned", "answered", "y")
_CLOSED = ("closed", "superseded", "withdrawn", "cancelled", "canceled", "no longer required")
_TICKS = {"✓", "✔", "x", "☑", "√"}
_STATUS_WORD_RE = re.compile(r"^\s*([a-z][a-z -]{0,24}?)(?=$|[.,;:–—(]|\s+[-–—]\s|\s+\d)", re.I)
# "… Status: in progress" inside the action text, from the last "Status:".
INLINE_STATUS_RE = re.compile(r"(?:^|(?<=[\s.;(]))status\s*[:–—-]\s*", re.I)


@dataclass(frozen=True)
class LogStatus:
    status: str  # "ongoing", "completed", "closed"
    note: str
    known: bool  # the text began with a status word


def read_status(text: str) -> LogStatus:
    """ "Completed. This visit took place on 6 April 2023." -> completed with that note; "In
    progress. A follow up request …" -> ongoing, the note kept whole (it says more than
    "Ongoing"); anything else -> ongoing, the text as the note."""
    text = " ".join(text.split())
    if not text:
        return LogStatus("ongoing", "", False)
    if text in _TICKS:
        return LogStatus("completed", "", True)
    match = _STATUS_WORD_RE.match(text)
    word = match.group(1).strip().lower() if match else ""
    rest = text[match.end() :].lstrip(" .,;:–—-") if match else text
    for status, words in (("completed", _COMPLETED), ("closed", _CLOSED), ("ongoing", _ONGOING)):
        if word in words:
            canonical = word in {"ongoing", "completed", "complete", "closed", "yes", "y", "no"}
            if word in {"no", "n"}:
                return LogStatus("ongoing", rest, True)
            return LogStatus(status, rest if canonical else text, True)
    return LogStatus("ongoing", text, False)


def split_inline_status(text: str) -> tuple[str, str]:
    """ "Provide the figures. Status: in progress" -> ("Provide the figures.", "in progress")."""
    found = list(INLINE_STATUS_RE.finditer(text))
    last = found[-1] if found else None
    if last is None:
        return text, ""
    return text[: last.start()].rstrip(" ;,–—-"), text[last.end() :].strip()
