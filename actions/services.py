"""Writes to actions: every change of status, note or chase goes through here."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

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


DELEGATED_AUTHORITY = (
    "That authority be delegated to the Chair, in consultation with party Group Lead "
    "Members, to agree any output arising from the discussion."
)
# Standard wordings officers can drop into an action with one click: key -> (label, text).
STANDARD_WORDINGS = {
    "delegated-authority": ("Delegated authority to the Chair", DELEGATED_AUTHORITY),
}

# Fields an officer edits on the action form; status goes through action_set_status.
EDITABLE_FIELDS = (
    "responsible_person",
    "number",
    "intro",
    "requested_items",
    "timing",
    "due_date",
    "status_note",
)


@dataclass(frozen=True)
class FieldChange:
    """One field another officer changed: its label, the old and the new value."""

    field: str
    label: str
    old: object
    new: object


class StaleEditError(Exception):
    """The action changed since the editor loaded it; their save was refused."""

    def __init__(self, *, action: Action, changes: list[FieldChange], changed_by=None):
        self.action = action
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(f"Action {action.pk} is at version {action.version}")


def _locked(action: Action) -> Action:
    # The row lock makes a check-then-write atomic against another officer's save.
    return Action.all_objects.select_for_update().get(pk=action.pk)


def _changes_since(action: Action, version: int) -> tuple[list[FieldChange], object]:
    """What changed on ``action`` after ``version``, from its history, and who changed it."""
    records = list(action.history.filter(version__gte=version).order_by("history_date", "pk"))
    if len(records) < 2:
        return [], None
    old, new = records[0], records[-1]
    delta = new.diff_against(old, excluded_fields=["version", "updated_at", "created_at"])
    changes = [
        FieldChange(
            field=change.field,
            label=str(Action._meta.get_field(change.field).verbose_name).capitalize(),
            old=change.old,
            new=change.new,
        )
        for change in delta.changes
    ]
    return changes, new.history_user


def _check_version(current: Action, expected_version: int | None) -> None:
    if expected_version is not None and current.version != expected_version:
        changes, user = _changes_since(current, expected_version)
        raise StaleEditError(action=current, changes=changes, changed_by=user)


@transaction.atomic
def action_create(
    *,
    agenda_item,
    responsible_person,
    intro: str,
    requested_items: Iterable[str] = (),
    number: str = "",
    timing: str = "",
    due_date: datetime.date | None = None,
    status_note: str = "",
    position: int | None = None,
) -> Action:
    """Create an ongoing action at an agenda item."""
    if position is None:
        position = Action.all_objects.filter(agenda_item=agenda_item).count()
    action = Action(
        agenda_item=agenda_item,
        responsible_person=responsible_person,
        intro=intro,
        requested_items=[item for item in requested_items if item.strip()],
        number=number,
        timing=timing,
        due_date=due_date,
        status_note=status_note,
        position=position,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(*, action: Action, expected_version: int | None, **fields) -> Action:
    """Change an action's text, owner or timing; refused (StaleEditError) when another
    officer saved it after ``expected_version``."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    current = _locked(action)
    _check_version(current, expected_version)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    current.version += 1
    current.save()
    return current


@transaction.atomic
def action_set_status(
    *,
    action: Action,
    status: str,
    note: str = "",
    on: datetime.date | None = None,
    letter=None,
    expected_version: int | None = None,
) -> Action:
    """Mark an action completed, closed or ongoing again, with its status note and,
    optionally, the letter that answered it."""
    current = _locked(action)
    _check_version(current, expected_version)
    current.status = status
    current.status_note = note
    if status == Action.Status.ONGOING:
        current.finished_on = None
    else:
        current.finished_on = on or timezone.localdate()
    current.full_clean()
    current.version += 1
    current.save()
    if letter is not None:
        letter.answers.add(current)
    return current


@transaction.atomic
def action_delete(*, action: Action) -> Action:
    """Delete an action softly: it leaves the register and papers but can be restored."""
    current = _locked(action)
    current.deleted_at = timezone.now()
    current.version += 1
    current.save()
    return current


@transaction.atomic
def action_restore(*, action: Action) -> Action:
    """Bring a deleted action back to the register."""
    current = _locked(action)
    current.deleted_at = None
    current.version += 1
    current.save()
    return current
