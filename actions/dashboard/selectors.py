"""Reads behind the dashboard: a fixed number of aggregate queries, whatever the volume.

Every figure carries the register query string (``/actions/?…``) that lists exactly the
actions it counts; the conditions come from ``actions.filters`` so the two cannot drift.

The counts read each action's own copy of its committee and meeting date (one index range
per figure, no joins), and each query's SQL is built once per committee, day and option
(``actions.dashboard.compiled``) and run afresh on every request.
"""

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actions.dashboard.compiled import values_rows
from actions.filters import (
    AGE_BANDS,
    NO_ORGANISATION,
    age_band_q,
    last_activity,
    not_chased_q,
)
from actions.models import Action, ResponsiblePerson
from meetings.models import Committee, Meeting, Organisation

# Conditions on the action's own copy of its meeting's date (see Action.committee); the
# register's filters read the meeting itself (actions.filters.MEETING_DATE).
OWN_MEETING_DATE = "meeting_date"
ONGOING = Action.Status.ONGOING
COMPLETED = Action.Status.COMPLETED
CLOSED = Action.Status.CLOSED
FINISHED = [COMPLETED, CLOSED]
LONGEST_OUTSTANDING = 10
RECENT_MEETINGS = 24  # about a year of meetings; older ones are counted in the age bands
COMMITTEE_FIELDS = [field.attname for field in Committee._meta.concrete_fields]


def count_of(actions) -> Subquery:
    """``(SELECT COUNT(*) FROM … WHERE …)``: the number of ``actions``, as one column of a
    larger SELECT. Each such count reads one range of an index."""
    number = Func(template="COUNT(*)", output_field=IntegerField())
    return Subquery(actions.order_by().annotate(n=number).values("n"))


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

    subject: str
    considered_on: dt.date
    since: dt.date


@dataclass
class OutstandingAction:
    """A row of the longest outstanding actions: only what the table shows."""

    pk: int
    intro: str
    meeting_date: dt.date
    item_number: str
    responsible_person: ResponsiblePerson
    last_chased_on: dt.date | None
    age_months: int

    @property
    def url(self) -> str:
        return reverse("action-detail", args=[self.pk])


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
    longest_outstanding: list[OutstandingAction]
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

    def build():
        own = Committee.people.through.objects.filter(committee=OuterRef("pk"), user=user.pk)
        return (
            Committee.objects.annotate(is_own=Exists(own))
            .values(*COMMITTEE_FIELDS, "is_own")
            .order_by("name")
        )

    committees = []
    for row in values_rows(("dashboard-committees", user.pk), build):
        is_own = row.pop("is_own")
        committee = Committee(**row)
        committee.is_own = is_own
        committees.append(committee)
    return committees


def default_committee(committees: list[Committee]) -> Committee | None:
    """The user's own committee (the first, by name), else the first committee."""
    return next((c for c in committees if c.is_own), committees[0] if committees else None)


def last_summary_paper(*, committee: Committee) -> LastPaper | None:
    """The newest published Summary List of Actions of the committee, with its cut-off:
    its period end, or else the date of the meeting that considered it."""
    # The paper's model lives in the app above; it is reached through the action's string
    # reference to the paper that reported it, not imported.
    Paper = Action._meta.get_field("reported_in").related_model  # noqa: N806
    rows = values_rows(
        ("dashboard-last-paper", committee.pk),
        lambda: (
            Paper.objects.published()
            .filter(kind=Paper.Kind.SUMMARY, meeting__committee=committee)
            .values("subject", "period_end", "meeting__date")  # not the paper's long texts
            .order_by("-meeting__date", "-pk")[:1]
        ),
    )
    if not rows:
        return None
    [paper] = rows
    return LastPaper(
        subject=paper["subject"],
        considered_on=paper["meeting__date"],
        since=paper["period_end"] or paper["meeting__date"],
    )


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
    """The committee's dashboard: five queries (paper, counts, organisations, oldest,
    meetings) whatever the number of actions. Progress by meeting covers the newest
    meetings unless ``all_meetings``.

    Actions are picked by their own copy of their committee and meeting date, so no query
    joins every action to its agenda item and meeting."""
    base = [("committee", committee.slug)]
    actions = Action.objects.filter(committee=committee)
    last_paper = last_summary_paper(committee=committee)

    since = last_paper.since if last_paper is not None else None

    def build_counts():
        # One SELECT of one count per figure, each over its own index range: far fewer
        # rows read than one pass testing every figure's condition against every action.
        conditions = {
            **{status: Q(status=status) for status in Action.Status.values},
            **{f"age_{band}": age_band_q(band, today, OWN_MEETING_DATE) for band in AGE_BANDS},
            "not_chased": not_chased_q(not_chased_days, today),
        }
        if since is not None:
            conditions["completed_since"] = Q(status=COMPLETED, finished_on__gt=since)
            conditions["closed_since"] = Q(status=CLOSED, finished_on__gt=since)
            conditions["arisen_since"] = Q(meeting_date__gt=since)
        counted = actions.alias(last_pursued=last_activity(OWN_MEETING_DATE))
        return Committee.objects.filter(pk=committee.pk).values(
            **{name: count_of(counted.filter(c)) for name, c in conditions.items()}
        )

    key = ("dashboard-counts", committee.pk, today, not_chased_days, since)
    [counts] = values_rows(key, build_counts)
    # Every action has one of the statuses (a check constraint says so).
    counts["total"] = sum(counts[status] for status in Action.Status.values)

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
        after = last_paper.since.isoformat()
        changes = [
            Figure(
                "Completed since",
                counts["completed_since"],
                [*base, ("status", COMPLETED), ("finished_after", after)],
            ),
            Figure(
                "Closed since",
                counts["closed_since"],
                [*base, ("status", CLOSED), ("finished_after", after)],
            ),
            Figure("Arisen since", counts["arisen_since"], [*base, ("meeting_date_after", after)]),
        ]

    return Dashboard(
        committee=committee,
        today=today,
        not_chased_days=not_chased_days,
        statuses=statuses,
        total=Figure("All actions", counts["total"], base),
        age_bands=age_bands,
        organisations=_by_organisation(actions, committee, base),
        longest_outstanding=_longest_outstanding(actions, committee, today),
        not_chased=not_chased,
        last_paper=last_paper,
        changes=changes,
        all_meetings=all_meetings,
        meetings=_by_meeting(actions, committee, base, None if all_meetings else RECENT_MEETINGS),
    )


def _by_organisation(actions, committee, base) -> list[Figure]:
    rows = values_rows(
        ("dashboard-organisations", committee.pk),
        lambda: (
            actions.outstanding()
            .values(
                "responsible_person__organisation",
                "responsible_person__organisation__short_name",
                "responsible_person__organisation__name",
            )
            .annotate(count=Count("*"))
            .order_by("-count", "responsible_person__organisation__name")
        ),
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


def _longest_outstanding(actions, committee, today) -> list[OutstandingAction]:
    # The ten are picked from the actions alone, then joined to their items and people:
    # with the joins in the same SELECT, SQLite reads every ongoing action first.
    oldest_ten = actions.outstanding().order_by("meeting_date", "pk")[:LONGEST_OUTSTANDING]
    rows = values_rows(
        ("dashboard-longest", committee.pk),
        lambda: (
            actions.filter(pk__in=oldest_ten.values("pk"))
            .values(
                "pk",
                "intro",
                "meeting_date",
                "last_chased_on",
                "agenda_item__number",
                "responsible_person__name",
                "responsible_person__organisation",
                "responsible_person__organisation__name",
                "responsible_person__organisation__short_name",
            )
            .order_by("meeting_date", "pk")
        ),
    )
    oldest = []
    for row in rows:  # at most ten
        organisation = None
        if row["responsible_person__organisation"] is not None:
            organisation = Organisation(
                pk=row["responsible_person__organisation"],
                name=row["responsible_person__organisation__name"],
                short_name=row["responsible_person__organisation__short_name"],
            )
        oldest.append(
            OutstandingAction(
                pk=row["pk"],
                intro=row["intro"],
                meeting_date=row["meeting_date"],
                item_number=row["agenda_item__number"],
                responsible_person=ResponsiblePerson(
                    name=row["responsible_person__name"], organisation=organisation
                ),
                last_chased_on=row["last_chased_on"],
                age_months=age_in_months(row["meeting_date"], today),
            )
        )
    return oldest


def _by_meeting(actions, committee, base, limit: int | None) -> list[MeetingProgress]:
    # A committee meets at most once a day, so an action's meeting date names its meeting:
    # each count is a range of the committee's meeting-date index.

    def build():
        of_meeting = actions.filter(meeting_date=OuterRef("date"))
        rows = (
            Meeting.objects.for_committee(committee)
            .filter(Exists(of_meeting))
            .annotate(
                total=count_of(of_meeting), done=count_of(of_meeting.filter(status__in=FINISHED))
            )
            .values("pk", "date", "total", "done")
            .order_by("-date")
        )
        return rows if limit is None else rows[:limit]

    rows = values_rows(("dashboard-meetings", committee.pk, limit), build)
    progress = []
    for row in rows:  # one row per meeting
        meeting = [*base, ("meeting", str(row["pk"]))]
        date = row["date"]
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
