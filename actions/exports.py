"""The action register exported as CSV and XLSX: exactly the rows the filter selects.

Querying stays in the selector (``actions.selectors.action_register``); this only names the
columns and their typed values. ``actiontracker.exports`` renders them, defusing formulas.
"""

from actions.models import Action
from actiontracker.exports import Column, Exporter, number_or_text


def _organisation(action: Action) -> str:
    person = action.responsible_person
    return person.organisation.label if person.organisation_id else ""


ACTION_REGISTER = Exporter(
    name="actions",
    sheet_title="Actions",
    columns=[
        Column("Committee", lambda a: a.agenda_item.meeting.committee.name, 28),
        Column("Meeting date", lambda a: a.agenda_item.meeting.date, 16),
        Column("Item No.", lambda a: number_or_text(a.agenda_item.number), 8),
        Column("Item title", lambda a: a.agenda_item.title, 40),
        Column("Action No.", lambda a: number_or_text(a.number), 8),
        Column("Responsible person", lambda a: a.responsible_person.name, 30),
        Column("Organisation", _organisation, 14),
        Column("Action(s)", lambda a: a.full_text, 80),
        Column("Status", lambda a: a.get_status_display(), 11),
        Column("Status note", lambda a: a.status_note, 40),
        Column("Timing", lambda a: a.timing, 14),
        Column("Last chased", lambda a: a.last_chased_on, 16),
        Column("Completed or closed on", lambda a: a.finished_on, 16),
    ],
)
