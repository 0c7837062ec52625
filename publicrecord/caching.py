"""How the open record's pages, lists and feeds are cached: conditional on the
committee's freshness (ETag and Last-Modified, from the newest publication), and kept by
shared caches for five minutes; signed-in users' copies are still marked private by the
project's middleware."""

import hashlib
from functools import wraps

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
