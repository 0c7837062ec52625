"""The service's own pages for 400, 403 and 404, with its layout and navigation.

Django renders them through the handlers in the root URLs. In development (DEBUG) Django
shows its technical page for a 404 instead; ``ServiceNotFoundMiddleware`` puts the
service's page back, so what officers see while trying the app is what production shows.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render

PAGES = {
    400: (
        "Sorry, the request could not be understood",
        ["Go back and try again. If you followed a link, it may be damaged."],
    ),
    403: (
        "You do not have permission to see this page",
        [
            "Your account's role does not include this page. "
            "If you need it, ask the secretariat to change your role."
        ],
    ),
    404: (
        "Page not found",
        [
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
            "If the record was deleted, an officer can restore it from the deleted records.",
        ],
    ),
}


def error_page(request, status: int):
    heading, paragraphs = PAGES[status]
    if not hasattr(request, "user"):
        # Refused before the authentication middleware ran (a bad Host header, say).
        request.user = AnonymousUser()
    response = render(
        request, "errors/page.html", {"heading": heading, "paragraphs": paragraphs}, status=status
    )
    response.service_error_page = True
    return response


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


class ServiceNotFoundMiddleware:
    """In development, answer a 404 with the service's page instead of Django's technical
    one (production already does)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not getattr(response, "service_error_page", False)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return page_not_found(request)
        return response
