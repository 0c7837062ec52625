"""The PDF path: tagged, titled, and fetching nothing but our static files."""

import subprocess

import pytest

from actiontracker.pdf import html_to_pdf
from tests.http_trap import http_trap

pytestmark = pytest.mark.django_db


def pdfinfo(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_pdf_is_tagged_and_carries_title_author_and_language(tmp_path):
    html = (
        '<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        '<title>Summary List of Actions</title><meta name="author" content="Secretariat">'
        "</head><body><p>Text</p></body></html>"
    )
    info = pdfinfo(html_to_pdf(html), tmp_path)
    assert "Title:           Summary List of Actions" in info
    assert "Author:          Secretariat" in info
    assert "Tagged:          yes" in info


def test_pdf_fetches_nothing_outside_our_static_files(tmp_path):
    with http_trap() as (port, hits):
        html = (
            f'<html><body><img src="http://127.0.0.1:{port}/leak.png">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            '<img src="file:///etc/passwd"><p>safe</p></body></html>'
        )
        pdf = html_to_pdf(html)
    assert hits == []
    assert pdf.startswith(b"%PDF")
