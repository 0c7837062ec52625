"""Writing an action log (not a paper): committees, meetings, items and actions, no paper.

An action already recorded (same meeting, item and wording) is updated, never duplicated:
importing the same log twice changes nothing the second time."""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from actions.models import Action, FollowUp
from actions.services import RECORD_FIELDS, followup_record
from meetings.models import AgendaItem, Meeting, Organisation
from papers.importing.cells import PaperParseError, find_dates, normalise_text
from papers.importing.history import current_import
from papers.importing.logs import ActionLog
from papers.importing.writing import ROW_LABELS, Writer, meeting_line, storing

FOLLOW_UP_NOTE = "Recorded by the log import."
FINISHED = {Action.Status.COMPLETED, Action.Status.CLOSED}
KNOWN_RELATIONS = ["agenda_item", "responsible_person"]
# What a new action's row is checked for (as action_create checks it, less the relations
# just fetched or created): each field's own rules, then the table's check constraints.
_UNCHECKED = [f.name for f in Action._meta.fields if f.name not in RECORD_FIELDS]
_UNCHECKED += KNOWN_RELATIONS
_FIELD_NAMES = [f.name for f in Action._meta.fields]
CHECK_CONSTRAINTS = {"action_ongoing_has_no_finished_date", "action_status_valid"}
# The fields a row sets, with the words the preview shows for them.
COMPARED = {
    "status": "Status",
    "status_note": "Status note",
    "timing": "Timing",
    "due_date": "Due date",
    "finished_on": "Completed or closed on",
    "number": "Action No.",
    "responsible_person": "Responsible person",
}


def _text_key(intro: str, items: list[str]) -> str:
    return normalise_text(" ".join([intro, *items]))


class LogWriter(Writer):
    """Writes a parsed action log."""

    def log(self, data: ActionLog, committee_slug: str | None) -> None:
        self._log_committees: dict[str, object] = {}
        self._log_meetings: dict[tuple, dict] = {}
        # Written at the end, in a few statements: new actions (with their outcome), changed
        # ones (with the fields changed), and every row's last chase.
        self._log_new_items: list[AgendaItem] = []
        self._log_new: list[tuple] = []
        self._log_changed: list[tuple[Action, set]] = []
        self._log_chased: list[tuple[Action, datetime.date]] = []
        for block in data.blocks:
            for row in block.rows:
                name = row.committee or data.committee
                if not name and not committee_slug:
                    raise PaperParseError(
                        row.line,
                        "the committee the log belongs to: a title line such as 'Marshfield "
                        "Parish Council – Action Log', a Committee column, or a committee chosen",
                    )
                with storing(row.line, ROW_LABELS):
                    self.log_row(name, committee_slug, block.date, row)
        self._log_write()
        for group in self.report.outcomes:  # one line per meeting, as a paper's import prints
            words = {"create": "created", "update": "updated", "unchanged": "unchanged"}
            counts = Counter(words[action.outcome] for action in group.actions)
            self.report.meetings.append(meeting_line(group.date, len(group.actions), counts))

    def _log_committee(self, name: str, slug: str | None):
        key = slug or name
        if key not in self._log_committees:
            self._log_committees[key] = self.committee(name, slug)
        return self._log_committees[key]

    def _log_meeting(self, committee, date: datetime.date) -> dict:
        key = (committee.pk, date)
        if key not in self._log_meetings:
            meeting = self.meeting(committee, date, Meeting.Kind.COMMITTEE)
            # Locked as read (action_change would lock each one): they are changed at the end.
            actions = list(
                Action.objects.filter(agenda_item__meeting=meeting)
                .select_related("agenda_item", "responsible_person")
                .select_for_update(of=("self",))
            )
            by_text: dict[tuple, list[Action]] = {}
            for action in actions:
                text = _text_key(action.intro, action.requested_items)
                by_text.setdefault((action.agenda_item_id, text), []).append(action)
            self._log_meetings[key] = {
                "meeting": meeting,
                "items": {item.number: item for item in meeting.items.all()},
                "by_text": by_text,
                "positions": {},
                "used": set(),
            }
        return self._log_meetings[key]

    def log_row(self, name: str, slug: str | None, block_date, row) -> None:
        committee = self._log_committee(name, slug)
        state = self._log_meeting(committee, row.meeting_date or block_date)
        meeting, items = state["meeting"], state["items"]
        item = items.get(row.item_number)
        if item is None:
            item = AgendaItem(
                meeting=meeting,
                number=row.item_number,
                title=row.item_title or f"Item {row.item_number}",
                position=len(items),
            )
            # Checked here, so a refusal names the row; written with the actions. Its
            # number is new to the meeting (all its items were read), so it is unique.
            item.clean_fields(exclude=["meeting"])
            item.clean()
            items[row.item_number] = item
            self._log_new_items.append(item)
            state["positions"][item.number] = 0
            self.report.created["agenda items"] += 1
        person = self._log_person(row.person, row.organisation)
        finished_on = row.finished_on
        if row.status in FINISHED and finished_on is None:
            finished_on = _finished_on(row.status_note, meeting.date)
        if row.status not in FINISHED:
            finished_on = None
        values = {
            "status": row.status,
            "status_note": row.status_note,
            "timing": row.timing,
            "due_date": row.due_date,
            "finished_on": finished_on,
            "number": row.number,
            "responsible_person": person,
        }
        where = f"item {item.number}, {person}"
        action = self._log_match(state, item, person, row)
        if action is None:
            action = Action(
                agenda_item=item,
                intro=row.intro,
                requested_items=[text for text in row.requested_items if text.strip()],
                last_chased_on=row.followed_up_on,
                position=self._log_position(state, item),
                committee_id=meeting.committee_id,
                meeting_date=meeting.date,
                **values,
            )
            _check_new(action)  # here, so a refusal names the row
            state["positions"][item.number] = action.position + 1
            self.report.created["actions"] += 1
            outcome = self.report.record_action(action, "create", where=where, meeting=meeting)
            self._log_new.append((action, outcome))
            if row.followed_up_on:
                self._log_chased.append((action, row.followed_up_on))
            return
        changes = {k: v for k, v in values.items() if getattr(action, k) != v}
        if changes:
            shown = [
                (COMPARED[k], _shown(getattr(action, k)), _shown(v)) for k, v in changes.items()
            ]
            _change(action, changes)
            self._log_changed.append((action, set(changes)))
            self.report.updated["actions"] += 1
            self.report.record_action(action, "update", shown, where=where, meeting=meeting)
        else:
            self.report.record_action(action, "unchanged", where=where, meeting=meeting)
        state["used"].add(action.pk)
        if row.followed_up_on:
            self._log_chased.append((action, row.followed_up_on))

    def _log_write(self) -> None:
        """The new and changed actions, checked row by row already, written in a few
        statements with their history records (naming the import, as one by one they
        would); then the follow-ups the rows record."""
        reason, user = current_import()
        if self._log_new_items:  # before their actions, which then take their keys
            bulk_create_with_history(
                self._log_new_items,
                AgendaItem,
                batch_size=500,
                default_user=user,
                default_change_reason=reason,
            )
        if self._log_new:
            actions = [action for action, _ in self._log_new]
            bulk_create_with_history(
                actions, Action, batch_size=500, default_user=user, default_change_reason=reason
            )
            for action, outcome in self._log_new:
                outcome.action_id = action.pk
        if self._log_changed:
            self._log_update(reason, user)
        if self._log_chased:
            ids = {action.pk for action, _ in self._log_chased}
            known = set(FollowUp.objects.filter(action__in=ids).values_list("action", "date"))
            for action, date in self._log_chased:
                if (action.pk, date) not in known:
                    self._log_follow_up(action, date)
                    known.add((action.pk, date))

    def _log_update(self, reason: str, user) -> None:
        """One UPDATE per set of changes (a log's changes are mostly the same few statuses;
        bulk_update's CASE per row and field costs more than one UPDATE a row), then the
        history records of them all."""
        groups: dict[tuple, list[Action]] = {}
        for action, names in self._log_changed:
            key = tuple(sorted((name, getattr(action, name)) for name in names))
            groups.setdefault(key, []).append(action)
        now = timezone.now()
        for key, actions in groups.items():
            for start in range(0, len(actions), 500):
                chunk = actions[start : start + 500]
                Action.objects.filter(pk__in=[action.pk for action in chunk]).update(
                    **dict(key), version=F("version") + 1, updated_at=now
                )
        for action, _ in self._log_changed:
            action.updated_at = now
        actions = [action for action, _ in self._log_changed]
        # With no fields, bulk_update_with_history writes only the history records.
        bulk_update_with_history(
            actions, Action, [], batch_size=500, default_user=user, default_change_reason=reason
        )

    def _log_position(self, state, item) -> int:
        if item.number not in state["positions"]:
            count = Action.all_objects.filter(agenda_item=item).count()
            state["positions"][item.number] = count
        return state["positions"][item.number]

    def _log_person(self, text: str, organisation_name: str):
        """The responsible person; an Organisation column naming a body the database does
        not know yet creates it (a log names its own bodies)."""
        if organisation_name and self.directory.organisation(organisation_name) is None:
            organisation = Organisation(name=organisation_name[:200])
            organisation.full_clean()
            organisation.save()
            self.directory.created["organisations"] += 1
            self.directory._remember(organisation)
        return self.directory.person(text)

    def _log_match(self, state, item, person, row) -> Action | None:
        """The recorded action of the same item and wording (the same person's first)."""
        if item.pk is None:
            return None  # an item new to the meeting has no actions yet
        text = _text_key(row.intro, row.requested_items)
        found = state["by_text"].get((item.pk, text), [])
        same = [action for action in found if action.pk not in state["used"]]
        same.sort(key=lambda action: action.responsible_person_id != person.pk)
        return same[0] if same else None

    def _log_follow_up(self, action: Action, date: datetime.date) -> None:
        followup_record(
            actions=[action],
            date=date,
            method=FollowUp.Method.EMAIL,
            note=FOLLOW_UP_NOTE,
            note_status=False,
        )
        self.report.created["follow-ups"] += 1


def _check_new(action: Action) -> None:
    """What action_create checks, without a query per row: the fields' rules, and the
    table's check constraints in Python (Django asks the database for each)."""
    action.clean_fields(exclude=_UNCHECKED)
    _check(action)


def _change(action: Action, changes: dict) -> None:
    """What action_change does to a recorded action, but the save (made at the end)."""
    for name, value in changes.items():
        setattr(action, name, value)
    unchecked = [n for n in _FIELD_NAMES if n not in changes or n in KNOWN_RELATIONS]
    action.clean_fields(exclude=unchecked)
    _check(action)
    action.version += 1


def _check(action: Action) -> None:
    action.clean()
    if action.status == Action.Status.ONGOING and action.finished_on is not None:
        raise ValidationError("An ongoing action has no date of completion.")


def _finished_on(note: str, meeting_date: datetime.date) -> datetime.date:
    today = datetime.date.today()
    dates = [d for d in find_dates(note) if meeting_date <= d <= today]
    return dates[-1] if dates else meeting_date


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
