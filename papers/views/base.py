"""What the paper views share."""

from django.http import HttpResponse

from actiontracker.downloads import file_response
from actiontracker.pdf import html_to_pdf


def preview_or_pdf(request, html: str, name: str) -> HttpResponse:
    """A printable document: its HTML as a preview, or with ``?format=pdf`` the PDF as a
    download named ``name``.pdf."""
    if request.GET.get("format") != "pdf":
        return HttpResponse(html)
    return file_response(html_to_pdf(html), filename=f"{name}.pdf", content_type="application/pdf")
