"""The open record's read-only JSON API, /api/v1/, described at /api/v1/openapi.json.

Anyone may read it, without signing in; only GET and HEAD are answered (other methods
get 405).
It lists what the public pages show, from the same selectors (``publicrecord.lists``):
only committees that publish openly, only what their published papers showed. A
committee's lists answer conditional requests with the same freshness as its pages
(ETag and Last-Modified) and may be kept by shared caches for five minutes. Lists come in
pages (``limit`` and ``offset``) with their count and links to the next and previous.
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Literal

from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_safe
from ninja import NinjaAPI, Query
from ninja.decorators import decorate_view

from publicrecord import lists, schemas, selectors
from publicrecord.caching import CACHE_SECONDS, committee_freshness

# Raised when a response changes shape, so caches holding an old ETag refetch.
SHAPE_VERSION = "1"
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def cacheable(view):
    """GET only; a successful answer may be kept by shared caches for five minutes."""

    @csrf_exempt  # a write is refused with 405, not a CSRF failure
    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    return wrapper


def _etag(request, slug, **kwargs):
    found = committee_freshness(request, slug)
    if found is None:
        return None
    key = f"{SHAPE_VERSION} {found[0]} {request.get_full_path()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _last_modified(request, slug, **kwargs):
    found = committee_freshness(request, slug)
    return found[1] if found else None


def fresh(view):
    """A committee's list: conditional on the committee's freshness, as its pages are."""
    return condition(etag_func=_etag, last_modified_func=_last_modified)(cacheable(view))


api = NinjaAPI(
    title="Action Tracker open record",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    docs_url=None,
    docs_decorator=cacheable,
)
ERRORS = {404: schemas.Error, 422: schemas.Invalid}


def paginate(request, rows: Sequence, limit: int, offset: int, shape: Callable) -> dict:
    """One page of ``rows``, shaped by ``shape`` (only the rows shown are shaped)."""

    def at(start: int) -> str:
        query = request.GET.copy()
        query["limit"], query["offset"] = str(limit), str(start)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    count = len(rows)
    return {
        "count": count,
        "next": at(offset + limit) if offset + limit < count else None,
        "previous": at(max(offset - limit, 0)) if offset > 0 and count else None,
        "results": shape(rows[offset : offset + limit]),
    }


Limit = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many to a page.")
Offset = Query(0, ge=0, description="How many to skip.")
Words = Query("", description="Words the action, its owner or agenda item all have.")
OfMeeting = Query(None, description="Agreed at the meeting of this day.")
OfOrganisation = Query(None, description="Counted under this organisation id.")

ENDPOINTS = [
    ("/api/v1/committees", "The committees that publish openly."),
    ("/api/v1/committees/{slug}", "One committee, with links to its lists."),
    ("/api/v1/committees/{slug}/meetings", "Its meetings, newest first, as events."),
    ("/api/v1/committees/{slug}/papers", "Its published papers, newest meeting first."),
    ("/api/v1/committees/{slug}/papers/{pk}", "One published paper."),
    ("/api/v1/committees/{slug}/papers/{pk}/actions", "The actions as that paper listed them."),
    ("/api/v1/committees/{slug}/actions", "Its actions as last published, searchable."),
    ("/api/v1/committees/{slug}/organisations", "Who owes its actions, with their record."),
    ("/api/v1/committees/{slug}/people", "The posts its actions are owed by, with theirs."),
    ("/api/v1/openapi.json", "This API's OpenAPI description."),
]


@api.get("/", response=schemas.Root, url_name="api-index", summary="The API's endpoints")
@decorate_view(cacheable)
def index(request):
    return {
        "name": api.title,
        "version": api.version,
        "openapi": request.build_absolute_uri(reverse("api-v1:openapi-json")),
        "committees": request.build_absolute_uri(reverse("api-v1:api-committees")),
        "endpoints": [{"path": path, "description": text} for path, text in ENDPOINTS],
    }


@api.get(
    "/committees",
    response={200: schemas.CommitteePage, 422: schemas.Invalid},
    url_name="api-committees",
)
@decorate_view(cacheable)
def committees(request, limit: int = Limit, offset: int = Offset):
    """The committees that publish openly, by name."""
    link = request.build_absolute_uri
    return paginate(
        request,
        list(selectors.open_committees()),
        limit,
        offset,
        lambda rows: [lists.committee_data(c, link) for c in rows],
    )


@api.get(
    "/committees/{slug}",
    response={200: schemas.Committee, **ERRORS},
    url_name="api-committee",
)
@decorate_view(fresh)
def committee(request, slug: str):
    """A committee that publishes openly."""
    return lists.committee_data(lists.committee_or_404(slug), request.build_absolute_uri)


@api.get(
    "/committees/{slug}/meetings",
    response={200: schemas.MeetingPage, **ERRORS},
    url_name="api-meetings",
)
@decorate_view(fresh)
def meetings(request, slug: str, limit: int = Limit, offset: int = Offset):
    """The committee's meetings, newest first, shaped as Open Civic Data events."""
    rows = lists.meetings_data(lists.published(request, slug), request.build_absolute_uri)
    return paginate(request, rows, limit, offset, list)


@api.get(
    "/committees/{slug}/papers",
    response={200: schemas.PaperPage, **ERRORS},
    url_name="api-papers",
)
@decorate_view(fresh)
def papers(request, slug: str, limit: int = Limit, offset: int = Offset):
    """The committee's published papers, newest meeting first."""
    rows = lists.papers_data(lists.published(request, slug), request.build_absolute_uri)
    return paginate(request, rows, limit, offset, list)


@api.get(
    "/committees/{slug}/papers/{pk}",
    response={200: schemas.Paper, **ERRORS},
    url_name="api-paper",
)
@decorate_view(fresh)
def paper(request, slug: str, pk: int):
    """One published paper of the committee."""
    published = lists.published(request, slug)
    lists.paper_actions(published, pk)  # 404 unless published
    rows = lists.papers_data(published, request.build_absolute_uri)
    return next(row for row in rows if row["id"] == pk)


@api.get(
    "/committees/{slug}/papers/{pk}/actions",
    response={200: schemas.ActionPage, **ERRORS},
    url_name="api-paper-actions",
)
@decorate_view(fresh)
def paper_actions(request, slug: str, pk: int, limit: int = Limit, offset: int = Offset):
    """The actions a published paper listed, as it listed them, in its order."""
    published = lists.published(request, slug)
    rows = lists.paper_actions(published, pk)
    link = request.build_absolute_uri
    return paginate(
        request, rows, limit, offset, lambda chosen: lists.actions_data(published, link, chosen)
    )


@api.get(
    "/committees/{slug}/actions",
    response={200: schemas.ActionPage, **ERRORS},
    url_name="api-actions",
)
@decorate_view(fresh)
def actions(
    request,
    slug: str,
    q: str = Words,
    status: Literal["ongoing", "completed", "closed"] | None = None,
    meeting: dt.date | None = OfMeeting,
    organisation: str | None = OfOrganisation,
    limit: int = Limit,
    offset: int = Offset,
):
    """The committee's actions, each as the newest paper to list it showed it, newest
    meeting first; searchable as on the committee's page."""
    published = lists.published(request, slug)
    chosen = lists.ActionFilter(q, status, meeting, organisation).apply(published)
    link = request.build_absolute_uri
    return paginate(
        request, chosen, limit, offset, lambda rows: lists.actions_data(published, link, rows)
    )


@api.get(
    "/committees/{slug}/organisations",
    response={200: schemas.OrganisationPage, **ERRORS},
    url_name="api-organisations",
)
@decorate_view(fresh)
def organisations(request, slug: str, limit: int = Limit, offset: int = Offset):
    """Each organisation owing the committee published actions, with its reply record,
    most asked first."""
    return paginate(
        request, lists.organisations_data(lists.published(request, slug)), limit, offset, list
    )


@api.get(
    "/committees/{slug}/people",
    response={200: schemas.PersonPage, **ERRORS},
    url_name="api-people",
)
@decorate_view(fresh)
def people(request, slug: str, limit: int = Limit, offset: int = Offset):
    """Each post or person owing the committee published actions, with their record."""
    return paginate(request, lists.people_data(lists.published(request, slug)), limit, offset, list)


def answer_head(view):
    """HEAD answered as GET is (status, headers, conditional requests), without the body:
    ninja routes GET alone, so the request is served as a GET and its body dropped."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "HEAD":
            response = view(request, *args, **kwargs)
            if response.status_code == 405 and "GET" in response.get("Allow", ""):
                response["Allow"] = "GET, HEAD"
            return response
        request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        if not response.streaming and response.content:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return wrapper


def urlpatterns() -> list:
    """The API's URLs, each answering HEAD."""
    patterns = api.urls[0]
    for pattern in patterns:
        pattern.callback = answer_head(pattern.callback)
    return patterns
