"""Checks on uploaded PDFs: a real, readable PDF within the size limit. Letters in the
register and answers sent through the response portal pass the same checks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from pypdf import PdfReader
from pypdf.errors import PdfReadError

PDF_MAGIC = b"%PDF-"


def validate_pdf_upload(upload, *, what: str = "letter") -> None:
    """Refuse anything but a readable PDF no larger than CORRESPONDENCE_MAX_UPLOAD_BYTES;
    the messages call the file ``what`` ("letter", "reply")."""
    limit = settings.CORRESPONDENCE_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The {what} must be smaller than {filesizeformat(limit)}; "
            f"this file is {filesizeformat(upload.size)}.",
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            f"The {what} must be a PDF file; this file is not a PDF.", code="not_pdf"
        )
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                f"The {what} is password-protected; upload a copy without a password.",
                code="encrypted",
            )
        pages = len(reader.pages)
        if pages:
            reader.pages[0].extract_text()
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise ValidationError(
            f"The {what} could not be read as a PDF; it may be damaged. Save it again as PDF "
            "and upload it once more.",
            code="malformed",
        ) from error
    finally:
        upload.seek(0)
    if not pages:
        raise ValidationError(f"The {what} PDF has no pages.", code="empty")
