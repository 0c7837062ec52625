"""Reply performance on the dashboard: per organisation, the median days from the meeting to
the answer (exact on SQLite and PostgreSQL, the mean of the middle two for an even number),
the share answered by the due date and the actions overdue now, each linked to the register
rows it counts, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.dashboard.replies import median_days_by_organisation, reply_rows
from actions.dashboard.selectors import dashboard_for
from actions.filters import ActionFilter
from actions.models import Action
from meetings.models import Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db

MEETING = dt.date(2025, 1, 6)


@pytest.fixture
def committee():
    return CommitteeFactory(name="Police and Crime Committee")


def answered(person, committee, days, *, due_in=None, status="completed"):
    """An action of ``person`` agreed at MEETING and answered ``days`` days later."""
    meeting = Meeting.objects.get_or_create(committee=committee, date=MEETING)[0]
    action = ActionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        responsible_person=person,
        due_date=MEETING + dt.timedelta(days=due_in) if due_in is not None else None,
    )
    Action.objects.filter(pk=action.pk).update(
        status=status, finished_on=MEETING + dt.timedelta(days=days)
    )
    return action


def overdue(person, committee):
    meeting = Meeting.objects.get_or_create(committee=committee, date=MEETING)[0]
    return ActionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        responsible_person=person,
        due_date=MEETING + dt.timedelta(days=30),
    )


@pytest.fixture
def records(committee):
    mps = ResponsiblePersonFactory(
        organisation=OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    )
    mopac = ResponsiblePersonFactory(
        organisation=OrganisationFactory(name="Mayor's Office", short_name="MOPAC")
    )
    # MPS: 10, 20, 40, 100 days (median 30), two of three with a due date in time.
    answered(mps, committee, 10, due_in=30)
    answered(mps, committee, 20, due_in=30, status="closed")
    answered(mps, committee, 40, due_in=30)
    answered(mps, committee, 100)
    overdue(mps, committee)
    overdue(mps, committee)
    # MOPAC: 7, 7, 300 days (median 7), none with a due date.
    for days in (7, 300, 7):
        answered(mopac, committee, days)
    # Another committee's answers do not count.
    answered(mps, CommitteeFactory(name="Budget Committee"), 1000)
    return committee


def performance(committee):
    dashboard = dashboard_for(committee=committee, today=timezone.localdate())
    return {row.organisation: row for row in dashboard.replies}


def test_median_share_in_time_and_overdue_per_organisation(records):
    rows = performance(records)
    mps, mopac = rows["MPS"], rows["MOPAC"]
    assert mps.median_days == 30
    assert mps.median_text == "30 days"
    assert (mps.in_time.count, mps.with_due_date.count, mps.in_time_percent) == (2, 3, 67)
    assert mps.overdue.count == 2
    assert mps.answered.count == 4
    assert mopac.median_days == 7
    assert mopac.in_time_percent is None
    assert mopac.overdue.count == 0


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(committee):
    person = ResponsiblePersonFactory(organisation=OrganisationFactory(short_name="VRU"))
    for days in (3, 4):
        answered(person, committee, days)
    assert median_days_by_organisation(Action.objects.filter(committee=committee)) == {
        person.organisation_id: 3.5
    }
    assert performance(committee)["VRU"].median_text == "3.5 days"


def test_each_figure_links_to_the_register_rows_it_counts(records):
    for row in performance(records).values():
        for figure in (row.answered, row.in_time, row.with_due_date, row.overdue):
            listed = ActionFilter(QueryDict(figure.query)).qs
            assert listed.count() == figure.count, (row.organisation, figure.label)
    mps = performance(records)["MPS"]
    late = ActionFilter(QueryDict(mps.in_time.query.replace("in_time", "late"))).qs
    assert [a.finished_on - a.meeting_date for a in late] == [dt.timedelta(days=40)]


def test_the_page_shows_the_figures_linked(member_client, records):
    page = member_client.get("/dashboard/", {"committee": records.slug}).content.decode()
    assert "Reply performance" in page
    assert "30 days" in page
    assert "67%" in page
    assert "answered=in_time" in page


def test_reply_performance_takes_two_queries_whatever_the_volume(committee):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            reply_rows(Action.objects.filter(committee=committee), timezone.localdate())
        return len(captured)

    person = ResponsiblePersonFactory(organisation=OrganisationFactory(short_name="TfL"))
    answered(person, committee, 5)
    few = queries()
    for number in range(30):
        other = ResponsiblePersonFactory(organisation=OrganisationFactory(short_name=f"O{number}"))
        answered(other, committee, number, due_in=10)
        overdue(other, committee)
    assert queries() == few == 2
