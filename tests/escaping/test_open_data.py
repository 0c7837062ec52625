"""The open record's JSON API and CSV downloads, and an officer's private calendar, hold
each payload literally: JSON strings and calendar text, never HTML, and never a formula."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from actions.account import calendar_token_renew
from actiontracker import roles
from papers.services import paper_create, paper_publish
from tests.escaping.test_exports import FORMULA, assert_literal, csv_cells
from tests.escaping.world import CODES, CONFIDENTIAL, codes_in
from tests.factories import ActionFactory, CommitteeFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIONS = [
    "actions.Action.intro",
    "actions.Action.requested_items",
    "actions.Action.status_note",
    "actions.Action.timing",
    "actions.ResponsiblePerson.name",
    "meetings.AgendaItem.number",
    "meetings.AgendaItem.title",
    "meetings.Organisation.short_name",
]
MEETINGS = [
    "meetings.Committee.name",
    "meetings.Meeting.title",
    "meetings.AgendaItem.number",
    "meetings.AgendaItem.title",
]
# Each list, by its name: the fields it must show.
LISTS = {
    "committees": ["meetings.Committee.name"],
    "committee": ["meetings.Committee.name"],
    "meetings": MEETINGS,
    "papers": ["papers.Paper.subject"],
    "paper": ["papers.Paper.subject"],
    "paper-actions": ACTIONS,
    "actions": ACTIONS,
    "organisations": ["meetings.Organisation.short_name"],
    "people": ["actions.ResponsiblePerson.name", "meetings.Organisation.short_name"],
}
CSVS = {
    "open-committees-csv": LISTS["committees"],
    "open-actions-csv": ACTIONS,
    "open-meetings-csv": MEETINGS,
    "open-papers-csv": LISTS["papers"],
    "open-organisations-csv": LISTS["organisations"],
    "open-people-csv": LISTS["people"],
    "open-paper-actions-csv": ACTIONS,
}


def kwargs_of(name: str, world) -> dict:
    slug, pk = world["committee"].slug, world["published"].pk
    if name in ("committees", "open-committees-csv"):
        return {}
    if name in ("paper", "paper-actions", "open-paper-actions-csv"):
        return {"slug": slug, "pk": pk}
    return {"slug": slug}


def strings(value) -> list[str]:
    """Every string in a JSON document, keys aside."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("name", LISTS)
def test_api_holds_the_payloads_as_json_strings(client, world, name):
    response = client.get(reverse(f"api-v1:api-{name}", kwargs=kwargs_of(name, world)))
    assert response.status_code == 200
    # JSON, which no browser renders as a page.
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    texts = strings(json.loads(response.content))
    # As typed: neither HTML-escaped (a client would show "&lt;") nor altered.
    assert_literal(texts, world["world"], LISTS[name], f"API {name}")
    assert not [t for t in texts if codes_in(t) and "&lt;" in t], f"API {name} HTML-escapes"


@pytest.mark.parametrize("name", CSVS)
def test_open_csvs_hold_the_payloads_literally(client, world, name):
    response = client.get(reverse(name, kwargs=kwargs_of(name, world)))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_literal(csv_cells(response.getvalue()), world["world"], CSVS[name], name)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_open_csv_cells_never_start_a_formula(client, prefix):
    text = prefix + FORMULA
    committee = CommitteeFactory(name=text, slug="formula", publishes_openly=True)
    meeting = MeetingFactory(committee=committee, date=dt.date(2024, 3, 12), title=text)
    ActionFactory(
        agenda_item__meeting=meeting,
        agenda_item__title=text,
        responsible_person__name=text,
        responsible_person__organisation__name=text,
        responsible_person__organisation__short_name=text,
        intro=text,
        status_note=text,
        timing=text,
    )
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2024, 5, 1)))
    paper.subject = text
    paper.save()
    paper = paper_publish(paper=paper)
    for name in CSVS:
        kwargs = {"slug": "formula", "pk": paper.pk} if "paper-" in name else {"slug": "formula"}
        url = reverse(name, kwargs={} if name == "open-committees-csv" else kwargs)
        cells = csv_cells(client.get(url).getvalue())
        assert [cell for cell in cells if cell.startswith("'" + prefix)], name
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_private_calendar_holds_the_payloads_as_calendar_text(client, world):
    response = client.get(reverse("private-calendar", args=[world["calendar_token"]]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    texts = [
        str(component.get(key))
        for component in calendar.walk("VEVENT")
        for key in ("SUMMARY", "DESCRIPTION")
        if component.get(key) is not None
    ]
    # The meeting (its committee's name) and the officer's own action, as typed.
    assert_literal(
        texts, world["world"], ["meetings.Committee.name", "actions.Action.intro"], "calendar"
    )
    # Nothing a user typed starts a line of its own (a property or event of its own).
    unfolded = response.content.decode().replace("\r\n ", "")
    for line in unfolded.split("\r\n"):
        assert not line.startswith(("<", '"', "'", "&")), line
    assert CODES[CONFIDENTIAL] not in unfolded


def test_private_calendar_text_cannot_add_an_event(client):
    # A title with line breaks, as pasted, that would read as an event of its own.
    injected = "Board\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nDTSTART:20300101"
    MeetingFactory(date=dt.date.today(), title=injected)
    user = UserFactory(username="reader-cal", role=roles.OFFICERS)
    token = calendar_token_renew(user=user).calendar_token
    response = client.get(reverse("private-calendar", args=[token]))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert "Injected" in str(events[0]["SUMMARY"])
    assert b"\r\nSUMMARY:Injected" not in response.content
