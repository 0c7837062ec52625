"""Writes to actions: every change of status, note or chase goes through here."""

import datetime
from collections.abc import Iterable

from django.db import transaction

from actions.models import Action, FollowUp


def format_date(value: datetime.date) -> str:
    """Dates as the papers write them: "4 May 2023"."""
    return f"{value.day} {value:%B %Y}"


def followed_up_note(date: datetime.date) -> str:
    return f"Followed-up on {format_date(date)}."


@transaction.atomic
def followup_record(
    *,
    actions: Iterable[Action],
    date: datetime.date,
    method: str = FollowUp.Method.LETTER,
    note: str = "",
    by=None,
    letter=None,
) -> list[FollowUp]:
    """Record that the given ongoing actions were chased on ``date``.

    Each gets a follow-up; where this is its newest chase, its status note becomes
    "Followed-up on <date>." (the newest chase drives the note).
    """
    # Re-read under a row lock so concurrent edits and chases queue up, not overwrite.
    actions = list(
        Action.objects.select_for_update().filter(pk__in=[a.pk for a in actions]).order_by("pk")
    )
    follow_ups = [
        FollowUp(action=action, date=date, method=method, note=note, by=by, letter=letter)
        for action in actions
    ]
    for follow_up in follow_ups:
        follow_up.full_clean(exclude=["action"])
        follow_up.save()
    for action in actions:
        if action.last_chased_on is not None and action.last_chased_on > date:
            continue  # an older chase entered late leaves the newer note in place
        action.last_chased_on = date
        fields = ["last_chased_on", "version", "updated_at"]
        if action.status == Action.Status.ONGOING:
            action.status_note = followed_up_note(date)
            fields.append("status_note")
        action.version += 1
        action.save(update_fields=fields)
    return follow_ups
