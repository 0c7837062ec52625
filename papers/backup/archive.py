"""Write and read the backup archive: records as JSON, uploaded files as they are.

The archive is a zip with ``manifest.json`` (format, counts), ``records.json`` (Django's
JSON serialization of every exported model, with natural keys for users, groups,
permissions and content types, which differ between databases) and ``media/…`` (every
file in the default storage that a record names: no orphan, no file a letter replaced).
Binary fields travel as base64, so a published paper's PDF comes back byte-identical.
"""

import datetime
import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from simple_history.models import HistoricalChanges

from actions.models import Action

FORMAT = "actiontracker-backup/1"
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


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


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


def export_archive(path) -> dict[str, int]:
    """Write every record and uploaded file to the zip at `path`; returns counts."""
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
    files = sorted(name for name in _storage_files() if name in referenced)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("records.json", json.dumps(records, ensure_ascii=False))
        for name in files:
            with default_storage.open(name, "rb") as source:
                archive.writestr(f"media/{name}", source.read())
        manifest = {"format": FORMAT, "counts": counts, "files": len(files)}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
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
            if value and field.related_model in (ContentType, Permission):
                many = field.many_to_many
                record["fields"][field.name] = (
                    [_moved_key(key) for key in value] if many else _moved_key(value)
                )
    return records, {MOVED_MODELS.get(label.lower(), label): n for label, n in counts.items()}


def import_archive(path) -> dict[str, int]:
    """Restore an archive into an empty database, all in one transaction."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{path} is not a backup archive: {exc}") from exc
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names or "records.json" not in names:
            raise BackupError(f"{path} is not a backup archive: manifest or records missing.")
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
        records, expected_counts = _current_labels(
            json.loads(archive.read("records.json")), manifest.get("counts", {})
        )
        media = sorted(n for n in names if n.startswith("media/") and not n.endswith("/"))
        written: list[str] = []
        counts: dict[str, int] = {}
        try:
            with transaction.atomic():
                occupied = _non_empty_models()
                if occupied:
                    raise BackupError(
                        "The database is not empty (it has rows in "
                        + ", ".join(occupied[:5])
                        + (", …" if len(occupied) > 5 else "")
                        + "). Restore into a freshly migrated, empty database."
                    )
                used = set()
                with connection.constraint_checks_disabled():
                    for obj in serializers.deserialize(
                        "python", records, handle_forward_references=True
                    ):
                        if isinstance(obj.object, Action) and not (
                            obj.object.committee_id and obj.object.meeting_date
                        ):
                            # An archive from before actions kept a copy of their meeting.
                            obj.object.copy_meeting()
                        obj.save()
                        used.add(type(obj.object))
                        label = obj.object._meta.label
                        counts[label] = counts.get(label, 0) + 1
                        if obj.deferred_fields:
                            obj.save_deferred_fields()
                connection.check_constraints(table_names=[m._meta.db_table for m in used])
                expected = {k: v for k, v in expected_counts.items() if v}
                if expected != counts:
                    raise BackupError(f"The archive is incomplete: expected {expected}.")
                _reset_sequences(used)
                for member in media:
                    name = member.removeprefix("media/")
                    content = archive.read(member)
                    if default_storage.exists(name):
                        # Files that survived (the database was lost, storage was not).
                        with default_storage.open(name, "rb") as existing:
                            if existing.read() == content:
                                continue
                        raise BackupError(
                            f"Uploaded file {name} already exists with other content; not replaced."
                        )
                    saved = default_storage.save(name, ContentFile(content))
                    written.append(saved)
                    if saved != name:
                        raise BackupError(f"Storage renamed {name} to {saved}.")
        except BaseException:
            # The records rolled back; take the files back out too.
            for name in written:
                default_storage.delete(name)
            raise
    return {**counts, "files": len(written)}
