"""Every register (letters, complaints, disclosures, reports) costs the same number of
queries at 3 records as at 60, on its first page, a filtered page, a sorted page and the
second page."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from actiontracker import roles
from correspondence.models import CommitteeReport, Complaint, Correspondence, Recommendation
from tests.factories import (
    CommitteeFactory,
    ComplaintFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
)

DAY = dt.date(2022, 1, 3)


def add_letters(count: int, first: int) -> None:
    for n in range(first, first + count):
        letter = CorrespondenceFactory(
            date=DAY + dt.timedelta(n),
            organisation=OrganisationFactory(),
            reply_due=DAY + dt.timedelta(n + 28),
            reference=f"PCC-{n:03d}",
        )
        if n % 2:  # every other letter has a reply
            CorrespondenceFactory(
                direction=Correspondence.Direction.RECEIVED,
                date=DAY + dt.timedelta(n + 5),
                in_reply_to=letter,
            )


def add_complaints(count: int, first: int) -> None:
    decisions = [choice for choice, _label in Complaint.Decision.choices]
    for n in range(first, first + count):
        ComplaintFactory(received_on=DAY + dt.timedelta(n), decision=decisions[n % 3])


def add_disclosures(count: int, first: int) -> None:
    for n in range(first, first + count):
        contact = DAY + dt.timedelta(n)
        # Every other one late (disclosed after 28 days).
        DisclosureFactory(
            contact_date=contact, disclosed_on=contact + dt.timedelta(10 + n % 2 * 30)
        )


def add_reports(count: int, first: int) -> None:
    committee = CommitteeFactory()
    for n in range(first, first + count):
        report = CommitteeReport.objects.create(
            committee=committee,
            title=f"Report {n}",
            agreed_on=DAY + dt.timedelta(n),
            addressed_to=OrganisationFactory(),
            response_meeting=MeetingFactory(committee=committee, date=DAY + dt.timedelta(n)),
            response_letter=CorrespondenceFactory(date=DAY + dt.timedelta(n)),
        )
        for k in range(3):
            Recommendation.objects.create(
                report=report,
                number=k + 1,
                text="MOPAC should publish the figures.",
                outcome=Recommendation.Outcome.AWAITING if k == n % 3 else "accepted",
            )


# Per page: the query count at both sizes. Session, user and permissions come first; then
# the filter panel's choices, the count and the page's rows with what they show joined.
PAGES = [
    (add_letters, "/correspondence/", 10),
    (add_letters, "/correspondence/?direction=sent&awaiting_reply=on", 10),
    (add_letters, "/correspondence/?sort=reference", 10),
    (add_letters, "/correspondence/?sort=-date&page=2", 10),
    (add_complaints, "/complaints/", 9),
    (add_complaints, "/complaints/?decision=pending", 9),
    (add_complaints, "/complaints/?sort=decided_on&page=2", 9),
    (add_disclosures, "/disclosures/", 9),
    (add_disclosures, "/disclosures/?late=on", 9),
    (add_disclosures, "/disclosures/?sort=member&page=2", 9),
    (add_reports, "/reports/", 10),
    (add_reports, "/reports/?awaiting=on", 10),
    (add_reports, "/reports/?sort=title&page=2", 10),
]


@pytest.fixture
def reader_client(client, db):
    """An officer who is also the Monitoring Officer: every register is open to them."""
    user = UserFactory(username="reader", role=roles.OFFICERS)
    user.groups.add(Group.objects.get(name=roles.MONITORING))
    client.force_login(user)
    return client


@pytest.mark.parametrize(("add", "url", "queries"), PAGES, ids=[url for _a, url, _q in PAGES])
def test_register_pages_cost_the_same_queries_at_3_and_60_records(
    reader_client, django_assert_num_queries, add, url, queries
):
    add(3, first=0)
    with django_assert_num_queries(queries):
        assert reader_client.get(url).status_code == 200
    add(57, first=3)
    with django_assert_num_queries(queries):
        page = reader_client.get(url)
    assert page.status_code == 200
    # The page lists the records (a header row and at least three), not just its frame.
    assert page.content.decode().count("<tr") >= 4
