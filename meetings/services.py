"""Writes to a meeting's agenda: items are added and corrected only through here."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from meetings.models import AgendaItem, Meeting


def _number_key(number: str) -> tuple:
    """Agenda numbers in the order a reader expects: "2", "9", "10", "10a"."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.lower())
        for part in re.findall(r"\d+|\D+", number.strip())
    )


def _check_number_free(meeting: Meeting, number: str, *, exclude_pk: int | None = None) -> None:
    taken = AgendaItem.objects.filter(meeting=meeting, number=number).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"number": f"Item {number} is already on this meeting's agenda: choose another number"}
        )


@transaction.atomic
def agenda_item_create(*, meeting: Meeting, number: str, title: str) -> AgendaItem:
    """Add an item to a meeting's agenda, placed among the others by its number."""
    # Lock the meeting so two officers adding items at once get distinct positions.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    number = number.strip()
    _check_number_free(meeting, number)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "id"))
    key = _number_key(number)
    position = len(items)
    for index, item in enumerate(items):
        if _number_key(item.number) > key:
            position = index
            break
    # Make room: the items after the new one move down one place.
    for index, other in enumerate(items):
        wanted = index if index < position else index + 1
        if other.position != wanted:
            other.position = wanted
            other.save(update_fields=["position"])
    item = AgendaItem(meeting=meeting, number=number, title=title.strip(), position=position)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, number: str, title: str) -> AgendaItem:
    """Correct an item's number or title; its actions stay with it."""
    number = number.strip()
    _check_number_free(item.meeting, number, exclude_pk=item.pk)
    item.number = number
    item.title = title.strip()
    item.full_clean()
    item.save(update_fields=["number", "title"])
    return item
