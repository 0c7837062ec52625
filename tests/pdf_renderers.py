"""PDF renderers for tests, named in ``settings.PDF_RENDERER`` as the locmem mail backend
is named in ``EMAIL_BACKEND``: each keeps what it was asked to render in ``renderings``,
as the locmem backend keeps mail in ``django.core.mail.outbox``. The ``pdf_renderer``
fixture of conftest.py names one for a test and empties the list around it."""

from dataclasses import dataclass

from django.db import connection

from actiontracker.pdf import weasyprint_pdf

STAND_IN_PDF = b"%PDF-1.7\nstand-in paper\n%%EOF\n"


@dataclass
class Rendering:
    html: str
    # Whether the render ran inside a database transaction (which, on SQLite, holds the
    # write lock for as long as the render takes).
    in_transaction: bool


renderings: list[Rendering] = []


def _record(html: str) -> None:
    renderings.append(Rendering(html=html, in_transaction=connection.in_atomic_block))


def recording(html: str) -> bytes:
    """The real renderer (WeasyPrint), recorded."""
    _record(html)
    return weasyprint_pdf(html)


def stand_in(html: str) -> bytes:
    """A fast stand-in: records the document and returns a fixed small PDF."""
    _record(html)
    return STAND_IN_PDF


def missing_font(html: str) -> bytes:
    """A renderer that fails as a broken installation would."""
    _record(html)
    raise ValueError("the font is missing")
