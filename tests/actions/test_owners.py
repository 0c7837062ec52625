"""Owning officers and "My actions"; responsible people's own contacts, which chases use
before their organisation's; action due dates from the deadline engine, explained."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.meeting_services import ActionEntry, ItemEntry, meeting_create
from actions.models import Action
from actions.people_models import PersonContact
from actions.services import followup_record
from actiontracker import roles
from tests.actions.test_chasing import (  # noqa: F401 (fixtures)
    action_for,
    automatic,
    organisation_with_contact,
    send,
    smtp,
)
from tests.actions.test_editing import edit_data
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    MeetingFactory,
    ResponsiblePersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_the_edit_form_sets_the_owning_officer_and_my_actions_lists_them(officer_client, officer):
    other = UserFactory(username="other-officer", role=roles.OFFICERS)
    UserFactory(username="just-a-member", role=roles.MEMBERS)
    # Its meeting's date fixed in the past: the factory's dates move on a week per meeting
    # made, so late in a run they are in the future and the action not yet due a chase.
    mine = ActionFactory(
        intro="Send the stop and search figures.",
        due_date=dt.date(2020, 1, 31),
        agenda_item__meeting__date=dt.date(2019, 11, 6),
    )
    theirs = ActionFactory(intro="Send the budget.", owner=other)
    done = ActionFactory(intro="Already answered.", owner=officer)
    Action.objects.filter(pk=done.pk).update(status="completed", finished_on=dt.date(2023, 6, 1))

    form = officer_client.get(reverse("action-edit", args=[mine.pk])).content.decode()
    assert "other-officer" in form
    assert "just-a-member" not in form  # only officers may own actions
    response = officer_client.post(
        reverse("action-edit", args=[mine.pk]),
        edit_data(mine, owner=officer.pk, due_date="2020-01-31"),
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.owner == officer
    assert mine.history.first().owner_id == officer.pk  # kept in the action's history

    page = officer_client.get(reverse("my-actions")).content.decode()
    assert "Send the stop and search figures." in page
    assert "Overdue" in page
    assert "Due a chase" in page
    assert theirs.intro not in page
    assert done.intro not in page
    assert 'href="/actions/mine/"' in page  # in the navigation


def test_my_actions_reads_a_fixed_number_of_queries(officer_client, officer):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(reverse("my-actions")).status_code == 200
        return len(queries)

    ActionFactory(owner=officer)
    few = count()
    for _ in range(15):
        action = ActionFactory(owner=officer)
        followup_record(actions=[action], date=action.meeting_date)
    assert count() == few


def test_a_person_with_their_own_contact_is_chased_there_and_others_through_the_organisation(
    smtp,  # noqa: F811
    automatic,  # noqa: F811
):
    organisation = organisation_with_contact("Transport for London", "TfL")
    own = action_for(organisation, automatic, meeting_date=dt.date(2026, 9, 3), title="Night buses")
    PersonContact.objects.create(
        person=own.responsible_person,
        name="Jo Bloggs",
        email="jo.bloggs@example.org",
        deputy_name="Sam Deputy",
        deputy_email="sam.deputy@example.org",
    )
    action_for(organisation, automatic, meeting_date=dt.date(2026, 9, 10), title="Fares")

    send()

    [(recipients, message)] = smtp.messages
    assert message["To"] == "jo.bloggs@example.org"
    assert "tfl@example.org" in message["Cc"]
    assert "sam.deputy@example.org" in message["Cc"]
    assert sorted(recipients) == sorted(
        ["jo.bloggs@example.org", "tfl@example.org", "sam.deputy@example.org"]
    )
    assert "Dear Jo Bloggs" in message.get_body(("plain",)).get_content()


def test_only_their_own_contact_when_all_the_actions_are_theirs(smtp, automatic):  # noqa: F811
    organisation = organisation_with_contact("Transport for London", "TfL")
    action = action_for(organisation, automatic, meeting_date=dt.date(2026, 9, 3))
    PersonContact.objects.create(
        person=action.responsible_person, name="Jo Bloggs", email="jo.bloggs@example.org"
    )
    send()
    [(recipients, message)] = smtp.messages
    assert recipients == ["jo.bloggs@example.org"]
    assert message["Cc"] is None


def test_a_persons_contact_keeps_its_history_and_is_edited_in_the_admin(officer_client):
    person = ResponsiblePersonFactory(name="Commissioner")
    url = reverse("admin:actions_responsibleperson_change", args=[person.pk])
    page = officer_client.get(url)
    assert page.status_code == 200
    data = {
        "name": "Commissioner",
        "organisation": "",
        "email": "",
        "contact-TOTAL_FORMS": "1",
        "contact-INITIAL_FORMS": "0",
        "contact-MIN_NUM_FORMS": "0",
        "contact-MAX_NUM_FORMS": "1",
        "contact-0-name": "Pat Office",
        "contact-0-email": "pat@example.org",
        "contact-0-postal_address": "1 Victoria Embankment",
        "contact-0-deputy_name": "",
        "contact-0-deputy_email": "",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = PersonContact.objects.get(person=person)
    contact.email = "pat.office@example.org"
    contact.save()
    assert [h.email for h in contact.history.order_by("history_id")] == [
        "pat@example.org",
        "pat.office@example.org",
    ]


def test_an_empty_due_date_takes_the_last_day_of_the_timing_and_explains_it(officer_client):
    action = ActionFactory()
    officer_client.post(
        reverse("action-edit", args=[action.pk]), edit_data(action, timing="August/Sept 2022")
    )
    action.refresh_from_db()
    assert action.due_date == dt.date(2022, 9, 30)
    page = officer_client.get(action.get_absolute_url()).content.decode()
    assert "The last day of the timing “August/Sept 2022”: due 30 September 2022" in page

    officer_client.post(
        reverse("action-edit", args=[action.pk]),
        edit_data(action, timing="August/Sept 2022", due_date="2022-10-14"),
    )
    action.refresh_from_db()
    assert action.due_date == dt.date(2022, 10, 14)
    assert (
        "Due date set by an officer"
        in officer_client.get(action.get_absolute_url()).content.decode()
    )


def test_actions_added_at_a_meeting_take_their_due_date_from_the_timing(officer_client):
    meeting = MeetingFactory(date=dt.date(2026, 11, 11))
    item = AgendaItemFactory(meeting=meeting, number="6", title="Prevent")
    person = ResponsiblePersonFactory(name="Deputy Commissioner")
    prefix = f"action-{item.pk}"
    officer_client.post(
        meeting.get_absolute_url(),
        {
            "form": "add-action",
            "item": item.pk,
            f"{prefix}-responsible_person": person.pk,
            f"{prefix}-intro": "Send the referral figures.",
            f"{prefix}-timing": "March 2027",
        },
    )
    assert Action.objects.get(agenda_item=item).due_date == dt.date(2027, 3, 31)

    entered = meeting_create(
        committee=meeting.committee,
        date=dt.date(2026, 12, 9),
        items=[
            ItemEntry(
                number="5",
                title="Knife crime",
                actions=[
                    ActionEntry(person, "Send the figures.", timing="August/Sept 2027"),
                    ActionEntry(person, "Write to the Mayor."),
                ],
            )
        ],
    )
    dues = Action.objects.filter(agenda_item__meeting=entered).order_by("position")
    assert [a.due_date for a in dues] == [dt.date(2027, 9, 30), None]


def test_the_chases_due_page_names_whom_each_chase_goes_to(officer_client, automatic):  # noqa: F811
    organisation = organisation_with_contact(
        "Transport for London", "TfL", deputy="dep@example.org"
    )
    long_ago = timezone.localdate() - dt.timedelta(days=60)
    # The oldest action's contact is addressed: here the person's own.
    own = action_for(organisation, automatic, meeting_date=long_ago, title="Buses")
    PersonContact.objects.create(
        person=own.responsible_person, name="Jo <b>Bloggs</b>", email="jo.bloggs@example.org"
    )
    action_for(organisation, automatic, meeting_date=long_ago + dt.timedelta(days=7))
    page = officer_client.get(reverse("chases-due")).content.decode()
    assert (
        "To Jo &lt;b&gt;Bloggs&lt;/b&gt; (jo.bloggs@example.org), copied to tfl@example.org, "
        "dep@example.org." in page
    )
