"""A paper ready to publish: DRAFT on every page of a draft (never on a published paper),
section 4 in good English and editable per letter, appendix dates that say what they are,
and an agenda pack numbered once per page."""

import datetime as dt
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action
from actiontracker.pdf import html_to_pdf
from correspondence.models import Correspondence
from papers.models import Paper
from papers.pack import render_agenda_pack
from papers.render import render_paper_html, render_paper_pdf
from papers.section_four import paragraph, paragraph_text
from papers.services import PaperPublished, paper_create, paper_publish, paper_update
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    MeetingFactory,
)
from tests.pdf_helpers import pdftotext

pytestmark = pytest.mark.django_db

GENERATED = (
    "On 30 September 2026, the Deputy Mayor for Policing and Crime wrote to the Chair of the "
    "Police and Crime Committee about “Response to the Committee's report, Policing the "
    "night-time economy”. A copy of the letter, received on 1 October 2026, is attached at "
    "Appendix 1."
)


@pytest.fixture
def paper():
    """A draft of three pages or more, with one reply from MOPAC in section 4."""
    committee = CommitteeFactory(name="Police and Crime Committee")
    earlier = MeetingFactory(committee=committee, date=dt.date(2026, 9, 16))
    for n in range(30):
        ActionFactory(
            agenda_item=AgendaItemFactory(meeting=earlier, title=f"Item {n}"),
            intro=f"Provide the figures for borough {n}. " * 6,
            status=Action.Status.ONGOING,
        )
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2026, 12, 9)))
    reply = CorrespondenceFactory(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2026, 9, 30),
        received_on=dt.date(2026, 10, 1),
        sender="Deputy Mayor for Policing and Crime",
        recipient="Chair of the Police and Crime Committee",
        subject="Response to the Committee's report, Policing the night-time economy,",
    )
    return paper_update(paper=paper, data={}, letters=[reply], section_four=[reply])


def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return pdftotext(pdf, tmp_path).split("\f")[:count]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def form_data(response) -> dict:
    """What the edit page's form would send unchanged."""
    form = response.context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: "" if value is None else value for name, value in values.items()}


def test_draft_says_draft_on_every_page_and_published_never(officer_client, paper, tmp_path):
    detail = reverse("paper-detail", args=[paper.pk])
    html = officer_client.get(detail).content.decode()
    assert re.search(r'class="paper-watermark">DRAFT', html)
    pages = pdf_pages(officer_client.get(reverse("paper-pdf", args=[paper.pk])).content, tmp_path)
    assert len(pages) >= 3
    assert all("DRAFT" in page for page in pages)

    paper_publish(paper=paper, on=dt.date(2026, 12, 1))
    paper.refresh_from_db()
    assert "DRAFT" not in paper.published_html
    assert "paper-watermark" not in officer_client.get(detail).content.decode()
    stored = bytes(paper.pdf)
    assert officer_client.get(reverse("paper-pdf", args=[paper.pk])).content == stored
    pages = pdf_pages(stored, tmp_path)
    assert len(pages) >= 3 and not any("DRAFT" in page for page in pages)
    # Rendered again from the records, a published paper says no DRAFT either.
    assert "DRAFT" not in render_paper_html(Paper.objects.get(pk=paper.pk))


def test_section_four_in_good_english(paper, tmp_path):
    text = flat(pdftotext(render_paper_pdf(paper), tmp_path))
    assert "4.1 " + GENERATED in text
    assert "Deputy Mayor for Policing and Crime wrote" not in text.replace("the Deputy", "")

    letter = CorrespondenceFactory(
        date=dt.date(2026, 10, 20),
        sender="Baroness Casey",
        recipient="Sophie Linden",
        subject="Culture review follow-up.",
    )
    assert paragraph_text(paragraph(letter, 2)) == (
        "On 20 October 2026, Baroness Casey wrote to Sophie Linden about “Culture review "
        "follow-up”. A copy of the letter is attached at Appendix 2."
    )
    letter.summary = "The Director sent the briefing the Committee requested."
    assert paragraph_text(paragraph(letter, 3)) == (
        "On 20 October 2026, the Director sent the briefing the Committee requested, a copy "
        "of the letter is attached at Appendix 3."
    )
    letter.summary = ""
    letter.sender, letter.recipient = "The Mayor of London", "Commissioner of Police"
    assert paragraph_text(paragraph(letter, 2)).startswith(
        "On 20 October 2026, the Mayor of London wrote to the Commissioner of Police about"
    )


def test_officer_edits_a_paragraph_until_published(officer_client, paper, tmp_path):
    edit = reverse("paper-edit", args=[paper.pk])
    form = officer_client.get(edit)
    reply = paper.letters.get().correspondence
    name = f"paragraph_{reply.pk}"
    assert flat(form.context["form"][name].value()) == GENERATED

    # Saved unchanged, the paragraph stays generated (it follows the letter's record).
    assert officer_client.post(edit, form_data(form)).status_code == 302
    assert paper.letters.get().paragraph_text == ""

    data = form_data(form)
    data[name] = "On 1 October 2026, the Deputy Mayor replied to the Committee's report."
    assert officer_client.post(edit, data).status_code == 302
    edited = (
        "On 1 October 2026, the Deputy Mayor replied to the Committee's report. "
        "A copy of the letter is attached at Appendix 1."
    )
    html = flat(officer_client.get(reverse("paper-detail", args=[paper.pk])).content.decode())
    assert edited.replace("'", "&#x27;").replace("Appendix 1", "<strong>Appendix 1</strong>") in (
        html
    )
    assert "about “Response" not in html
    pdf = officer_client.get(reverse("paper-pdf", args=[paper.pk])).content
    text = flat(pdftotext(pdf, tmp_path))
    assert "4.1 " + edited in text and GENERATED not in text

    paper_publish(paper=paper, on=dt.date(2026, 12, 1))
    data[name] = "Something else."
    refused = officer_client.post(edit, data)
    assert refused.status_code == 302
    follow = officer_client.get(refused["Location"]).content.decode()
    assert "published and can no longer be edited" in follow
    with pytest.raises(PaperPublished):
        paper_update(paper=paper, data={}, paragraphs={reply.pk: "Something else."})
    assert paper.letters.get().paragraph_text.startswith("On 1 October 2026, the Deputy Mayor")


def test_appendix_line_says_dated_and_received(paper, tmp_path):
    text = flat(pdftotext(render_paper_pdf(paper), tmp_path))
    assert (
        "Appendix 1 – Correspondence from Deputy Mayor for Policing and Crime, dated "
        "30 September 2026, received 1 October 2026" in text
    )
    # A reply received the day it is dated gives that day once.
    letter = paper.letters.get().correspondence
    Correspondence.objects.filter(pk=letter.pk).update(received_on=letter.date)
    text = flat(pdftotext(render_paper_pdf(paper), tmp_path))
    assert re.search(r"Crime, dated 30 September 2026(?!, received)", text)
    assert "received 30 September" not in text


def test_agenda_pack_numbers_each_page_once(paper, tmp_path):
    reply = paper.letters.get().correspondence
    body = "".join(f'<p style="break-after: page">Reply page {n}</p>' for n in range(2))
    reply.file.save("reply.pdf", ContentFile(html_to_pdf(f"<html><body>{body}</body></html>")))
    pack = render_agenda_pack(paper)
    pages = pdf_pages(pack, tmp_path)
    total = len(pages)
    assert total >= 5
    # pdftotext leaves out text drawn past the page's edge; pypdf reads every text drawn,
    # so a second number clipped at the bottom edge is caught too.
    drawn = [page.extract_text() for page in PdfReader(io.BytesIO(pack)).pages]
    for number, (page, every) in enumerate(zip(pages, drawn, strict=True), start=1):
        assert re.findall(r"Page \d+ of \d+", page) == [f"Page {number} of {total}"]
        assert re.findall(r"Page \d+ of \d+", every) == [f"Page {number} of {total}"]
    # The draft's own pages say DRAFT; the letters are as they were sent.
    assert "DRAFT" in pages[0] and "DRAFT" not in pages[-1]
