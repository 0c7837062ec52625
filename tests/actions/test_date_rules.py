"""Dates that make sense: a follow-up is not before the meeting that agreed its action nor in
the future, whether recorded on the app's follow-up form (several actions at once, each
offending one named) or in the admin; an imported paper's follow-up before its meeting is
refused at its line (older ones after the meeting are kept); nothing is recorded when refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError
from django.utils import timezone

from actions.models import FollowUp
from actions.services import followup_record
from tests.actions.test_write_path import admin_form_data
from tests.correspondence.test_lost_update import admin_client  # noqa: F401
from tests.factories import ActionFactory, MeetingFactory
from tests.import_papers import paper_text, row
from tests.papers.test_import_paper import run, write

pytestmark = pytest.mark.django_db

BEFORE_MEETING = "The date of the follow-up must be on or after the meeting that agreed"
FUTURE = "The date of the follow-up must be today or in the past"


def page_of(response) -> str:
    assert response.status_code == 200  # the form again, not a redirect
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def test_the_follow_up_form_names_each_action_agreed_after_the_date(officer_client):
    early = ActionFactory(
        intro="Provide the stop and search figures.",
        agenda_item__meeting=MeetingFactory(date=dt.date(2023, 1, 11)),
    )
    late = ActionFactory(
        intro="The Committee requested the following:",
        requested_items=["the custody survey results;", "the training plan"],
        agenda_item__meeting=MeetingFactory(date=dt.date(2023, 6, 7)),
    )
    response = officer_client.post(
        "/actions/follow-up/",
        {"actions": [early.pk, late.pk], "date": "2023-03-01", "method": "letter"},
    )
    page = page_of(response)
    assert (
        f"{BEFORE_MEETING} each action: “the custody survey results; the training plan” "
        "was agreed on 7 June 2023" in page
    )
    assert "stop and search figures” was agreed" not in page  # only the offending row
    assert 'href="#id_date-day"' in page
    assert not FollowUp.objects.exists()


def test_the_follow_up_form_refuses_a_date_in_the_future(officer_client):
    action = ActionFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = officer_client.post(
        "/actions/follow-up/",
        {"actions": [action.pk], "date": tomorrow.isoformat(), "method": "letter"},
    )
    assert FUTURE in page_of(response)
    assert not FollowUp.objects.exists()


def test_the_follow_up_form_takes_the_day_of_the_meeting(officer_client):
    action = ActionFactory(agenda_item__meeting=MeetingFactory(date=dt.date(2023, 1, 11)))
    response = officer_client.post(
        "/actions/follow-up/",
        {"actions": [action.pk], "date": "2023-01-11", "method": "letter"},
    )
    assert response.status_code == 302
    assert action.follow_ups.get().date == dt.date(2023, 1, 11)


def add_in_admin(client, action, date: str):
    url = f"/admin/actions/action/{action.pk}/change/"
    data = admin_form_data(client.get(url))
    data.update(
        {
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-0-date": date,
            "follow_ups-0-method": "letter",
            "follow_ups-0-action": str(action.pk),
        }
    )
    return client.post(url, data)


def test_the_admin_refuses_a_follow_up_before_the_meeting(admin_client):  # noqa: F811
    action = ActionFactory(agenda_item__meeting=MeetingFactory(date=dt.date(2023, 1, 11)))
    response = add_in_admin(admin_client, action, "1900-01-01")
    assert f"{BEFORE_MEETING} the action (11 January 2023)" in page_of(response)
    assert not FollowUp.objects.exists()


def test_the_admin_refuses_a_follow_up_in_the_future(admin_client):  # noqa: F811
    action = ActionFactory()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = add_in_admin(admin_client, action, tomorrow.isoformat())
    assert FUTURE in page_of(response)
    assert not FollowUp.objects.exists()


def test_the_admin_follow_up_page_refuses_a_date_before_the_meeting(admin_client):  # noqa: F811
    action = ActionFactory(agenda_item__meeting=MeetingFactory(date=dt.date(2023, 1, 11)))
    url = "/admin/actions/followup/add/"
    response = admin_client.post(
        url, {"action": action.pk, "date": "2022-12-31", "method": "letter"}
    )
    assert f"{BEFORE_MEETING} the action (11 January 2023)" in page_of(response)
    assert not FollowUp.objects.exists()


def test_the_service_refuses_a_follow_up_before_the_meeting():
    action = ActionFactory(agenda_item__meeting=MeetingFactory(date=dt.date(2023, 1, 11)))
    with pytest.raises(ValidationError) as refused:
        followup_record(actions=[action], date=dt.date(1900, 1, 1))
    assert list(refused.value.message_dict) == ["date"]
    assert not FollowUp.objects.exists()


def test_an_imported_paper_with_a_follow_up_before_the_meeting_is_refused_at_its_line(
    tmp_path,
):
    bad = row(
        "5", "Policing", "MPS", "To provide the figures.", "Ongoing. Followed-up on 4 May 2021."
    )
    text = paper_text([("22 March 2023", [bad])])
    line = text.splitlines().index(bad) + 1
    with pytest.raises(CommandError, match=rf"line {line}, Date: {BEFORE_MEETING} the action"):
        run(write(tmp_path, text))
    assert not FollowUp.objects.exists()


def test_an_imported_historic_follow_up_after_the_meeting_is_kept(tmp_path):
    good = row(
        "5", "Policing", "MPS", "To provide the figures.", "Ongoing. Followed-up on 4 May 2023."
    )
    run(write(tmp_path, paper_text([("22 March 2023", [good])])))
    assert FollowUp.objects.get().date == dt.date(2023, 5, 4)
