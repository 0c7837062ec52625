"""The meeting page: a meeting's agenda items and actions, added to and corrected there."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from actions.models import Action, short_text
from meetings.models import AgendaItem
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(
        committee=CommitteeFactory(name="Police and Crime Committee"), date=dt.date(2026, 12, 9)
    )


def page(client, meeting) -> str:
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def first_submit_button(html: str, form_marker: str) -> str:
    """The first submit button of the form holding ``form_marker``: what Enter presses."""
    start = html.rindex("<form", 0, html.index(form_marker))
    form = html[start : html.index("</form>", start)]
    return re.search(r'<button type="submit"[^>]*>.*?</button>', form, re.S).group(0)


def test_member_sees_items_in_order_with_their_actions_and_status_in_words(member_client, meeting):
    second = AgendaItemFactory(meeting=meeting, number="7", title="Violence Against Women")
    first = AgendaItemFactory(meeting=meeting, number="6", title="Prevent", position=0)
    second.position = 1
    second.save()
    person = ResponsiblePersonFactory(name="Deputy Commissioner")
    ActionFactory(
        agenda_item=first,
        responsible_person=person,
        intro="The Committee requested the following:",
        requested_items=["the referral figures", "the training plan", "the budget"],
        status=Action.Status.COMPLETED,
        finished_on=dt.date(2027, 1, 5),
    )

    html = page(member_client, meeting)

    assert "Police and Crime Committee" in html
    assert "9 December 2026" in html
    assert html.index("Item 6: Prevent") < html.index("Item 7: Violence Against Women")
    assert "Deputy Commissioner" in html
    assert "the referral figures; the training plan (and 1 more requested item)" in html
    assert ">Completed</strong>" in html
    assert "No actions at this item." in html
    assert "2 agenda items and 1 action." in html
    # A member reads; the officers' forms are not there.
    assert "Add an agenda item" not in html
    assert "Add an action" not in html
    assert "/edit/" not in html


def test_short_text_names_what_the_action_asks():
    assert short_text("The Committee requested the following:", ["figures", "a plan"]) == (
        "figures; a plan"
    )
    assert (
        short_text("The Deputy Commissioner agreed to provide:", ["figures"])
        == "The Deputy Commissioner agreed to provide: figures"
    )
    assert short_text("Write to the Mayor.", []) == "Write to the Mayor."
    # The list's own joins do not double up with the ones added here.
    assert short_text("The Committee requested the following:", ["figures;", "a plan; and"]) == (
        "figures; a plan"
    )
    many = short_text("The Committee requested the following:", ["a", "b", "c", "d"])
    assert many == "a; b (and 2 more requested items)"


def test_officer_adds_an_agenda_item_placed_by_its_number(officer_client, meeting):
    AgendaItemFactory(meeting=meeting, number="6", title="Prevent", position=0)
    AgendaItemFactory(meeting=meeting, number="10", title="Budget", position=1)
    html = page(officer_client, meeting)
    assert "Add an agenda item" in html

    response = officer_client.post(
        meeting.get_absolute_url(),
        {"form": "add-item", "new-item-number": "9", "new-item-title": "Stop and search"},
    )

    item = AgendaItem.objects.get(number="9")
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#item-{item.pk}"
    assert [i.number for i in meeting.items.order_by("position")] == ["6", "9", "10"]
    html = page(officer_client, meeting)
    assert "Item 9 was added to the agenda." in html
    assert html.index("Item 9: Stop and search") < html.index("Item 10: Budget")


def test_an_item_number_already_used_is_refused_keeping_what_was_typed(officer_client, meeting):
    AgendaItemFactory(meeting=meeting, number="6", title="Prevent")

    response = officer_client.post(
        meeting.get_absolute_url(),
        {"form": "add-item", "new-item-number": "6", "new-item-title": "A second sixth item"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Item 6 is already on this meeting" in html
    assert 'value="A second sixth item"' in html
    assert meeting.items.count() == 1


def test_officer_corrects_an_item(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number="6", title="Prevnt")
    action = ActionFactory(agenda_item=item)

    officer_client.post(
        meeting.get_absolute_url(),
        {
            "form": "edit-item",
            "item": item.pk,
            f"item-{item.pk}-number": "6a",
            f"item-{item.pk}-title": "Prevent",
        },
    )

    item.refresh_from_db()
    assert (item.number, item.title) == ("6a", "Prevent")
    assert Action.objects.get().agenda_item == item == action.agenda_item


def test_officer_adds_an_action_to_an_item(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number="6", title="Prevent")
    person = ResponsiblePersonFactory(name="Deputy Commissioner")
    prefix = f"action-{item.pk}"

    response = officer_client.post(
        meeting.get_absolute_url(),
        {
            "form": "add-action",
            "item": item.pk,
            f"{prefix}-responsible_person": person.pk,
            f"{prefix}-intro": "The Committee requested the following:",
            f"{prefix}-requested_items": "the referral figures\nthe training plan",
            f"{prefix}-timing": "March 2027",
        },
    )

    assert response["Location"] == f"{meeting.get_absolute_url()}#item-{item.pk}"
    action = Action.objects.get()
    assert action.agenda_item == item
    assert action.requested_items == ["the referral figures", "the training plan"]
    assert action.status == Action.Status.ONGOING
    html = page(officer_client, meeting)
    assert "The action was added to item 6." in html
    assert "the referral figures; the training plan" in html
    assert "1 agenda item and 1 action." in html


def test_an_action_with_errors_is_shown_again_open_under_its_item(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number="6")
    other = AgendaItemFactory(meeting=meeting, number="7")
    prefix = f"action-{item.pk}"

    response = officer_client.post(
        meeting.get_absolute_url(),
        {"form": "add-action", "item": item.pk, f"{prefix}-intro": "Typed text to keep"},
    )

    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{prefix}-responsible_person"' in html
    assert "Typed text to keep" in html
    # Only the item the officer was typing at opens; the other item's form is blank.
    assert html.count('<details class="govuk-details" open>') == 1
    assert f'name="action-{other.pk}-intro"' in html
    assert not Action.objects.exists()


def test_member_cannot_post_and_an_item_of_another_meeting_is_not_found(
    client, officer, member, meeting
):
    elsewhere = AgendaItemFactory()
    url = meeting.get_absolute_url()
    client.force_login(officer)
    assert client.post(url, {"form": "add-action", "item": elsewhere.pk}).status_code == 404
    assert client.post(url, {"form": "unknown"}).status_code == 400
    client.force_login(member)
    response = client.post(url, {"form": "add-item", "new-item-number": "1"})
    assert response.status_code == 403
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_edit_link_returns_to_the_meeting_page(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number="6")
    action = ActionFactory(agenda_item=item)
    html = page(officer_client, meeting)
    back = f"{meeting.get_absolute_url()}#item-{item.pk}"
    link = f"/actions/{action.pk}/edit/?next={meeting.get_absolute_url()}%23item-{item.pk}"
    assert link in html

    edit = officer_client.get(link).content.decode()
    assert f'<input type="hidden" name="next" value="{back}">' in edit
    assert "Back to the meeting" in edit
    form = {
        "version": action.version,
        "responsible_person": action.responsible_person_id,
        "intro": "Changed text",
        "requested_items": "",
        "next": back,
    }
    response = officer_client.post(f"/actions/{action.pk}/edit/", form)
    assert response["Location"] == back
    # Only the meeting pages of this site are followed.
    form["next"] = "https://elsewhere.example/meetings/"
    form["version"] = action.version + 1
    response = officer_client.post(f"/actions/{action.pk}/edit/", form)
    assert response["Location"] == action.get_absolute_url()


def test_enter_in_the_action_edit_form_saves_rather_than_inserting_a_wording(officer_client):
    action = ActionFactory(intro="Typed by the officer")
    url = f"/actions/{action.pk}/edit/"
    html = officer_client.get(url).content.decode()
    assert "Save action" in first_submit_button(html, 'name="intro"')
    assert "use_wording" not in first_submit_button(html, 'name="intro"')

    # What implicit submission sends: the fields and the first button, which has no name.
    response = officer_client.post(
        url,
        {
            "version": action.version,
            "responsible_person": action.responsible_person_id,
            "intro": "Typed by the officer, then Enter",
            "requested_items": "",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.intro == "Typed by the officer, then Enter"


def test_enter_on_the_meeting_entry_page_saves_rather_than_adding_rows(officer_client):
    html = officer_client.get("/meetings/new/").content.decode()
    first = first_submit_button(html, 'name="items-0-number"')
    assert 'name="save"' in first
    assert "add_items" not in first


def test_every_form_of_the_meeting_page_submits_its_own_main_action(officer_client, meeting):
    item = AgendaItemFactory(meeting=meeting, number="6")
    html = page(officer_client, meeting)
    assert "Add the action" in first_submit_button(html, f'name="action-{item.pk}-intro"')
    assert "Save item 6" in first_submit_button(html, f'name="item-{item.pk}-title"')
    assert "Add the agenda item" in first_submit_button(html, 'name="new-item-title"')


def test_new_meeting_for_an_existing_date_links_to_its_page_writing_nothing(
    officer_client, meeting
):
    person = ResponsiblePersonFactory()
    data = {
        "committee": meeting.committee.pk,
        "date": "2026-12-09",
        "kind": "committee",
        "title": "",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-number": "6",
        "items-0-title": "Kept as typed",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-item_number": "6",
        "actions-0-responsible_person": person.pk,
        "actions-0-intro": "An action typed before the refusal",
    }

    response = officer_client.post("/meetings/new/", data)

    html = response.content.decode()
    assert "already exists" in html
    assert "Meeting with this Committee and Date already exists" not in html
    assert f'<a href="{meeting.get_absolute_url()}">A meeting of this committee' in html
    assert "Kept as typed" in html
    assert "An action typed before the refusal" in html
    assert not AgendaItem.objects.exists()
    assert not Action.objects.exists()


def test_the_committees_meetings_list_links_each_meeting_page(member_client, meeting):
    html = member_client.get(reverse("paper-list", args=[meeting.committee.slug])).content.decode()
    assert f'href="{meeting.get_absolute_url()}"' in html


@pytest.mark.parametrize("size", [5, 50])
def test_the_page_reads_a_flat_number_of_queries(
    officer_client, meeting, size, django_assert_max_num_queries
):
    items = [AgendaItemFactory(meeting=meeting, number=str(n)) for n in range(1, 6)]
    for n in range(size):
        ActionFactory(agenda_item=items[n % 5])
    ResponsiblePersonFactory.create_batch(3)
    # The request's savepoint and its release, session, user, permissions (2); then the
    # meeting, its items, their actions and the people for the "Add an action" forms.
    with django_assert_max_num_queries(10):
        response = officer_client.get(meeting.get_absolute_url())
    assert response.content.decode().count('href="/actions/') >= size
