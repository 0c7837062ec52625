"""Write and read the backup archive: records as JSON, uploaded files as they are.

The archive is a zip with ``manifest.json`` (format, counts, every member's SHA-256 and
size) signed in ``manifest.sig`` (see manifest.py), ``records.json`` (Django's
JSON serialization of every exported model, with natural keys for users, groups,
permissions and content types, which differ between databases) and ``media/…`` (every
file in the default storage that a record names: no orphan, no file a letter replaced).
Binary fields travel as base64, so a published paper's PDF comes back byte-identical.
The file is created owner-only (0600): it holds password hashes and confidential details.
"""

import datetime
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DataError, IntegrityError, connection, models, transaction
from simple_history.models import HistoricalChanges

from actions.models import Action
from actiontracker.cleaninput import strip_control_characters
from papers.backup.manifest import (
    UNREADABLE,
    BackupError,
    add_member,
    check_migrations,
    verify_archive,
    write_manifest,
)

# Rebuilt by migrate (content types, permissions), per-login or throwaway state (sessions,
# sign-in attempts, background tasks and the PDFs they made, which are made again on
# request): not part of the secretariat's records.
SKIPPED_APPS = {"contenttypes", "sessions", "axes", "django_tasks_db"}
SKIPPED_MODELS = {"auth.permission", "papers.renderjob"}
# Created by migrate on every database (the role groups): matched by name, not id.
MATCHED_BY_NATURAL_KEY = {Group}
# Models that moved app: an archive written before the move names them by their old label.
MOVED_MODELS = {
    "actiontracker.paper": "papers.Paper",
    "actiontracker.papercorrespondence": "papers.PaperCorrespondence",
    "actiontracker.renderjob": "papers.RenderJob",
}


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def exported_models() -> list[type[models.Model]]:
    """Every model whose rows are the service's data, parents before children."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.app_label not in SKIPPED_APPS
        and model._meta.label_lower not in SKIPPED_MODELS
        and model._meta.managed
        and not model._meta.proxy
    ]
    app_list = {}
    for model in chosen:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _rows(model: type[models.Model]) -> Iterator[models.Model]:
    # _base_manager: every row, including soft-deleted ones a default manager hides.
    return model._base_manager.order_by("pk").iterator(chunk_size=2000)


def _storage_files(folder: str = "") -> Iterator[str]:
    try:
        dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in dirs:
        yield from _storage_files(str(PurePosixPath(folder, sub)) if folder else sub)


def _referenced_files() -> set[str]:
    """The stored files the records name: a letter's current file, not one it replaced (a
    history row still names that, but the file has gone) nor an orphan in the folder."""
    names = set()
    for model in exported_models():
        if issubclass(model, HistoricalChanges):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    model._base_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .order_by()
                )
    return names


def _snapshot() -> tuple[list[dict], dict[str, int], list[str]]:
    """Every exported model's rows, their counts, and the stored files they name."""
    records, counts = [], {}
    # One snapshot: on PostgreSQL a repeatable-read view would be better still, but a
    # single transaction already keeps each table consistent with itself.
    with transaction.atomic():
        for model in exported_models():
            data = json.loads(
                serializers.serialize(
                    "json",
                    _rows(model),
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=model in MATCHED_BY_NATURAL_KEY,
                    cls=FullPrecisionEncoder,
                )
            )
            counts[model._meta.label] = len(data)
            records.extend(data)
        referenced = _referenced_files()
    return records, counts, sorted(name for name in _storage_files() if name in referenced)


def export_archive(path) -> dict[str, int]:
    """Write every record and uploaded file to the zip at `path`; returns counts."""
    # Written beside the target, owner-only from the start (mkstemp makes it 0600), and
    # moved over it when complete: no moment when others may read it, no half archive,
    # and a folder that cannot be written to is found before the records are read.
    folder = os.path.dirname(os.path.abspath(path))
    handle, partial = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".zip")
    try:
        with (
            os.fdopen(handle, "wb") as out,
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            records, counts, files = _snapshot()
            members: dict[str, dict] = {}
            content = json.dumps(records, ensure_ascii=False).encode()
            add_member(archive, members, "records.json", content)
            for name in files:
                with default_storage.open(name, "rb") as source:
                    add_member(archive, members, f"media/{name}", source.read())
            write_manifest(archive, members, counts)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise
    return {**counts, "files": len(files)}


def _non_empty_models() -> list[str]:
    return [
        model._meta.label
        for model in exported_models()
        if model not in MATCHED_BY_NATURAL_KEY and model._base_manager.exists()
    ]


def _reset_sequences(used: Iterable[type[models.Model]]) -> None:
    """After loading explicit ids, new rows must get ids past them (PostgreSQL sequences)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(used))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _moved_key(key):
    """A content type's or permission's natural key, naming a moved model by its app now."""
    moved = isinstance(key, list) and MOVED_MODELS.get(".".join(map(str, key[-2:])))
    return [*key[:-2], *moved.lower().split(".")] if moved else key


def _current_labels(records: list[dict], counts: dict[str, int]):
    """An older archive's records and counts under the labels the models have today: the
    moved models' own records, and the content types and permissions that name them."""
    for record in records:
        record["model"] = MOVED_MODELS.get(record["model"], record["model"])
        try:
            model = apps.get_model(record["model"])
        except (LookupError, ValueError):
            continue  # the deserializer says what is wrong with it
        for field in model._meta.get_fields():
            value = record["fields"].get(field.name)
            many = field.many_to_many
            if many and not isinstance(value, list):
                continue  # malformed: the deserializer says so
            if value and field.related_model in (ContentType, Permission):
                record["fields"][field.name] = (
                    [_moved_key(key) for key in value] if many else _moved_key(value)
                )
    return records, {MOVED_MODELS.get(label.lower(), label): n for label, n in counts.items()}


def _short(exc: BaseException) -> str:
    """An error's message on one line and short: a refusal is one line, and a field's
    value quoted in it may be a confidential detail."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 240 else text[:240] + "…"


def _parse_records(content: bytes) -> list[dict]:
    """records.json as a list of records, each of a model a backup holds."""
    try:
        records = json.loads(content)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError alike
        raise BackupError(f"records.json is not valid JSON: {_short(exc)}") from exc
    if not isinstance(records, list):
        raise BackupError("records.json does not hold a list of records")
    known = {model._meta.label_lower for model in exported_models()}
    for number, record in enumerate(records, 1):
        if not (
            isinstance(record, dict)
            and isinstance(record.get("model"), str)
            and isinstance(record.get("fields"), dict)
        ):
            raise BackupError(f"record {number} in records.json is malformed")
        if MOVED_MODELS.get(record["model"], record["model"]).lower() not in known:
            model = record["model"][:80]
            raise BackupError(f"record {number} in records.json is a {model!r}, not backed up")
        record["fields"] = _without_control_characters(record["fields"])
    return records


def _without_control_characters(fields: dict) -> dict:
    """A record's text without control characters. A database kept on SQLite may hold a
    NUL (stored before the forms and the importer removed them) that PostgreSQL cannot
    store: the restore strips it rather than refuse the whole backup, as the importer does."""

    def clean(value):
        if isinstance(value, str):
            return strip_control_characters(value)
        if isinstance(value, list):
            return [clean(item) for item in value]
        return value

    return {name: clean(value) for name, value in fields.items()}


# What a record whose values do not fit its model raises as it is read or saved. Only an
# archive the operator trusted without this installation's signature can get this far.
RECORD_ERRORS = (
    DeserializationError,
    FieldDoesNotExist,
    ObjectDoesNotExist,
    IntegrityError,
    DataError,
    ValidationError,
    LookupError,
    ValueError,
    TypeError,
    AttributeError,
    ArithmeticError,
)


def _restore_records(records: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    used = set()
    with connection.constraint_checks_disabled():
        objects = serializers.deserialize("python", records, handle_forward_references=True)
        while True:
            try:
                obj = next(objects, None)
            except RECORD_ERRORS as exc:
                raise BackupError(f"a record cannot be read: {_short(exc)}") from exc
            if obj is None:
                break
            label = obj.object._meta.label
            try:
                if isinstance(obj.object, Action) and not (
                    obj.object.committee_id and obj.object.meeting_date
                ):
                    # An archive from before actions kept a copy of their meeting.
                    obj.object.copy_meeting()
                obj.save()
                if obj.deferred_fields:
                    obj.save_deferred_fields()
            except RECORD_ERRORS as exc:
                raise BackupError(
                    f"record {label} {obj.object.pk} cannot be restored: {_short(exc)}"
                ) from exc
            used.add(type(obj.object))
            counts[label] = counts.get(label, 0) + 1
    try:
        connection.check_constraints(table_names=[m._meta.db_table for m in used])
    except IntegrityError as exc:
        raise BackupError(f"the records do not fit together: {_short(exc)}") from exc
    _reset_sequences(used)
    return counts


def _read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        return archive.read(member)
    except UNREADABLE as exc:
        raise BackupError(f"member {member} cannot be read (damaged): {_short(exc)}") from exc


def _files_to_write(archive: zipfile.ZipFile, media: list[str]) -> list[str]:
    """The archive's files storage lacks; the same file already there is kept (the
    database was lost, storage was not), another one under its name is refused."""
    missing = []
    for member in media:
        name = member.removeprefix("media/")
        if not default_storage.exists(name):
            missing.append(member)
            continue
        with default_storage.open(name, "rb") as existing:
            if existing.read() != _read_member(archive, member):
                raise BackupError(
                    f"uploaded file {name} already exists with other content; not replaced"
                )
    return missing


def import_archive(
    path, *, trust_foreign=False, trust_unsigned=False, warn=lambda message: None
) -> dict[str, int]:
    """Restore an archive into an empty database, all in one transaction, once the
    archive has been checked against its signed manifest; writes nothing if it fails."""
    try:
        archive = zipfile.ZipFile(path)
    except UNREADABLE as exc:
        raise BackupError(f"{path} is not a backup archive, or is damaged: {_short(exc)}") from exc
    with archive:
        verified = verify_archive(
            archive, trust_foreign=trust_foreign, trust_unsigned=trust_unsigned
        )
        if verified.warning:
            warn(verified.warning)
        records, expected_counts = _current_labels(
            _parse_records(verified.records), verified.manifest.get("counts", {})
        )
        check_migrations(verified.manifest)
        written: list[str] = []
        try:
            with transaction.atomic():
                occupied = _non_empty_models()
                if occupied:
                    raise BackupError(
                        "the database is not empty (it has rows in "
                        + ", ".join(occupied[:5])
                        + (", …" if len(occupied) > 5 else "")
                        + "): restore into a freshly migrated, empty database"
                    )
                media = _files_to_write(archive, verified.media)
                counts = _restore_records(records)
                for label in sorted({*expected_counts, *counts}):
                    if expected_counts.get(label, 0) != counts.get(label, 0):
                        raise BackupError(
                            f"the manifest counts {expected_counts.get(label, 0)} {label} "
                            f"records, {counts.get(label, 0)} were restored (incomplete)"
                        )
                for member in media:
                    name = member.removeprefix("media/")
                    content = _read_member(archive, member)
                    try:
                        saved = default_storage.save(name, ContentFile(content))
                    except OSError as exc:
                        raise BackupError(f"{name} cannot be stored: {_short(exc)}") from exc
                    written.append(saved)
                    if saved != name:
                        raise BackupError(f"storage renamed {name} to {saved}")
        except BaseException as exc:
            # The records rolled back; take the files back out too.
            for name in written:
                default_storage.delete(name)
            if isinstance(exc, IntegrityError | DataError):  # checked as it commits
                raise BackupError(f"the records do not fit together: {_short(exc)}") from exc
            raise
    return {**counts, "files": len(written)}
