"""Nothing falls between papers: a committee's summary papers have contiguous periods, both
days included, so every complaint and disclosure is in exactly one published paper."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.dashboard.selectors import dashboard_for
from correspondence.models import Complaint
from meetings.models import Committee, Meeting
from papers import selectors
from papers.demo import load_demo
from papers.forms import PaperForm
from papers.models import Paper
from papers.services import paper_create, paper_publish, paper_update
from tests.factories import CommitteeFactory, ComplaintFactory, DisclosureFactory, MeetingFactory

pytestmark = pytest.mark.django_db
STAND_IN = override_settings(PDF_RENDERER="tests.pdf_renderers.stand_in")
D = dt.date
ONE_DAY = dt.timedelta(days=1)


def papers_showing(record, papers) -> list[Paper]:
    """The papers whose standing rows list ``record``, chosen as each paper chooses them."""
    shown = []
    for paper in papers:
        start, end = selectors.paper_period(paper)
        if isinstance(record, Complaint):
            rows = selectors.complaints_in_period(paper, start, end)
        else:
            rows = selectors.disclosures_in_period(paper, start, end)
        if record.pk in {row.pk for row in rows}:
            shown.append(paper)
    return shown


def summary_papers(committee) -> list[Paper]:
    return list(
        Paper.objects.filter(meeting__committee=committee, kind=Paper.Kind.SUMMARY)
        .select_related("meeting__committee")
        .order_by("meeting__date")
    )


def publish_as_officer(paper: Paper, *, start_blank, end_blank, end_shift, late) -> dt.date:
    """Publish with the dates an officer might leave: blank, or the end moved, on a day
    around the cut-off. A refusal must have a reason; then blank both and publish on the
    meeting day, which always works. Returns the day it was published."""
    meeting = paper.meeting
    data = {}
    if start_blank:
        data["period_start"] = None
    if end_blank:
        data["period_end"] = None
    else:
        data["period_end"] = selectors.default_period_end(meeting) + dt.timedelta(end_shift)
    on = selectors.default_period_end(meeting) + dt.timedelta(late)
    try:
        paper = paper_update(paper=paper, data=data)
        paper_publish(paper=paper, on=on)
        return on
    except ValidationError as refusal:
        start = selectors.paper_period(Paper.objects.get(pk=paper.pk))[0]
        end = data["period_end"] or min(max(selectors.default_period_end(meeting), start), on)
        # Refused only for an end before the start or after the day of publishing.
        assert end < start or end > on, refusal.messages
    paper = paper_update(paper=paper, data={"period_start": None, "period_end": None})
    paper_publish(paper=paper, on=meeting.date)
    return meeting.date


paper_plans = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=60),  # days since the previous meeting
        st.booleans(),  # start left blank
        st.booleans(),  # end left blank
        st.integers(min_value=-20, max_value=10),  # end moved from the usual cut-off
        st.integers(min_value=-20, max_value=15),  # published this long after the cut-off
    ),
    min_size=2,
    max_size=5,
)


@settings(max_examples=25, deadline=None)
@given(plans=paper_plans, days=st.lists(st.integers(min_value=0, max_value=400), max_size=8))
def test_every_record_falls_in_exactly_one_published_paper(plans, days):
    with STAND_IN, transaction.atomic():
        committee = Committee.objects.create(name="Committee", slug="committee")
        meeting_day, published_on = D(2024, 1, 10), []
        for gap, start_blank, end_blank, end_shift, late in plans:
            meeting_day += dt.timedelta(gap)
            meeting = Meeting.objects.create(committee=committee, date=meeting_day)
            published_on.append(
                publish_as_officer(
                    paper_create(meeting=meeting),
                    start_blank=start_blank,
                    end_blank=end_blank,
                    end_shift=end_shift,
                    late=late,
                )
            )
        papers = summary_papers(committee)
        assert all(p.is_published for p in papers)
        for earlier, later in zip(papers, papers[1:], strict=False):
            assert later.period_start == earlier.period_end + ONE_DAY
        for paper, on in zip(papers, published_on, strict=True):
            assert paper.period_start <= paper.period_end <= on

        # Every cut-off day and the day after it, and days drawn at random.
        first, last = papers[0].period_start, papers[-1].period_end
        span = (last - first).days
        dates = {p.period_start for p in papers} | {p.period_end for p in papers}
        dates |= {first + dt.timedelta(days=d % (span + 1)) for d in days}
        for day in sorted(dates):
            complaint = ComplaintFactory(committee=committee, received_on=day)
            disclosure = DisclosureFactory(committee=committee, disclosed_on=day)
            assert len(papers_showing(complaint, papers)) == 1, day
            assert len(papers_showing(disclosure, papers)) == 1, day
        transaction.set_rollback(True)


@STAND_IN
def test_publishing_with_blank_dates_fixes_them_and_the_next_paper_starts_the_day_after():
    committee = CommitteeFactory()
    first = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 3, 20)))
    first = paper_update(paper=first, data={"period_start": None, "period_end": None})
    first = paper_publish(paper=first, on=D(2024, 3, 18))
    # The usual cut-off, 15 days before the meeting, as the draft showed.
    assert first.period_end == D(2024, 3, 5)
    second = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 5, 22)))
    assert second.period_start == D(2024, 3, 6)
    second = paper_update(paper=second, data={"period_end": None})
    # Published before its usual cut-off (7 May): the period ends on the day of publishing.
    second = paper_publish(paper=second, on=D(2024, 5, 1))
    assert (second.period_start, second.period_end) == (D(2024, 3, 6), D(2024, 5, 1))
    third = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 7, 10)))
    assert third.period_start == D(2024, 5, 2)


@STAND_IN
def test_a_gap_an_overlap_or_a_cut_off_still_to_come_is_refused():
    committee = CommitteeFactory()
    first = paper_publish(
        paper=paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 3, 20))),
        on=D(2024, 3, 10),
    )
    assert first.period_end == D(2024, 3, 5)
    second = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 5, 22)))
    for wrong in (D(2024, 3, 5), D(2024, 3, 8)):  # an overlap, a gap
        with pytest.raises(ValidationError) as refused:
            paper_update(paper=second, data={"period_start": wrong})
        assert "must start on 6 March 2024" in refused.value.message_dict["period_start"][0]
    Paper.objects.filter(pk=second.pk).update(period_start=D(2024, 3, 8))  # a stale draft
    second.refresh_from_db()
    with pytest.raises(ValidationError, match="must start on 6 March 2024"):
        paper_publish(paper=second, on=D(2024, 5, 20))
    second = paper_update(paper=second, data={"period_start": None})
    with pytest.raises(ValidationError, match="after today"):
        paper_publish(paper=second, on=D(2024, 5, 6))  # its cut-off is 7 May
    assert not Paper.objects.get(pk=second.pk).is_published
    second = paper_publish(paper=second, on=D(2024, 5, 7))
    assert (second.period_start, second.period_end) == (D(2024, 3, 6), D(2024, 5, 7))


@STAND_IN
def test_the_edit_form_shows_the_day_the_period_must_start():
    committee = CommitteeFactory()
    paper_publish(
        paper=paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 3, 20))),
        on=D(2024, 3, 10),
    )
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 5, 22)))
    data = {name: value for name, value in PaperForm(instance=paper).initial.items() if value}
    data.update(period_start="2024-03-05", period_end="2024-05-07")
    form = PaperForm(data=data, instance=paper)
    assert not form.is_valid()
    assert "must start on 6 March 2024" in form.errors["period_start"][0]
    data.update(period_start="2024-03-06", period_end="2024-03-01")
    form = PaperForm(data=data, instance=paper)
    assert not form.is_valid() and "before it starts" in form.errors["period_end"][0]
    data.update(period_end="2024-05-07")
    assert PaperForm(data=data, instance=paper).is_valid()


@STAND_IN
def test_demo_draft_published_with_blank_dates_leaves_no_day_uncovered():
    load_demo()
    committee = Committee.objects.get(slug="police-and-crime-committee")
    draft = Paper.objects.get(meeting__committee=committee, meeting__date=D(2026, 12, 9))
    draft = paper_update(paper=draft, data={"period_start": None, "period_end": None})
    published = paper_publish(paper=draft, on=D(2026, 11, 27))
    # The day after the 11 November paper's cut-off (27 October) to the usual cut-off.
    assert (published.period_start, published.period_end) == (D(2026, 10, 28), D(2026, 11, 24))
    later = Meeting.objects.filter(committee=committee, date__gt=D(2026, 12, 9)).first()
    later = later or Meeting.objects.create(committee=committee, date=D(2027, 1, 27))
    following = paper_create(meeting=later)
    assert following.period_start == D(2026, 11, 25)
    # Changes are counted from the cut-off, not from the meeting of 9 December.
    dashboard = dashboard_for(committee=committee, today=D(2026, 11, 30))
    assert dashboard.last_paper.since == D(2026, 11, 24)

    papers = [p for p in summary_papers(committee) if p.is_published] + [following]
    day, last = papers[0].period_start, following.period_end
    while day <= last:
        complaint = ComplaintFactory(committee=committee, received_on=day)
        disclosure = DisclosureFactory(committee=committee, disclosed_on=day)
        assert len(papers_showing(complaint, papers)) == 1, day
        assert len(papers_showing(disclosure, papers)) == 1, day
        day += ONE_DAY


def publish_blank(meeting: Meeting, on: dt.date | None = None) -> Paper:
    paper = paper_create(meeting=meeting)
    paper = paper_update(paper=paper, data={"period_start": None, "period_end": None})
    return paper_publish(paper=paper, on=on)


@STAND_IN
def test_the_dashboard_counts_changes_from_the_published_papers_cut_off():
    committee = CommitteeFactory()
    today = timezone.localdate()
    published = publish_blank(MeetingFactory(committee=committee, date=today - 3 * ONE_DAY))
    assert published.period_end == today - 18 * ONE_DAY  # the usual cut-off
    dashboard = dashboard_for(committee=committee, today=today)
    assert dashboard.last_paper.since == published.period_end

    # Published ahead of a meeting whose usual cut-off is still to come: it ends today.
    later = MeetingFactory(committee=committee, date=today + 20 * ONE_DAY)
    assert publish_blank(later).period_end == today
    assert dashboard_for(committee=committee, today=today).last_paper.since == today


def test_the_dashboard_never_counts_from_a_day_still_to_come():
    """A paper published before publishing fixed its dates, with none."""
    committee = CommitteeFactory()
    today = timezone.localdate()
    meeting = MeetingFactory(committee=committee, date=today + 20 * ONE_DAY)
    Paper.objects.create(meeting=meeting, status=Paper.Status.PUBLISHED)
    assert dashboard_for(committee=committee, today=today).last_paper.since == today


@STAND_IN
def test_a_paper_published_out_of_order_takes_the_days_left_before_the_later_one():
    committee = CommitteeFactory()
    first = paper_publish(
        paper=paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 3, 20))),
        on=D(2024, 3, 10),
    )
    second = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 5, 22)))
    third = paper_create(meeting=MeetingFactory(committee=committee, date=D(2024, 7, 10)))
    # The third meeting's paper is published first, from the day after the first's cut-off
    # to a cut-off of its own set by hand: the second has nothing left.
    third = paper_update(paper=third, data={"period_start": None, "period_end": None})
    third = paper_publish(paper=third, on=D(2024, 6, 30))
    assert third.period_start == first.period_end + ONE_DAY
    with pytest.raises(ValidationError, match="already covers the days from 6 March 2024"):
        paper_publish(paper=second, on=D(2024, 7, 1))

    # Had the third started later, the second takes exactly the days between.
    Paper.objects.filter(pk=third.pk).update(period_start=D(2024, 5, 8))
    second = paper_update(paper=second, data={"period_end": None})
    second = paper_publish(paper=second, on=D(2024, 7, 1))
    assert (second.period_start, second.period_end) == (D(2024, 3, 6), D(2024, 5, 7))
