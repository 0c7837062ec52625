"""Writes to meetings: a meeting is entered with its agenda items and their actions."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from actions.services import action_create
from meetings.deadlines import action_due
from meetings.models import AgendaItem, Committee, Meeting


def timing_due(timing: str) -> datetime.date | None:
    """A new action's due date: the last day of its timing, by the deadline engine."""
    deadline = action_due(timing)
    return deadline.due if deadline else None


@dataclass
class ActionEntry:
    """An action typed on the meeting page, before it is saved."""

    responsible_person: object
    intro: str
    requested_items: list[str] = field(default_factory=list)
    timing: str = ""


@dataclass
class ItemEntry:
    """An agenda item typed on the meeting page, with its actions."""

    number: str
    title: str
    actions: list[ActionEntry] = field(default_factory=list)


@transaction.atomic
def meeting_create(
    *,
    committee: Committee,
    date: datetime.date,
    kind: str = Meeting.Kind.COMMITTEE,
    title: str = "",
    items: Iterable[ItemEntry] = (),
) -> Meeting:
    """Create a meeting with its agenda items and their actions, all or nothing."""
    meeting = Meeting(committee=committee, date=date, kind=kind, title=title)
    meeting.full_clean()
    meeting.save()
    for position, entry in enumerate(items):
        item = AgendaItem(
            meeting=meeting, number=entry.number, title=entry.title, position=position
        )
        item.full_clean()
        item.save()
        for action_position, action in enumerate(entry.actions):
            action_create(
                agenda_item=item,
                responsible_person=action.responsible_person,
                intro=action.intro,
                requested_items=action.requested_items,
                timing=action.timing,
                due_date=timing_due(action.timing),
                position=action_position,
            )
    return meeting
