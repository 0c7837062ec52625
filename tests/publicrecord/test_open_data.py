"""The open data: the JSON API and the CSV downloads give what the public pages give and
nothing more. Walk every endpoint, page, download, feed and calendar after making drafts,
internal actions, unpublished changes and confidential complaints, and none of them shows;
every API response matches the API's own OpenAPI description."""

import csv
import datetime as dt
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jsonschema import FormatChecker
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec

from meetings.models import Contact
from papers.services import paper_create, paper_publish
from publicrecord import lists
from tests.factories import ActionFactory, CommitteeFactory, MeetingFactory
from tests.publicrecord import test_open_record as open_record
from tests.publicrecord.test_open_record import ANSWERED, PUBLISHED, SECRETS, SLUG

pytestmark = pytest.mark.django_db

API = "/api/v1/"
record = open_record.record  # the published record and what must stay out of it
PRIVATE = {
    **SECRETS,
    "internal post": "Senior Policy Adviser",
    "person's email": "commissioner.private@example.org",
    "organisation's contact": "chasing.contact@example.org",
}


@pytest.fixture
def private_details(record):
    """The contact details the record keeps for chasing, which are never published."""
    committee = record["committee"]
    person = committee.meetings.get(date="2023-03-22").items.get().actions.first()
    person = person.responsible_person
    person.email = PRIVATE["person's email"]
    person.save()
    Contact.objects.create(
        organisation=person.organisation,
        name="Chasing Contact",
        email=PRIVATE["organisation's contact"],
    )
    return record


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def links(text: str) -> set[str]:
    """Every path under /open/ or /api/v1/ that a page, document or file names."""
    text = text.replace("\r\n ", "")  # unfold an iCalendar's long lines
    found = set()
    for link in re.findall(r'(?:https?://testserver)?(/(?:open|api/v1)/[^"\s<>,]*)', text):
        if "{" in link:
            continue  # a path template the API's root lists
        parts = urlsplit(link.replace("&amp;", "&"))
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def strings(document):
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict | list):
        for value in document.values() if isinstance(document, dict) else document:
            yield from strings(value)


def walk(client, starts=("/open/", API)) -> dict[str, str]:
    """Every page, API response and download reachable from ``starts``: url -> text."""
    seen, queue = {}, list(starts)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = body(response)
        if response["Content-Type"].startswith("application/json"):
            # A JSON document names its links as whole strings.
            named = {v for v in strings(response.json()) if re.match(r"https?://|/", v)}
            queue.extend(set().union(*map(links, named)) - set(seen))
        else:
            queue.extend(links(seen[url]) - set(seen))
    return seen


def test_no_endpoint_page_or_download_shows_anything_unpublished(client, private_details):
    found = walk(client)
    committee, paper = f"/open/{SLUG}/", private_details["paper"].pk
    api = f"{API}committees/{SLUG}"
    expected = {
        API,
        f"{API}openapi.json",
        f"{API}committees",
        api,
        f"{api}/meetings",
        f"{api}/papers",
        f"{api}/papers/{paper}",
        f"{api}/papers/{paper}/actions",
        f"{api}/actions",
        f"{api}/organisations",
        f"{api}/people",
        "/open/committees.csv",
        f"{committee}actions.csv",
        f"{committee}meetings.csv",
        f"{committee}papers.csv",
        f"{committee}organisations.csv",
        f"{committee}people.csv",
        f"{committee}papers/{paper}/actions.csv",
    }
    assert expected <= set(found), expected - set(found)
    for url, text in found.items():
        for what, secret in PRIVATE.items():
            assert secret.split(":")[0] not in text, f"{what} shown at {url}"
    # What was published is there, as it was published.
    for url in (f"{api}/actions", f"{api}/papers/{paper}/actions", f"{committee}actions.csv"):
        assert PUBLISHED in found[url] and ANSWERED in found[url], url
    assert "Policing Plan" in found[f"{api}/meetings"]


def spec_of(client) -> dict:
    spec = client.get(f"{API}openapi.json").json()
    validate_spec(spec)
    return spec


def operation_for(spec: dict, path: str) -> dict:
    for template, methods in spec["paths"].items():
        pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            return methods["get"]
    raise AssertionError(f"{path} is not in the OpenAPI description")


def assert_matches(spec: dict, url: str, response) -> None:
    declared = operation_for(spec, urlsplit(url).path)["responses"][str(response.status_code)]
    schema = {**declared["content"]["application/json"]["schema"], "components": spec["components"]}
    OAS31Validator(schema, format_checker=FormatChecker()).validate(response.json())


def test_every_api_response_matches_the_openapi_description(client, record):
    spec = spec_of(client)
    assert spec["openapi"].startswith("3.1")
    api_urls = [url for url in walk(client, [API]) if url.startswith(API) and "openapi" not in url]
    assert len(api_urls) >= 10
    for url in api_urls:
        response = client.get(url)
        assert response["Content-Type"].startswith("application/json"), url
        assert_matches(spec, url, response)
    # Errors too: an unknown committee, a filter that narrows to nothing, a bad page size.
    for url, status in (
        (f"{API}committees/no-such-committee/actions", 404),
        (f"{API}committees/{SLUG}/actions?status=closed&q=nothing", 200),
        (f"{API}committees/{SLUG}/actions?limit=0", 422),
    ):
        response = client.get(url)
        assert response.status_code == status, url
        assert_matches(spec, url, response)


def test_the_root_lists_every_endpoint(client, record):
    root = client.get(API).json()
    listed = {endpoint["path"] for endpoint in root["endpoints"]}
    described = set(spec_of(client)["paths"]) - {API}
    assert listed == described | {f"{API}openapi.json"}
    assert urlsplit(root["openapi"]).path == f"{API}openapi.json"


def test_lists_come_in_pages_with_their_count_and_neighbours(client, record):
    committee = record["committee"]
    item = committee.meetings.get(date="2023-03-22").items.get()
    person = item.actions.first().responsible_person
    for n in range(5):
        ActionFactory(agenda_item=item, responsible_person=person, intro=f"Paged action {n}")
    paper_publish(paper=committee.meetings.get(date="2023-07-19").papers.get())
    url = f"{API}committees/{SLUG}/actions?q=paged&limit=2"
    pages, ids = [], []
    while url:
        page = client.get(url).json()
        pages.append(page)
        ids += [action["id"] for action in page["results"]]
        url = page["next"] and urlsplit(page["next"]).path + "?" + urlsplit(page["next"]).query
    assert [len(p["results"]) for p in pages] == [2, 2, 1]
    assert {p["count"] for p in pages} == {5}
    assert len(set(ids)) == 5
    assert pages[0]["previous"] is None
    back = urlsplit(pages[2]["previous"])
    assert parse_qs(back.query) == {"q": ["paged"], "limit": ["2"], "offset": ["2"]}
    assert client.get(f"{back.path}?{back.query}").json()["results"] == pages[1]["results"]
    assert client.get(f"{API}committees/{SLUG}/actions?limit=1001").status_code == 422


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_refuses_every_write(record, method):
    client = Client(enforce_csrf_checks=True)
    paper = record["paper"].pk
    for path in (
        "",
        "openapi.json",
        "committees",
        f"committees/{SLUG}",
        f"committees/{SLUG}/actions",
        f"committees/{SLUG}/papers/{paper}",
        f"committees/{SLUG}/papers/{paper}/actions",
    ):
        response = getattr(client, method)(f"{API}{path}", data={}, content_type="application/json")
        assert response.status_code == 405, f"{method} {path}: {response.status_code}"
        assert "GET" in response["Allow"]


def test_head_answers_as_get_does_without_the_body(client, record):
    paper = record["paper"].pk
    for path in (
        "",
        "openapi.json",
        "committees",
        f"committees/{SLUG}",
        f"committees/{SLUG}/actions?q=stop",
        f"committees/{SLUG}/papers/{paper}/actions",
    ):
        got, head = client.get(f"{API}{path}"), client.head(f"{API}{path}")
        assert head.status_code == 200, path
        assert head.content == b"", path
        assert int(head["Content-Length"]) == len(got.content), path
        for header in ("Content-Type", "Cache-Control", "ETag", "Last-Modified"):
            assert head.get(header) == got.get(header), (path, header)
    url = f"{API}committees/{SLUG}"
    etag = client.get(url)["ETag"]
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    missing = client.head(f"{API}committees/no-such-committee")
    assert missing.status_code == 404 and missing.content == b""
    refused = client.post(url)
    assert refused.status_code == 405 and refused["Allow"] == "GET, HEAD"


def test_a_committee_that_does_not_publish_is_a_json_404(client, record):
    other = CommitteeFactory(name="Audit Panel")
    # A past date: late in a whole-suite run the factory's meeting dates are in the future,
    # and a paper's period may not end after today.
    meeting = MeetingFactory(committee=other, date=dt.date(2024, 5, 1))
    paper = paper_publish(paper=paper_create(meeting=meeting))
    mine = record["paper"].pk
    for url in (
        f"{API}committees/no-such-committee",
        f"{API}committees/audit-panel",
        f"{API}committees/audit-panel/actions",
        f"{API}committees/audit-panel/meetings",
        f"{API}committees/audit-panel/papers/{paper.pk}",
        f"{API}committees/{SLUG}/papers/{paper.pk}",  # another committee's paper
        f"{API}committees/{SLUG}/papers/{paper.pk}/actions",
        f"{API}committees/{SLUG}/papers/{mine + 1000}/actions",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"].startswith("application/json"), url
        assert set(response.json()) == {"detail"}, url
        assert "public" not in response.get("Cache-Control", ""), url
    names = [c["name"] for c in client.get(f"{API}committees").json()["results"]]
    assert names == ["Police and Crime Committee"]
    assert client.get("/open/audit-panel/actions.csv").status_code == 404


def test_meetings_are_events_with_their_published_agenda_and_papers(client, record):
    found = client.get(f"{API}committees/{SLUG}/meetings").json()
    assert found["count"] == 4
    meetings = {m["id"]: m for m in found["results"]}
    first = meetings["2023-03-22"]
    assert first["status"] == "passed" and first["location"] is None
    # The item as the paper published it, not as renamed since.
    assert [(i["number"], i["description"]) for i in first["agenda"]] == [("5", "Policing Plan")]
    assert len(first["agenda"][0]["action_ids"]) == 2
    documents = meetings["2023-05-24"]["documents"]
    assert [d["paper_id"] for d in documents] == [record["paper"].pk]
    page = urlsplit(documents[0]["links"][0]["url"]).path
    assert PUBLISHED in client.get(page).content.decode()
    assert meetings["2023-07-19"]["documents"] == []  # its paper is a draft


def test_organisations_and_people_carry_the_pages_reply_record(client, record):
    api = f"{API}committees/{SLUG}"
    (mps,) = client.get(f"{api}/organisations").json()["results"]
    assert mps["name"] == "MPS" and mps["classification"] == "organisation"
    assert mps["record"] == {
        "asked": 2,
        "answered": 1,
        "outstanding": 1,
        "median_days_to_answer": 10,
    }
    (commissioner,) = client.get(f"{api}/people").json()["results"]
    assert commissioner["name"] == "Commissioner"
    assert commissioner["memberships"] == [{"organisation_id": "mps", "name": "MPS"}]
    assert commissioner["record"]["asked"] == 2
    owed = client.get(f"{api}/actions", {"organisation": "mps", "status": "completed"}).json()
    assert [a["text"] for a in owed["results"]] == [ANSWERED]
    assert owed["results"][0]["days_to_answer"] == 10


def test_the_csv_files_hold_the_api_lists_and_defuse_formulas(client, record):
    committee = record["committee"]
    item = committee.meetings.get(date="2023-03-22").items.get()
    person = item.actions.first().responsible_person
    ActionFactory(agenda_item=item, responsible_person=person, intro='=HYPERLINK("x","y")')
    paper_publish(paper=committee.meetings.get(date="2023-07-19").papers.get())
    response = client.get(f"/open/{SLUG}/actions.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="{SLUG}-actions.csv"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    api = client.get(f"{API}committees/{SLUG}/actions").json()["results"]
    assert [int(r["Action id"]) for r in rows] == [a["id"] for a in api]
    assert '\'=HYPERLINK("x","y")' in [r["Action"] for r in rows]
    searched = list(
        csv.DictReader(io.StringIO(body(client.get(f"/open/{SLUG}/actions.csv?q=stop"))))
    )
    assert [r["Action"] for r in searched] == [ANSWERED]


def test_committee_lists_answer_conditional_requests_as_its_pages_do(client, record):
    url = f"{API}committees/{SLUG}/actions"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(f"/open/{SLUG}/")["Last-Modified"] == first["Last-Modified"]
    assert client.get(f"{url}?limit=1")["ETag"] != first["ETag"]
    paper_publish(paper=record["committee"].meetings.get(date="2023-07-19").papers.get())
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    # What the new paper published is there at once, though the last answer was kept.
    assert SECRETS["draft"] in again.content.decode()
    assert SECRETS["draft"] not in first.content.decode()
    assert client.get(f"{API}committees")["Cache-Control"] == "public, max-age=300"


def cold_queries(client, url) -> list[dict]:
    """The queries of a cold read: the worker's kept record dropped first."""
    lists.forget_kept_records()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200, url
        body(response)  # a download queries as it is read
    return context.captured_queries


def queries(client, url) -> int:
    return len(cold_queries(client, url))


def test_a_worker_keeps_the_record_between_reads(client, record):
    url = f"{API}committees/{SLUG}/actions"
    cold = queries(client, url)
    with CaptureQueriesContext(connection) as warm:
        assert client.get(f"{url}?limit=1").status_code == 200
    # The history of the listed actions is not read again (a new paper is: see above).
    assert len(warm.captured_queries) < cold
    assert not any("historicalaction" in q["sql"] for q in warm.captured_queries)
    assert any("historicalaction" in q["sql"] for q in cold_queries(client, url))
