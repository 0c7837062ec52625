"""The action tables of a Summary List of Actions: rows rebuilt from extracted lines
(page breaks, repeated headers, wrapped cells) and read into actions."""

import datetime
import re
from dataclasses import dataclass, field

from papers.importing.cells import (
    PaperParseError,
    clean_cell,
    follow_up_date,
    parse_status,
    split_action,
)

ACTION_COLUMNS = 5
ITEM_NUMBER_RE = re.compile(
    r"^(?:item\s*)?([0-9]{1,3}(?:\.[0-9]{1,2})?[A-Za-z]?(?:\([a-z0-9]{1,3}\))?)\.?$", re.I
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
    # What action logs of other layouts carry besides (read by papers.importing.logtable).
    number: str = ""
    timing: str = ""
    due_date: datetime.date | None = None
    finished_on: datetime.date | None = None
    meeting_date: datetime.date | None = None
    committee: str = ""
    organisation: str = ""  # an Organisation column's, also written after the person


@dataclass
class MeetingBlock:
    """ "Actions Arising from the Meeting Held on …" and its rows."""

    line: int
    date: datetime.date | None  # None: a log whose rows give their meeting's date
    rows: list[ActionRow] = field(default_factory=list)


@dataclass
class _RawRow:
    line: int
    cells: list[str]


class TableReader:
    """Turns the lines of one meeting block's table into complete rows."""

    def __init__(self, block: MeetingBlock):
        self.block = block
        self.rows: list[_RawRow] = []
        self.after_header = False  # the header repeated: a new page starts

    def page_break(self) -> None:
        self.after_header = True

    def feed(self, number: int, line: str) -> None:
        after_header, self.after_header = self.after_header, False
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > ACTION_COLUMNS and not cells[-1]:
            cells.pop()  # empty cells after the last column: nothing was in them
        last = self.rows[-1] if self.rows else None
        if last and len(last.cells) < ACTION_COLUMNS:
            # The previous row's last cell wrapped onto this line.
            last.cells[-1] = join_text(last.cells[-1], cells[0])
            last.cells.extend(cells[1:])
            if len(last.cells) > ACTION_COLUMNS:
                raise PaperParseError(number, _columns_expected(), line)
            return
        if len(cells) == 1 and last:
            # A line with no cell breaks: the status (last) cell wrapped.
            last.cells[-1] = join_text(last.cells[-1], cells[0])
            return
        if len(cells) > ACTION_COLUMNS:
            raise PaperParseError(number, _columns_expected(), line)
        if cells[0] == "":
            # Broken across pages: empty leading cells, text continuing the previous action.
            if last is None:
                raise PaperParseError(number, "a row starting with an item number", line)
            if not after_header and _whole_row(cells):
                # Not at a page's top and a whole row: the item's cells were merged down
                # over its actions (Word's vertical merge), so it is the same item's.
                self.rows.append(
                    _RawRow(number, [last.cells[0], cells[1] or last.cells[1], *cells[2:]])
                )
                return
            for index, cell in enumerate(cells):
                if cell:
                    last.cells[index] = join_text(last.cells[index], cell)
            return
        if last and len(cells) < ACTION_COLUMNS and not ITEM_NUMBER_RE.match(clean_cell(cells[0])):
            # The same, with the empty leading cells lost in extraction: the text continues
            # the previous row's last cells.
            offset = ACTION_COLUMNS - len(cells)
            for index, cell in enumerate(cells, start=offset):
                if cell:
                    last.cells[index] = join_text(last.cells[index], cell)
            return
        self.rows.append(_RawRow(number, cells))

    def finish(self) -> None:
        for raw in self.rows:
            if len(raw.cells) < ACTION_COLUMNS:
                raise PaperParseError(raw.line, _columns_expected(), "\t".join(raw.cells))
            self.block.rows.append(_action_row(raw))


def _whole_row(cells: list[str]) -> bool:
    """A row of its own despite its empty item cells: someone responsible, an action that
    starts a sentence, a status starting with its word (a wrapped line has none of these)."""
    return (
        len(cells) == ACTION_COLUMNS
        and all(cells[2:])
        and clean_cell(cells[3])[:1].isupper()
        and parse_status(clean_cell(cells[4])) is not None
    )


def _columns_expected() -> str:
    return (
        f"{ACTION_COLUMNS} tab-separated cells (Item No., Item Title, Responsible Person, "
        "Action(s), Status)"
    )


def join_text(first: str, second: str) -> str:
    if not first:
        return second
    if not second:
        return first
    if re.search(r"[a-z]-$", first) and second[:1].islower():
        return first + second  # "Followed-" + "up on 4 May 2023."
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
