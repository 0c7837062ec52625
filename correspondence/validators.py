"""Checks on uploaded letters: a real, readable PDF within the size limit (the checks live
in actiontracker/uploads.py, so the response portal below this app shares them)."""

from actiontracker.uploads import PDF_MAGIC, validate_pdf_upload

__all__ = ["PDF_MAGIC", "validate_letter_pdf"]


def validate_letter_pdf(upload) -> None:
    """Refuse anything but a readable PDF no larger than CORRESPONDENCE_MAX_UPLOAD_BYTES."""
    validate_pdf_upload(upload, what="letter")
