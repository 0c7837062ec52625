"""The register's bulk status change in Chromium: MOJ's "Select all" box ticks every row, and
the ticked actions are marked completed with one note."""

import pytest

from actions.models import Action
from actiontracker import roles
from tests.browser.conftest import sign_in
from tests.factories import ActionFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_select_all_then_mark_completed(page, live_server):
    UserFactory(username="officer", role=roles.OFFICERS)
    meeting = MeetingFactory()
    actions = [
        ActionFactory(agenda_item__meeting=meeting, intro=f"Provide figure {n}.") for n in range(3)
    ]
    sign_in(page, "officer")
    page.goto("/actions/")
    select_all = page.get_by_role("checkbox", name="Select all")
    select_all.check()
    rows = page.locator('tbody input[name="actions"]')
    assert rows.count() == 3
    assert all(rows.nth(i).is_checked() for i in range(3))

    page.get_by_role("button", name="Mark the selected actions completed or closed").click()
    assert "3 actions selected" in page.content()
    page.get_by_label("Completed").check()
    page.get_by_label("Status note for each of them").fill("Answered at the meeting.")
    page.get_by_role("button", name="Save status of 3 actions").click()
    page.wait_for_url("**/actions/")
    assert "3 actions marked completed." in page.content()
    assert set(Action.objects.values_list("status", flat=True)) == {Action.Status.COMPLETED}
    assert {a.pk for a in actions} == set(Action.objects.values_list("pk", flat=True))
