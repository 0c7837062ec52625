"""The rule for summary papers' reporting periods: nothing falls between two papers.

A period includes both its days. A committee's published summary papers follow one another
without a gap or an overlap: each starts the day after the previous one's cut-off, so a
complaint or disclosure dated on a cut-off day belongs to the earlier paper, and every day
after the first paper belongs to exactly one. Publishing fixes a blank date, and a paper
cannot be published with a cut-off after the day it is published (the frozen paper could not
show the records of the days still to come, and the next paper would start after them).
"""

import datetime as dt

from django.core.exceptions import ValidationError

from actions.services import format_date
from papers import selectors
from papers.models import Paper


def _start_error(paper: Paper, start: dt.date) -> str | None:
    """Why ``start`` cannot begin the period: a gap or an overlap with the last published
    paper."""
    previous = selectors.previous_published_paper(paper)
    if previous is None:
        return None
    expected = selectors.default_period_start(paper, previous)
    if start == expected:
        return None
    ended = format_date(expected - dt.timedelta(days=1))
    return (
        f"The period must start on {format_date(expected)}, the day after the period of the "
        f"paper published for {format_date(previous.meeting.date)} ended ({ended}), so that "
        "no complaint or disclosure falls between two papers or into both"
    )


def _end_error(paper: Paper, start: dt.date, end: dt.date) -> str | None:
    """Why ``end`` cannot close the period: before its start, or a gap or an overlap with a
    later meeting's paper published already."""
    if end < start:
        return f"The period cannot end ({format_date(end)}) before it starts ({format_date(start)})"
    later = selectors.next_published_paper(paper)
    if later is None:
        return None
    expected = selectors.paper_period(later)[0] - dt.timedelta(days=1)
    if end == expected:
        return None
    return (
        f"The period must end on {format_date(expected)}, the day before the period of the "
        f"paper published for {format_date(later.meeting.date)} starts"
    )


def period_errors(*, paper: Paper, start: dt.date | None, end: dt.date | None) -> dict[str, str]:
    """What is wrong with a summary paper's period dates, by field (a blank date takes the
    default): the period must follow the last published paper's without a gap or an
    overlap, and lead into a later published paper's the same way."""
    errors: dict[str, str] = {}
    if paper.kind != Paper.Kind.SUMMARY:
        return errors
    if start is not None and (message := _start_error(paper, start)):
        errors["period_start"] = message
    if end is not None:
        begins = start or selectors.paper_period(paper)[0]
        if message := _end_error(paper, begins, end):
            errors["period_end"] = message
    return errors


def publish_period(*, paper: Paper, on: dt.date) -> tuple[dt.date, dt.date]:
    """The period a summary paper is published with on the day ``on``, both days included.

    A blank start becomes the day after the last published paper's cut-off. A blank end
    becomes the usual cut-off (15 days before the meeting, as the draft showed) or ``on`` if
    that is earlier, but never before the start; or, when a later meeting's paper is
    published already, the day before its period. Raises ValidationError, by field, when
    the dates would leave a gap or an overlap with the committee's other published papers,
    or end after ``on``.
    """
    if paper.kind != Paper.Kind.SUMMARY:
        return paper.period_start, paper.period_end
    start = paper.period_start or selectors.paper_period(paper)[0]
    later = selectors.next_published_paper(paper)
    later_start = selectors.paper_period(later)[0] if later is not None else None
    if later_start is not None and later_start <= start:
        raise ValidationError(
            f"The paper published for {format_date(later.meeting.date)} already covers the "
            f"days from {format_date(start)}: there is no period left for this paper."
        )
    end = paper.period_end
    if end is None:
        if later_start is not None:
            end = later_start - dt.timedelta(days=1)
        else:
            end = min(max(selectors.default_period_end(paper.meeting), start), on)
        if end < start:
            raise ValidationError(
                f"This paper's period would start on {format_date(start)}, after today "
                f"({format_date(on)}): there is nothing to report in it yet."
            )
    errors = period_errors(paper=paper, start=start, end=end)
    if errors:
        raise ValidationError(errors)
    if end > on:
        raise ValidationError(
            {
                "period_end": f"The period ends on {format_date(end)}, after today "
                f"({format_date(on)}): complaints and disclosures of the days still to come "
                "would be in no published paper. End it today or earlier, or leave the end "
                "blank to end it at the usual cut-off or today, whichever is earlier."
            }
        )
    return start, end
