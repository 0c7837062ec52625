"""The open record at 100 and 10,000 actions, seeded once for the module: every public
page, API list and download reads the same number of queries at both sizes, cold (the
first read after a publication) and warm (the worker's kept record); the long lists come
in pages of 50 with their count, and the pages together show the whole list."""

import html
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from actions.models import Action
from publicrecord import lists
from tests.publicrecord.test_open_data import API, body, queries
from tests.publicrecord.volume import seed_open_record

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def volume(django_db_setup, django_db_blocker):
    """Both sizes, seeded once in a transaction rolled back after the module's tests
    (each test's own transaction nests inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seeded = {
            "small": seed_open_record(actions=100, slug="small-committee"),
            "large": seed_open_record(actions=10_000, slug="large-committee", seed=2),
        }
        yield seeded
        transaction.set_rollback(True)
    lists.forget_kept_records()


def api_urls(seeded) -> list[str]:
    slug, paper = seeded["committee"].slug, seeded["papers"][0].pk
    api = f"{API}committees/{slug}"
    return [
        f"{api}",
        f"{api}/meetings",
        f"{api}/papers",
        f"{api}/papers/{paper}",
        f"{api}/papers/{paper}/actions?offset=50",
        f"{api}/actions?q=figures",
        f"{api}/organisations",
        f"{api}/people",
        f"/open/{slug}/actions.csv",
        f"/open/{slug}/meetings.csv",
        f"/open/{slug}/papers/{paper}/actions.csv",
    ]


def page_urls(seeded) -> list[str]:
    slug, paper = seeded["committee"].slug, seeded["papers"][0].pk
    meeting = seeded["meeting"].isoformat()
    return [
        "/open/",
        f"/open/{slug}/",
        f"/open/{slug}/?page=2",
        f"/open/{slug}/?q=figures",
        f"/open/{slug}/?q=figures&page=2&organisations=2&meetings=2",
        f"/open/{slug}/papers/{paper}/",
        f"/open/{slug}/papers/{paper}/?page=3",
        f"/open/{slug}/meetings/{meeting}/",
        f"/open/{slug}/meetings.ics",
        f"/open/{slug}/papers.atom",
    ]


def warm_queries(client, url) -> int:
    client.get(url)  # keeps the record
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


def test_api_lists_and_downloads_read_as_many_queries_at_either_size(client, volume):
    small, large = volume["small"], volume["large"]
    counts = {url: queries(client, url) for url in api_urls(small)}
    assert [queries(client, url) for url in api_urls(large)] == list(counts.values()), counts
    # All of the large record is there, less what internal posts owe.
    listed = large["papers"][0].published_action_ids
    public = Action.objects.filter(pk__in=listed, responsible_person__is_internal=False)
    actions = client.get(api_urls(large)[5].split("?")[0]).json()
    assert actions["count"] == public.count() > 8000


def test_public_pages_read_as_many_queries_at_either_size(client, volume):
    small, large = volume["small"], volume["large"]
    for count in (queries, warm_queries):
        counts = {url: count(client, url) for url in page_urls(small)}
        found = [count(client, url) for url in page_urls(large)]
        assert found == list(counts.values()), (count.__name__, counts)
    # A kept record spares the published record's reads: history, people, items, meetings.
    url = page_urls(large)[1]
    assert warm_queries(client, url) <= queries(client, url) - 5


def rows(page: str) -> list[str]:
    """The action text of each row of a page's actions table."""
    found = re.findall(r'data-label="Action">(.*?)\s*(?:<ol|<p|</td>)', page, re.S)
    return [html.unescape(text.replace("<br>", "\n")) for text in found]


def test_long_lists_come_in_pages_of_fifty_with_their_count(client, volume):
    slug = volume["large"]["committee"].slug
    total = client.get(f"{API}committees/{slug}/actions?limit=1").json()["count"]
    first = client.get(f"/open/{slug}/").content.decode()
    assert f"Showing 1 to 50 of {total:,} actions" in first
    assert len(rows(first)) == 50
    assert f'href="/open/{slug}/?page=2#actions" rel="next"' in first
    last_number = -(-total // 50)
    assert f'aria-label="Page {last_number} of actions"' in first
    last = client.get(f"/open/{slug}/?page={last_number}").content.decode()
    shown = total - (last_number - 1) * 50
    assert f"Showing {total - shown + 1:,} to {total:,} of {total:,} actions" in last
    assert len(rows(last)) == shown
    # Past the end is the last page; not a number, the first.
    assert rows(client.get(f"/open/{slug}/?page=99999").content.decode()) == rows(last)
    assert rows(client.get(f"/open/{slug}/?page=x").content.decode()) == rows(first)
    # A search's pages keep the search.
    searched = client.get(f"/open/{slug}/", {"q": "figures"}).content.decode()
    matched = int(re.search(r"([\d,]+) actions match", searched).group(1).replace(",", ""))
    assert matched > 50
    assert f"Showing 1 to 50 of {matched:,} actions" in searched
    assert f'href="/open/{slug}/?q=figures&amp;page=2#actions"' in searched
    # The organisations and meetings turn pages of their own.
    assert 'aria-label="Pages of meetings"' in first
    meetings = volume["large"]["committee"].meetings.count()
    assert f"Showing 1 to 50 of {meetings} meetings" in first


def test_the_pages_together_show_the_whole_list_in_order(client, volume):
    """At 100 actions: the committee page's pages are the API's actions, in its order; a
    paper's pages are the paper's actions as it listed them."""
    small = volume["small"]
    slug, paper = small["committee"].slug, small["papers"][0].pk
    for page_url, api_url in (
        (f"/open/{slug}/", f"{API}committees/{slug}/actions?limit=1000"),
        (f"/open/{slug}/papers/{paper}/", f"{API}committees/{slug}/papers/{paper}/actions"),
    ):
        expected = [a["text"] for a in client.get(api_url).json()["results"]]
        shown = []
        for number in range(1, -(-len(expected) // 50) + 1):
            shown += rows(client.get(page_url, {"page": number}).content.decode())
        assert shown == expected and len(expected) > 50
    assert body(client.get(f"/open/{slug}/actions.csv"))
