"""Annex A of a board meeting (seed 002), rendered to PDF and read back."""

import re

import pytest
from django.urls import reverse

from actiontracker.pdf import html_to_pdf
from papers.annex import annex_html
from papers.registry import RENDERERS
from tests.pdf_helpers import pdftotext
from tests.seed_letter_002 import ANNEX_ROWS, create_seed_002

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return create_seed_002()


def test_annex_pdf_has_every_row_in_number_order_with_timing_and_lead(meeting, tmp_path):
    text = pdftotext(html_to_pdf(annex_html(meeting)), tmp_path)
    assert "Annex A" in text
    assert re.search(r"No\.\s+Action\s+Timing\s+Lead", text)
    # Each row starts with its number and its first words, in order 1..15.
    positions = []
    for number, action, _timing, _leads in ANNEX_ROWS:
        first_words = " ".join(action.split()[:3])
        match = re.search(rf"^\s*{number}\s+{re.escape(first_words)}", text, re.MULTILINE)
        assert match, f"row {number} missing"
        positions.append(match.start())
    assert positions == sorted(positions)
    # Timing and Lead sit on the first line of their row.
    for number, start, timing, lead in [
        ("1", "MPS to complete", "October 2022", "MPS"),
        ("5", "The MPS undertook", "", "MPS"),
        ("9", "MPS to advise", "August/Sept 2022", "MPS"),
        ("11", "MPS to provide a paper", "December 2022", "MPS"),
        ("12", "MPS and MOPAC to work", "", "MPS and MOPAC"),
        ("14", "MPS undertook", "Completed", "MPS"),
    ]:
        pattern = rf"^\s*{number}\s+{start}.*\s{{2,}}{re.escape(timing)}\s+{lead}\s*$"
        assert re.search(pattern, text, re.MULTILINE), f"row {number}"
    assert "Page 1 of" in text


def test_annex_is_registered_for_render_report(meeting):
    assert RENDERERS["annex"](meeting) == annex_html(meeting)


def test_annex_escapes_user_text(meeting):
    action = meeting.items.get().actions.get(number="3")
    action.intro = '<img src="http://example.com/x.png"> Safe'
    action.save()
    html = annex_html(meeting)
    assert "&lt;img" in html and '<img src="http://example.com' not in html


def test_annex_query_count_is_fixed(meeting, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        annex_html(meeting)


def test_browser_preview_and_pdf_for_readers_only(client, member, meeting, tmp_path):
    url = reverse("board-annex", args=[meeting.pk])
    assert client.get(url).status_code == 302
    client.force_login(member)
    listing = client.get(reverse("board-meeting-list")).content.decode()
    assert "Performance and Risk Oversight Board" in listing
    assert "Annex A" in client.get(url).content.decode()
    response = client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Annex A" in pdftotext(response.content, tmp_path)
