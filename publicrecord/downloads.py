"""The open record's lists as CSV files: the same rows as the JSON API gives
(``publicrecord.lists``), streamed by the project's exporter, which defuses any text a
spreadsheet would run as a formula. Anyone may download them; like the pages they answer
conditional requests and may be kept by shared caches for five minutes."""

import dataclasses

from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from actiontracker.exports import Column, Exporter, number_or_text
from publicrecord import lists, selectors
from publicrecord.caching import CACHE_SECONDS, public


def _joined(values) -> str:
    return "\n".join(values)


def _record(key: str):
    return lambda row: row["record"][key]


COMMITTEES = Exporter(
    name="committees",
    columns=[
        Column("Committee id", lambda c: c["id"], 30),
        Column("Name", lambda c: c["name"], 40),
        Column("Classification", lambda c: c["classification"], 12),
        Column("Published papers", lambda c: c["published_papers"], 10),
        Column("Last published", lambda c: c["last_published"], 18),
        Column("Public page", lambda c: c["url"], 50),
    ],
)
MEETINGS = Exporter(
    name="meetings",
    columns=[
        Column("Date", lambda m: m["start_date"], 14),
        Column("Name", lambda m: m["name"], 40),
        Column("Classification", lambda m: m["classification"], 12),
        Column("Status", lambda m: m["status"], 10),
        Column(
            "Agenda items",
            lambda m: _joined(f"{i['number']}: {i['description']}" for i in m["agenda"]),
            50,
        ),
        Column("Papers", lambda m: _joined(d["note"] for d in m["documents"]), 40),
        Column("Public page", lambda m: m["sources"][0]["url"], 50),
    ],
)
PAPERS = Exporter(
    name="papers",
    columns=[
        Column("Paper id", lambda p: p["id"], 8),
        Column("Subject", lambda p: p["subject"], 40),
        Column("Kind", lambda p: p["kind"], 24),
        Column("Meeting date", lambda p: p["meeting_date"], 14),
        Column("Published", lambda p: p["published_at"], 18),
        Column("Period start", lambda p: p["period_start"], 14),
        Column("Period end", lambda p: p["period_end"], 14),
        Column("Actions listed", lambda p: p["actions_listed"], 8),
        Column("Public page", lambda p: p["url"], 50),
    ],
)
ACTIONS = Exporter(
    name="actions",
    columns=[
        Column("Action id", lambda a: a["id"], 8),
        Column("Meeting date", lambda a: a["meeting_date"], 14),
        Column("Item No.", lambda a: number_or_text(a["agenda_item"]["number"]), 8),
        Column("Item title", lambda a: a["agenda_item"]["title"], 40),
        Column("Action", lambda a: a["text"], 60),
        Column("Requested items", lambda a: _joined(a["requested_items"]), 60),
        Column("Responsible person", lambda a: a["responsible_person"], 30),
        Column("Organisation", lambda a: a["responsible_organisation"], 14),
        Column("Status", lambda a: a["status_label"], 11),
        Column("Status note", lambda a: a["status_note"], 40),
        Column("Timing", lambda a: a["timing"], 14),
        Column("Completed or closed on", lambda a: a["finished_on"], 14),
        Column("Days to answer", lambda a: a["days_to_answer"], 8),
        Column("Published in paper", lambda a: a["published_in"], 8),
        Column("Paper's public page", lambda a: a["published_in_url"], 50),
    ],
)
ORGANISATIONS = Exporter(
    name="organisations",
    columns=[
        Column("Organisation id", lambda o: o["id"], 30),
        Column("Name", lambda o: o["name"], 30),
        Column("Classification", lambda o: o["classification"], 12),
        Column("Actions asked", _record("asked"), 8),
        Column("Answered", _record("answered"), 8),
        Column("Outstanding", _record("outstanding"), 8),
        Column("Median days to answer", _record("median_days_to_answer"), 8),
    ],
)
PEOPLE = Exporter(
    name="people",
    columns=[
        Column("Person id", lambda p: p["id"], 30),
        Column("Name", lambda p: p["name"], 30),
        Column("Organisation", lambda p: _joined(m["name"] for m in p["memberships"]), 14),
        Column("Actions asked", _record("asked"), 8),
        Column("Answered", _record("answered"), 8),
        Column("Outstanding", _record("outstanding"), 8),
        Column("Median days to answer", _record("median_days_to_answer"), 8),
    ],
)


def _download(exporter: Exporter, name: str, rows):
    """The rows as a CSV file named ``name``, which shared caches may keep (the
    exporter's downloads are otherwise private records, never kept)."""
    response = dataclasses.replace(exporter, name=name).response(rows, format="csv")
    del response["Cache-Control"]
    return response


@require_safe
def committees_csv(request):
    """The committees that publish openly."""
    link = request.build_absolute_uri
    rows = [lists.committee_data(c, link) for c in selectors.open_committees()]
    response = _download(COMMITTEES, "open-committees", rows)
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@public
def meetings_csv(request, slug):
    rows = lists.meetings_data(lists.published(request, slug), request.build_absolute_uri)
    return _download(MEETINGS, f"{slug}-meetings", rows)


@public
def papers_csv(request, slug):
    rows = lists.papers_data(lists.published(request, slug), request.build_absolute_uri)
    return _download(PAPERS, f"{slug}-papers", rows)


@public
def actions_csv(request, slug):
    """The actions as last published, narrowed by the committee page's search words."""
    published = lists.published(request, slug)
    chosen = lists.ActionFilter(q=request.GET.get("q", "").strip()).apply(published)
    rows = lists.actions_data(published, request.build_absolute_uri, chosen)
    return _download(ACTIONS, f"{slug}-actions", rows)


@public
def paper_actions_csv(request, slug, pk):
    published = lists.published(request, slug)
    chosen = lists.paper_actions(published, pk)
    rows = lists.actions_data(published, request.build_absolute_uri, chosen)
    return _download(ACTIONS, f"{slug}-paper-{pk}-actions", rows)


@public
def organisations_csv(request, slug):
    return _download(
        ORGANISATIONS,
        f"{slug}-organisations",
        lists.organisations_data(lists.published(request, slug)),
    )


@public
def people_csv(request, slug):
    return _download(PEOPLE, f"{slug}-people", lists.people_data(lists.published(request, slug)))
