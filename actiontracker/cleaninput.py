"""Control characters in text coming in through any door (forms, the paper importer, a
restored backup).

They never belong in the records: PostgreSQL refuses a NUL in text outright, a NUL stored
on SQLite breaks every later form and export of its record, and the others are invisible
in a page but end up in the CSV, the PDF and the XLSX. Tab, newline and carriage return
are text; vertical tab, form feed and next line (pasted from Word, or a page break in
extracted PDF text) become a space; every other C0 and C1 control and any lone surrogate
is removed.
"""

import re

from django.http import QueryDict

_SPACE_LIKE_RE = re.compile("[\x0b\x0c\x85]")
_CONTROL_RE = re.compile("[\x01-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def strip_control_characters(text: str, *, keep_nul: bool = False) -> str:
    """The text without control characters; with ``keep_nul`` a NUL stays, for a form
    field to refuse (Django's CharField says "Null characters are not allowed")."""
    text = _CONTROL_RE.sub("", _SPACE_LIKE_RE.sub(" ", text))
    return text if keep_nul else text.replace("\x00", "")


def _clean(value):
    if isinstance(value, str):
        return strip_control_characters(value, keep_nul=True)
    if isinstance(value, list | tuple):
        return [_clean(item) for item in value]
    return value


def clean_form_data(data):
    """A copy of a form's submitted data with control characters (but NUL) removed."""
    if isinstance(data, QueryDict):
        cleaned = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            cleaned.setlist(key, [_clean(value) for value in values])
        return cleaned
    return {key: _clean(value) for key, value in data.items()}


class CleanInputFormMixin:
    """A form whose text arrives without control characters: they are removed from the
    submitted data before any field reads it, so the model, the page shown again and the
    record all hold the same clean text. A NUL is left for the field to refuse."""

    def full_clean(self):
        if self.is_bound:
            self.data = clean_form_data(self.data)
        super().full_clean()
