"""Reads behind the open record: only what committees that publish openly have published.

An action is shown as a published paper listed it: its history record as it stood when
the paper was published (``Paper.published_action_ids`` says which actions the paper
listed, ``published_at`` when). A later edit is not shown until a later paper is
published. Actions owed by an internal (secretariat) post are never shown, nor drafts,
nor anything of the correspondence registers. Every read here takes a fixed number of
queries, however many papers and actions there are.
"""

import datetime as dt
import hashlib
import statistics
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Max, Q
from django.http import Http404

from actions.models import Action, ResponsiblePerson
from meetings.models import AgendaItem, Committee, Meeting
from papers.models import Paper

# Raised when what the pages show changes shape, so caches holding the old ETag refetch.
PAGES_VERSION = "1"


def open_committees():
    """Committees that publish openly, with their count of published papers."""
    return (
        Committee.objects.filter(publishes_openly=True)
        .annotate(
            published_papers=Count("meetings__papers", filter=_published_filter()),
            last_published=Max("meetings__papers__published_at", filter=_published_filter()),
        )
        .order_by("name")
    )


def _published_filter() -> Q:
    return Q(
        meetings__papers__status=Paper.Status.PUBLISHED,
        meetings__papers__deleted_at__isnull=True,
    )


def open_committee(slug: str) -> Committee:
    """The committee of ``slug`` if it publishes openly; 404 otherwise."""
    committee = Committee.objects.filter(slug=slug, publishes_openly=True).first()
    if committee is None:
        raise Http404("No committee publishes under that name.")
    return committee


def published_papers(committee: Committee) -> list[Paper]:
    """The committee's published papers, newest meeting first, without their frozen copies."""
    return list(
        Paper.objects.published()
        .filter(meeting__committee=committee, published_at__isnull=False)
        .select_related("meeting")
        .defer("pdf", "published_html")
        .order_by("-meeting__date", "kind", "id")
    )


def freshness(slug: str) -> tuple[str, dt.datetime] | None:
    """(ETag, Last-Modified) of a committee's public pages; None if it does not publish.

    They change when a paper is published (the newest publication, and the count, which a
    publication dated in the past would leave unchanged otherwise), when one of its
    meetings is added, changed or removed (the calendar lists them all), and when a
    responsible person is made internal or not (which hides or shows their actions)."""
    row = (
        Committee.objects.filter(slug=slug, publishes_openly=True)
        .annotate(
            last_published=Max("meetings__papers__published_at", filter=_published_filter()),
            published_papers=Count("meetings__papers", filter=_published_filter()),
        )
        .values_list("pk", "last_published", "published_papers")
        .first()
    )
    if row is None:
        return None
    meetings = Meeting.history.model.objects.filter(committee_id=row[0]).aggregate(
        last=Max("history_id"), when=Max("history_date")
    )
    internal = list(ResponsiblePerson.objects.filter(is_internal=True).values_list("pk", flat=True))
    key = repr((PAGES_VERSION, slug, *row, meetings["last"], sorted(internal)))
    moments = [moment for moment in (row[1], meetings["when"]) if moment is not None]
    last = max(moments, default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return hashlib.sha256(key.encode()).hexdigest()[:32], last


ACTION_FIELDS = (
    "id",
    "agenda_item_id",
    "responsible_person_id",
    "intro",
    "requested_items",
    "status",
    "status_note",
    "timing",
    "finished_on",
)
ITEM_FIELDS = ("id", "meeting_id", "number", "title")


@dataclass
class PublicAction:
    """An action as a published paper showed it."""

    action_id: int
    meeting_date: dt.date
    item_number: str
    item_title: str
    intro: str
    requested_items: list[str]
    responsible: str
    organisation: str
    status: str
    status_note: str
    timing: str
    finished_on: dt.date | None
    paper_id: int

    @property
    def status_label(self) -> str:
        return Action.Status(self.status).label

    @property
    def is_answered(self) -> bool:
        return self.status != Action.Status.ONGOING

    @property
    def days_to_answer(self) -> int | None:
        if not self.is_answered or self.finished_on is None:
            return None
        return max((self.finished_on - self.meeting_date).days, 0)

    @cached_property
    def search_text(self) -> str:
        """The words a search looks in, folded once (a kept record is searched often)."""
        return " ".join(
            [self.intro, *self.requested_items, self.status_note, self.responsible]
            + [self.organisation, self.item_title, self.status_label]
        ).casefold()

    def matches(self, words: list[str]) -> bool:
        return all(word in self.search_text for word in words)


@dataclass
class PublishedRecord:
    """A committee's published actions: each paper's as it showed them, and each action's
    latest published state (from the newest paper that listed it)."""

    by_paper: dict[int, list[PublicAction]] = field(default_factory=dict)
    latest: dict[int, PublicAction] = field(default_factory=dict)
    # What the pages derive from the record, worked out once while the record is kept.
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    def _once(self, key, make):
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def newest_first(self) -> list[PublicAction]:
        """Each action's latest published state, newest meeting first (as ``search``)."""
        return self._once("ordered", lambda: search(self.latest.values(), ""))

    def search(self, q: str) -> list[PublicAction]:
        words = q.casefold().split()
        ordered = self.newest_first()
        return [a for a in ordered if a.matches(words)] if words else ordered

    def organisations(self) -> list["OrganisationRecord"]:
        return self._once("organisations", lambda: organisation_records(self.latest.values()))

    def of_meeting(self, day: dt.date) -> list[PublicAction]:
        """The latest published state of the actions agreed at the meeting of ``day``."""
        by_day = self._once("by_meeting", self._by_meeting)
        return by_day.get(day, [])

    def _by_meeting(self) -> dict[dt.date, list[PublicAction]]:
        by_day: dict[dt.date, list[PublicAction]] = {}
        for action in self.latest.values():
            by_day.setdefault(action.meeting_date, []).append(action)
        return by_day


def published_record(papers: list[Paper]) -> PublishedRecord:
    """The actions ``papers`` listed, as each showed them, leaving out internal ones.

    Six queries: the history of the listed actions up to the last publication, their
    people, their agenda items' history and current records, and their meetings."""
    listed = [p for p in papers if p.published_action_ids and p.published_at]
    record = PublishedRecord()
    if not listed:
        return record
    until = max(p.published_at for p in listed)
    ids = {pk for paper in listed for pk in paper.published_action_ids}
    versions = _versions(Action, ids, until, ACTION_FIELDS)
    rows = [r for found in versions.values() for r in found]
    people = {
        p.pk: p
        for p in ResponsiblePerson.objects.filter(
            pk__in={r["responsible_person_id"] for r in rows}
        ).select_related("organisation")
    }
    item_ids = {r["agenda_item_id"] for r in rows}
    item_versions = _versions(AgendaItem, item_ids, until, ITEM_FIELDS)
    # An item with no history from before publication (written around the services) is
    # shown as it is now.
    current = {i["id"]: i for i in AgendaItem.objects.filter(pk__in=item_ids).values(*ITEM_FIELDS)}
    meeting_ids = {i["meeting_id"] for i in current.values()}
    meeting_ids |= {i["meeting_id"] for found in item_versions.values() for i in found}
    meetings = dict(Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", "date"))
    # Oldest publication first, so the newest paper's state of an action wins in latest.
    for paper in sorted(listed, key=lambda p: (p.published_at, p.pk)):
        shown = []
        for action_id in paper.published_action_ids:
            then = _as_of(versions.get(action_id, []), paper.published_at)
            person = people.get(then["responsible_person_id"]) if then else None
            item = None
            if then is not None:
                item_id = then["agenda_item_id"]
                found = _as_of(item_versions.get(item_id, []), paper.published_at)
                item = found or current.get(item_id)
            if then is None or person is None or item is None or person.is_internal:
                continue  # no record from before publication, or owed internally
            action = PublicAction(
                action_id=action_id,
                meeting_date=meetings[item["meeting_id"]],
                item_number=item["number"],
                item_title=item["title"],
                intro=then["intro"],
                requested_items=list(then["requested_items"] or []),
                responsible=person.name,
                organisation=person.organisation.label if person.organisation else "",
                status=then["status"],
                status_note=then["status_note"],
                timing=then["timing"],
                finished_on=then["finished_on"],
                paper_id=paper.pk,
            )
            shown.append(action)
            record.latest[action_id] = action
        record.by_paper[paper.pk] = shown
    return record


def _versions(model, ids, until: dt.datetime, fields) -> dict[int, list[dict]]:
    """The history records of ``model``'s ``ids`` made by ``until``, oldest first, by id."""
    history = (
        model.history.model.objects.filter(id__in=ids, history_date__lte=until)
        .order_by("id", "history_date", "history_id")
        .values("history_date", *fields)
    )
    versions: dict[int, list[dict]] = {}
    for row in history:
        versions.setdefault(row["id"], []).append(row)
    return versions


def _as_of(versions: list[dict], moment: dt.datetime) -> dict | None:
    """The last of an action's history records (oldest first) made by ``moment``."""
    found = None
    for version in versions:
        if version["history_date"] > moment:
            break
        found = version
    return found


def search(actions, q: str) -> list[PublicAction]:
    """The actions whose published text, owner or agenda item has every word of ``q``."""
    words = q.casefold().split()
    ordered = sorted(actions, key=lambda a: (a.meeting_date, a.item_number), reverse=True)
    return [a for a in ordered if a.matches(words)] if words else ordered


@dataclass
class OrganisationRecord:
    """One responding organisation's published record with the committee."""

    name: str
    asked: int = 0
    answered: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def outstanding(self) -> int:
        return self.asked - self.answered

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


def organisation_records(actions) -> list[OrganisationRecord]:
    """Per organisation owing published actions: asked, answered, outstanding and the
    median days from the meeting to the answer, over each action's latest published state.
    Actions owed by a post of no organisation count under the post's own name."""
    records: dict[str, OrganisationRecord] = {}
    for action in actions:
        name = action.organisation or action.responsible
        record = records.setdefault(name, OrganisationRecord(name))
        record.asked += 1
        if action.is_answered:
            record.answered += 1
            if action.days_to_answer is not None:
                record.days.append(action.days_to_answer)
    return sorted(records.values(), key=lambda r: (-r.asked, r.name))


def public_meetings(committee: Committee) -> list[Meeting]:
    """The committee's meetings, newest first: their dates and titles are public."""
    return list(Meeting.objects.filter(committee=committee).order_by("-date"))
