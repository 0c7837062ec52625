"""Annex A and the response-to-report paper say DRAFT on their preview and on every page
of their PDF until their paper is published, and never after."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from papers.models import Paper
from tests.pdf_helpers import pdftotext
from tests.seed_letter_002 import create_seed_002
from tests.seed_report_003 import create_seed_003

pytestmark = pytest.mark.django_db


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return pdftotext(pdf, tmp_path).split("\f")[:count]


def assert_draft(client, url, tmp_path, *, min_pages):
    assert 'class="paper-watermark">DRAFT' in client.get(url).content.decode()
    pages = pdf_pages(client.get(url, {"format": "pdf"}).content, tmp_path)
    assert len(pages) >= min_pages
    assert all("DRAFT" in page for page in pages), [p[:80] for p in pages]


def assert_not_draft(client, url, tmp_path):
    assert "paper-watermark" not in client.get(url).content.decode()
    pages = pdf_pages(client.get(url, {"format": "pdf"}).content, tmp_path)
    assert pages and not any("DRAFT" in page for page in pages)


def test_annex_a_is_marked_draft_until_its_paper_is_published(member_client, tmp_path):
    meeting = create_seed_002()
    url = reverse("board-annex", args=[meeting.pk])
    assert_draft(member_client, url, tmp_path, min_pages=2)
    # A draft Annex A paper is still a draft.
    paper = Paper.objects.create(meeting=meeting, kind=Paper.Kind.ANNEX, subject="Annex A")
    assert_draft(member_client, url, tmp_path, min_pages=2)

    Paper.objects.filter(pk=paper.pk).update(status=Paper.Status.PUBLISHED)
    assert_not_draft(member_client, url, tmp_path)


def test_response_paper_is_marked_draft_until_published(member_client, tmp_path):
    report = create_seed_003()
    url = reverse("report-response-paper", args=[report.pk])
    # No response paper yet: the preview is worded from the report alone, a draft.
    assert_draft(member_client, url, tmp_path, min_pages=2)
    paper = Paper.objects.create(
        meeting=report.response_meeting,
        kind=Paper.Kind.RESPONSE,
        subject="Response",
        committee_report=report,
    )
    assert_draft(member_client, url, tmp_path, min_pages=2)

    Paper.objects.filter(pk=paper.pk).update(status=Paper.Status.PUBLISHED)
    assert_not_draft(member_client, url, tmp_path)
