"""The open record in a real browser: searchable and paged without JavaScript, and axe
finds nothing of moderate impact or worse on its pages, wide and phone-sized, paged or
not; no page scrolls sideways."""

import datetime as dt

import pytest

from papers.services import paper_create, paper_publish
from publicrecord import paging
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


def test_a_reader_turns_the_pages_of_actions_without_javascript(no_js_page, published, monkeypatch):
    monkeypatch.setattr(paging, "PER_PAGE", 1)  # two actions: two pages
    no_js_page.goto(f"/open/{published.meeting.committee.slug}/")
    assert "Showing 1 to 1 of 2 actions" in no_js_page.content()
    pages = no_js_page.get_by_role("navigation", name="Pages of actions")
    pages.get_by_role("link", name="Next page of actions").click()
    no_js_page.wait_for_load_state()
    content = no_js_page.content()
    assert "Showing 2 to 2 of 2 actions" in content
    assert no_js_page.url.endswith("?page=2#actions")
    pages = no_js_page.get_by_role("navigation", name="Pages of actions")
    assert pages.get_by_role("link", name="Page 2 of actions").get_attribute("aria-current")


SIDEWAYS = "document.scrollingElement.scrollWidth > window.innerWidth"


@pytest.mark.parametrize("per_page", [50, 1])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_open_pages_have_no_accessibility_violations(
    page, published, width, per_page, monkeypatch
):
    """At 50 to a page the lists are whole; at 1, every list is paged."""
    monkeypatch.setattr(paging, "PER_PAGE", per_page)
    page.set_viewport_size({"width": width, "height": 900})
    slug = published.meeting.committee.slug
    problems = {}
    for url in (
        "/open/",
        f"/open/{slug}/",
        f"/open/{slug}/?q=referral",
        f"/open/{slug}/?page=2&meetings=2",
        f"/open/{slug}/papers/{published.pk}/",
        f"/open/{slug}/meetings/2026-09-16/?page=2",
    ):
        page.goto(url)
        problems[url] = axe_violations(page)
        if page.evaluate(SIDEWAYS):
            problems[url].append("scrolls sideways")
    assert problems == dict.fromkeys(problems, [])
