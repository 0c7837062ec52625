"""Entering a meeting with its agenda items and actions on one page."""

import pytest

from actions.models import Action
from actions.services import DELEGATED_AUTHORITY
from meetings.models import AgendaItem, Meeting
from tests.factories import CommitteeFactory, ResponsiblePersonFactory

pytestmark = pytest.mark.django_db


def management(prefix, total):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_data(committee, person, **overrides):
    data = {
        "committee": committee.pk,
        "date": "2023-03-22",
        "kind": "committee",
        "title": "",
        **management("items", 3),
        "items-0-number": "6",
        "items-0-title": "Independent Review of Prevent",
        "items-1-number": "7",
        "items-1-title": "Violence Against Women and Girls",
        **management("actions", 4),
        "actions-0-item_number": "6",
        "actions-0-responsible_person": person.pk,
        "actions-0-intro": "The Deputy Commissioner agreed to provide:",
        "actions-0-requested_items": "the referral figures\nthe training plan",
        "actions-1-item_number": "7",
        "actions-1-responsible_person": person.pk,
        "actions-1-intro": DELEGATED_AUTHORITY,
    }
    data.update(overrides)
    return data


def test_officer_enters_a_meeting_with_items_and_actions(officer_client):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory(name="Deputy Commissioner")

    assert officer_client.get("/meetings/new/").status_code == 200
    response = officer_client.post("/meetings/new/", meeting_data(committee, person))

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"] == f"/actions/?meeting={meeting.pk}"
    assert [i.number for i in meeting.items.all()] == ["6", "7"]
    first = Action.objects.get(agenda_item__number="6")
    assert first.requested_items == ["the referral figures", "the training plan"]
    assert first.status == Action.Status.ONGOING
    register = officer_client.get(response["Location"]).content.decode()
    assert "Independent Review of Prevent" in register
    assert "2 actions match" in register


def test_add_more_rows_keeps_what_was_typed(officer_client):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory()
    response = officer_client.post(
        "/meetings/new/", {**meeting_data(committee, person), "add_actions": "1"}
    )
    page = response.content.decode()
    assert 'name="actions-TOTAL_FORMS" value="7"' in page
    assert "Independent Review of Prevent" in page
    assert "the referral figures" in page
    assert "There is a problem" not in page
    assert not Meeting.objects.exists()


def test_standard_wording_fills_the_chosen_row(officer_client):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory()
    data = meeting_data(committee, person, **{"actions-1-intro": ""})
    response = officer_client.post(
        "/meetings/new/", {**data, "use_wording": "1:delegated-authority"}
    )
    page = response.content.decode()
    assert DELEGATED_AUTHORITY in page
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "anchor", "message"),
    [
        ({"date": "2023-02-30"}, "#id_date-day", "Enter the meeting date as a real date"),
        (
            {"date": "", "date-day": "30", "date-month": "2", "date-year": "2023"},
            "#id_date-day",
            "Meeting date must be a real date",
        ),
        ({"date": ""}, "#id_date-day", "Meeting date: enter a day, month and year"),
        ({"items-0-title": ""}, "#id_items-0-title", "Agenda item 1: This field is required"),
        ({"actions-0-intro": "x" * 5001}, "#id_actions-0-intro", "at most 5000 characters"),
        (
            {"actions-0-item_number": "99"},
            "#id_actions-0-item_number",
            "Action 1: There is no item 99",
        ),
        ({"items-1-number": "6"}, "#id_items-1-number", "Each item number can appear only once"),
    ],
)
def test_bad_input_is_refused_with_the_error_summary_and_nothing_saved(
    officer_client, overrides, anchor, message
):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory()
    response = officer_client.post("/meetings/new/", meeting_data(committee, person, **overrides))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert f'href="{anchor}"' in page
    assert message in page
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()
    assert not Action.objects.exists()


def test_second_meeting_of_a_committee_on_the_same_day_is_refused(officer_client):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory()
    officer_client.post("/meetings/new/", meeting_data(committee, person))
    response = officer_client.post("/meetings/new/", meeting_data(committee, person))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Meeting.objects.count() == 1
    assert Action.objects.count() == 2


def test_members_cannot_enter_meetings(member_client):
    assert member_client.get("/meetings/new/").status_code == 403


def _form_queries(client, data) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.post("/meetings/new/", data).status_code == 200
    return len(queries)


def test_more_rows_do_not_cost_more_queries(officer_client):
    committee = CommitteeFactory()
    person = ResponsiblePersonFactory()
    ResponsiblePersonFactory.create_batch(5)
    few = _form_queries(officer_client, {**meeting_data(committee, person), "add_actions": "1"})
    many = meeting_data(committee, person, **{"actions-TOTAL_FORMS": "30"})
    assert _form_queries(officer_client, {**many, "add_actions": "1"}) == few
