"""The open record shows only what was published: walk every public page, feed and
calendar after making a draft, an internal action, an unpublished change and a
confidential complaint, and none of them shows; the published actions do, as published."""

import datetime as dt
import re
from urllib.parse import urlsplit

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import parse_http_date
from icalendar import Calendar

from actions.services import action_change
from papers.services import paper_create, paper_publish
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    ComplaintFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db

SLUG = "police-and-crime-committee"
PUBLISHED = "Provide the figures for the Policing Plan."
ANSWERED = "Publish the stop and search data by borough."
SECRETS = {
    "draft": "DRAFT-SECRET: only in a paper not yet published.",
    "internal": "INTERNAL-SECRET: book the room for the site visit.",
    "unpublished change": "UNPUBLISHED-CHANGE: rewritten after publication.",
    "agenda item change": "ITEM-CHANGE: renamed after publication.",
    "confidential": "CONFIDENTIAL-SECRET: complainant's home address.",
    "complaint summary": "COMPLAINT-SUMMARY: a complaint was received.",
    "disclosure": "DISCLOSURE-SECRET: a meeting with the Commissioner.",
}


@pytest.fixture
def record(pdf_renderer):
    """A committee that publishes, with one published paper, then every kind of thing
    that must stay out of the open record."""
    pdf_renderer("stand_in")
    committee = CommitteeFactory(publishes_openly=True)
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    commissioner = ResponsiblePersonFactory(name="Commissioner", organisation=mps)
    adviser = ResponsiblePersonFactory(name="Senior Policy Adviser", is_internal=True)
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, date=dt.date(2023, 3, 22)),
        number="5",
        title="Policing Plan",
    )
    published = ActionFactory(agenda_item=item, responsible_person=commissioner, intro=PUBLISHED)
    ActionFactory(
        agenda_item=item,
        responsible_person=commissioner,
        intro=ANSWERED,
        status="completed",
        finished_on=dt.date(2023, 4, 1),
    )
    ActionFactory(agenda_item=item, responsible_person=adviser, intro=SECRETS["internal"])
    ComplaintFactory(
        committee=committee,
        received_on=dt.date(2023, 4, 3),
        public_summary=SECRETS["complaint summary"],
        confidential_details=SECRETS["confidential"],
    )
    DisclosureFactory(committee=committee, details=SECRETS["disclosure"])
    paper = paper_publish(
        paper=paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))
    )
    # After publication: an edit, a new action and a draft paper that lists it.
    action_change(action=published, data={"intro": SECRETS["unpublished change"]})
    item.title = SECRETS["agenda item change"]
    item.save()
    ActionFactory(
        agenda_item=AgendaItemFactory(
            meeting=MeetingFactory(committee=committee, date=dt.date(2023, 6, 10))
        ),
        responsible_person=commissioner,
        intro=SECRETS["draft"],
    )
    paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 7, 19)))
    return {"committee": committee, "paper": paper}


def walk(client, start="/open/") -> dict[str, str]:
    """Every page reachable from ``start`` by links under /open/: url -> text."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:  # a CSV download
            text = b"".join(response.streaming_content).decode("utf-8-sig")
        else:
            text = response.content.decode()
        if url.endswith(".ics"):
            text = text.replace("\r\n ", "")  # unfold long lines
        seen[url] = text
        for link in re.findall(r'(?:href="|URL:|<id>)([^"\r\n<]+)', text):
            path = urlsplit(link).path
            if path.startswith("/open/") and path not in seen:
                queue.append(path)
    return seen


def test_nothing_unpublished_or_confidential_is_on_any_public_page(client, record):
    pages = walk(client)
    committee = f"/open/{SLUG}/"
    expected = {
        "/open/",
        committee,
        f"{committee}meetings.ics",
        f"{committee}papers.atom",
        f"{committee}papers/{record['paper'].pk}/",
        f"{committee}meetings/2023-03-22/",
        f"{committee}meetings/2023-07-19/",  # the draft's meeting: its date is public
    }
    assert expected <= set(pages)
    for url, text in pages.items():
        for what, secret in SECRETS.items():
            assert secret.split(":")[0] not in text, f"{what} shown at {url}"
    assert PUBLISHED in pages[committee]  # as published, not as edited since
    assert "Item 5: Policing Plan" in pages[committee]
    assert PUBLISHED in pages[f"{committee}papers/{record['paper'].pk}/"]
    assert ANSWERED in pages[f"{committee}meetings/2023-03-22/"]


def test_each_paper_shows_its_actions_as_they_stood_when_it_was_published(client, record):
    draft = record["committee"].meetings.get(date=dt.date(2023, 7, 19)).papers.get()
    second = paper_publish(paper=draft)
    first_page = client.get(f"/open/{SLUG}/papers/{record['paper'].pk}/").content.decode()
    second_page = client.get(f"/open/{SLUG}/papers/{second.pk}/").content.decode()
    committee_page = client.get(f"/open/{SLUG}/").content.decode()
    assert PUBLISHED in first_page and "UNPUBLISHED-CHANGE" not in first_page
    assert "DRAFT-SECRET" not in first_page
    # Published now, so shown: the edit in the second paper and as the latest state.
    for page in (second_page, committee_page):
        assert SECRETS["unpublished change"] in page and PUBLISHED not in page
        assert SECRETS["draft"] in page
    assert "INTERNAL-SECRET" not in second_page + committee_page


def test_a_committee_that_does_not_publish_is_not_there(client, record):
    other = CommitteeFactory(name="Audit Panel")
    paper = paper_publish(
        paper=paper_create(meeting=MeetingFactory(committee=other, date=dt.date(2023, 5, 1)))
    )
    assert "Audit Panel" not in client.get("/open/").content.decode()
    for url in (
        "/open/audit-panel/",
        "/open/audit-panel/meetings.ics",
        "/open/audit-panel/papers.atom",
        f"/open/audit-panel/papers/{paper.pk}/",
        f"/open/{SLUG}/papers/{paper.pk}/",  # another committee's paper
        "/open/audit-panel/meetings/2023-05-01/",
    ):
        assert client.get(url).status_code == 404, url


def test_organisations_record_counts_published_actions_only(client, record):
    page = client.get(f"/open/{SLUG}/").content.decode()
    row = re.search(r"<th[^>]*>MPS</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r">\s*([^<]+?)\s*</td>", row)
    # Asked 2 (the internal and the unpublished action do not count), answered 1 ten days
    # after its meeting, 1 outstanding.
    assert cells == ["2", "1", "1", "10"]
    assert "Senior Policy Adviser" not in page


def test_search_finds_published_actions_by_their_words(client, record):
    page = client.get(f"/open/{SLUG}/", {"q": "stop SEARCH"}).content.decode()
    assert ANSWERED in page
    assert PUBLISHED not in page
    assert "1 action matches" in page
    # The words of an unpublished change find nothing.
    page = client.get(f"/open/{SLUG}/", {"q": "rewritten"}).content.decode()
    assert PUBLISHED not in page and "UNPUBLISHED" not in page
    assert "0 actions match" in page


def test_the_calendar_parses_and_each_event_links_to_its_meeting(client, record):
    response = client.get(f"/open/{SLUG}/meetings.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 4
    assert len({str(e["UID"]) for e in events}) == 4
    days = sorted(e.decoded("DTSTART") for e in events)
    assert days[0] == dt.date(2023, 3, 22)
    for event in events:
        assert event.decoded("DTSTAMP")
        page = client.get(urlsplit(str(event["URL"])).path)
        assert page.status_code == 200
        assert f"{event.decoded('DTSTART'):%-d %B %Y}" in page.content.decode()


def test_the_atom_feed_parses_and_links_to_each_paper(client, record):
    response = client.get(f"/open/{SLUG}/papers.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert "24 May 2023" in entry.title
    page = client.get(urlsplit(entry.link).path)
    assert page.status_code == 200
    assert PUBLISHED in page.content.decode()


def test_pages_are_cacheable_and_answer_conditional_requests(client, record, officer):
    url = f"/open/{SLUG}/"
    first = client.get(url)
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # Another page, feed or search is another representation, with its own ETag.
    assert client.get(f"{url}papers.atom")["ETag"] != first["ETag"]
    assert client.get(url, {"q": "plan"})["ETag"] != first["ETag"]
    # A new meeting changes the calendar, so the ETag moves on.
    MeetingFactory(committee=record["committee"], date=dt.date(2023, 9, 6))
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    client.force_login(officer)
    assert "no-store" in client.get(url)["Cache-Control"]


def http_time(response) -> int:
    return parse_http_date(response["Last-Modified"])


def test_no_kept_page_or_record_outlives_a_publication(client, record):
    """Read every page twice (so the worker keeps the record), publish the next paper:
    each page answers its old ETag in full at once, with the newly published action."""
    urls = [
        f"/open/{SLUG}/",
        f"/open/{SLUG}/?q=figures",
        f"/open/{SLUG}/papers/{record['paper'].pk}/",
        f"/open/{SLUG}/meetings/2023-06-10/",
    ]
    before = {}
    for url in urls:
        client.get(url)
        before[url] = client.get(url)
    assert SECRETS["draft"] not in before[urls[0]].content.decode()
    second = paper_publish(paper=record["committee"].meetings.get(date="2023-07-19").papers.get())
    for url in urls:
        again = client.get(url, HTTP_IF_NONE_MATCH=before[url]["ETag"])
        assert again.status_code == 200, url
        assert again["ETag"] != before[url]["ETag"], url
        # Never older (the same second as the last publication may give the same date).
        assert http_time(again) >= http_time(before[url]), url
    assert SECRETS["draft"] in client.get(urls[0]).content.decode()
    assert SECRETS["draft"] in client.get(urls[3]).content.decode()
    new_paper = client.get(f"/open/{SLUG}/papers/{second.pk}/").content.decode()
    assert SECRETS["unpublished change"] in new_paper
    # The first paper still shows what it published.
    assert PUBLISHED in client.get(urls[2]).content.decode()


def test_anonymous_pages_show_no_workspace_links(client, record):
    page = client.get(f"/open/{SLUG}/").content.decode()
    for private in ("/dashboard/", "/actions/", "/papers/committee/", "Sign out"):
        assert private not in page
    # The service's name in the header leads back to the open record, not to sign-in.
    assert re.search(r'<a href="/open/" class="app-header__title">', page)


def published_paper_with_actions(committee, count, date):
    person = ResponsiblePersonFactory(organisation=OrganisationFactory())
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee, date=date))
    for n in range(count):
        ActionFactory(agenda_item=item, responsible_person=person, intro=f"Action {n}")
    meeting = MeetingFactory(committee=committee, date=date + dt.timedelta(days=40))
    return paper_publish(paper=paper_create(meeting=meeting))


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_queries_stay_flat_as_papers_and_actions_grow(client, pdf_renderer):
    pdf_renderer("stand_in")
    committee = CommitteeFactory(publishes_openly=True)
    first = published_paper_with_actions(committee, 2, dt.date(2023, 1, 10))
    urls = [
        "/open/",
        f"/open/{SLUG}/",
        f"/open/{SLUG}/?q=action",
        f"/open/{SLUG}/papers/{first.pk}/",
        f"/open/{SLUG}/meetings/2023-01-10/",
        f"/open/{SLUG}/meetings.ics",
        f"/open/{SLUG}/papers.atom",
    ]
    small = [queries(client, url) for url in urls]
    published_paper_with_actions(committee, 30, dt.date(2023, 3, 1))
    published_paper_with_actions(committee, 30, dt.date(2023, 5, 1))
    assert [queries(client, url) for url in urls] == small
