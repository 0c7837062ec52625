"""The PDFs print each payload as text and fetch nothing it names."""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from correspondence.chaser_letters import chaser_letter_text
from papers.annex import annex_html
from papers.models import Paper
from papers.render import summary_html
from papers.response import response_html
from tests.escaping.world import (
    CODES,
    CONFIDENTIAL,
    RAW_MARKUP,
    codes_in,
)

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text in drawing order with all white space removed, so that a payload
    wrapped over lines or table cells still reads as one string."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", result.stdout)


def blank_status_texts(paper: Paper) -> Paper:
    """Without its own status texts the paper words the complaints and Transparency
    Procedure rows from the registers' records."""
    paper.complaints_status_text = paper.transparency_status_text = ""
    paper.save()
    return paper


PDFS = {
    # name: (HTML the PDF is made from, the PDF download)
    "summary paper": (
        lambda w: summary_html(w["paper"].meeting),
        lambda w: reverse("paper-pdf", args=[w["paper"].pk]),
    ),
    "summary paper with the registers' rows": (
        lambda w: summary_html(blank_status_texts(w["paper"]).meeting),
        lambda w: reverse("paper-pdf", args=[w["paper"].pk]),
    ),
    "annex A": (
        lambda w: annex_html(w["meeting"]),
        lambda w: reverse("board-annex", args=[w["meeting"].pk]) + "?format=pdf",
    ),
    "response paper": (
        lambda w: response_html(w["report"].response_meeting),
        lambda w: reverse("report-response-paper", args=[w["report"].pk]) + "?format=pdf",
    ),
    "chaser letter": (
        lambda w: chaser_letter_text(w["chaser"], timezone.localdate()).html,
        lambda w: reverse("chaser-letter-pdf", args=[w["chaser"].pk]),
    ),
}


@pytest.mark.parametrize("name", PDFS)
def test_pdfs_print_the_payloads_and_fetch_nothing(officer_client, world, trap, tmp_path, name):
    w = world["world"]
    html_of, url_of = PDFS[name]
    html = html_of(world)
    assert RAW_MARKUP.search(html) is None
    shown = {code for code in codes_in(html) if escape(w.payloads[code]) in html}
    assert len(shown) >= 5, f"{name} shows too few user fields: {shown}"
    if "registers" in name:
        for field in (
            "correspondence.Complaint.public_summary",
            "correspondence.TransparencyDisclosure.member",
            "correspondence.TransparencyDisclosure.with_whom",
            "correspondence.TransparencyDisclosure.details",
        ):
            assert CODES[field] in shown, f"{name} lacks {field}"
    if name == "chaser letter":
        # Addressed to the organisation's contact, at their postal address.
        for field in (
            "meetings.Contact.name",
            "meetings.Contact.postal_address",
            "meetings.Organisation.name",
            "actions.Action.intro",
        ):
            assert CODES[field] in shown, f"{name} lacks {field}"
    trap[1].clear()
    response = officer_client.get(url_of(world))
    assert response["Content-Type"] == "application/pdf"
    assert trap[1] == [], f"rendering {name} fetched {trap[1]}"
    text = pdf_text(response.content, tmp_path)
    missing = [code for code in shown if re.sub(r"\s+", "", w.payloads[code]) not in text]
    assert not missing, f"{name} PDF lacks the visible text of {missing}"
    assert CODES[CONFIDENTIAL] not in text
