"""The action page: whole text, status, follow-ups, letters and the history of changes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.services import action_set_status, action_update, followup_record
from tests.factories import (
    ActionFactory,
    CorrespondenceFactory,
    FollowUpFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


def test_action_page_shows_text_items_status_follow_ups_and_letters(member_client):
    action = ActionFactory(
        intro="The Deputy Commissioner agreed to provide:",
        requested_items=["the referral figures", "the training plan <b>draft</b>"],
        status_note="Awaiting reply.",
        agenda_item__meeting__date=dt.date(2021, 5, 12),
    )
    letter = CorrespondenceFactory(subject="Chasing the figures")
    followup_record(actions=[action], date=dt.date(2021, 6, 8), letter=letter)
    reply = CorrespondenceFactory(direction="received", subject="Response from MOPAC")
    reply.answers.add(action)

    page = member_client.get(f"/actions/{action.pk}/").content.decode()

    assert "The Deputy Commissioner agreed to provide:" in page
    assert "<li>the referral figures</li>" in page
    assert "the training plan &lt;b&gt;draft&lt;/b&gt;" in page
    assert "Followed-up on 8 June 2021." in page
    assert "8 June 2021" in page
    assert "Chasing the figures" in page
    assert "Response from MOPAC" in page
    assert "Edit action" not in page  # members read only


def test_history_shows_who_changed_which_field_from_and_to(member_client, officer):
    action = ActionFactory(status_note="")
    new_person = ResponsiblePersonFactory(name="Chief Executive Officer")
    # simple-history takes the user from the request; outside one, set it on the instance.
    action._history_user = officer
    updated = action_update(
        action=action,
        expected_version=1,
        responsible_person=new_person,
        status_note="The Chair wrote on 11 June 2021.",
    )
    updated._history_user = officer
    action_set_status(action=updated, status="closed", note="Delegation not used.")

    page = member_client.get(f"/actions/{action.pk}/").content.decode()
    history = page[page.index("History of changes") :]

    assert "Created" in history
    assert "Status note" in history
    assert "The Chair wrote on 11 June 2021." in history
    assert "Chief Executive Officer" in history
    assert "Closed" in history
    assert "Delegation not used." in history


def test_history_records_the_officer_who_saved_through_the_browser(officer_client):
    action = ActionFactory()
    officer_client.post(
        f"/actions/{action.pk}/status/",
        {"version": 1, "status": "closed", "note": "No longer pursued."},
    )
    page = officer_client.get(f"/actions/{action.pk}/").content.decode()
    assert "by officer" in page
    assert "No longer pursued." in page


def _page_queries(client, action) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/actions/{action.pk}/").status_code == 200
    return len(queries)


def test_action_page_queries_are_bounded(officer_client):
    action = ActionFactory()
    FollowUpFactory(action=action)
    few = _page_queries(officer_client, action)
    for day in range(1, 15):
        FollowUpFactory(action=action, date=dt.date(2023, 6, day), letter=CorrespondenceFactory())
        CorrespondenceFactory(direction="received").answers.add(action)
        action.refresh_from_db()
        action_update(action=action, expected_version=action.version, timing=f"June {day}")
    assert _page_queries(officer_client, action) == few
