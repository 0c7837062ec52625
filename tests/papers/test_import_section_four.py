"""Section 4 paragraphs that name no letter: kept verbatim as the paper's own section 4
text (before or after the letters, as the paper had them), shown escaped in its page and
PDF, editable on a draft, frozen once published, and carried by the backup."""

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from papers.importing.services import paper_import
from papers.models import Paper
from papers.render import render_paper_html, render_paper_pdf
from papers.services import PaperPublished, paper_create, paper_update
from tests.factories import CommitteeFactory, MeetingFactory
from tests.pdf_helpers import pdftotext

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "section_four"
OWN = (
    "The Chairman met the Commissioner informally on 3 April 2023 & asked for <the survey> "
    "before the next meeting; no letter was exchanged."
)
LATER = "The Mayor’s reply to the Committee’s letter of 2 March 2023 is still awaited."
NONE = "There is no additional correspondence to report."


def section_four(html: str) -> list[str]:
    """Section 4's numbered paragraphs as a reader sees them (tags dropped)."""
    part = html.split("4. Additional Correspondence", 1)[1].split("5. Legal Implications")[0]
    paragraphs = re.findall(r'paper-para__num">(4\.\d+)</span><p>(.*?)</p>', part, re.S)
    return [f"{n} {re.sub(r'<[^>]+>', '', text)}" for n, text in paragraphs]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_paragraph_naming_no_letter_is_the_imported_papers_section_4(tmp_path):
    report = paper_import(path=FIXTURES / "own_text.txt")
    assert [u.text for u in report.unplaced] == [OWN, LATER]  # still shown before importing
    paper = Paper.objects.get()
    # With no letter read, the paper's closing line is its own too, as it had it.
    noted = "The Committee is asked to note the correspondence sent."
    assert paper.additional_correspondence_intro == f"{OWN}\n\n{LATER}\n\n{noted}"
    assert paper.published_html  # frozen at import
    for html in (paper.published_html, render_paper_html(paper)):
        assert NONE not in html
        assert "&lt;the survey&gt;" in html and "<the survey>" not in html
        assert section_four(html) == [f"4.1 {escape(OWN)}", f"4.2 {escape(LATER)}", f"4.3 {noted}"]
    text = flat(pdftotext(render_paper_pdf(paper), tmp_path))
    assert f"4.1 {OWN}" in text and f"4.2 {LATER}" in text
    assert NONE not in text


def test_text_around_a_letter_keeps_its_place(tmp_path):
    report = paper_import(path=FIXTURES / "own_text_and_letter.txt")
    paper = Paper.objects.get()
    assert paper.additional_correspondence_intro == OWN
    assert paper.additional_correspondence_text == LATER
    shown = section_four(paper.published_html)
    assert [line[:4] for line in shown] == ["4.1 ", "4.2 ", "4.3 ", "4.4 "]
    assert shown[0].startswith("4.1 The Chairman met the Commissioner informally")
    assert shown[1].startswith("4.2 On 24 March 2023, the Chairman invited the Mayor")
    assert shown[2].startswith("4.3 The Mayor")
    assert shown[3] == "4.4 The Committee is asked to note the correspondence sent."
    # Imported again: the same texts, the published paper unchanged.
    again = paper_import(path=FIXTURES / "own_text_and_letter.txt")
    assert again.unplaced == report.unplaced
    assert Paper.objects.get().published_html == paper.published_html


def test_officers_edit_a_drafts_section_4_text_and_a_published_paper_refuses(officer_client):
    committee = CommitteeFactory()
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2026, 12, 9)))
    edit = reverse("paper-edit", args=[paper.pk])
    page = officer_client.get(edit)
    form = page.context["form"]
    names = list(form.fields)
    # Offered after the letters of section 4, before the contact officers.
    assert names.index("section_four") < names.index("additional_correspondence_intro")
    assert names.index("additional_correspondence_text") < names.index("contact_officers")
    data = {name: "" if form[name].value() is None else form[name].value() for name in names}
    data["additional_correspondence_text"] = "A meeting with <b>the Mayor</b> is arranged."
    data["version"] = paper.version
    response = officer_client.post(edit, data)
    assert response.status_code == 302
    html = officer_client.get(reverse("paper-detail", args=[paper.pk])).content.decode()
    assert section_four(html) == [f"4.1 {escape('A meeting with <b>the Mayor</b> is arranged.')}"]
    assert NONE not in html

    Paper.objects.filter(pk=paper.pk).update(status=Paper.Status.PUBLISHED)
    with pytest.raises(PaperPublished):
        paper_update(
            paper=Paper.objects.get(pk=paper.pk), data={"additional_correspondence_text": ""}
        )
    assert Paper.objects.get(pk=paper.pk).additional_correspondence_text.startswith("A meeting")


@pytest.mark.django_db(transaction=True)
def test_the_backup_carries_the_section_4_text(tmp_path):
    paper = paper_create(meeting=MeetingFactory(date=dt.date(2026, 12, 9)))
    paper_update(
        paper=paper,
        data={"additional_correspondence_intro": OWN, "additional_correspondence_text": LATER},
    )
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    with zipfile.ZipFile(archive) as z:
        records = json.loads(z.read("records.json"))
    (fields,) = [r["fields"] for r in records if r["model"] == "papers.paper"]
    assert fields["additional_correspondence_intro"] == OWN
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_all", str(archive))
    restored = Paper.objects.get(pk=paper.pk)
    assert (restored.additional_correspondence_intro, restored.additional_correspondence_text) == (
        OWN,
        LATER,
    )
