"""HTML to PDF, the one path every paper and printable page takes.

``html_to_pdf`` hands the document to the renderer ``settings.PDF_RENDERER`` names, as
Django's mail goes through ``EMAIL_BACKEND``: WeasyPrint (``weasyprint_pdf``) unless a
deployment names another.

WeasyPrint is given a fetcher that serves only the project's own static files: anything
else a document refers to (``file://``, ``http://…``, other hosts) is refused, so user text
that slips an ``<img src=…>`` into a paper can never make the server fetch it.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.module_loading import import_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this base: "/static/…" links become BASE_URL + "static/…".
BASE_URL = "https://actiontracker.invalid/"
PDF_VARIANT = "pdf/ua-1"


class FetchRefused(ValueError):
    """A document asked for something other than the project's static files."""


def static_file_path(url: str) -> Path | None:
    """The file on disk behind one of our static URLs, or None."""
    prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    relative = url[len(prefix) :].split("?", 1)[0].split("#", 1)[0]
    if not relative or ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    candidate = Path(settings.STATIC_ROOT) / relative
    return candidate if candidate.is_file() else None


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files and refuses every other URL."""

    def __init__(self):
        super().__init__(allowed_protocols=["https"], allow_redirects=False)

    def fetch(self, url, headers=None):
        path = static_file_path(url)
        if path is None:
            raise FetchRefused(f"Refused to fetch {url!r}: only the project's static files.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF with the renderer ``settings.PDF_RENDERER`` names
    (read on every call, so a changed setting takes effect at once)."""
    return import_string(settings.PDF_RENDERER)(html)


def weasyprint_pdf(html: str) -> bytes:
    """Render an HTML document to a tagged PDF (PDF/UA-1) with WeasyPrint.

    Title, author and language come from the document's ``<title>``,
    ``<meta name="author">`` and ``<html lang>``.
    """
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)
