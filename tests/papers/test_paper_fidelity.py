"""Seed paper 000 rebuilt from records: the PDF's text says what the seed says."""

import re
import subprocess

import pytest

from papers.render import render_paper_pdf
from tests.import_papers import seed_path
from tests.seed_paper_000 import build_seed_paper_000

pytestmark = pytest.mark.django_db


HEADING = "Actions Arising from the Meeting Held on "


def clean(text: str) -> str:
    """Cell text without leftover HTML, bold marks or any whitespace (line breaks differ)."""
    text = re.sub(r"<[^>]+>", " ", text).replace("**", "")
    return re.sub(r"\s+", "", text)


def parse_seed(text: str):
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith(HEADING):
            current = (line[len(HEADING) :].strip(), [])
            blocks.append(current)
        elif line.startswith("Complaints about"):
            current = None
        elif current and "\t" in line and not line.startswith("Item No"):
            cells = line.split("\t")
            current[1].append((clean(cells[2]), clean(cells[4])))
    standing = [line.split("\t") for line in text.splitlines() if line.startswith("<p>")]
    paragraph = next(line for line in text.splitlines() if line.startswith("- 4.1 "))
    appendices = [line for line in text.splitlines() if line.startswith("Appendix ")]
    return blocks, standing, clean(paragraph[len("- 4.1 ") :]), appendices


def in_order(haystack: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def test_pdf_of_seed_records_matches_the_seed(tmp_path):
    blocks, standing, paragraph, appendices = parse_seed(seed_path("000").read_text())
    assert len(blocks) == 9 and len(standing) == 2 and len(appendices) == 3

    pdf_path = tmp_path / "paper.pdf"
    pdf_path.write_bytes(render_paper_pdf(build_seed_paper_000()))
    # -raw keeps each table cell together (content order), as the seed extraction did.
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout

    # The same meetings, in the same order.
    assert re.findall(HEADING + r"(\d+ \w+ \d{4})", text) == [date for date, _ in blocks]

    flat = clean(text)
    segments = re.split(re.escape(clean(HEADING)), flat)[1:]
    for (date, rows), segment in zip(blocks, segments, strict=True):
        # The same rows: responsible person then status, row after row, and no others.
        needles = [part for row in rows for part in row]
        assert in_order(segment, needles), f"rows of the meeting of {date} differ from the seed"
        statuses = len(re.findall(r"(Ongoing|Completed|Closed)\.", segment))
        assert statuses == len(rows), f"{date}: {statuses} rows, the seed has {len(rows)}"

    # The standing rows: subject, delegation text, status, responsible person, deadline.
    for cells in standing:
        assert in_order(flat, [clean(cell) for cell in cells])
    assert clean("No disclosures to report for the period from 9 March to 9 May 2023.") in flat

    assert clean("4.1") + paragraph in flat
    assert in_order(flat, [clean(line) for line in appendices])
    # The list names exactly three appendices.
    assert len(re.findall(r"^Appendix \d+ – ", text, re.MULTILINE)) == 3
