"""Writes to actions: every change of status, note or chase goes through here."""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from actions.models import Action, FollowUp
from actiontracker.versioning import FieldChange


def format_date(value: datetime.date) -> str:
    """Dates as the papers write them: "4 May 2023"."""
    return f"{value.day} {value:%B %Y}"


def followed_up_note(date: datetime.date) -> str:
    return f"Followed-up on {format_date(date)}."


# The sentence a chase writes, at the end of a note (there is at most one: each chase
# replaces the one before it).
FOLLOWED_UP_SENTENCE = re.compile(r"\s*Followed-up on \d{1,2} [A-Z][a-z]+ \d{4}\.\s*$")


def chased_note(note: str, date: datetime.date) -> str:
    """The status note after a chase on ``date``: what the officer wrote stays, and the
    chase's sentence follows it ("<note> Followed-up on 8 June 2021."), replacing the
    sentence an earlier chase added."""
    kept = FOLLOWED_UP_SENTENCE.sub("", note or "").rstrip()
    return f"{kept} {followed_up_note(date)}" if kept else followed_up_note(date)


@transaction.atomic
def followup_record(
    *,
    actions: Iterable[Action],
    date: datetime.date,
    method: str = FollowUp.Method.LETTER,
    note: str = "",
    by=None,
    letter=None,
    note_status: bool = True,
) -> list[FollowUp]:
    """Record that the given ongoing actions were chased on ``date``.

    Each gets a follow-up; where this is its newest chase, "Followed-up on <date>." ends
    its status note (the newest chase drives it), after whatever the officer wrote there,
    unless ``note_status`` is false (the importer keeps the note the paper printed).
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
        changes = {"last_chased_on": date}
        if note_status and action.status == Action.Status.ONGOING:
            changes["status_note"] = chased_note(action.status_note, date)
        _write(action, changes)
    return follow_ups


# What the admin may change on a recorded chase; its action and date stay as recorded,
# since the action's last chase and status note were derived from them.
FOLLOW_UP_FIELDS = ("method", "note", "by", "letter")


@transaction.atomic
def followup_update(*, follow_up: FollowUp, data: dict) -> FollowUp:
    """Correct how a chase was made, its note, who made it or its letter."""
    unknown = set(data) - set(FOLLOW_UP_FIELDS)
    if unknown:
        raise TypeError(f"Not changeable on a follow-up: {', '.join(sorted(unknown))}")
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    for name, value in data.items():
        setattr(current, name, value)
    current.full_clean(exclude=["action"])
    current.save()
    return current


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
    "owner",
    "number",
    "intro",
    "requested_items",
    "timing",
    "due_date",
    "status_note",
)


class StaleEditError(Exception):
    """The action changed since the editor loaded it; their save was refused."""

    def __init__(self, *, action: Action, changes: list[FieldChange], changed_by=None):
        self.action = action
        self.changes = changes
        self.changed_by = changed_by
        super().__init__(f"Action {action.pk} is at version {action.version}")


# Every field of an action the services write. The admin and the importer may set any of
# them; officers' forms set EDITABLE_FIELDS, and status through action_set_status. Deletion
# and restoring have their own services.
RECORD_FIELDS = (
    "agenda_item",
    "responsible_person",
    "owner",
    "number",
    "position",
    "intro",
    "requested_items",
    "status",
    "status_note",
    "timing",
    "due_date",
    "finished_on",
    "last_chased_on",
    "reported_in",
)


def _locked(action: Action) -> Action:
    # The row lock makes a check-then-write atomic against another officer's save.
    return Action.all_objects.select_for_update().get(pk=action.pk)


def _write(
    action: Action,
    changes: dict,
    *,
    lead_organisations: Iterable | None = None,
    checked_relations: Iterable[str] = (),
) -> Action:
    """Apply ``changes`` to ``action`` (new, or locked by the caller), check them, raise the
    version and save, with a history record. Every write of an action ends here, so this
    is the one place its version goes up; a change that changes nothing writes nothing."""
    if action.pk is not None:
        changes = {n: v for n, v in changes.items() if _value(action, n) != _value_of(n, v)}
        if lead_organisations is not None:
            leads = {o.pk for o in lead_organisations}
            if leads == set(action.lead_organisations.values_list("pk", flat=True)):
                lead_organisations = None
        if not changes and lead_organisations is None:
            return action
        action.version += 1
    for name, value in changes.items():
        setattr(action, name, value)
    # Fields not written were checked when they were; each relation checked costs a query,
    # so those the caller has just fetched or created are not checked again.
    checked = set(changes) - set(checked_relations)
    action.clean_fields(exclude=[f.name for f in Action._meta.fields if f.name not in checked])
    action.clean()
    action.validate_constraints()
    action.save()
    if lead_organisations is not None:
        action.lead_organisations.set(lead_organisations)
    return action


def _value(action: Action, name: str):
    field = Action._meta.get_field(name)
    return getattr(action, field.attname)


def _value_of(name: str, value):
    # A relation may be given as an object or a primary key; compare keys.
    if Action._meta.get_field(name).is_relation and isinstance(value, models.Model):
        return value.pk
    return value


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
def action_check_version(*, action: Action, expected_version: int | None) -> Action:
    """Lock the action and refuse (StaleEditError) if it changed after ``expected_version``;
    lets a form say so before its save, in the same transaction."""
    current = _locked(action)
    _check_version(current, expected_version)
    return current


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
    status: str = Action.Status.ONGOING,
    status_note: str = "",
    finished_on: datetime.date | None = None,
    last_chased_on: datetime.date | None = None,
    reported_in=None,
    position: int | None = None,
    owner=None,
    lead_organisations: Iterable = (),
    checked_relations: Iterable[str] = (),
) -> Action:
    """Create an action at an agenda item: ongoing unless recorded otherwise (the admin
    and the importer record finished ones too)."""
    if position is None:
        position = Action.all_objects.filter(agenda_item=agenda_item).count()
    fields = {
        "agenda_item": agenda_item,
        "responsible_person": responsible_person,
        "intro": intro,
        "requested_items": [item for item in requested_items if item.strip()],
        "number": number,
        "timing": timing,
        "due_date": due_date,
        "status": status,
        "status_note": status_note,
        "finished_on": finished_on,
        "last_chased_on": last_chased_on,
        "reported_in": reported_in,
        "position": position,
        "owner": owner,
    }
    leads = list(lead_organisations)
    return _write(
        Action(), fields, lead_organisations=leads or None, checked_relations=checked_relations
    )


@transaction.atomic
def action_update(*, action: Action, expected_version: int | None, **fields) -> Action:
    """Change an action's text, owner or timing; refused (StaleEditError) when another
    officer saved it after ``expected_version``."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable here: {', '.join(sorted(unknown))}")
    return action_change(action=action, data=fields, expected_version=expected_version)


@transaction.atomic
def action_change(
    *,
    action: Action,
    data: dict,
    expected_version: int | None = None,
    lead_organisations: Iterable | None = None,
    checked_relations: Iterable[str] = (),
) -> Action:
    """Change any recorded field of an action (the admin, the importer), and its lead
    organisations if given; refused (StaleEditError) when it changed after
    ``expected_version``. Returns the action as saved."""
    unknown = set(data) - set(RECORD_FIELDS)
    if unknown:
        raise TypeError(f"Not changeable here: {', '.join(sorted(unknown))}")
    current = _locked(action)
    _check_version(current, expected_version)
    return _write(
        current, data, lead_organisations=lead_organisations, checked_relations=checked_relations
    )


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
    finished_on = None if status == Action.Status.ONGOING else on or timezone.localdate()
    _write(current, {"status": status, "status_note": note, "finished_on": finished_on})
    if letter is not None:
        letter.answers.add(current)
    return current


@dataclass
class BulkStatusResult:
    """What a bulk status change did: the actions changed, and those refused because they
    changed after the officer's page was loaded (or were deleted since)."""

    changed: list[Action] = field(default_factory=list)
    stale: list[Action] = field(default_factory=list)
    gone: list[int] = field(default_factory=list)


def actions_set_status_bulk(
    *, versions: dict[int, int], status: str, note: str, on: datetime.date | None = None
) -> BulkStatusResult:
    """Mark several actions completed or closed with one note, each through
    ``action_set_status`` (its history and version). Each action as loaded at
    ``versions[pk]``: one changed since is refused and named, and the others still change."""
    result = BulkStatusResult()
    actions = Action.objects.with_related().in_bulk(list(versions))
    for pk, version in versions.items():
        action = actions.get(pk)
        if action is None:
            result.gone.append(pk)
            continue
        try:
            result.changed.append(
                action_set_status(
                    action=action, status=status, note=note, on=on, expected_version=version
                )
            )
        except StaleEditError:
            result.stale.append(action)
    return result


@transaction.atomic
def actions_mark_reported(*, actions: Iterable[Action], paper) -> None:
    """Record that ``paper``, just published, showed these finished actions, so the next
    paper drops them; actions already reported or ongoing again are left alone."""
    locked = Action.objects.select_for_update().filter(
        pk__in=[a.pk for a in actions], reported_in__isnull=True
    )
    for action in locked.exclude(status=Action.Status.ONGOING).order_by("pk"):
        _write(action, {"reported_in": paper}, checked_relations=["reported_in"])


@transaction.atomic
def action_delete(*, action: Action) -> Action:
    """Delete an action softly: it leaves the register and papers but can be restored."""
    current = _locked(action)
    if current.deleted_at is None:
        _write(current, {"deleted_at": timezone.now()})
    return current


@transaction.atomic
def action_restore(*, action: Action) -> Action:
    """Bring a deleted action back to the register."""
    return _write(_locked(action), {"deleted_at": None})
