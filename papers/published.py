"""What has changed in a published paper's actions since it was published, from the
actions' history: the paper's page lists it under the paper as published."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery

from actions.models import Action, ResponsiblePerson
from actions.services import format_date
from papers.models import Paper

# The fields of an action a paper prints (or that take it off the paper), in paper order.
SHOWN_FIELDS = (
    ("intro", "Action"),
    ("requested_items", "Requested items"),
    ("responsible_person_id", "Responsible person"),
    ("status", "Status"),
    ("status_note", "Status note"),
    ("finished_on", "Finished on"),
    ("last_chased_on", "Last chased"),
    ("deleted_at", "Deleted"),
)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class ActionChange:
    """One action of the paper as it is now against as it was published."""

    action_id: int
    item_number: str
    meeting_date: dt.date
    intro: str
    changed_at: dt.datetime
    changed_by: str
    changes: list[FieldChange] = field(default_factory=list)


def _text(name: str, value, people: dict[int, str]) -> str:
    if value in (None, "", []):
        return "(none)"
    if name == "responsible_person_id":
        return people.get(value, f"person {value}")
    if name == "status":
        return Action.Status(value).label
    if name == "requested_items":
        return "; ".join(value)
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def changes_since_publication(paper: Paper) -> list[ActionChange]:
    """The paper's actions whose printed fields differ now from when it was published,
    each with what changed, in paper order. Three queries, however many actions."""
    if not paper.is_published or not paper.published_action_ids or paper.published_at is None:
        return []
    history = Action.history.model
    later = list(
        history.objects.filter(
            id__in=paper.published_action_ids, history_date__gt=paper.published_at
        )
        .select_related("agenda_item__meeting", "history_user")
        .order_by("id", "history_date", "history_id")
    )
    if not later:
        return []
    latest = {record.id: record for record in later}  # the last record of each wins
    as_published = history.objects.filter(
        id__in=list(latest),
        history_date__lte=paper.published_at,
        history_id=Subquery(
            history.objects.filter(id=OuterRef("id"), history_date__lte=paper.published_at)
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        ),
    )
    before = {record.id: record for record in as_published}
    person_ids = {r.responsible_person_id for r in [*latest.values(), *before.values()]}
    people = dict(ResponsiblePerson.objects.filter(pk__in=person_ids).values_list("pk", "name"))
    result = []
    for action_id, now in latest.items():
        then = before.get(action_id)
        if then is None:
            # No history from before publication (written around the services): say that
            # it changed, without a before to show.
            changes = [FieldChange("Record", "(no earlier history)", "changed")]
        else:
            changes = [
                FieldChange(
                    label,
                    _text(name, getattr(then, name), people),
                    _text(name, getattr(now, name), people),
                )
                for name, label in SHOWN_FIELDS
                if getattr(then, name) != getattr(now, name)
            ]
        if not changes:
            continue  # changed and changed back, or only its record (reported, version)
        result.append(
            ActionChange(
                action_id=action_id,
                item_number=now.agenda_item.number,
                meeting_date=now.agenda_item.meeting.date,
                intro=now.intro,
                changed_at=now.history_date,
                changed_by=now.history_user.get_username() if now.history_user else "",
                changes=changes,
            )
        )
    order = {pk: i for i, pk in enumerate(paper.published_action_ids)}
    return sorted(result, key=lambda change: order.get(change.action_id, 0))
