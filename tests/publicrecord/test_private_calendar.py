"""A user's private calendar: made, replaced and turned off on their settings page; the feed
parses as iCalendar, holds only what the user may see, each event linking to its page; a
replaced or turned-off link answers 404, and the token opens nothing else."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from actions.account import calendar_token_renew
from actiontracker import roles
from correspondence.models import CommitteeReport, Correspondence
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    today = timezone.localdate()
    own = CommitteeFactory(name="Police and Crime Committee")
    other = CommitteeFactory(name="Budget Committee")
    member = UserFactory(username="amy", role=roles.MEMBERS)
    own.people.add(member)
    meeting = MeetingFactory(committee=own, date=today + dt.timedelta(days=10), title="Knives")
    MeetingFactory(committee=other, date=today + dt.timedelta(days=11), title="Elsewhere")
    action = ActionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        intro="Send the knife crime figures <script>.",
        timing="December 2030",
        due_date=dt.date(2030, 12, 31),
    )
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting__committee=other),
        intro="Not my committee's action.",
        due_date=today + dt.timedelta(days=5),
    )
    letter = CorrespondenceFactory(
        committee=own,
        date=today,
        subject="Letter to the Commissioner",
        reply_due=today + dt.timedelta(days=28),
    )
    CorrespondenceFactory(committee=other, subject="Another committee's letter", reply_due=today)
    disclosure = DisclosureFactory(
        committee=own, contact_date=today - dt.timedelta(days=3), disclosed_on=today
    )
    report = CommitteeReport.objects.create(
        committee=own,
        title="Knife crime report",
        agreed_on=today,
        addressed_to=OrganisationFactory(),
    )
    return {
        "member": member,
        "meeting": meeting,
        "action": action,
        "letter": letter,
        "disclosure": disclosure,
        "report": report,
    }


def feed(client, token):
    return client.get(reverse("private-calendar", args=[token]))


def events_of(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_holds_the_users_committees_dates_each_linking_to_its_page(client, world):
    token = calendar_token_renew(user=world["member"]).calendar_token
    response = feed(client, token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    events = events_of(response)
    site = "http://localhost:8000"
    meeting = events["Police and Crime Committee: Knives"]
    assert str(meeting["url"]) == site + world["meeting"].get_absolute_url()
    action = events["Action due: Send the knife crime figures <script>."]
    assert action.decoded("dtstart") == dt.date(2030, 12, 31)
    assert str(action["url"]) == site + world["action"].get_absolute_url()
    assert "The last day of the timing “December 2030”" in str(action["description"])
    letter = events["Reply due: Letter to the Commissioner (to the Mayor of London)"]
    assert str(letter["url"]) == site + world["letter"].get_absolute_url()
    assert any(s.startswith("Disclosure due: An Assembly Member") for s in events)
    assert "Response due: Knife crime report" in events
    # Another committee's meetings and deadlines are not this member's.
    text = response.content.decode()
    assert "Elsewhere" not in text
    assert "Not my committee" not in text
    assert "Another committee's letter" not in text


def test_owned_actions_of_any_committee_are_in_and_unpermitted_kinds_are_out(client, world):
    officer = UserFactory(username="olu", role=roles.OFFICERS)
    CommitteeFactory(name="Police and Crime Committee").people.add(officer)
    elsewhere = ActionFactory(
        agenda_item=AgendaItemFactory(meeting__committee=CommitteeFactory(name="Budget Committee")),
        intro="Owned elsewhere.",
        due_date=timezone.localdate() + dt.timedelta(days=3),
        owner=officer,
    )
    events = events_of(feed(client, calendar_token_renew(user=officer).calendar_token))
    assert f"Action due (yours): {elsewhere.short_text}" in events

    # The Monitoring Officer reads no actions, letters or disclosures: none in their feed.
    monitoring = UserFactory(username="mo", role=roles.MONITORING)
    events = events_of(feed(client, calendar_token_renew(user=monitoring).calendar_token))
    assert not [s for s in events if s.startswith(("Action due", "Reply due", "Disclosure"))]


def test_a_new_link_replaces_the_old_and_a_turned_off_link_answers_404(member_client, member):
    url = reverse("account-settings")
    member_client.post(url, {"do": "calendar-new"})
    first = member.tracker_settings.calendar_token
    page = member_client.get(url).content.decode()
    assert reverse("private-calendar", args=[first]) in page
    assert feed(member_client, first).status_code == 200

    member_client.post(url, {"do": "calendar-new"})
    member.tracker_settings.refresh_from_db()
    second = member.tracker_settings.calendar_token
    assert second != first
    assert feed(member_client, first).status_code == 404
    assert feed(member_client, second).status_code == 200

    member_client.post(url, {"do": "calendar-off"})
    assert feed(member_client, second).status_code == 404


def test_a_guessed_or_empty_token_and_an_inactive_user_get_404(client, world):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    token = calendar_token_renew(user=world["member"]).calendar_token
    world["member"].is_active = False
    world["member"].save()
    assert feed(client, token).status_code == 404


def test_the_token_opens_nothing_else(client, world):
    token = calendar_token_renew(user=world["member"]).calendar_token
    assert feed(client, token).status_code == 200
    # The feed signs nobody in: every other page still asks to sign in.
    for url in ["/actions/", "/account/", f"/actions/?token={token}", f"/dashboard/?t={token}"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    # A POST is refused.
    assert client.post(reverse("private-calendar", args=[token])).status_code == 405


def test_the_feed_reads_a_fixed_number_of_queries(client, world):
    token = calendar_token_renew(user=world["member"]).calendar_token

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert feed(client, token).status_code == 200
        return len(captured)

    few = count()
    committee = CommitteeFactory(name="Police and Crime Committee")
    today = timezone.localdate()
    for number in range(10):
        meeting = MeetingFactory(committee=committee, date=today + dt.timedelta(days=40 + number))
        ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting), due_date=today)
        CorrespondenceFactory(committee=committee, reply_due=today, date=today)
        DisclosureFactory(committee=committee, contact_date=today, disclosed_on=today)
    assert Correspondence.objects.count() > 10
    assert count() == few
