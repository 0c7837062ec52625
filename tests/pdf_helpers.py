"""Small PDFs for upload tests, and the text of a rendered PDF as a reader sees it."""

import io
import subprocess

from pypdf import PdfWriter


def make_pdf(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, owner_password=password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdftotext(pdf: bytes, tmp_path, name: str = "out.pdf") -> str:
    """The PDF's text laid out as on the page (``pdftotext -layout``)."""
    path = tmp_path / name
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout
