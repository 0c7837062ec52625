"""The open record's pages: anyone may read them, without signing in.

Each committee page answers conditional requests (ETag and Last-Modified, from the newest
publication) and may be kept by shared caches for five minutes (``caching``); signed-in
users' copies are still marked private by the project's middleware. Long lists come 50
to a page (``paging``), from the worker's kept record (``lists.published``).
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from publicrecord import lists, selectors
from publicrecord.caching import CACHE_SECONDS, public
from publicrecord.paging import paginate


@require_safe
def committee_list(request):
    """The committees that publish openly."""
    response = render(
        request, "publicrecord/committee_list.html", {"committees": selectors.open_committees()}
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def action_pages(request, actions):
    return paginate(request, actions, label="actions", singular="action", anchor="actions")


@public
def committee_page(request, slug):
    """A committee's published papers, its actions as last published (searchable) and each
    responding organisation's record, each list 50 to a page.

    The record is the worker's kept one while the committee's freshness and published
    papers stay the same (``lists.published``), so a page reads a fixed few rows however
    many actions there are."""
    published = lists.published(request, slug)
    record = published.record
    q = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "publicrecord/committee.html",
        {
            "committee": published.committee,
            "papers": paginate(
                request,
                published.papers,
                label="papers",
                singular="paper",
                param="papers",
                anchor="papers",
            ),
            "q": q,
            "actions": action_pages(request, record.search(q)),
            "organisations": paginate(
                request,
                record.organisations(),
                label="organisations",
                singular="organisation",
                param="organisations",
                anchor="organisations",
            ),
            "meetings": paginate(
                request,
                selectors.public_meetings(published.committee),
                label="meetings",
                singular="meeting",
                param="meetings",
                anchor="meetings",
            ),
        },
    )


@public
def paper_page(request, slug, pk):
    """A published paper and the actions as it listed them, 50 to a page."""
    published = lists.published(request, slug)
    actions = lists.paper_actions(published, pk)  # 404 if not its published paper
    paper = next(p for p in published.papers if p.pk == pk)
    return render(
        request,
        "publicrecord/paper.html",
        {
            "committee": published.committee,
            "paper": paper,
            "actions": action_pages(request, actions),
        },
    )


@public
def meeting_page(request, slug, date):
    """A meeting: its date and title, the papers published for it and the actions agreed
    at it as last published, 50 to a page."""
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404("No such date.") from None
    published = lists.published(request, slug)
    committee = published.committee
    meeting = next((m for m in selectors.public_meetings(committee) if m.date == day), None)
    if meeting is None:
        raise Http404("The committee has no meeting on that day.")
    return render(
        request,
        "publicrecord/meeting.html",
        {
            "committee": committee,
            "meeting": meeting,
            "papers": [p for p in published.papers if p.meeting_id == meeting.pk],
            "actions": action_pages(request, published.record.of_meeting(day)),
        },
    )
