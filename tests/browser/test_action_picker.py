"""The letter form's action picker in Chromium: an officer links a letter to an action with
the keyboard alone, through accessible-autocomplete's type-ahead; axe finds nothing of
moderate impact or worse on the enhanced form."""

import datetime as dt

import pytest
from django.urls import reverse

from actiontracker import roles
from correspondence.models import Correspondence
from tests.browser.conftest import sign_in
from tests.browser.test_workspace import axe_violations
from tests.factories import (
    ActionFactory,
    CorrespondenceFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def letter(live_server):
    UserFactory(username="officer", role=roles.OFFICERS)
    meeting = MeetingFactory(date=dt.date(2026, 3, 11))
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    person = ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    ActionFactory(agenda_item__meeting=meeting, intro="Share the training plan.")
    wanted = ActionFactory(
        agenda_item__meeting=meeting,
        responsible_person=person,
        intro="Provide the custody figures by borough.",
    )
    letter = CorrespondenceFactory(
        committee=meeting.committee,
        direction=Correspondence.Direction.RECEIVED,
        subject="Custody figures",
    )
    return {"letter": letter, "wanted": wanted}


def test_officer_links_a_letter_to_an_action_with_the_keyboard_only(page, letter):
    sign_in(page, "officer")
    page.goto(reverse("correspondence-edit", args=[letter["letter"].pk]))
    # Enhanced: the type-ahead replaces the search box and its button.
    picker = page.get_by_role("combobox", name="Find the actions this letter answers")
    picker.wait_for()
    assert page.get_by_role("button", name="Search actions").count() == 0
    picker.focus()
    page.keyboard.type("custody MPS", delay=20)
    option = page.get_by_role("option", name="Provide the custody figures by borough.")
    option.first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")

    box = page.get_by_role("checkbox", name="Provide the custody figures by borough.")
    assert box.is_checked()
    assert "Ticked: 11 March 2026" in page.locator("#action-picker-status").inner_text()
    assert axe_violations(page) == []

    # Still by keyboard: Enter in a text field saves the letter (not a search).
    page.get_by_label("Reference").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{letter['letter'].get_absolute_url()}")
    assert list(letter["letter"].answers.all()) == [letter["wanted"]]
