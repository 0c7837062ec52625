"""Reads behind the dashboard: a fixed number of aggregate queries, whatever the volume.

Every figure carries the register query string (``/actions/?…``) that lists exactly the
actions it counts; the conditions come from ``actions.filters`` so the two cannot drift.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actions.filters import (
    AGE_BANDS,
    NO_ORGANISATION,
    age_band_q,
    last_activity,
    not_chased_q,
)
from actions.models import Action
from actiontracker.models import Paper
from meetings.models import AgendaItem, Committee, Meeting

ONGOING = Action.Status.ONGOING
COMPLETED = Action.Status.COMPLETED
CLOSED = Action.Status.CLOSED
FINISHED = [COMPLETED, CLOSED]
LONGEST_OUTSTANDING = 10
RECENT_MEETINGS = 24  # about a year of meetings; older ones are counted in the age bands


def count_rows(condition: Q | None = None) -> Count:
    """Actions counted by a column the dashboard's covering indexes hold (an action's agenda
    item is never empty), so the database counts from the index alone, where COUNT of the
    primary key would read every row; Django allows no filter on COUNT(*)."""
    return Count("agenda_item", filter=condition)


@functools.cache
def register_url() -> str:
    # Resolved once: a per-meeting table can carry hundreds of links.
    return reverse("action-list")


@dataclass
class Figure:
    """One number on the dashboard and the register query listing what it counts.

    ``hidden`` names the number for screen readers in its link (the label by default).
    """

    label: str
    count: int
    params: list[tuple[str, str]] = field(default_factory=list)
    hidden: str = ""

    @cached_property
    def query(self) -> str:
        return urlencode(self.params)

    @cached_property
    def url(self) -> str:
        return f"{register_url()}?{self.query}"

    @cached_property
    def link(self) -> SafeString:
        """The count linked to its register rows; built here rather than by an include
        in the template, as the page carries dozens of them."""
        return format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}: '
            "list them in the action register</span></a>",
            self.url,
            self.count,
            self.hidden or self.label,
        )


@dataclass
class MeetingProgress:
    """How many of one meeting's actions are done (completed or closed)."""

    date: dt.date
    total: Figure
    done: Figure

    @cached_property
    def when(self) -> str:
        return format_date(self.date, "j F Y")

    @property
    def outstanding(self) -> int:
        return self.total.count - self.done.count


@dataclass
class LastPaper:
    """The newest published Summary List of Actions and the date changes are counted from."""

    paper: Paper
    since: dt.date


@dataclass
class Dashboard:
    """Everything the dashboard shows for one committee."""

    committee: Committee
    today: dt.date
    not_chased_days: int
    statuses: list[Figure]
    total: Figure
    age_bands: list[Figure]
    organisations: list[Figure]
    longest_outstanding: list[Action]
    not_chased: Figure
    last_paper: LastPaper | None
    changes: list[Figure]
    meetings: list[MeetingProgress]
    all_meetings: bool

    @property
    def more_meetings(self) -> bool:
        """Progress lists only the newest meetings, and older ones may have actions too."""
        return not self.all_meetings and len(self.meetings) == RECENT_MEETINGS


def committees_for_picker(*, user) -> list[Committee]:
    """All committees, each marked ``is_own`` when the user belongs to it (one query)."""
    own = Committee.people.through.objects.filter(committee=OuterRef("pk"), user=user.pk)
    return list(Committee.objects.annotate(is_own=Exists(own)).order_by("name"))


def default_committee(committees: list[Committee]) -> Committee | None:
    """The user's own committee (the first, by name), else the first committee."""
    return next((c for c in committees if c.is_own), committees[0] if committees else None)


def last_summary_paper(*, committee: Committee) -> LastPaper | None:
    """The newest published Summary List of Actions of the committee, with its cut-off:
    its period end, or else the date of the meeting that considered it."""
    paper = (
        Paper.objects.published()
        .filter(kind=Paper.Kind.SUMMARY, meeting__committee=committee)
        .select_related("meeting")
        .only("subject", "period_end", "meeting__date")  # not the paper's long texts
        .order_by("-meeting__date", "-pk")
        .first()
    )
    if paper is None:
        return None
    return LastPaper(paper=paper, since=paper.period_end or paper.meeting.date)


def age_in_months(since: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``since`` to ``today``."""
    months = (today.year - since.year) * 12 + today.month - since.month
    return months - 1 if today.day < since.day else months


def dashboard_for(
    *,
    committee: Committee,
    today: dt.date,
    not_chased_days: int = 30,
    all_meetings: bool = False,
) -> Dashboard:
    """The committee's dashboard: five queries (paper, totals, organisations, oldest,
    meetings) whatever the number of actions. Progress by meeting covers the newest
    meetings unless ``all_meetings``."""
    base = [("committee", committee.slug)]
    actions = Action.objects.for_committee(committee)
    last_paper = last_summary_paper(committee=committee)

    conditions = {
        "total": Q(),
        **{status: Q(status=status) for status in Action.Status.values},
        **{f"age_{band}": age_band_q(band, today) for band in AGE_BANDS},
        "not_chased": not_chased_q(not_chased_days, today),
    }
    if last_paper is not None:
        since = last_paper.since
        conditions["completed_since"] = Q(status=COMPLETED, finished_on__gt=since)
        conditions["closed_since"] = Q(status=CLOSED, finished_on__gt=since)
        conditions["arisen_since"] = Q(agenda_item__meeting__date__gt=since)
    counts = actions.alias(last_pursued=last_activity()).aggregate(
        **{name: count_rows(condition) for name, condition in conditions.items()}
    )

    statuses = [
        Figure(label, counts[status], [*base, ("status", status)])
        for status, label in Action.Status.choices
    ]
    age_bands = [
        Figure(label, counts[f"age_{band}"], [*base, ("age", band)], f"Ongoing, {label}")
        for band, (label, _low, _high) in AGE_BANDS.items()
    ]
    not_chased = Figure(
        f"Not chased for more than {not_chased_days} days",
        counts["not_chased"],
        [*base, ("not_chased_days", str(not_chased_days))],
    )
    changes = []
    if last_paper is not None:
        since = last_paper.since.isoformat()
        changes = [
            Figure(
                "Completed since",
                counts["completed_since"],
                [*base, ("status", COMPLETED), ("finished_after", since)],
            ),
            Figure(
                "Closed since",
                counts["closed_since"],
                [*base, ("status", CLOSED), ("finished_after", since)],
            ),
            Figure("Arisen since", counts["arisen_since"], [*base, ("meeting_date_after", since)]),
        ]

    return Dashboard(
        committee=committee,
        today=today,
        not_chased_days=not_chased_days,
        statuses=statuses,
        total=Figure("All actions", counts["total"], base),
        age_bands=age_bands,
        organisations=_by_organisation(committee, base),
        longest_outstanding=_longest_outstanding(actions, today),
        not_chased=not_chased,
        last_paper=last_paper,
        changes=changes,
        all_meetings=all_meetings,
        meetings=_by_meeting(actions, committee, base, None if all_meetings else RECENT_MEETINGS),
    )


def _by_organisation(committee, base) -> list[Figure]:
    # The committee as a subquery of agenda items, not a join: SQLite then reads the
    # ongoing actions item by item from the covering index, whatever its statistics.
    items = AgendaItem.objects.filter(meeting__committee=committee).values("pk")
    rows = (
        Action.objects.outstanding()
        .filter(agenda_item__in=items)
        .values(
            "responsible_person__organisation",
            "responsible_person__organisation__short_name",
            "responsible_person__organisation__name",
        )
        .annotate(count=count_rows())
        .order_by("-count", "responsible_person__organisation__name")
    )
    figures = []
    for row in rows:  # one row per organisation, not per action
        pk = row["responsible_person__organisation"]
        label = (
            row["responsible_person__organisation__short_name"]
            or row["responsible_person__organisation__name"]
            or NO_ORGANISATION
        )
        value = "null" if pk is None else str(pk)
        figures.append(
            Figure(
                label,
                row["count"],
                [*base, ("status", ONGOING), ("organisation", value)],
                f"Ongoing, {label}",
            )
        )
    return figures


def _longest_outstanding(actions, today) -> list[Action]:
    oldest = list(
        actions.outstanding()
        .select_related("agenda_item__meeting", "responsible_person__organisation")
        # Only what the table shows: the rows carry long texts and JSON otherwise.
        .only(
            "intro",
            "last_chased_on",
            "agenda_item__number",
            "agenda_item__meeting__date",
            "responsible_person__name",
            "responsible_person__organisation__name",
            "responsible_person__organisation__short_name",
        )
        .order_by("agenda_item__meeting__date", "pk")[:LONGEST_OUTSTANDING]
    )
    for action in oldest:  # at most ten
        action.age_months = age_in_months(action.agenda_item.meeting.date, today)
    return oldest


def _by_meeting(actions, committee, base, limit: int | None) -> list[MeetingProgress]:
    if limit is not None:
        # Only the newest meetings' actions are read, through the index on agenda items.
        has_actions = Exists(Action.objects.filter(agenda_item__meeting=OuterRef("pk")))
        recent = (
            Meeting.objects.for_committee(committee).filter(has_actions).order_by("-date")[:limit]
        )
        actions = actions.filter(agenda_item__meeting__in=recent.values("pk"))
    rows = (
        actions.values("agenda_item__meeting", "agenda_item__meeting__date")
        .annotate(total=count_rows(), done=count_rows(Q(status__in=FINISHED)))
        .order_by("-agenda_item__meeting__date")
    )
    progress = []
    for row in rows:  # one row per meeting
        meeting = [*base, ("meeting", str(row["agenda_item__meeting"]))]
        date = row["agenda_item__meeting__date"]
        when = format_date(date, "j F Y")
        progress.append(
            MeetingProgress(
                date=date,
                total=Figure("Actions", row["total"], meeting, f"actions of {when}"),
                done=Figure(
                    "Done",
                    row["done"],
                    [*meeting, ("status", COMPLETED), ("status", CLOSED)],
                    f"done, of {when}",
                ),
            )
        )
    return progress
