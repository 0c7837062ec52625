"""The PDF path: tagged, titled, and fetching nothing but our static files."""

import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from actiontracker.pdf import html_to_pdf

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
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        html = (
            f'<html><body><img src="http://127.0.0.1:{port}/leak.png">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            '<img src="file:///etc/passwd"><p>safe</p></body></html>'
        )
        pdf = html_to_pdf(html)
    finally:
        server.shutdown()
    assert hits == []
    assert pdf.startswith(b"%PDF")
