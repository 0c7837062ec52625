"""Back links that keep a register's filters: a link out of a register carries the
register's address (path and querystring) as ``back``; the page it opens links back to it.
Only an address on this site, under the register's own path, is followed."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def with_back(url: str, back: str) -> str:
    """``url`` carrying ``back`` (nothing added when there is none)."""
    if not back:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'back': back})}"


def back_to(request, url_name: str) -> str:
    """The register ``url_name`` as the user left it (its filters, sort and page), from the
    request's ``back``; the bare register when ``back`` is missing or leads elsewhere."""
    default = reverse(url_name)
    back = request.GET.get("back", "") if request is not None else ""
    if (
        back.startswith(default)
        and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and not back.startswith("//")
    ):
        return back
    return default
