"""Reads of actions. The register, its exports and the dashboard's links all filter here."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404

from actions.filters import ActionFilter
from actions.models import Action, FollowUp, ResponsiblePerson
from actions.portal_models import PortalAnswer
from actions.services import format_date
from meetings.models import AgendaItem, Meeting

# Newest meeting first, by the action's own copy of its meeting's date: read in index order
# (action_live_meeting), so a page costs the same at a thousand actions or a million.
REGISTER_ORDER = ("-meeting_date", "agenda_item__position", "position", "id")
# The same for the register's pages, the item's position read row by row: a join in the
# ORDER BY lets SQLite, once it has statistics, start from the agenda items and sort every
# action for one page.
REGISTER_PAGE_ORDER = ("-meeting_date", "item_position", "position", "id")


def action_register(*, data=None, queryset=None) -> ActionFilter:
    """The action register filtered by ``data`` (a QueryDict), in register order. Its
    ``.qs`` reads the action table alone and fetches what the register shows of the page's
    rows by prefetching, so listing a page costs a fixed number of queries and the same
    time at any size."""
    base = queryset if queryset is not None else Action.objects.all()
    item_position = AgendaItem.objects.filter(pk=OuterRef("agenda_item")).order_by()
    base = (
        base.alias(item_position=Subquery(item_position.values("position")[:1]))
        .prefetch_related(
            Prefetch("agenda_item", AgendaItem.objects.select_related("meeting__committee")),
            Prefetch(
                "responsible_person", ResponsiblePerson.objects.select_related("organisation")
            ),
            "lead_organisations",
        )
        .order_by(*REGISTER_PAGE_ORDER)
    )
    return ActionFilter(data=data, queryset=base)


def action_register_rows(*, data=None):
    """The register's filtered rows, in its order, for the exports: read in chunks as they
    are written, never all held; without the lead organisations, which no export shows."""
    register = action_register(data=data)
    return register.qs.prefetch_related(None).with_related().iterator(chunk_size=2000)


@dataclass(frozen=True)
class HistoryEntry:
    """One saved change of an action: when, who, and each field's old and new value."""

    when: datetime.datetime
    user: object
    kind: str
    changes: list[tuple[str, str, str]]


# Bookkeeping fields an officer does not need to read about in the history.
HISTORY_HIDDEN = {"version", "updated_at", "created_at", "position"}


def _display(field, value, people) -> str:
    if value in (None, "", []):
        return "(empty)"
    if field.name == "responsible_person":
        return str(people.get(value, value))
    if field.name == "requested_items" and isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return format_date(value)
    return str(value)


def action_history(*, action: Action) -> list[HistoryEntry]:
    """The action's saved changes, newest first, each field from -> to (two queries)."""
    records = list(action.history.select_related("history_user").order_by("history_date", "pk"))
    person_ids = {r.responsible_person_id for r in records}
    people = {
        p.pk: p
        for p in ResponsiblePerson.objects.select_related("organisation").filter(pk__in=person_ids)
    }
    kinds = {"+": "Created", "~": "Changed", "-": "Deleted"}
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=sorted(HISTORY_HIDDEN))
            for change in delta.changes:
                field = Action._meta.get_field(change.field)
                changes.append(
                    (
                        str(field.verbose_name).capitalize(),
                        _display(field, change.old, people),
                        _display(field, change.new, people),
                    )
                )
        kind = kinds.get(record.history_type, "Changed")
        if previous is not None and previous.deleted_at is not None and record.deleted_at is None:
            kind = "Restored"
        elif record.deleted_at is not None and (previous is None or previous.deleted_at is None):
            kind = "Deleted"
        if previous is None or changes or kind != "Changed":
            entries.append(
                HistoryEntry(
                    when=record.history_date, user=record.history_user, kind=kind, changes=changes
                )
            )
        previous = record
    return entries[::-1]


def action_page(*, pk: int) -> Action:
    """An action with what its page shows: follow-ups, letters, who chased (fixed queries)."""
    return (
        Action.objects.with_related()
        .prefetch_related(
            "lead_organisations",
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.select_related("by", "letter").order_by("-date", "-id"),
            ),
            Prefetch(
                "portal_answers",
                queryset=PortalAnswer.objects.select_related("contact", "reviewed_by"),
            ),
            Prefetch(
                "answered_by",
                # The letters' model sits in the app above: reached through the relation.
                queryset=Action.answered_by.rel.related_model.objects.select_related(
                    "organisation"
                ).order_by("date"),
            ),
        )
        .get(pk=pk)
    )


def deleted_actions():
    """Deleted actions, most recently deleted first, for officers to restore."""
    return (
        Action.all_objects.filter(deleted_at__isnull=False).with_related().order_by("-deleted_at")
    )


def actions_to_follow_up(*, pks) -> list[Action]:
    """The ongoing actions an officer ticked for a follow-up, in register order."""
    return list(
        Action.objects.outstanding().with_related().filter(pk__in=pks).order_by(*REGISTER_ORDER)
    )


def actions_selected(*, pks) -> list[Action]:
    """The live actions an officer ticked in the register, whatever their status, in
    register order."""
    return list(Action.objects.with_related().filter(pk__in=pks).order_by(*REGISTER_ORDER))


MONTHS = {
    name: number
    for number, month in enumerate(calendar.month_name[1:], start=1)
    for name in (month.lower(), month[:3].lower())
}


def _picker_word(word: str) -> Q:
    """One word of a picker search: in the action's words, its item, its responsible
    person or their organisation, or its meeting (a year, a month's name, an item number)."""
    match = (
        Q(intro__icontains=word)
        | Q(requested_items__icontains=word)
        | Q(agenda_item__title__icontains=word)
        | Q(agenda_item__meeting__title__icontains=word)
        | Q(responsible_person__name__icontains=word)
        | Q(responsible_person__organisation__name__icontains=word)
        | Q(responsible_person__organisation__short_name__iexact=word)
        | Q(agenda_item__number__iexact=word)
    )
    if word.isdigit() and len(word) == 4:
        match |= Q(meeting_date__year=int(word))
    if word.lower() in MONTHS:
        match |= Q(meeting_date__month=MONTHS[word.lower()])
    return match


def open_actions_matching(*, query: str, committee_id=None, limit: int = 25) -> list[Action]:
    """The ongoing actions (of one committee, when given) that match every word of
    ``query``, newest meeting first, at most ``limit``: one query."""
    words = query.split()[:8]
    if not words:
        return []
    actions = Action.objects.outstanding().with_related()
    if committee_id:
        actions = actions.filter(agenda_item__meeting__committee_id=committee_id)
    for word in words:
        actions = actions.filter(_picker_word(word[:100]))
    return list(actions.order_by(*REGISTER_ORDER)[:limit])


def action_choice_label(action: Action, *, with_committee: bool = False) -> str:
    """An action as a picker lists it: its meeting (and committee, when several are
    searched), item, responsible person and what it asks."""
    item = action.agenda_item
    committee = f"{item.meeting.committee.name}, " if with_committee else ""
    return (
        f"{committee}{item.meeting.date.day} {item.meeting.date:%B %Y}, item {item.number} – "
        f"{action.responsible_person}: {action.short_text}"
    )


def meeting_page(*, pk: int):
    """A meeting with its agenda items in order, each with its live actions and their
    responsible people: three queries, however many items and actions."""
    actions = Action.objects.select_related("responsible_person__organisation").order_by(
        "position", "id"
    )
    return get_object_or_404(
        Meeting.objects.select_related("committee").prefetch_related(
            Prefetch("items", queryset=AgendaItem.objects.order_by("position", "id")),
            Prefetch("items__actions", queryset=actions),
        ),
        pk=pk,
    )
