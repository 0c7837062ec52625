"""The JSON API's shapes, which its OpenAPI description is made from.

Meetings follow Open Civic Data's events (name, start_date, location, status, agenda,
documents, sources); organisations and people follow Popolo (id, name, classification,
memberships). No contact details: the record keeps them for chasing, not for publishing.
"""

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema
from pydantic import create_model


class Error(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(description="What is wrong with each parameter.")


class Endpoint(Schema):
    path: str = Field(description="A path template, with {slug} and {pk} to fill in.")
    description: str


class Root(Schema):
    name: str
    version: str
    openapi: str = Field(description="This API's OpenAPI description.")
    committees: str
    endpoints: list[Endpoint]


class CommitteeLinks(Schema):
    meetings: str
    papers: str
    actions: str
    organisations: str
    people: str


class Committee(Schema):
    id: str = Field(description="The committee's slug, as in its public page's address.")
    name: str
    classification: Literal["committee", "board"]
    published_papers: int
    last_published: dt.datetime | None
    url: str = Field(description="Its public page.")
    calendar: str = Field(description="Its meetings as an iCalendar feed.")
    feed: str = Field(description="Its newly published papers as an Atom feed.")
    api_url: str = Field(description="This committee in the API.")
    api: CommitteeLinks
    downloads: CommitteeLinks = Field(description="The same lists as CSV files.")


class AgendaItem(Schema):
    order: int
    number: str
    description: str = Field(description="The item's title, as a published paper showed it.")
    action_ids: list[int] = Field(description="The published actions agreed under it.")


class DocumentLink(Schema):
    media_type: str
    url: str


class Document(Schema):
    paper_id: int
    note: str
    date: dt.date = Field(description="When the paper was published.")
    links: list[DocumentLink]


class Location(Schema):
    name: str


class Source(Schema):
    url: str


class Meeting(Schema):
    id: str = Field(description="The meeting's date, as in its public page's address.")
    name: str
    description: str
    classification: Literal["committee", "board"]
    start_date: dt.date
    all_day: bool
    status: Literal["passed", "confirmed"]
    location: Location | None = Field(description="Not recorded: always null.")
    agenda: list[AgendaItem] = Field(
        description="The agenda items that published actions were agreed under."
    )
    documents: list[Document] = Field(description="The papers published for the meeting.")
    sources: list[Source]


class Paper(Schema):
    id: int
    subject: str
    classification: Literal["summary", "annex", "response"]
    kind: str
    meeting_date: dt.date
    published_at: dt.datetime
    period_start: dt.date | None
    period_end: dt.date | None
    actions_listed: int = Field(description="How many published actions it listed.")
    url: str = Field(description="Its public page.")
    api_url: str = Field(description="This paper in the API.")
    actions: str = Field(description="The actions as it listed them.")
    actions_csv: str = Field(description="The same, as a CSV file.")


class ItemRef(Schema):
    number: str
    title: str


class Action(Schema):
    id: int = Field(description="The action's identifier, the same in every paper.")
    meeting_date: dt.date = Field(description="The meeting it was agreed at.")
    agenda_item: ItemRef
    text: str
    requested_items: list[str]
    responsible_person: str = Field(description="The post or person it is owed by.")
    person_id: str
    responsible_organisation: str | None
    organisation_id: str = Field(description="The organisation (or post) it counts under.")
    status: Literal["ongoing", "completed", "closed"]
    status_label: str
    status_note: str
    timing: str
    finished_on: dt.date | None = Field(description="When it was completed or closed.")
    days_to_answer: int | None = Field(description="From the meeting to its completion.")
    published_in: int = Field(description="The paper that showed it so.")
    published_in_url: str


class Record(Schema):
    asked: int
    answered: int
    outstanding: int
    median_days_to_answer: float | None


class Organisation(Schema):
    id: str
    name: str
    classification: Literal["organisation", "post"] = Field(
        description="A post of no organisation counts as itself."
    )
    record: Record


class Membership(Schema):
    organisation_id: str
    name: str


class Person(Schema):
    id: str
    name: str
    memberships: list[Membership]
    record: Record


def page_of(item: type[Schema]) -> type[Schema]:
    """A page of a list: the count of all, links to the next and previous pages."""
    return create_model(
        f"{item.__name__}Page",
        __base__=Schema,
        count=(int, ...),
        next=(str | None, ...),
        previous=(str | None, ...),
        results=(list[item], ...),
    )


CommitteePage = page_of(Committee)
MeetingPage = page_of(Meeting)
PaperPage = page_of(Paper)
ActionPage = page_of(Action)
OrganisationPage = page_of(Organisation)
PersonPage = page_of(Person)
