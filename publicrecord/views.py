"""The open record's pages: anyone may read them, without signing in.

Each committee page answers conditional requests (ETag and Last-Modified, from the newest
publication) and may be kept by shared caches for five minutes; signed-in users' copies
are still marked private by the project's middleware.
"""

import datetime as dt
import hashlib
from functools import wraps

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from publicrecord import selectors

CACHE_SECONDS = 300


def committee_freshness(request, slug):
    """The committee's (ETag key, Last-Modified), read once per request; None if it does
    not publish openly."""
    if not hasattr(request, "_open_freshness"):
        request._open_freshness = selectors.freshness(slug)
    return request._open_freshness


def _etag(request, slug, **kwargs):
    """The committee's freshness, distinct for each page, feed and search."""
    found = committee_freshness(request, slug)
    if found is None:
        return None
    return hashlib.sha256(f"{found[0]} {request.get_full_path()}".encode()).hexdigest()[:32]


def _last_modified(request, slug, **kwargs):
    found = committee_freshness(request, slug)
    return found[1] if found else None


def public(view):
    """GET or HEAD only, conditional on the committee's freshness, cacheable by anyone."""

    @require_safe
    @condition(etag_func=_etag, last_modified_func=_last_modified)
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapper


@require_safe
def committee_list(request):
    """The committees that publish openly."""
    response = render(
        request, "publicrecord/committee_list.html", {"committees": selectors.open_committees()}
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@public
def committee_page(request, slug):
    """A committee's published papers, its actions as last published (searchable) and each
    responding organisation's record."""
    committee = selectors.open_committee(slug)
    papers = selectors.published_papers(committee)
    record = selectors.published_record(papers)
    latest = list(record.latest.values())
    q = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "publicrecord/committee.html",
        {
            "committee": committee,
            "papers": papers,
            "q": q,
            "actions": selectors.search(latest, q),
            "organisations": selectors.organisation_records(latest),
            "meetings": selectors.public_meetings(committee),
        },
    )


@public
def paper_page(request, slug, pk):
    """A published paper and the actions as it listed them."""
    committee = selectors.open_committee(slug)
    papers = selectors.published_papers(committee)
    paper = next((p for p in papers if p.pk == pk), None)
    if paper is None:
        raise Http404("No published paper of this committee has that number.")
    record = selectors.published_record(papers)
    return render(
        request,
        "publicrecord/paper.html",
        {"committee": committee, "paper": paper, "actions": record.by_paper.get(paper.pk, [])},
    )


@public
def meeting_page(request, slug, date):
    """A meeting: its date and title, the papers published for it and the actions agreed
    at it as last published."""
    committee = selectors.open_committee(slug)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404("No such date.") from None
    meeting = next((m for m in selectors.public_meetings(committee) if m.date == day), None)
    if meeting is None:
        raise Http404("The committee has no meeting on that day.")
    papers = selectors.published_papers(committee)
    record = selectors.published_record(papers)
    return render(
        request,
        "publicrecord/meeting.html",
        {
            "committee": committee,
            "meeting": meeting,
            "papers": [p for p in papers if p.meeting_id == meeting.pk],
            "actions": [a for a in record.latest.values() if a.meeting_date == day],
        },
    )
