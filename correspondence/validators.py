"""Checks on uploaded letters: a real, readable PDF within the size limit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDF_MAGIC = b"%PDF-"


def validate_letter_pdf(upload) -> None:
    """Refuse anything but a readable PDF no larger than CORRESPONDENCE_MAX_UPLOAD_BYTES."""
    limit = settings.CORRESPONDENCE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The letter must be smaller than {filesizeformat(limit)}; "
            f"this file is {filesizeformat(upload.size)}.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            "The letter must be a PDF file; this file is not a PDF.", code="not_pdf"
        )
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                "The letter is password-protected; upload a copy without a password.",
                code="encrypted",
            )
        pages = len(reader.pages)
        if pages:
            reader.pages[0].extract_text()
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ValidationError(
            "The letter could not be read as a PDF; it may be damaged. Save it again as PDF "
            "and upload it once more.",
            code="malformed",
        ) from error
    finally:
        upload.seek(0)
    if not pages:
        raise ValidationError("The letter PDF has no pages.", code="empty")
