"""The open record in a real browser: searchable without JavaScript, and axe finds nothing
of moderate impact or worse on its pages, wide and phone-sized."""

import datetime as dt

import pytest

from papers.services import paper_create, paper_publish
from tests.browser.test_workspace import axe_violations
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(live_server, pdf_renderer):
    pdf_renderer("stand_in")
    committee = CommitteeFactory(publishes_openly=True)
    person = ResponsiblePersonFactory(
        name="Commissioner", organisation=OrganisationFactory(short_name="MPS")
    )
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, date=dt.date(2026, 9, 16)),
        number="6",
        title="Violence Against Women and Girls",
    )
    ActionFactory(
        agenda_item=item,
        responsible_person=person,
        intro="The Committee requested the following:",
        requested_items=["the referral figures", "the training plan"],
    )
    ActionFactory(
        agenda_item=item,
        responsible_person=person,
        intro="Share the bus harassment data.",
        status="completed",
        finished_on=dt.date(2026, 10, 1),
    )
    meeting = MeetingFactory(committee=committee, date=dt.date(2026, 11, 11))
    return paper_publish(paper=paper_create(meeting=meeting), on=dt.date(2026, 11, 1))


def test_a_reader_searches_the_actions_without_javascript(no_js_page, published):
    no_js_page.goto("/open/")
    no_js_page.get_by_role("link", name="Police and Crime Committee").click()
    no_js_page.get_by_label("Search the published actions").fill("bus harassment")
    no_js_page.get_by_role("button", name="Search").click()
    no_js_page.wait_for_load_state()
    content = no_js_page.content()
    assert "1 action match" in content
    assert "Share the bus harassment data." in content
    assert "the referral figures" not in content


@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_pages_have_no_accessibility_violations(page, published, width):
    page.set_viewport_size({"width": width, "height": 900})
    slug = published.meeting.committee.slug
    problems = {}
    for url in (
        "/open/",
        f"/open/{slug}/",
        f"/open/{slug}/?q=referral",
        f"/open/{slug}/papers/{published.pk}/",
        f"/open/{slug}/meetings/2026-09-16/",
    ):
        page.goto(url)
        problems[url] = axe_violations(page)
    assert problems == dict.fromkeys(problems, [])
