"""Reads behind the dashboard: a fixed number of queries, whatever the volume.

Every figure carries the register query string (``/actions/?…``) that lists exactly the
actions it counts; the conditions come from ``actions.filters`` so the two cannot drift.

The counts read each action's own copy of its committee and meeting date (one index range
per figure, no joins). Their rows are kept in the cache until the next write to what they
count (``actions.dashboard.results``), so a page read again costs the same at any volume
and a page read after a write counts afresh.
"""

import datetime as dt

from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.dateformat import format as format_date

from actions.dashboard import replies, results
from actions.dashboard.figures import (
    RECENT_MEETINGS,
    Dashboard,
    Figure,
    LastPaper,
    MeetingProgress,
    OutstandingAction,
    age_in_months,
)
from actions.filters import AGE_BANDS, NO_ORGANISATION, age_band_q, last_activity, not_chased_q
from actions.models import Action, ResponsiblePerson
from meetings.models import Committee, Meeting, Organisation

__all__ = ["RECENT_MEETINGS", "committees_for_picker", "dashboard_for", "default_committee"]

# Conditions on the action's own copy of its meeting's date (see Action.committee), as the
# register's filters read it too (actions.filters.MEETING_DATE).
OWN_MEETING_DATE = "meeting_date"
ONGOING = Action.Status.ONGOING
COMPLETED = Action.Status.COMPLETED
CLOSED = Action.Status.CLOSED
FINISHED = [COMPLETED, CLOSED]
LONGEST_OUTSTANDING = 10
ORGANISATION = "responsible_person__organisation"


def count_of(actions) -> Subquery:
    """``(SELECT COUNT(*) FROM … WHERE …)``: the number of ``actions``, as one column of a
    larger SELECT. Each such count reads one range of an index."""
    number = Func(template="COUNT(*)", output_field=IntegerField())
    return Subquery(actions.order_by().annotate(n=number).values("n"))


def committees_for_picker(*, user) -> list[Committee]:
    """All committees, each marked ``is_own`` when the user belongs to it (one query)."""
    own = Committee.people.through.objects.filter(committee=OuterRef("pk"), user=user.pk)
    return list(Committee.objects.annotate(is_own=Exists(own)).order_by("name"))


def default_committee(committees: list[Committee]) -> Committee | None:
    """The user's own committee (the first, by name), else the first committee."""
    return next((c for c in committees if c.is_own), committees[0] if committees else None)


def last_summary_paper(*, committee: Committee, today: dt.date) -> LastPaper | None:
    """The newest published Summary List of Actions of the committee, with its cut-off:
    its period end (publishing fixes it, never after the day of publishing), or else, for a
    paper published or imported without one, the date of the meeting that considered it;
    never after ``today``, so changes are not counted from a day still to come."""
    # The paper's model lives in the app above; it is reached through the action's string
    # reference to the paper that reported it, not imported.
    Paper = Action._meta.get_field("reported_in").related_model  # noqa: N806
    paper = (
        Paper.objects.published()
        .filter(kind=Paper.Kind.SUMMARY, meeting__committee=committee)
        .values("subject", "period_end", "meeting__date")  # not the paper's long texts
        .order_by("-meeting__date", "-pk")
        .first()
    )
    if paper is None:
        return None
    return LastPaper(
        subject=paper["subject"],
        considered_on=paper["meeting__date"],
        since=min(paper["period_end"] or paper["meeting__date"], today),
    )


def letters_awaiting_reply(committee: Committee) -> int:
    """Letters the committee sent with a reply due and no reply linked (one query). Not
    kept with the cached rows: writing a letter does not renew the actions' data version."""
    # The letters' model lives in the app above; reached through the committee's reverse
    # relation, not imported.
    Correspondence = Committee._meta.get_field("correspondence").related_model  # noqa: N806
    return Correspondence.objects.awaiting_reply().filter(committee=committee).count()


def dashboard_for(
    *,
    committee: Committee,
    today: dt.date,
    not_chased_days: int = 30,
    all_meetings: bool = False,
) -> Dashboard:
    """The committee's dashboard: the last paper, the data version, the cached rows and the
    count of letters awaiting a reply, or on a miss six more queries (counts,
    organisations, oldest, meetings, and reply performance's two), whatever the number of
    actions. Progress by meeting covers the newest meetings unless ``all_meetings``."""
    base = [("committee", committee.slug)]
    last_paper = last_summary_paper(committee=committee, today=today)
    since = last_paper.since if last_paper is not None else None
    limit = None if all_meetings else RECENT_MEETINGS

    def compute() -> dict:
        actions = Action.objects.filter(committee=committee)
        return {
            "counts": _counts(actions, committee, today, not_chased_days, since),
            "organisations": _by_organisation(actions),
            "longest": _longest_outstanding(actions),
            "meetings": _by_meeting(actions, committee, limit),
            "replies": replies.reply_rows(actions, today),
        }

    rows = results.cached((committee.pk, today, not_chased_days, since, limit), compute)
    counts = rows["counts"]
    letters = letters_awaiting_reply(committee)
    return Dashboard(
        committee=committee,
        today=today,
        not_chased_days=not_chased_days,
        statuses=[
            Figure(label, counts[status], [*base, ("status", status)])
            for status, label in Action.Status.choices
        ],
        # Every action has one of the statuses (a check constraint says so).
        total=Figure("All actions", sum(counts[s] for s in Action.Status.values), base),
        age_bands=[
            Figure(label, counts[f"age_{band}"], [*base, ("age", band)], f"Ongoing, {label}")
            for band, (label, _low, _high) in AGE_BANDS.items()
        ],
        organisations=_organisation_figures(rows["organisations"], base),
        longest_outstanding=_outstanding_actions(rows["longest"], today),
        not_chased=Figure(
            f"Not chased for more than {not_chased_days} day{'' if not_chased_days == 1 else 's'}",
            counts["not_chased"],
            [*base, ("not_chased_days", str(not_chased_days))],
        ),
        overdue=Figure("Overdue", counts["overdue"], [*base, ("overdue", "on")]),
        letters_awaiting_reply=Figure(
            "Letters awaiting a reply",
            letters,
            [("committee", committee.slug), ("awaiting_reply", "on")],
            path=reverse("correspondence-list"),
            register="the correspondence register",
        ),
        last_paper=last_paper,
        changes=_changes(counts, since, base),
        all_meetings=all_meetings,
        meetings=_meeting_progress(rows["meetings"], base),
        replies=replies.reply_performance(rows["replies"], base),
    )


def _counts(actions, committee, today, not_chased_days, since) -> dict[str, int]:
    """One SELECT of one count per figure, each over its own index range: far fewer rows
    read than one pass testing every figure's condition against every action."""
    conditions = {
        **{status: Q(status=status) for status in Action.Status.values},
        **{f"age_{band}": age_band_q(band, today, OWN_MEETING_DATE) for band in AGE_BANDS},
        "not_chased": not_chased_q(not_chased_days, today),
        "overdue": Q(status=ONGOING, due_date__lt=today),  # as the register's overdue filter
    }
    if since is not None:
        conditions["completed_since"] = Q(status=COMPLETED, finished_on__gt=since)
        conditions["closed_since"] = Q(status=CLOSED, finished_on__gt=since)
        conditions["arisen_since"] = Q(meeting_date__gt=since)
    counted = actions.alias(last_pursued=last_activity(OWN_MEETING_DATE))
    return (
        Committee.objects.filter(pk=committee.pk)
        .values(**{name: count_of(counted.filter(c)) for name, c in conditions.items()})
        .get()
    )


def _changes(counts, since, base) -> list[Figure]:
    if since is None:
        return []
    after = since.isoformat()
    return [
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
        # The register's "Meeting date from" includes its day; arisen since excludes it.
        Figure(
            "Arisen since",
            counts["arisen_since"],
            [*base, ("meeting_date_after", (since + dt.timedelta(days=1)).isoformat())],
        ),
    ]


def _by_organisation(actions) -> list[dict]:
    """Ongoing actions by the responsible person's organisation: one row per organisation."""
    return list(
        actions.outstanding()
        .values(ORGANISATION, f"{ORGANISATION}__short_name", f"{ORGANISATION}__name")
        .annotate(count=Count("*"))
        .order_by("-count", f"{ORGANISATION}__name")
    )


def _organisation_figures(rows, base) -> list[Figure]:
    figures = []
    for row in rows:
        pk = row[ORGANISATION]
        label = row[f"{ORGANISATION}__short_name"] or row[f"{ORGANISATION}__name"]
        label = label or NO_ORGANISATION
        figures.append(
            Figure(
                label,
                row["count"],
                [*base, ("status", ONGOING), ("organisation", "null" if pk is None else str(pk))],
                f"Ongoing, {label}",
            )
        )
    return figures


def _longest_outstanding(actions) -> list[dict]:
    # The ten are picked from the actions alone, then joined to their items and people:
    # with the joins in the same SELECT, SQLite reads every ongoing action first.
    oldest_ten = actions.outstanding().order_by("meeting_date", "pk")[:LONGEST_OUTSTANDING]
    return list(
        actions.filter(pk__in=oldest_ten.values("pk"))
        .values(
            "pk",
            "intro",
            "requested_items",
            "meeting_date",
            "last_chased_on",
            "agenda_item__number",
            "responsible_person__name",
            ORGANISATION,
            f"{ORGANISATION}__name",
            f"{ORGANISATION}__short_name",
        )
        .order_by("meeting_date", "pk")
    )


def _outstanding_actions(rows, today) -> list[OutstandingAction]:
    oldest = []
    for row in rows:  # at most ten
        organisation = None
        if row[ORGANISATION] is not None:
            organisation = Organisation(
                pk=row[ORGANISATION],
                name=row[f"{ORGANISATION}__name"],
                short_name=row[f"{ORGANISATION}__short_name"],
            )
        oldest.append(
            OutstandingAction(
                pk=row["pk"],
                intro=row["intro"],
                requested_items=row["requested_items"],
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


def _by_meeting(actions, committee, limit: int | None) -> list[dict]:
    """Each meeting's count of actions and of done ones, newest first. A committee meets
    at most once a day, so an action's meeting date names its meeting: each count is a
    range of the committee's meeting-date index."""
    of_meeting = actions.filter(meeting_date=OuterRef("date"))
    rows = (
        Meeting.objects.for_committee(committee)
        .filter(Exists(of_meeting))
        .annotate(total=count_of(of_meeting), done=count_of(of_meeting.filter(status__in=FINISHED)))
        .values("pk", "date", "total", "done")
        .order_by("-date")
    )
    return list(rows if limit is None else rows[:limit])


def _meeting_progress(rows, base) -> list[MeetingProgress]:
    progress = []
    for row in rows:  # one row per meeting
        meeting = [*base, ("meeting", str(row["pk"]))]
        when = format_date(row["date"], "j F Y")
        progress.append(
            MeetingProgress(
                date=row["date"],
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
