"""Writing an imported paper into the database, in one transaction."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from actiontracker.cleaninput import strip_control_characters
from papers.importing.annex import looks_like_annex, parse_annex
from papers.importing.freezing import freeze_imported
from papers.importing.history import import_history
from papers.importing.logs import looks_like_paper, read_log
from papers.importing.report import looks_like_report, parse_report
from papers.importing.sources import read_source
from papers.importing.summary import parse_summary
from papers.importing.write_log import LogWriter
from papers.importing.write_other import AnnexAndResponseWriter
from papers.importing.write_summary import SummaryWriter
from papers.importing.writing import ImportReport, record_error

__all__ = ["ImportReport", "paper_import", "read_paper"]


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf" or path.read_bytes()[:5] == b"%PDF-"


def read_text(path: Path) -> str:
    """The paper's text (a PDF's extracted), without control characters.

    They are stripped, not refused: a PDF's extracted text or a Word export carries stray
    ones (a form feed between pages, a NUL in a damaged font) that the reader never saw,
    and none may reach the database (PostgreSQL refuses a NUL, SQLite would keep it)."""
    source = read_source(path)  # Word, Excel, CSV: their rows as tab-separated lines
    if source is not None:
        return strip_control_characters(source.text)
    if is_pdf(path):
        from papers.importing.pdftext import pdf_to_text

        text = pdf_to_text(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252", errors="replace")
    return strip_control_characters(text)


def read_paper(path: Path, text: str | None = None) -> tuple[str, object]:
    """Parse the file (text, or PDF extracted to the same text) with the parser its
    content calls for."""
    text = read_text(path) if text is None else text
    if looks_like_annex(text):
        return "annex", parse_annex(text)
    if looks_like_report(text):
        return "response", parse_report(text)
    if not looks_like_paper(text):
        return "log", read_log(path, text)
    return "summary", parse_summary(text)


def read_file(path: Path) -> tuple[str, str, object]:
    """The file's text, the kind of paper or log it is, and what its parser made of it;
    PaperParseError (naming the line) if it cannot be read. Touches no database."""
    text = read_text(path)
    kind, parsed = read_paper(path, text)
    return text, kind, parsed


def paper_import(
    *,
    path: Path | str,
    committee_slug: str | None = None,
    dry_run: bool = False,
    imported_from: str | None = None,
    history_reason: str = "",
    history_user=None,
    read: tuple[str, str, object] | None = None,
) -> ImportReport:
    """Import a previous paper (text or PDF) into the database; a dry run rolls back.

    The paper is published as it was: its copy (the PDF given, or one made from the
    records as imported) is stored, so later edits of its actions do not change it.
    ``imported_from`` names the file on the paper (default: the path's name);
    ``history_reason`` (and ``history_user``) go on every history record it writes;
    ``read`` is the file as read already (text, kind, parsed: see ``read_file``)."""
    path = Path(path)
    text, kind, parsed = read_file(path) if read is None else read
    report = ImportReport(path=str(path), kind=kind, dry_run=dry_run)
    # What the parser could not place, and what it warns of, shown before anything is written.
    report.unplaced += getattr(parsed, "unplaced", None) or []
    for message in getattr(parsed, "warnings", None) or []:
        report.warn(message)
    writer = _Writer(report=report, imported_from=(imported_from or path.name)[:300])
    try:
        with import_history(history_reason, history_user), transaction.atomic():
            if kind == "annex":
                writer.annex(parsed, committee_slug)
            elif kind == "response":
                writer.response(parsed, committee_slug)
            elif kind == "log":
                writer.log(parsed, committee_slug)
            else:
                writer.summary(parsed, committee_slug)
            freeze_imported(writer.papers, source_pdf=path.read_bytes() if is_pdf(path) else None)
            for what, n in writer.directory.created.items():
                report.created[what] += n
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except (ValidationError, DatabaseError) as error:
        if isinstance(error, ValidationError) and not hasattr(error, "error_dict"):
            raise  # a refusal of the whole paper, such as one already published, says why
        # A field of a record no writer placed on a line: named by the line holding its value.
        raise record_error(error, text=text) from error
    return report


class _Writer(SummaryWriter, AnnexAndResponseWriter, LogWriter):
    """Writes any kind of paper."""
