"""The open record's lists as open data, for the JSON API and the CSV downloads alike.

Committees; meetings shaped after Open Civic Data events (with the agenda items published
actions were agreed under, and links to the papers published for them); published papers;
actions as published; the organisations and people (posts) actions are owed by, shaped
after Popolo, with their reply record. Everything is built from the selectors behind the
public pages, never from a wider read, so the API and the downloads show exactly what the
pages show, in the same fixed number of queries however many actions there are.
"""

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from meetings.models import Committee
from publicrecord import selectors
from publicrecord.caching import CACHE_SECONDS, committee_freshness

Link = Callable[[str], str]  # a path made absolute for the request


def committee_or_404(slug: str) -> Committee:
    """The committee of ``slug``, with its published papers counted, if it publishes."""
    committee = selectors.open_committees().filter(slug=slug).first()
    if committee is None:
        raise Http404("No committee publishes under that name.")
    return committee


def committee_data(committee: Committee, link: Link) -> dict:
    slug = committee.slug
    api = {
        name: link(reverse(f"api-v1:api-{name}", args=[slug]))
        for name in ("meetings", "papers", "actions", "organisations", "people")
    }
    downloads = {
        name: link(reverse(f"open-{name}-csv", args=[slug]))
        for name in ("meetings", "papers", "actions", "organisations", "people")
    }
    return {
        "id": slug,
        "name": committee.name,
        "classification": committee.kind,
        "published_papers": committee.published_papers,
        "last_published": committee.last_published,
        "url": link(reverse("open-committee", args=[slug])),
        "calendar": link(reverse("open-meetings-ics", args=[slug])),
        "feed": link(reverse("open-papers-atom", args=[slug])),
        "api_url": link(reverse("api-v1:api-committee", args=[slug])),
        "api": api,
        "downloads": downloads,
    }


@dataclass
class Published:
    """A committee's published papers and their record, read once per request."""

    committee: Committee
    papers: list
    record: selectors.PublishedRecord

    def latest(self) -> list[selectors.PublicAction]:
        return list(self.record.latest.values())


# Each worker keeps the newest record of each committee (reading it takes a second at
# 10,000 actions): while the pages' freshness and the published papers are the same, for
# no longer than shared caches may keep the pages, which also bounds what the freshness
# does not see (a renamed post or organisation).
_RECORDS: dict[str, tuple[tuple, float, selectors.PublishedRecord]] = {}


def forget_kept_records() -> None:
    """Drop the records this worker keeps, so the next read of each is a cold one."""
    _RECORDS.clear()


def published(request, slug: str) -> Published:
    """The published record of the committee of ``slug``; 404 if it does not publish."""
    committee = selectors.open_committee(slug)
    papers = selectors.published_papers(committee)
    version = (committee_freshness(request, slug), [(p.pk, p.published_at) for p in papers])
    now = time.monotonic()
    kept = _RECORDS.get(slug)
    if kept and kept[0] == version and now - kept[1] < CACHE_SECONDS:
        return Published(committee, papers, kept[2])
    record = selectors.published_record(papers)
    _RECORDS[slug] = (version, now, record)
    return Published(committee, papers, record)


def paper_url(slug: str, link: Link) -> Callable[[int], str]:
    """A paper's public page from its number, reversing the URL once, not per action."""
    template = link(reverse("open-paper", args=[slug, 0]))
    head, _, tail = template.rpartition("/0/")
    return lambda pk: f"{head}/{pk}/{tail}"


def item_order(number: str) -> tuple:
    """Agenda item numbers in the order of the agenda: 2, 5, 5a, 10."""
    match = re.match(r"(\d+)(.*)", number)
    return (int(match.group(1)), match.group(2)) if match else (float("inf"), number)


def meetings_data(published: Published, link: Link) -> list[dict]:
    """Every meeting of the committee, newest first, as an event: its agenda is the items
    published actions were agreed under (as published), its documents the papers
    published for it."""
    committee = published.committee
    agenda: dict[dt.date, dict[tuple[str, str], list[int]]] = {}
    for action in published.latest():
        items = agenda.setdefault(action.meeting_date, {})
        items.setdefault((action.item_number, action.item_title), []).append(action.action_id)
    papers: dict[int, list] = {}
    for paper in published.papers:
        papers.setdefault(paper.meeting_id, []).append(paper)
    to_paper = paper_url(committee.slug, link)
    today = timezone.localdate()
    meetings = []
    for meeting in selectors.public_meetings(committee):
        items = sorted(agenda.get(meeting.date, {}).items(), key=lambda i: item_order(i[0][0]))
        meetings.append(
            {
                "id": meeting.date.isoformat(),
                "name": committee.name + (f": {meeting.title}" if meeting.title else ""),
                "description": meeting.title,
                "classification": meeting.kind,
                "start_date": meeting.date,
                "all_day": True,
                "status": "passed" if meeting.date < today else "confirmed",
                "location": None,  # the record keeps no venue
                "agenda": [
                    {"order": order, "number": number, "description": title, "action_ids": ids}
                    for order, ((number, title), ids) in enumerate(items, start=1)
                ],
                "documents": [
                    {
                        "paper_id": paper.pk,
                        "note": paper.subject,
                        "date": timezone.localdate(paper.published_at),
                        "links": [{"media_type": "text/html", "url": to_paper(paper.pk)}],
                    }
                    for paper in papers.get(meeting.pk, [])
                ],
                "sources": [
                    {
                        "url": link(
                            reverse("open-meeting", args=[committee.slug, meeting.date.isoformat()])
                        )
                    }
                ],
            }
        )
    return meetings


def paper_data(paper, published: Published, to_paper: Callable[[int], str], link: Link) -> dict:
    slug = published.committee.slug
    return {
        "id": paper.pk,
        "subject": paper.subject,
        "classification": paper.kind,
        "kind": paper.get_kind_display(),
        "meeting_date": paper.meeting.date,
        "published_at": paper.published_at,
        "period_start": paper.period_start if paper.period_end else None,
        "period_end": paper.period_end if paper.period_start else None,
        "actions_listed": len(published.record.by_paper.get(paper.pk, [])),
        "url": to_paper(paper.pk),
        "api_url": link(reverse("api-v1:api-paper", args=[slug, paper.pk])),
        "actions": link(reverse("api-v1:api-paper-actions", args=[slug, paper.pk])),
        "actions_csv": link(reverse("open-paper-actions-csv", args=[slug, paper.pk])),
    }


def papers_data(published: Published, link: Link) -> list[dict]:
    """The published papers, newest meeting first."""
    to_paper = paper_url(published.committee.slug, link)
    return [paper_data(paper, published, to_paper, link) for paper in published.papers]


def organisation_id(action: selectors.PublicAction) -> str:
    """The organisation an action is counted under, as the committee page counts it."""
    return slugify(action.organisation or action.responsible)


def person_id(action: selectors.PublicAction) -> str:
    return slugify(f"{action.responsible} {action.organisation}")


def action_data(action: selectors.PublicAction, to_paper: Callable[[int], str]) -> dict:
    return {
        "id": action.action_id,
        "meeting_date": action.meeting_date,
        "agenda_item": {"number": action.item_number, "title": action.item_title},
        "text": action.intro,
        "requested_items": action.requested_items,
        "responsible_person": action.responsible,
        "person_id": person_id(action),
        "responsible_organisation": action.organisation or None,
        "organisation_id": organisation_id(action),
        "status": action.status,
        "status_label": action.status_label,
        "status_note": action.status_note,
        "timing": action.timing,
        "finished_on": action.finished_on,
        "days_to_answer": action.days_to_answer,
        "published_in": action.paper_id,
        "published_in_url": to_paper(action.paper_id),
    }


@dataclass(frozen=True)
class ActionFilter:
    """What the actions list may be narrowed by: the committee page's search words, and
    a status, meeting or organisation."""

    q: str = ""
    status: str | None = None
    meeting: dt.date | None = None
    organisation: str | None = None

    def apply(self, published: Published) -> list[selectors.PublicAction]:
        """The committee's actions (latest published states, newest meeting first) that
        pass, searched in the record's kept order and words."""
        found = published.record.search(self.q[:200])
        if self.status is None and self.meeting is None and self.organisation is None:
            return found
        return [
            a
            for a in found
            if (self.status is None or a.status == self.status)
            and (self.meeting is None or a.meeting_date == self.meeting)
            and (self.organisation is None or organisation_id(a) == self.organisation)
        ]


def actions_data(published: Published, link: Link, actions=None) -> list[dict]:
    """Actions as published (by default each one's latest published state), newest meeting
    first."""
    to_paper = paper_url(published.committee.slug, link)
    chosen = published.latest() if actions is None else actions
    return [action_data(action, to_paper) for action in chosen]


def paper_actions(published: Published, pk: int) -> list[selectors.PublicAction]:
    """The actions a published paper listed, as it listed them; 404 if it is not one."""
    if not any(paper.pk == pk for paper in published.papers):
        raise Http404("No published paper of this committee has that number.")
    return published.record.by_paper.get(pk, [])


def _record(record) -> dict:
    return {
        "asked": record.asked,
        "answered": record.answered,
        "outstanding": record.outstanding,
        "median_days_to_answer": record.median_days,
    }


def organisations_data(published: Published) -> list[dict]:
    """Each organisation owing published actions, with its reply record, as the committee
    page shows it; a post of no organisation counts as itself."""
    latest = published.latest()
    organisations = {a.organisation for a in latest if a.organisation}
    return [
        {
            "id": slugify(record.name),
            "name": record.name,
            "classification": "organisation" if record.name in organisations else "post",
            "record": _record(record),
        }
        for record in published.record.organisations()
    ]


def people_data(published: Published) -> list[dict]:
    """Each post or person owing published actions, with its organisation and record."""
    by_person: dict[str, list] = {}
    for action in published.latest():
        by_person.setdefault(person_id(action), []).append(action)
    people = []
    for pid, actions in by_person.items():
        first = actions[0]
        # A person's actions all count under one organisation (or the post itself), so
        # the organisations' count over them is the person's record.
        (record,) = selectors.organisation_records(actions)
        memberships = []
        if first.organisation:
            memberships.append(
                {"organisation_id": slugify(first.organisation), "name": first.organisation}
            )
        people.append(
            {
                "id": pid,
                "name": first.responsible,
                "memberships": memberships,
                "record": _record(record),
            }
        )
    return sorted(people, key=lambda p: (-p["record"]["asked"], p["name"]))
