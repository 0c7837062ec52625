"""Several actions marked completed or closed from the register with one note: each change
through the action services (history, version), one changed since the register was loaded
refused and named while the others change, and only officers may do it."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from actions.models import Action
from actions.services import action_update
from tests.factories import ActionFactory, MeetingFactory

pytestmark = pytest.mark.django_db

URL = reverse("action-bulk-status")


@pytest.fixture
def actions():
    meeting = MeetingFactory(date=dt.date(2021, 5, 12))
    return [
        ActionFactory(agenda_item__meeting=meeting, intro=f"Provide the {what} figures.")
        for what in ("stop and search", "custody", "training")
    ]


def register_form(client) -> dict:
    """What the register's bulk form sends for every row: the ticks and their versions."""
    page = client.get(reverse("action-list")).content.decode()
    return {
        "actions": re.findall(r'name="actions" type="checkbox" value="(\d+)"', page),
        "versions": dict(re.findall(r'name="v(\d+)" value="(\d+)" form="bulk-follow-up"', page)),
        "page": page,
    }


def test_the_register_offers_the_bulk_change_with_each_rows_version(officer_client, actions):
    seen = register_form(officer_client)
    assert set(seen["actions"]) == {str(a.pk) for a in actions}
    assert seen["versions"] == {str(a.pk): str(a.version) for a in actions}
    assert "Mark the selected actions completed or closed" in seen["page"]
    assert 'data-module="moj-multi-select"' in seen["page"]
    assert 'id="select-all"' in seen["page"]


def test_officer_marks_ticked_actions_completed_with_one_note(officer_client, officer, actions):
    first, second, untouched = actions
    seen = register_form(officer_client)
    ticked = {"actions": [first.pk, second.pk], "next": "/actions/?status=ongoing"}
    ticked |= {f"v{a.pk}": seen["versions"][str(a.pk)] for a in (first, second)}

    confirm = officer_client.get(URL, ticked).content.decode()
    assert "2 actions selected" in confirm
    assert "Provide the stop and search figures." in confirm
    assert "Changed since you loaded the register" not in confirm

    response = officer_client.post(
        URL, ticked | {"status": "completed", "note": "Answered by the letter of 1 June 2021."}
    )
    assert response.status_code == 302
    assert response["Location"] == "/actions/?status=ongoing"
    for action in (first, second):
        action.refresh_from_db()
        assert action.status == Action.Status.COMPLETED
        assert action.status_note == "Answered by the letter of 1 June 2021."
        assert action.version == 2
        assert action.history.first().history_user == officer
    untouched.refresh_from_db()
    assert untouched.status == Action.Status.ONGOING
    page = officer_client.get(response["Location"]).content.decode()
    assert "2 actions marked completed." in page


def test_a_stale_row_is_refused_and_named_while_the_others_change(officer_client, actions):
    first, changed, _ = actions
    seen = register_form(officer_client)
    # Another officer edits one action after the register was loaded.
    action_update(action=changed, expected_version=changed.version, timing="June 2021")
    ticked = {"actions": [first.pk, changed.pk]}
    ticked |= {f"v{a.pk}": seen["versions"][str(a.pk)] for a in (first, changed)}

    confirm = officer_client.get(URL, ticked).content.decode()
    assert confirm.count("Changed since you loaded the register") == 1

    response = officer_client.post(URL, ticked | {"status": "closed", "note": "No longer needed."})
    assert response.status_code == 302
    first.refresh_from_db()
    changed.refresh_from_db()
    assert first.status == Action.Status.CLOSED
    assert changed.status == Action.Status.ONGOING
    assert changed.timing == "June 2021"
    page = officer_client.get(response["Location"]).content.decode()
    assert "1 action marked closed." in page
    assert "Not changed, because it was changed after you loaded the register" in page
    assert "Provide the custody figures." in page.split("Not changed")[1]


def test_a_note_and_a_status_are_required_and_nothing_changes(officer_client, actions):
    ticked = {"actions": [actions[0].pk], f"v{actions[0].pk}": actions[0].version}
    response = officer_client.post(URL, ticked | {"status": "", "note": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select completed or closed" in page
    assert "Enter the status note the selected actions will show" in page
    actions[0].refresh_from_db()
    assert actions[0].status == Action.Status.ONGOING


def test_members_cannot_change_statuses_in_bulk_nor_see_the_button(member_client, actions):
    ticked = {"actions": [a.pk for a in actions]} | {f"v{a.pk}": a.version for a in actions}
    response = member_client.post(URL, ticked | {"status": "completed", "note": "Done."})
    assert response.status_code == 403
    assert member_client.get(URL, ticked).status_code == 403
    assert not Action.objects.exclude(status=Action.Status.ONGOING).exists()
    page = member_client.get(reverse("action-list")).content.decode()
    assert "Mark the selected actions completed or closed" not in page


def test_the_bulk_page_reads_a_fixed_number_of_queries(
    officer_client, django_assert_max_num_queries
):
    meeting = MeetingFactory()
    many = ActionFactory.create_batch(12, agenda_item__meeting=meeting)
    ticked = {"actions": [a.pk for a in many]} | {f"v{a.pk}": a.version for a in many}
    officer_client.get(URL, ticked)
    with django_assert_max_num_queries(8):
        assert officer_client.get(URL, ticked).status_code == 200
