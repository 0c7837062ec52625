"""Database outages end in a clean 503 page rather than a 500 and a traceback; nothing a
signed-in user is sent is kept by a cache."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Errors that mean "the database cannot be reached", as opposed to bad data or a bug.
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable_response(request) -> HttpResponse:
    """The 503 page; rendered without the request's user or session, which need the database."""
    html = render_to_string(
        "errors/503.html",
        {"was_write": request.method not in {"GET", "HEAD", "OPTIONS"}},
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # Never cache an outage page.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database is unreachable.

    With ATOMIC_REQUESTS the view's transaction has already been rolled back when the
    exception gets here, so the page can say the change was not saved. Each worker's
    connection is checked before reuse (CONN_HEALTH_CHECKS), so requests succeed again as
    soon as the database is back, without restarting anything.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE_ERRORS):
            logger.warning(
                "Database unavailable during %s %s: %s", request.method, request.path, exception
            )
            return unavailable_response(request)
        return None


def server_error(request):
    """handler500: the same 503 page when a middleware (not a view) met the outage."""
    exception = sys.exc_info()[1]
    if isinstance(exception, UNAVAILABLE_ERRORS):
        return unavailable_response(request)
    html = render_to_string("errors/500.html")
    return HttpResponse(html, status=500)


class PrivateCacheMiddleware:
    """Nothing a signed-in user is shown is kept by a shared cache or the browser's disk.

    The office's machines are shared: a page of records (the Monitoring Officer's
    complaint page among them) or a download must not be there for the next person to
    find. Every response to a signed-in user gets ``Cache-Control: private, no-store``,
    unless the view already said ``no-store`` itself (downloads do; the health check says
    ``no-cache, no-store``). Static files never get here: WhiteNoise answers them first,
    with their far-future cache, and they name no record.
    """

    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        if "no-store" in response.get("Cache-Control", ""):
            return response
        response["Cache-Control"] = self.VALUE
        return response
