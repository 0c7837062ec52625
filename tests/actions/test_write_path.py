"""One write path for actions: the admin, the importer and reply linking change actions
through the action services, so each change raises the version and an officer's form
opened before it is refused; and the admin only ever soft-deletes."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client

from actions.models import Action, FollowUp
from actiontracker import roles
from correspondence.models import Correspondence
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CorrespondenceFactory,
    FollowUpFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.import_papers import paper_text, row

pytestmark = pytest.mark.django_db
CONFLICT = "Another officer changed this action while you were editing it"


@pytest.fixture
def admin_client():
    """A second officer, working in the admin."""
    client = Client()
    client.force_login(UserFactory(username="admin-officer", role=roles.OFFICERS))
    return client


def admin_form_data(page) -> dict:
    """What the browser would post back from an admin change page, unchanged: every field
    of the form and of its inlines' forms, with their management forms."""
    forms_ = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms_ += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms_:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()  # JSON already written out as the widget shows it
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


def admin_change(client, action, **changes):
    url = f"/admin/actions/action/{action.pk}/change/"
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def edit_data(action, **changes) -> dict:
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


def test_an_admin_edit_raises_the_version_and_refuses_the_officers_stale_edit_form(
    officer_client, admin_client
):
    action = ActionFactory(timing="August 2022", requested_items=["the figures"])
    opened = officer_client.get(f"/actions/{action.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in opened

    response = admin_change(admin_client, action, timing="October 2022")
    assert response.status_code == 302, response.content.decode()
    action.refresh_from_db()
    assert (action.timing, action.version) == ("October 2022", 2)
    assert action.requested_items == ["the figures"]  # untouched fields survive the round trip

    stale = officer_client.post(
        f"/actions/{action.pk}/edit/", edit_data(action, version=1, intro="My new wording")
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert CONFLICT in page
    assert "admin-officer" in page and "October 2022" in page
    action.refresh_from_db()
    assert action.intro != "My new wording" and action.version == 2


def test_an_admin_edit_refuses_the_officers_stale_status_form(officer_client, admin_client):
    action = ActionFactory()
    officer_client.get(f"/actions/{action.pk}/status/")

    assert admin_change(admin_client, action, status_note="Chased by phone.").status_code == 302

    stale = officer_client.post(
        f"/actions/{action.pk}/status/", {"version": 1, "status": "completed", "note": "Done."}
    )
    assert stale.status_code == 409
    assert CONFLICT in stale.content.decode()
    action.refresh_from_db()
    assert (action.status, action.status_note) == ("ongoing", "Chased by phone.")


def test_an_admin_form_opened_before_an_officers_edit_is_refused_with_the_change(
    officer_client, admin_client
):
    action = ActionFactory(timing="August 2022")
    url = f"/admin/actions/action/{action.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    officer_client.post(f"/actions/{action.pk}/edit/", edit_data(action, timing="May 2023"))

    data["timing"] = "December 2022"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page and "May 2023" in page
    action.refresh_from_db()
    assert (action.timing, action.version) == ("May 2023", 2)


def test_an_admin_save_that_changes_nothing_leaves_the_version(admin_client):
    action = ActionFactory()
    assert admin_change(admin_client, action).status_code == 302
    action.refresh_from_db()
    assert action.version == 1


def test_lead_organisations_changed_in_the_admin_raise_the_version(admin_client):
    action = ActionFactory()
    mopac = OrganisationFactory(name="MOPAC")
    response = admin_change(admin_client, action, lead_organisations=[str(mopac.pk)])
    assert response.status_code == 302
    action.refresh_from_db()
    assert list(action.lead_organisations.all()) == [mopac] and action.version == 2


def test_a_chase_added_in_the_admin_is_a_follow_up_like_the_apps(officer_client, admin_client):
    action = ActionFactory(agenda_item__meeting__date=dt.date(2023, 3, 1))
    officer_client.get(f"/actions/{action.pk}/status/")
    url = f"/admin/actions/action/{action.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(
        {
            "follow_ups-TOTAL_FORMS": "1",
            "follow_ups-0-date": "2023-05-04",
            "follow_ups-0-method": "letter",
            "follow_ups-0-action": str(action.pk),
        }
    )
    assert admin_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.follow_ups.get().date == dt.date(2023, 5, 4)
    assert action.status_text == "Ongoing. Followed-up on 4 May 2023."
    assert action.last_chased_on == dt.date(2023, 5, 4) and action.version == 2
    stale = officer_client.post(
        f"/actions/{action.pk}/status/", {"version": 1, "status": "closed", "note": "Dropped."}
    )
    assert stale.status_code == 409


def test_the_admin_delete_only_marks_the_action_deleted_and_it_can_be_restored(
    officer_client, admin_client
):
    action = ActionFactory(intro="Provide the survey results.")
    FollowUpFactory(action=action)
    url = f"/admin/actions/action/{action.pk}/delete/"
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "officers can restore it" in confirm.content.decode()
    assert "Follow-up" not in confirm.content.decode()  # nothing goes with it

    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    action = Action.all_objects.get(pk=action.pk)
    assert action.deleted_at is not None and action.version == 2
    assert action.follow_ups.count() == 1
    assert not Action.objects.filter(pk=action.pk).exists()
    assert "Provide the survey results." in officer_client.get("/actions/deleted/").content.decode()

    assert officer_client.post(f"/actions/{action.pk}/restore/").status_code == 302
    action.refresh_from_db()
    assert action.deleted_at is None and action.version == 3


def test_the_admins_delete_selected_marks_them_deleted_and_restore_brings_them_back(
    admin_client,
):
    actions = ActionFactory.create_batch(2)
    pks = [str(a.pk) for a in actions]
    changelist = "/admin/actions/action/"
    response = admin_client.post(
        changelist, {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )
    assert response.status_code == 302
    assert Action.all_objects.filter(deleted_at__isnull=False).count() == 2
    assert not Action.objects.exists()

    admin_client.post(changelist, {"action": "restore_selected", "_selected_action": pks})
    assert Action.objects.count() == 2


def test_the_admin_never_hard_deletes_a_follow_up(admin_client):
    follow_up = FollowUpFactory()
    url = f"/admin/actions/followup/{follow_up.pk}/delete/"
    assert admin_client.get(url).status_code == 403
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    admin_client.post(
        "/admin/actions/followup/",
        {"action": "delete_selected", "_selected_action": [follow_up.pk], "post": "yes"},
    )
    assert FollowUp.objects.filter(pk=follow_up.pk).exists()


def test_an_agenda_items_inline_actions_change_and_delete_through_the_services(
    officer_client, admin_client
):
    item = AgendaItemFactory()
    kept, dropped = ActionFactory.create_batch(2, agenda_item=item)
    officer_client.get(f"/actions/{kept.pk}/edit/")
    url = f"/admin/meetings/agendaitem/{item.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["actions-0-timing"] = "June 2023"
    data["actions-1-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302

    kept.refresh_from_db()
    assert (kept.timing, kept.version) == ("June 2023", 2)
    dropped = Action.all_objects.get(pk=dropped.pk)
    assert dropped.deleted_at is not None
    stale = officer_client.post(f"/actions/{kept.pk}/edit/", edit_data(kept, version=1))
    assert stale.status_code == 409


OLDER = paper_text(
    [
        (
            "22 March 2023",
            [row("6", "Review", "Deputy Commissioner", "To provide the survey.", "Ongoing.")],
        )
    ],
    date="24 May 2023",
)
NEWER = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6",
                    "Review",
                    "Deputy Commissioner",
                    "To provide the survey.",
                    "Completed. Attached at Appendix 1.",
                )
            ],
        )
    ],
    date="12 July 2023",
    period="No disclosures to report for the period from 10 May to 30 June 2023.",
)


def test_an_import_that_updates_an_action_refuses_a_form_opened_before_it(tmp_path, officer_client):
    for name, text in [("older.txt", OLDER), ("newer.txt", NEWER)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    call_command("import_paper", str(tmp_path / "older.txt"), stdout=io.StringIO())
    action = Action.objects.get()
    assert action.version == 1
    officer_client.get(f"/actions/{action.pk}/edit/")

    call_command("import_paper", str(tmp_path / "newer.txt"), stdout=io.StringIO())
    action.refresh_from_db()
    assert action.status == "completed" and action.version == 2

    stale = officer_client.post(
        f"/actions/{action.pk}/edit/", edit_data(action, version=1, status_note="Still going.")
    )
    assert stale.status_code == 409
    assert CONFLICT in stale.content.decode()
    action.refresh_from_db()
    assert action.status_note == "Attached at Appendix 1."


def test_linking_a_reply_that_completes_an_action_raises_its_version(officer_client):
    action = ActionFactory(intro="Provide the figures.")
    officer_client.get(f"/actions/{action.pk}/status/")
    reply = CorrespondenceFactory(
        committee=action.agenda_item.meeting.committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2023, 5, 2),
    )
    response = officer_client.post(
        f"/papers/replies/{reply.pk}/answers/", {"actions": [action.pk], "complete": "on"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "completed" and action.version == 2

    stale = officer_client.post(
        f"/actions/{action.pk}/status/", {"version": 1, "status": "closed", "note": "Dropped."}
    )
    assert stale.status_code == 409
    action.refresh_from_db()
    assert action.status == "completed"


def test_an_action_added_in_the_admin_is_created_by_the_services(admin_client):
    item = AgendaItemFactory()
    person = ActionFactory(agenda_item=item).responsible_person
    page = admin_client.get("/admin/actions/action/add/")
    data = admin_form_data(page)
    data.update(
        agenda_item=str(item.pk),
        responsible_person=str(person.pk),
        intro="To provide the figures.",
        requested_items='["by borough", ""]',
        status="completed",
        finished_on="2023-06-01",
    )
    assert admin_client.post("/admin/actions/action/add/", data).status_code == 302
    action = Action.objects.get(intro="To provide the figures.")
    assert action.requested_items == ["by borough"]  # blank items dropped, as in the app
    assert (action.status, action.finished_on, action.version) == (
        "completed",
        dt.date(2023, 6, 1),
        1,
    )
    assert action.committee == item.meeting.committee
