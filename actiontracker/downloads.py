"""Every file the application hands out (exports, PDFs, uploaded letters) leaves through
``file_response``, so each one carries the same headers:

- ``Content-Disposition: attachment`` with a name that cannot break the header (RFC 6266:
  an ASCII ``filename`` every browser reads, and ``filename*`` in UTF-8 when the name has
  other letters);
- the ``Content-Type`` given, and ``X-Content-Type-Options: nosniff`` so a browser never
  guesses another type from the bytes;
- ``Cache-Control: private, no-store``: a download is a copy of records only signed-in
  users may read, so no shared cache or browser disk keeps it.
"""

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

# Characters a file name may not carry into a header or a file system: control characters,
# quotes, backslashes, path separators and the few Windows refuses.
UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]+')


def attachment_header(filename: str) -> str:
    """``Content-Disposition`` for a download named ``filename`` (RFC 6266 and 5987)."""
    name = UNSAFE_IN_NAME.sub("-", filename).strip(" .-") or "download"
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    fallback = (_ascii(stem).strip(" .-") or "download") + dot + _ascii(suffix)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def _ascii(text: str) -> str:
    """The text's letters without their accents; others dropped ("Café –" -> "Cafe")."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(text.split())


def file_response(
    content: bytes | str | Iterable[bytes], *, filename: str, content_type: str
) -> HttpResponse | StreamingHttpResponse:
    """A download: bytes as they are, an open file read in blocks, or an iterator of byte
    chunks streamed as they are made (so an export never holds all its rows)."""
    if isinstance(content, bytes | bytearray | memoryview | str):
        response = HttpResponse(content, content_type=content_type)
    elif hasattr(content, "read"):
        # FileResponse reads the file in blocks, sends its length, and closes it.
        response = FileResponse(content, content_type=content_type)
    else:
        response = StreamingHttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
