"""Officers' edits: edit, follow up many at once, close with a letter, delete and restore,
and no lost updates when two officers edit the same action."""

import datetime as dt
import re

import pytest
from django.test import Client

from actions.models import Action, FollowUp
from actions.services import DELEGATED_AUTHORITY
from actiontracker import roles
from tests.factories import (
    ActionFactory,
    CorrespondenceFactory,
    MeetingFactory,
    ResponsiblePersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def edit_data(action, **changes):
    data = {
        "version": action.version,
        "responsible_person": action.responsible_person_id,
        "number": action.number,
        "intro": action.intro,
        "requested_items": "\n".join(action.requested_items),
        "timing": action.timing,
        "due_date": "",
        "status_note": action.status_note,
    }
    data.update(changes)
    return data


def test_officer_edits_an_action_and_its_requested_items(officer_client):
    action = ActionFactory(intro="The Deputy Commissioner agreed to provide:")

    response = officer_client.post(
        f"/actions/{action.pk}/edit/",
        edit_data(action, requested_items="• the figures\n• the timetable\n\n"),
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.requested_items == ["the figures", "the timetable"]
    assert action.version == 2


def test_members_cannot_edit_and_anonymous_users_are_sent_to_sign_in(client, member):
    action = ActionFactory(intro="Unchanged")
    response = client.post(f"/actions/{action.pk}/edit/", edit_data(action, intro="Hacked"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(member)
    response = client.post(f"/actions/{action.pk}/edit/", edit_data(action, intro="Hacked"))
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.intro == "Unchanged"


def test_second_officer_save_is_refused_and_shows_what_the_first_changed(officer):
    action = ActionFactory(intro="Original text", status_note="")
    other = UserFactory(username="second", role=roles.OFFICERS)
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(other)

    # Both open the edit form at version 1.
    assert 'name="version" value="1"' in first.get(f"/actions/{action.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in second.get(f"/actions/{action.pk}/edit/").content.decode()

    saved = first.post(
        f"/actions/{action.pk}/edit/",
        edit_data(action, status_note="The Chair wrote on 11 June 2021.", version=1),
    )
    assert saved.status_code == 302

    refused = second.post(
        f"/actions/{action.pk}/edit/", edit_data(action, intro="Second officer's text", version=1)
    )

    page = refused.content.decode()
    assert refused.status_code == 409
    assert "Another officer changed this action" in page
    assert "Status note" in page
    assert "The Chair wrote on 11 June 2021." in page
    assert "officer saved the action first" in page
    action.refresh_from_db()
    assert action.intro == "Original text"
    assert action.status_note == "The Chair wrote on 11 June 2021."
    # The re-displayed form keeps the second officer's text, now against the current version.
    assert "Second officer&#x27;s text" in page
    assert f'name="version" value="{action.version}"' in page


def test_a_follow_up_since_opening_the_form_also_blocks_a_stale_status_change(officer_client):
    action = ActionFactory(agenda_item__meeting__date=dt.date(2021, 5, 12))
    version = action.version
    officer_client.post(
        "/actions/follow-up/",
        {"actions": [action.pk], "date": "2021-06-08", "method": "letter"},
    )
    response = officer_client.post(
        f"/actions/{action.pk}/status/",
        {"version": version, "status": "completed", "note": "Done."},
    )
    assert response.status_code == 409
    assert "Followed-up on 8 June 2021." in response.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.ONGOING


def test_follow_up_on_many_selected_actions_updates_each_note(officer_client, officer):
    meeting = MeetingFactory(date=dt.date(2021, 5, 12))
    actions = ActionFactory.create_batch(3, agenda_item__meeting=meeting)
    untouched = ActionFactory(status_note="Awaiting reply.")
    letter = CorrespondenceFactory(subject="Chasing letter")

    form = officer_client.get("/actions/follow-up/", {"actions": [a.pk for a in actions]})
    assert form.content.decode().count("<li>") >= 3

    response = officer_client.post(
        "/actions/follow-up/",
        {
            "actions": [a.pk for a in actions],
            "date": "2021-06-08",
            "method": "letter",
            "note": "Letter from the Chair",
            "letter": letter.pk,
        },
    )

    assert response.status_code == 302
    for action in actions:
        action.refresh_from_db()
        assert action.status_note == "Followed-up on 8 June 2021."
        assert action.last_chased_on == dt.date(2021, 6, 8)
    assert FollowUp.objects.filter(letter=letter, by=officer).count() == 3
    untouched.refresh_from_db()
    assert untouched.status_note == "Awaiting reply."


@pytest.mark.parametrize(
    ("parts", "message", "wrong"),
    [
        (("30", "2", "2021"), "Date of the follow-up must be a real date", ["day"]),
        (("", "", ""), "Date of the follow-up: enter a day, month and year", None),
        (("8", "", "2021"), "Date of the follow-up must include a month", ["month"]),
        (("8", "13", "21"), "Date of the follow-up must be a real date", ["month", "year"]),
        (("1", "1", "2999"), "must be today or in the past", ["day", "month", "year"]),
    ],
)
def test_follow_up_with_a_bad_date_is_refused_and_nothing_saved(
    officer_client, parts, message, wrong
):
    action = ActionFactory(status_note="Before.")
    data = {"actions": [action.pk], "method": "email"}
    data.update(zip(["date-day", "date-month", "date-year"], parts, strict=True))
    response = officer_client.post("/actions/follow-up/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    # The summary links to the first box to correct, and only the wrong boxes are red.
    first = (wrong or ["day"])[0]
    assert f'href="#id_date-{first}"' in page
    for part in ("day", "month", "year"):
        box = re.search(rf'<input class="([^"]*)" id="id_date-{part}"', page)
        assert ("govuk-input--error" in box.group(1)) == (wrong is None or part in wrong), part
    assert not FollowUp.objects.exists()
    action.refresh_from_db()
    assert action.status_note == "Before."


def test_follow_up_dates_are_typed_in_day_month_and_year_boxes(officer_client):
    action = ActionFactory(agenda_item__meeting__date=dt.date(2021, 5, 12))
    form = officer_client.get("/actions/follow-up/", {"actions": [action.pk]}).content.decode()
    assert 'type="date"' not in form
    assert re.search(r"<legend[^>]*>\s*Date of the follow-up\s*</legend>", form)
    for part in ("day", "month", "year"):
        assert re.search(
            rf'id="id_date-{part}" name="date-{part}" type="text" inputmode="numeric"', form
        )
    response = officer_client.post(
        "/actions/follow-up/",
        {
            "actions": [action.pk],
            "method": "email",
            "date-day": " 8",
            "date-month": "June",
            "date-year": "2021",
        },
    )
    assert response.status_code == 302
    assert FollowUp.objects.get().date == dt.date(2021, 6, 8)


def test_mark_completed_with_the_letter_that_answered_it(officer_client):
    action = ActionFactory()
    reply = CorrespondenceFactory(direction="received", subject="Response from the MPS")

    response = officer_client.post(
        f"/actions/{action.pk}/status/",
        {
            "version": action.version,
            "status": "completed",
            "note": "Attached at Appendix 1.",
            "on": "2023-05-02",
            "letter": reply.pk,
        },
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETED
    assert action.status_note == "Attached at Appendix 1."
    assert action.finished_on == dt.date(2023, 5, 2)
    assert list(action.answered_by.all()) == [reply]
    page = officer_client.get(f"/actions/{action.pk}/").content.decode()
    assert "Response from the MPS" in page
    assert "Completed</strong>" in page


def test_edit_refuses_empty_and_over_long_text_and_saves_nothing(officer_client):
    action = ActionFactory(intro="Kept")
    response = officer_client.post(
        f"/actions/{action.pk}/edit/",
        edit_data(
            action,
            intro="",
            timing="x" * 101,
            **{"due_date-day": "31", "due_date-month": "31", "due_date-year": "2023"},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_intro"' in page
    assert 'href="#id_timing"' in page
    assert 'href="#id_due_date-month"' in page
    assert "Due by must be a real date" in page
    assert "govuk-form-group--error" in page
    assert "govuk-textarea--error" in page
    action.refresh_from_db()
    assert action.intro == "Kept"
    assert action.version == 1


def test_standard_wording_is_one_click_away_on_the_edit_form(officer_client):
    action = ActionFactory(intro="Old text")
    response = officer_client.post(
        f"/actions/{action.pk}/edit/",
        {**edit_data(action), "use_wording": "delegated-authority"},
    )
    assert response.status_code == 200
    assert DELEGATED_AUTHORITY in response.content.decode()
    action.refresh_from_db()
    assert action.intro == "Old text"  # filled in, not saved until the officer saves


def test_deleted_action_leaves_the_register_and_can_be_restored(officer_client):
    action = ActionFactory(intro="Soon deleted")

    officer_client.post(f"/actions/{action.pk}/delete/")

    assert "Soon deleted" not in officer_client.get("/actions/").content.decode()
    assert officer_client.get(f"/actions/{action.pk}/").status_code == 404
    assert "Soon deleted" in officer_client.get("/actions/deleted/").content.decode()
    assert Action.all_objects.get(pk=action.pk).deleted_at is not None

    officer_client.post(f"/actions/{action.pk}/restore/")

    assert "Soon deleted" in officer_client.get("/actions/").content.decode()
    history = officer_client.get(f"/actions/{action.pk}/").content.decode()
    assert "Restored" in history
    assert "Deleted" in history


def test_member_cannot_delete(member_client):
    action = ActionFactory()
    assert member_client.post(f"/actions/{action.pk}/delete/").status_code == 403
    assert Action.objects.filter(pk=action.pk).exists()


def test_edit_changes_the_responsible_person(officer_client):
    action = ActionFactory()
    person = ResponsiblePersonFactory(name="Chief Executive Officer")
    officer_client.post(
        f"/actions/{action.pk}/edit/", edit_data(action, responsible_person=person.pk)
    )
    page = officer_client.get(f"/actions/{action.pk}/").content.decode()
    assert "Chief Executive Officer" in page
    assert "Responsible person" in page


def test_update_service_refuses_a_stale_version_and_reports_the_changes():
    from actions.services import StaleEditError, action_update

    action = ActionFactory(timing="")
    action_update(action=action, expected_version=1, timing="August 2022")

    with pytest.raises(StaleEditError) as refused:
        action_update(action=action, expected_version=1, timing="September 2022")

    assert [(c.label, c.old, c.new) for c in refused.value.changes] == [
        ("Timing", "", "August 2022")
    ]
    action.refresh_from_db()
    assert action.timing == "August 2022"


def test_update_service_only_changes_editable_fields():
    from actions.services import action_update

    action = ActionFactory()
    with pytest.raises(TypeError):
        action_update(action=action, expected_version=1, status="closed")


def test_a_chase_keeps_the_officers_hand_written_note_and_the_paper_prints_both(officer_client):
    from papers.render import render_paper_html
    from papers.services import paper_create

    meeting = MeetingFactory(date=dt.date(2021, 5, 12))
    action = ActionFactory(agenda_item__meeting=meeting)
    edit = officer_client.post(
        f"/actions/{action.pk}/edit/",
        edit_data(action, status_note="The MPS said the figures come after the audit."),
    )
    assert edit.status_code == 302

    form = officer_client.get("/actions/follow-up/", {"actions": [action.pk]}).content.decode()
    assert "Status note now: The MPS said the figures come after the audit." in form
    for day in ("2021-06-08", "2021-07-02"):
        response = officer_client.post(
            "/actions/follow-up/", {"actions": [action.pk], "date": day, "method": "letter"}
        )
        assert response.status_code == 302

    # The second chase replaces the first one's sentence, never the officer's words.
    kept = "The MPS said the figures come after the audit. Followed-up on 2 July 2021."
    action.refresh_from_db()
    assert action.status_note == kept
    assert kept in officer_client.get(f"/actions/{action.pk}/").content.decode()
    paper = paper_create(
        meeting=MeetingFactory(committee=meeting.committee, date=dt.date(2021, 9, 1))
    )
    assert f"Ongoing. {kept}" in render_paper_html(paper)


def test_a_chase_on_an_action_with_no_note_or_only_a_chase_note_writes_the_chase():
    from actions.services import followup_record

    meeting = MeetingFactory(date=dt.date(2021, 5, 12))
    empty = ActionFactory(agenda_item__meeting=meeting, status_note="")
    chased = ActionFactory(agenda_item__meeting=meeting, status_note="Followed-up on 1 June 2021.")
    followup_record(actions=[empty, chased], date=dt.date(2021, 6, 8))
    for action in (empty, chased):
        action.refresh_from_db()
        assert action.status_note == "Followed-up on 8 June 2021."
