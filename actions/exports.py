"""The register exported as CSV and XLSX: exactly the rows the filter selects.

Querying stays in the selector; these functions only lay the rows out, so each
is tested alone. Cells that a spreadsheet would run as a formula are defused.
"""

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from actions.models import Action
from actions.services import format_date

HEADERS = [
    "Committee",
    "Meeting date",
    "Item No.",
    "Item title",
    "Action No.",
    "Responsible person",
    "Organisation",
    "Action(s)",
    "Status",
    "Status note",
    "Timing",
    "Last chased",
    "Completed or closed on",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Text as a spreadsheet shows it, never as a formula it would run."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def action_row(action: Action) -> list[str]:
    person = action.responsible_person
    meeting = action.agenda_item.meeting
    return [
        safe_cell(value)
        for value in (
            meeting.committee.name,
            format_date(meeting.date),
            action.agenda_item.number,
            action.agenda_item.title,
            action.number,
            person.name,
            person.organisation.label if person.organisation_id else "",
            action.full_text,
            action.get_status_display(),
            action.status_note,
            action.timing,
            format_date(action.last_chased_on) if action.last_chased_on else "",
            format_date(action.finished_on) if action.finished_on else "",
        )
    ]


def render_csv(actions: Iterable[Action]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for action in actions:
        writer.writerow(action_row(action))
    # The byte-order mark makes Excel read the file as UTF-8 (names with accents, "•").
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(actions: Iterable[Action]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for action in actions:
        sheet.append(action_row(action))
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            cell.data_type = "s"  # never a formula, whatever the text
    for letter, width in zip(
        "ABCDEFGHIJKLM", (28, 14, 8, 40, 8, 30, 14, 80, 11, 40, 14, 14, 14), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
