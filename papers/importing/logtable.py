"""One action table of any layout, its rows read by the columns its header names.

Rows come as tab-separated lines (a paper's extracted text, or a sheet, a CSV or a Word
table turned into the same lines). ``paged`` sources (text, PDF) break rows across pages:
a row with no item and no responsible person, or no action, continues the one before.
Sheets and Word tables do not: there a row is a row.
"""

import datetime
import re
from dataclasses import dataclass

from papers.importing.cells import (
    PaperParseError,
    clean_cell,
    follow_up_date,
    parse_date,
    split_action,
    timing_due_date,
)
from papers.importing.columns import (
    Layout,
    is_item_row,
    read_status,
    split_inline_status,
    split_item,
)
from papers.importing.tables import ActionRow, MeetingBlock, join_text
from papers.importing.writing import Unplaced

NOT_STATED = "Not stated"
# What a Completed column holds when the action is not: nothing to keep.
_NOTHING = {"n/a", "na", "-", "–", "—", "tbc", "tbd", "no", "n", "not yet"}
# "12-Mar-24", "12 Mar 24", "12.Mar.2024": a spreadsheet's short dates.
_SHORT_DATE_RE = re.compile(r"^(\d{1,2})[\s./-]+([A-Za-z]{3,9})\.?[\s./-]+(\d{2}|\d{4})$")


def cell_date(text: str) -> datetime.date | None:
    """The date a cell holds, in the papers' forms or a spreadsheet's short ones."""
    found = parse_date(text)
    match = None if found else _SHORT_DATE_RE.match(text.strip())
    if match:
        year = int(match.group(3))
        found = parse_date(
            f"{match.group(1)} {match.group(2)} {year + 2000 if year < 100 else year}"
        )
    return found


TIMING_LENGTH = 100


@dataclass
class _Raw:
    line: int
    cells: list[str]
    item: tuple[str, str]


class LayoutReader:
    """Reads the rows of one table, laid out as ``layout`` says, into ``block``."""

    def __init__(
        self,
        layout: Layout,
        block: MeetingBlock,
        *,
        paged: bool,
        unplaced: list[Unplaced],
        warnings: list[str],
        item: tuple[str, str] = ("", ""),
    ):
        self.layout = layout
        self.block = block
        self.paged = paged
        self.unplaced = unplaced
        self.warnings = warnings
        self.item = item  # the item a full-width row named, for the rows below it
        self.raw: list[_Raw] = []
        self.item_rows: list[tuple[int, str, tuple[str, str]]] = []  # (line, text, item)
        self.since_item = True  # no action row since the header or the last item row

    def feed(self, number: int, line: str) -> None:
        cells = [cell.strip() for cell in line.split("\t")]
        if self.layout.same(cells):
            return  # the header repeated on a new page
        filled = [cell for cell in cells if cell]
        if not filled:
            return
        width = len(self.layout.headers)
        if len(cells) > width and any(cells[width:]):
            raise PaperParseError(
                number,
                f"at most {width} cells, as the header on line {self.layout.line} names",
                line.strip(),
            )
        cells += [""] * (width - len(cells))
        if self._full_width(cells, filled):
            self._single(number, filled[0], tabbed="\t" in line)
            return
        get = self.layout.get
        item_cell = get(cells, "item") or get(cells, "ref")
        if item_cell and self._titles_item(cells):
            self.item = split_item(item_cell)
            title = get(cells, "title") or get(cells, "action")
            self.item = (self.item[0], title or self.item[1])
            self.item_rows.append((number, " | ".join(filled), self.item))
            self.since_item = True
            return
        last = self.raw[-1] if self.raw else None
        lacks = not get(cells, "action") or (
            "responsible" in self.layout.fields and not get(cells, "responsible")
        )
        if last and not item_cell and (self.paged and lacks or not get(cells, "action")):
            for index, cell in enumerate(cells):
                if cell:
                    last.cells[index] = join_text(last.cells[index], cell)
            return
        if item_cell:
            # The rows below with no item of their own (a cell merged down) are this one's.
            number_text, title = split_item(item_cell)
            title = get(cells, "title") or title
            if number_text != self.item[0] or title:  # not the item titled above it
                self.item = (number_text, title)
        self.raw.append(_Raw(number, cells, self.item))
        self.since_item = False

    def _full_width(self, cells: list[str], filled: list[str]) -> bool:
        """One text across the row: a merged cell (Word repeats it in each cell it spans)
        or the first cell alone (a sheet's merged cell, a PDF's spanning one)."""
        if len(set(filled)) != 1:
            return False
        if len(filled) > 1 or len(cells) == 1:
            return True
        first = [name for name, index in self.layout.fields.items() if index == 0]
        return bool(cells[0]) and (first[0] if first else "") != "action"

    def _titles_item(self, cells: list[str]) -> bool:
        """An item row written in the table's own cells: "7." and its title, no one
        responsible, no status, a title rather than a sentence."""
        get = self.layout.get
        if get(cells, "responsible") or get(cells, "status") or get(cells, "completed"):
            return False
        title = get(cells, "title") or get(cells, "action")
        return bool(title) and len(title) <= 200 and not title.rstrip().endswith((".", ";"))

    def _single(self, number: int, text: str, *, tabbed: bool) -> None:
        last = self.raw[-1] if self.raw else None
        if self.paged and not tabbed and last and not self.since_item and not is_item_row(text):
            # A line with no cell breaks, under a row: that row's last cell wrapped.
            index = max(i for i, cell in enumerate(last.cells) if cell)
            last.cells[index] = join_text(last.cells[index], text)
            return
        self.item = split_item(text)
        self.item_rows.append((number, text, self.item))
        self.since_item = True

    def finish(self) -> None:
        used = {id(raw.item) for raw in self.raw}
        for line, text, item in self.item_rows:
            if id(item) not in used:  # a title with no action under it, or a note
                self.unplaced.append(Unplaced(line, text, "a row with no action under it"))
        numbers: dict[str, str] = {}  # an item titled without a number: numbered in order
        for raw in self.raw:
            row = self._row(raw)
            if row is None:
                continue
            if not row.item_number:
                key = " ".join(row.item_title.lower().split())
                if key not in numbers:
                    numbers[key] = str(len(numbers) + 1)
                row.item_number = numbers[key]
                row.item_title = row.item_title or "Actions"
            self.block.rows.append(row)

    def _row(self, raw: _Raw) -> ActionRow | None:
        layout, cells = self.layout, raw.cells
        get = layout.get
        number, title, action_number = "", get(cells, "title"), get(cells, "number")
        item_cell, ref = get(cells, "item"), get(cells, "ref")
        if item_cell:
            number, item_title = split_item(item_cell)
            title = title or item_title
            if ref:
                action_number = action_number or ref
        elif ref and "title" in layout.fields:
            action_number = action_number or ref  # "No." of an action, items by title
        elif ref:
            number, item_title = split_item(ref)
            title = title or item_title
        if not number and not title:
            number, title = raw.item
        elif not title and number == raw.item[0]:
            title = raw.item[1]  # "7." in each row, the title on the full-width row above
        text, inline_status = split_inline_status(get(cells, "action"))
        intro, items = split_action(text)
        if not intro and items:
            intro, items = items[0], items[1:]
        if not intro:
            shown = " | ".join(cell for cell in cells if cell)
            self.unplaced.append(Unplaced(raw.line, shown, "a row with no action text"))
            return None
        status, note, finished_on = self._status(cells, inline_status)
        person = get(cells, "responsible")
        organisation = get(cells, "organisation")
        if organisation and organisation.lower() not in person.lower():
            person = f"{person}, {organisation}" if person else organisation
        if not person:
            person = NOT_STATED
            self.warnings.append(
                f"line {raw.line}: no responsible person; the action is recorded as owed by "
                f"'{NOT_STATED}'"
            )
        timing = clean_cell(get(cells, "due"))
        if len(timing) > TIMING_LENGTH:
            note = join_text(note, f"{layout.headers[layout.fields['due']]}: {timing}")
            timing = ""
        meeting_date = None
        if "meeting_date" in layout.fields and get(cells, "meeting_date"):
            meeting_date = cell_date(get(cells, "meeting_date"))
            if meeting_date is None:
                header = layout.headers[layout.fields["meeting_date"]]
                raise PaperParseError(
                    raw.line,
                    f"a date such as 22 March 2023 in the {header} cell",
                    get(cells, "meeting_date"),
                )
        chased = cell_date(get(cells, "last_chased")) if get(cells, "last_chased") else None
        return ActionRow(
            line=raw.line,
            item_number=clean_cell(number)[:20],
            item_title=clean_cell(title),
            person=clean_cell(person),
            text=text,
            intro=intro,
            requested_items=items,
            status=status,
            status_note=note,
            followed_up_on=chased or follow_up_date(note),
            number=clean_cell(action_number)[:20],
            timing=timing,
            due_date=timing_due_date(timing) if timing else None,
            finished_on=finished_on,
            meeting_date=meeting_date,
            committee=clean_cell(get(cells, "committee")),
            organisation=clean_cell(organisation),
        )

    def _status(self, cells: list[str], inline: str):
        """(status, note, finished on) from the status, comments and completed cells, or
        the "Status: …" written inside the action; other columns' text joins the note."""
        get = self.layout.get
        status, notes, finished_on = None, [], None
        for text in (clean_cell(get(cells, "status")), clean_cell(inline)):
            if text and status is None:
                found = read_status(text)
                status = found.status
                notes.append(found.note)
        completed = clean_cell(get(cells, "completed"))
        if completed.lower().strip(" .") in _NOTHING:
            completed = ""
        if completed:
            finished_on = cell_date(completed)
            found = read_status(completed)
            if finished_on is not None:
                status = status if status in {"completed", "closed"} else "completed"
            elif found.known and found.status != "ongoing":
                status = status if status in {"completed", "closed"} else found.status
                notes.append(found.note)
            elif not found.known:
                notes.append(completed)
        comments = clean_cell(get(cells, "comments"))
        if comments:
            found = read_status(comments)
            if status is None and found.known:
                status = found.status
                notes.append(found.note)
            else:
                notes.append(comments)
        for index in self.layout.extra:
            value = clean_cell(cells[index]) if index < len(cells) else ""
            if value:
                notes.append(f"{self.layout.headers[index]}: {value}")
        note = ""
        for part in notes:
            note = join_text(note, part)
        return status or "ongoing", note, finished_on
