"""Imports with a record, from the browser or the command line: the file is kept, a dry run
shows what it would do (the preview), and only a confirmation writes, in one transaction.

    record = import_start(content=..., original_name=..., user=..., committee=...)
    # record.state: previewed (record.plan: what it would do) or refused (record.error)
    import_apply(record=record, digest=record.plan_digest)  # or import_cancel(record=record)

Confirming runs the same import for real against the stored file; if the records changed
since the preview so that it would now do something else, nothing is written and the new
plan is kept for the officer to look at again (``ImportPlanChanged``).
"""

import hashlib
import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone

from meetings.models import Committee
from papers.import_models import ImportRecord
from papers.importing.cells import PaperParseError
from papers.importing.filetypes import SUFFIXES, sniff_file_type
from papers.importing.services import paper_import
from papers.importing.writing import ImportReport

# Refusals an import can end in: the file is unreadable (naming the line and what it
# expected), or the records it describes cannot be stored.
REFUSALS = (PaperParseError, ValidationError, DatabaseError)


class ImportPlanChanged(Exception):
    """The records changed since the preview: the import would now do something else."""


class ImportNotPending(Exception):
    """The import was applied, cancelled or refused already."""


def plan_of(report: ImportReport) -> dict:
    """What the preview shows, as stored with the record (JSON)."""
    return {
        "kind": report.kind,
        "created": {what: n for what, n in report.created.items() if n},
        "updated": {what: n for what, n in report.updated.items() if n},
        "meetings": [
            {
                "date": group.date.isoformat() if group.date else "",
                "committee": group.committee,
                "actions": [
                    {
                        "outcome": a.outcome,
                        "where": a.where,
                        "text": a.text,
                        "status": a.status,
                        "changes": [list(change) for change in a.changes],
                    }
                    for a in group.actions
                ],
            }
            for group in report.outcomes
        ],
        # What else it writes (a response paper's recommendations, say), one line each.
        "lines": [line for line in report.meetings if not line.startswith(" ")],
        "warnings": list(report.warnings),
        "unplaced": [{"line": u.line, "text": u.text, "where": u.where} for u in report.unplaced],
    }


def digest_of(plan: dict) -> str:
    return hashlib.sha256(json.dumps(plan, sort_keys=True).encode()).hexdigest()


def counts_of(report: ImportReport) -> dict:
    return {
        "actions": dict(report.action_counts),
        "created": {what: n for what, n in report.created.items() if n},
        "updated": {what: n for what, n in report.updated.items() if n},
    }


def refusal_of(error: Exception) -> dict:
    """A refusal as the page shows it: the line, the cell or field, what was expected."""
    if isinstance(error, PaperParseError):
        return {
            "line": error.line,
            "cell": getattr(error, "cell", None) or getattr(error, "field", None) or "",
            "expected": error.expected,
            "found": error.found,
            "message": " ".join(str(error).split()),
        }
    if isinstance(error, ValidationError):
        return {"message": "; ".join(error.messages)}
    return {"message": (str(error).strip().splitlines() or [type(error).__name__])[0]}


@contextmanager
def local_path(record: ImportRecord):
    """The stored file as a path the importer can open (a copy if the storage has none)."""
    try:
        path = Path(record.file.path)
    except NotImplementedError:
        path = None
    if path is not None:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="import-") as folder:
        copy = Path(folder) / Path(record.file.name).name
        with record.file.open("rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target)
        yield copy


def _run(record: ImportRecord, *, dry_run: bool, user=None, read=None) -> ImportReport:
    with local_path(record) as path:
        return paper_import(
            read=read,
            path=path,
            committee_slug=record.committee_slug or None,
            dry_run=dry_run,
            imported_from=record.original_name,
            history_reason=record.history_reason,
            history_user=user,
        )


def _refuse(record: ImportRecord, error: Exception) -> ImportRecord:
    refusal = refusal_of(error)
    record.state = ImportRecord.State.REFUSED
    record.error = refusal["message"]
    record.plan = {"refusal": refusal}
    record.plan_digest = ""
    record.finished_at = timezone.now()
    record.save()
    return record


def import_start(
    *,
    content: bytes,
    original_name: str,
    user=None,
    committee=None,
    committee_slug: str = "",
    via: str = ImportRecord.Via.BROWSER,
    dry_run: bool = True,
    max_bytes: int | None = -1,
    read: tuple[str, str, object] | None = None,
) -> ImportRecord:
    """Keep the file with a new import record and preview it (or, with ``dry_run`` False,
    import it at once, as the command line does). A file of a type the importer does not
    read, or larger than ``max_bytes`` (default: the upload limit; None: any size), is
    refused by ValidationError before anything is kept. ``read``: the file as read already
    (``read_file``), so a file that cannot be read is refused before any record is made.
    The import's report is on ``record.report`` (unless refused)."""
    file_type = sniff_file_type(content, original_name, max_bytes=max_bytes)
    if committee is not None:
        committee_slug = committee.slug
    elif committee_slug:
        committee = Committee.objects.filter(slug=committee_slug).first()
    record = ImportRecord(
        original_name=original_name[:255],
        file_type=file_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
        via=via,
        committee=committee,
        committee_slug=committee_slug,
    )
    record.file.save(f"import.{SUFFIXES[file_type]}", ContentFile(content), save=False)
    record.save()
    if dry_run:
        return import_preview(record=record, read=read)
    return _apply_now(record, user, read)


def import_preview(*, record: ImportRecord, read=None) -> ImportRecord:
    """Run the import as a dry run (it rolls back) and keep what it would do."""
    try:
        report = _run(record, dry_run=True, read=read)
    except REFUSALS as error:
        return _refuse(record, error)
    record.kind = report.kind
    record.plan = plan_of(report)
    record.plan_digest = digest_of(record.plan)
    record.counts = counts_of(report)
    record.unplaced = record.plan["unplaced"]
    record.save()
    record.report = report
    return record


def import_apply(*, record: ImportRecord, digest: str, user=None) -> ImportRecord:
    """Apply a previewed import in one transaction. Refused (ImportPlanChanged, nothing
    written, the new plan kept) when it would now do other than the preview with ``digest``
    showed; ImportNotPending when it is no longer waiting."""
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().get(pk=record.pk)
        if record.state != ImportRecord.State.PREVIEWED:
            raise ImportNotPending(record.get_state_display())
        try:
            with transaction.atomic():
                report = _run(record, dry_run=False, user=user)
                plan = plan_of(report)
                if digest_of(plan) != digest or digest != record.plan_digest:
                    raise ImportPlanChanged
        except ImportPlanChanged:
            pass  # rolled back; planned again below, outside the savepoint
        except REFUSALS as error:
            return _refuse(record, error)
        else:
            return _applied(record, report, plan)
    import_preview(record=record)
    raise ImportPlanChanged


def _apply_now(record: ImportRecord, user, read) -> ImportRecord:
    """The command line's import: no preview, applied at once (or refused)."""
    try:
        with transaction.atomic():
            report = _run(record, dry_run=False, user=user, read=read)
            return _applied(record, report, plan_of(report))
    except REFUSALS as error:
        _refuse(record, error)
        raise


def _applied(record: ImportRecord, report: ImportReport, plan: dict) -> ImportRecord:
    record.kind = report.kind
    record.plan = plan
    record.plan_digest = digest_of(plan)
    record.counts = counts_of(report)
    record.unplaced = plan["unplaced"]
    record.state = ImportRecord.State.APPLIED
    record.finished_at = timezone.now()
    record.save()
    record.report = report
    return record


def import_cancel(*, record: ImportRecord) -> ImportRecord:
    """Nothing is written; the uploaded file is removed, the record kept as cancelled."""
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().get(pk=record.pk)
        if record.state != ImportRecord.State.PREVIEWED:
            raise ImportNotPending(record.get_state_display())
        name = record.file.name
        record.state = ImportRecord.State.CANCELLED
        record.finished_at = timezone.now()
        record.file = ""
        record.save()
        if name:
            storage = ImportRecord._meta.get_field("file").storage
            transaction.on_commit(lambda: storage.delete(name))
    return record
