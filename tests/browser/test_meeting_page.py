"""The meeting page in a real browser: Enter adds what was typed, and axe finds nothing of
moderate impact or worse on a wide and a phone-sized screen."""

import datetime as dt

import pytest

from actiontracker import roles
from meetings.models import AgendaItem
from tests.browser.conftest import sign_in
from tests.browser.test_workspace import axe_violations
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    MeetingFactory,
    ResponsiblePersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting(live_server):
    UserFactory(username="officer", role=roles.OFFICERS)
    meeting = MeetingFactory(date=dt.date(2026, 12, 9))
    item = AgendaItemFactory(meeting=meeting, number="6", title="Independent Review of Prevent")
    ActionFactory(
        agenda_item=item,
        responsible_person=ResponsiblePersonFactory(name="Deputy Commissioner"),
        intro="The Committee requested the following:",
        requested_items=["the referral figures", "the training plan"],
    )
    return meeting


def test_enter_in_the_new_item_form_adds_the_item(page, meeting):
    sign_in(page, "officer")
    page.goto(meeting.get_absolute_url())
    page.get_by_label("Item No.").last.fill("7")
    title = page.locator("#id_new-item-title")
    title.fill("Violence Against Women and Girls")
    title.press("Enter")
    # The new page first (wait_for_load_state can return before the POST's answer): the
    # database is read only once the live server has finished with the request, never while
    # it writes on the same in-memory SQLite connection.
    heading = page.get_by_role("heading", name="Item 7: Violence Against Women and Girls")
    heading.wait_for()

    assert AgendaItem.objects.filter(meeting=meeting, number="7").exists()
    assert heading.is_visible()


def test_enter_in_the_action_edit_form_saves_the_action(page, meeting):
    sign_in(page, "officer")
    page.goto(meeting.get_absolute_url())
    page.get_by_role("link", name="Edit action 1 at item 6").click()
    timing = page.get_by_label("Timing")
    timing.fill("March 2027")
    timing.press("Enter")
    page.get_by_text("The action was saved.").wait_for()

    assert page.url.endswith(meeting.get_absolute_url() + "#item-" + str(meeting.items.get().pk))
    assert "Timing: March 2027" in page.content()
    assert "The action was saved." in page.content()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_meeting_page_has_no_accessibility_violations(page, meeting, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "officer")
    page.goto(meeting.get_absolute_url())
    problems = {"meeting page": axe_violations(page)}
    # With an add-action form open and in error.
    page.get_by_text("Add an action").first.click()
    page.get_by_role("button", name="Add the action").first.click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    problems["meeting page with errors"] = axe_violations(page)
    assert problems == {"meeting page": [], "meeting page with errors": []}
