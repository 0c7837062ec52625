"""What the paper views share."""

from django.http import HttpResponse
from django.shortcuts import render

from actiontracker.downloads import file_response
from actiontracker.pdf import html_to_pdf


def preview_or_pdf(request, html: str, name: str) -> HttpResponse:
    """A printable document: its HTML as a preview, or with ``?format=pdf`` the PDF as a
    download named ``name``.pdf."""
    if request.GET.get("format") != "pdf":
        return HttpResponse(html)
    return file_response(html_to_pdf(html), filename=f"{name}.pdf", content_type="application/pdf")


def document_preview(request, *, body_template: str, context: dict, **page) -> HttpResponse:
    """A printable document's preview inside the service's layout: the header and
    navigation, a back link (``back_url``, ``back_text``), its title and caption, and the
    link to its PDF (the same address with ``?format=pdf``)."""
    return render(
        request,
        "papers/document_preview.html",
        {**context, **page, "body_template": body_template, "pdf_url": "?format=pdf"},
    )
