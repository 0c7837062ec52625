"""Reply performance on the dashboard: for each responding organisation, the median days
from the meeting to the answer, the share answered by the due date, and the actions overdue
now; each figure linked to the register rows it counts.

Two queries whatever the volume: one of counts by organisation, and one that ranks each
organisation's answered actions by days to answer and keeps the middle one or two (window
functions, which SQLite and PostgreSQL both have), so the median is exact on both and no
more than two rows an organisation leave the database.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, FloatField, Q, Value
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber

from actions.dashboard.figures import Figure
from actions.filters import NO_ORGANISATION, answered_q
from actions.models import Action

ORGANISATION = "responsible_person__organisation"
DAYS = ExpressionWrapper(F("finished_on") - F("meeting_date"), output_field=DurationField())


@dataclass
class ReplyPerformance:
    """One organisation's reply performance: its figures, each linked to the register."""

    organisation: str
    answered: Figure
    median_days: float | None
    in_time: Figure
    with_due_date: Figure
    overdue: Figure

    @property
    def in_time_percent(self) -> int | None:
        if not self.with_due_date.count:
            return None
        return round(100 * self.in_time.count / self.with_due_date.count)

    @property
    def median_text(self) -> str:
        if self.median_days is None:
            return "—"
        days = self.median_days
        return f"{days:g} day{'s' if days != 1 else ''}"


def median_days_by_organisation(actions) -> dict[int | None, float]:
    """Per organisation, the median days from the meeting to the answer of its answered
    actions (the mean of the middle two when their number is even)."""
    partition = [F(ORGANISATION)]
    ranked = (
        actions.filter(answered_q())
        .annotate(
            days=DAYS,
            rank=Window(RowNumber(), partition_by=partition, order_by=[DAYS.asc(), F("pk")]),
            size=Window(Count("*"), partition_by=partition),
        )
        .annotate(half=ExpressionWrapper(F("size") / Value(2.0), output_field=FloatField()))
        # The middle: rank (n+1)/2 when n is odd, ranks n/2 and n/2+1 when it is even.
        .filter(rank__gte=F("half"), rank__lte=F("half") + 1)
        .values_list(ORGANISATION, "days")
        .order_by()
    )
    middles: dict[int | None, list[dt.timedelta]] = {}
    for organisation, days in ranked:
        middles.setdefault(organisation, []).append(days)
    return {
        organisation: sum(d.total_seconds() for d in days) / len(days) / 86400
        for organisation, days in middles.items()
    }


def reply_rows(actions, today: dt.date) -> list[dict]:
    """The counted rows (plain values, for the cache): one per organisation with actions."""
    counts = (
        actions.values(ORGANISATION, f"{ORGANISATION}__short_name", f"{ORGANISATION}__name")
        .annotate(
            answered=Count("pk", filter=answered_q()),
            with_due_date=Count("pk", filter=answered_q("with_due_date")),
            in_time=Count("pk", filter=answered_q("in_time")),
            overdue=Count("pk", filter=Q(status=Action.Status.ONGOING, due_date__lt=today)),
        )
        .order_by(f"{ORGANISATION}__name")
    )
    medians = median_days_by_organisation(actions)
    rows = []
    for row in counts:
        if not (row["answered"] or row["overdue"]):
            continue
        row["median_days"] = medians.get(row[ORGANISATION])
        rows.append(row)
    return rows


def reply_performance(rows: list[dict], base: list[tuple[str, str]]) -> list[ReplyPerformance]:
    """The rows as figures, each linked to the register filtered to what it counts."""
    performance = []
    for row in rows:
        pk = row[ORGANISATION]
        label = row[f"{ORGANISATION}__short_name"] or row[f"{ORGANISATION}__name"]
        label = label or NO_ORGANISATION
        of = [*base, ("organisation", "null" if pk is None else str(pk))]
        performance.append(
            ReplyPerformance(
                organisation=label,
                answered=Figure(
                    "Answered", row["answered"], [*of, ("answered", "yes")], f"answered, {label}"
                ),
                median_days=row["median_days"],
                in_time=Figure(
                    "Answered by the due date",
                    row["in_time"],
                    [*of, ("answered", "in_time")],
                    f"answered by the due date, {label}",
                ),
                with_due_date=Figure(
                    "Answered with a due date",
                    row["with_due_date"],
                    [*of, ("answered", "with_due_date")],
                    f"answered with a due date, {label}",
                ),
                overdue=Figure(
                    "Overdue now", row["overdue"], [*of, ("overdue", "on")], f"overdue, {label}"
                ),
            )
        )
    return performance
