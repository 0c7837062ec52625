"""The agenda pack: paper then appendix letters, bookmarked, numbered continuously."""

import io
import re
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from actiontracker.pdf import html_to_pdf
from papers.pack import render_agenda_pack
from papers.services import paper_update
from tests.seed_paper_000 import build_seed_paper_000

pytestmark = pytest.mark.django_db


def letter_pdf(text: str, pages: int = 1) -> bytes:
    body = "".join(f'<p style="break-after: page">{text} page {n + 1}</p>' for n in range(pages))
    return html_to_pdf(f"<html><body>{body}</body></html>")


def test_agenda_pack_of_the_seed_paper(tmp_path, member_client):
    paper = build_seed_paper_000()
    letters = {pc.correspondence.sender: pc.correspondence for pc in paper.letters.all()}
    letters["Chief Executive, MOPAC"].file.save("x.pdf", ContentFile(letter_pdf("MOPAC reply", 2)))
    letters["Chairman of the Police and Crime Committee"].file.save(
        "y.pdf", ContentFile(letter_pdf("Letter to the Mayor"))
    )
    # The two MPS replies: one held, one not; the appendix keeps the one held.
    mps = [pc.correspondence for pc in paper.letters.all() if "MPS" in pc.correspondence.sender]
    mps[0].file.save("z.pdf", ContentFile(letter_pdf("MPS reply")))
    paper_update(paper=paper, data={})

    pack = render_agenda_pack(paper)
    reader = PdfReader(io.BytesIO(pack))
    total = len(reader.pages)
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == [
        "Summary List of Actions",
        "Appendix 1 – Responses from the MPS, received 2 & 9 May 2023",
        "Appendix 2 – Correspondence from Chief Executive, MOPAC, dated 4 May 2023",
        "Appendix 3 – Correspondence to the Mayor, dated 24 March 2023",
    ]
    path = tmp_path / "pack.pdf"
    path.write_bytes(pack)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:total]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    # Appendix order follows the paper: MPS, then MOPAC (two pages), then the Mayor.
    tail = "\n".join(pages[-4:])
    assert (
        tail.index("MPS reply")
        < tail.index("MOPAC reply page 1")
        < tail.index("MOPAC reply page 2")
        < tail.index("Letter to the Mayor")
    )
    # The paper's own pages carry only the pack's numbering, not the paper's own.
    assert total == 10
    assert not any(re.search(r"Page \d+ of 6\b", text) for text in pages)

    response = member_client.get(reverse("paper-agenda-pack", args=[paper.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="2023-05-24-agenda-pack.pdf"'

    out = tmp_path / "cmd.pdf"
    call_command(
        "render_report",
        "--committee",
        "police-and-crime-committee",
        "--meeting",
        "2023-05-24",
        "--agenda-pack",
        "-o",
        str(out),
    )
    assert len(PdfReader(str(out)).pages) == total
