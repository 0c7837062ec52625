"""The action register costs the same number of queries at 3 actions as at 60, on every
page a reader opens: the first, a filtered one, a sorted one and the second page."""

import datetime as dt

import pytest
from django.db import connection

from actions.models import Action
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

# Session, user, permissions (2), the count, the page's actions, and what they show
# prefetched: agenda items with meetings and committees, people with organisations, lead
# organisations; then the filter panel's committees, people and organisations.
PAGES = {
    "/actions/": 12,
    "/actions/?committee=police-and-crime-committee&status=ongoing": 13,
    "/actions/?status=ongoing&q=information&not_chased_days=30": 12,
    "/actions/?sort=-responsible_person": 12,
    "/actions/?sort=status": 12,
    "/actions/?sort=meeting_date&page=2": 12,
}


def add_actions(count: int, first: int = 0) -> None:
    """Actions spread over meetings, items, people and organisations, so a query per row
    of any of them would show."""
    committee = CommitteeFactory()
    statuses = [Action.Status.ONGOING, Action.Status.COMPLETED, Action.Status.CLOSED]
    for n in range(first, first + count):
        meeting = MeetingFactory(committee=committee, date=dt.date(2022, 1, 5) + dt.timedelta(n))
        person = ResponsiblePersonFactory(organisation=OrganisationFactory())
        status = statuses[n % 3]
        action = ActionFactory(
            agenda_item=AgendaItemFactory(meeting=meeting),
            responsible_person=person,
            status=status,
            finished_on=None if status == Action.Status.ONGOING else meeting.date,
        )
        action.lead_organisations.add(OrganisationFactory())


@pytest.mark.parametrize("url", PAGES)
def test_register_pages_cost_the_same_queries_at_3_and_60_actions(
    officer_client, django_assert_num_queries, url
):
    add_actions(3)
    with django_assert_num_queries(PAGES[url]):
        assert officer_client.get(url).status_code == 200
    add_actions(57, first=3)
    with django_assert_num_queries(PAGES[url]):
        page = officer_client.get(url)
    assert page.status_code == 200
    # The page lists rows, not just its frame.
    assert page.content.decode().count('class="govuk-table__row"') >= 3


def test_sqlite_has_planner_statistics_after_migrating(db):
    """Migrations end with ANALYZE: SQLite plans the register's pages knowing its indexes."""
    if connection.vendor != "sqlite":
        pytest.skip("planner statistics are SQLite's own")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchone() is not None
