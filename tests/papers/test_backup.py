"""export_all / import_all: every record and uploaded file, byte for byte."""

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from correspondence.models import Correspondence
from papers.demo import load_demo
from papers.models import Paper
from tests.backup_fixture import (
    AWKWARD_TEXT,
    FULL_SUBJECT,
    LETTER_PDF,
    LONG_TEXT,
    PAPER_PDF,
    add_backup_records,
    as_previous_release,
    import_refused,
    paper_renderings,
)

ROOT = Path(__file__).resolve().parents[2]


def archive_records(path) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("records.json"))


def assert_same_records(first: list[dict], second: list[dict]) -> None:
    """Every row and field equal; on failure, shows the first row that differs."""
    for before, after in zip(first, second, strict=False):
        assert before == after
    assert len(first) == len(second)


def archive_files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.startswith("media/")}


@pytest.mark.django_db(transaction=True)
def test_export_then_import_into_an_empty_database_restores_everything(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-before"
    load_demo()
    paper, letter = add_backup_records()
    letter_name = letter.file.name
    papers_before = paper_renderings()
    first = tmp_path / "first.zip"
    call_command("export_all", str(first))

    # A freshly migrated database and empty file storage.
    call_command("flush", interactive=False, verbosity=0)
    assert not Paper.objects.exists()
    settings.MEDIA_ROOT = tmp_path / "media-after"
    call_command("import_all", str(first))

    # Every published paper byte for byte; every draft renders as it did.
    assert paper_renderings() == papers_before
    assert {"draft", "published"} <= {key.rsplit(" ", 1)[1] for key in papers_before}
    restored = Paper.objects.get(pk=paper.pk)
    assert bytes(restored.pdf) == PAPER_PDF
    assert restored.summary_text == "Café – “quotes” & <b>markup</b>"
    restored_letter = Correspondence.objects.get(pk=letter.pk)
    assert restored_letter.file.name == letter_name
    with restored_letter.file.open("rb") as f:
        assert f.read() == LETTER_PDF

    second = tmp_path / "second.zip"
    call_command("export_all", str(second))
    records = archive_records(first)
    assert_same_records(records, archive_records(second))
    models = {r["model"] for r in records}
    assert {"auth.user", "auth.group", "actions.action", "actions.historicalaction"} <= models
    files = archive_files(first)
    assert files == archive_files(second)
    assert files[f"media/{letter_name}"] == LETTER_PDF  # with the demo's own letter PDFs

    # New rows get fresh ids after the restored ones (sequences were reset).
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    assert organisation.pk > max(r["pk"] for r in records if r["model"] == "meetings.organisation")


@pytest.mark.django_db
def test_import_refuses_a_database_that_is_not_empty(tmp_path):
    load_demo()
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    before = Paper.objects.count(), Correspondence.objects.count()
    assert "the database is not empty" in import_refused(archive)
    assert (Paper.objects.count(), Correspondence.objects.count()) == before


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_an_archive(tmp_path):
    bogus = tmp_path / "notes.zip"
    bogus.write_text("not a zip")
    assert "is not a backup archive" in import_refused(bogus)


def _manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"manage.py {args}: {result.stdout}{result.stderr}"
    return result.stdout


def test_sqlite_to_postgresql_and_back_is_byte_identical(tmp_path):
    """The same data through SQLite -> PostgreSQL -> SQLite, on a throwaway cluster."""
    from bench.common import postgres_cluster

    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    base.update(DEBUG="1", DATABASE_URL="")

    def sqlite_env(name):
        return base | {
            "SQLITE_PATH": str(tmp_path / f"{name}.sqlite3"),
            "MEDIA_ROOT": str(tmp_path / f"media-{name}"),
        }

    # Migrate one empty SQLite database and copy it: faster than migrating twice.
    _manage(sqlite_env("empty"), "migrate", "--noinput", "-v0")
    shutil.copy(tmp_path / "empty.sqlite3", tmp_path / "source.sqlite3")
    shutil.copy(tmp_path / "empty.sqlite3", tmp_path / "target.sqlite3")

    source = sqlite_env("source")
    _manage(source, "load_demo")
    _manage(
        source,
        "shell",
        "-c",
        "from tests.backup_fixture import add_backup_records as b, add_awkward_records as a;"
        " b(); a()",
    )
    _manage(source, "export_all", str(tmp_path / "from-sqlite.zip"))

    def renderings(env) -> dict:
        code = "from tests.backup_fixture import print_paper_renderings as p; p()"
        return json.loads(_manage(env, "shell", "-c", code).splitlines()[-1])

    in_sqlite = renderings(source)

    with postgres_cluster() as cluster:
        pg = base | {"DATABASE_URL": cluster.url, "MEDIA_ROOT": str(tmp_path / "media-pg")}
        _manage(pg, "migrate", "--noinput", "-v0")
        _manage(pg, "import_all", str(tmp_path / "from-sqlite.zip"))
        _manage(pg, "export_all", str(tmp_path / "from-postgresql.zip"))
        in_postgresql = renderings(pg)

    target = sqlite_env("target")
    _manage(target, "import_all", str(tmp_path / "from-postgresql.zip"))
    _manage(target, "export_all", str(tmp_path / "back-in-sqlite.zip"))
    # Published papers byte for byte, drafts rendered the same, on each database.
    assert in_postgresql == in_sqlite
    assert renderings(target) == in_sqlite

    original = archive_records(tmp_path / "from-sqlite.zip")
    assert_same_records(original, archive_records(tmp_path / "from-postgresql.zip"))
    assert_same_records(original, archive_records(tmp_path / "back-in-sqlite.zip"))
    # The awkward values went through, as the app took them, and came back the same.
    texts = {value for r in original for value in r["fields"].values() if isinstance(value, str)}
    assert {LONG_TEXT, AWKWARD_TEXT, FULL_SUBJECT} <= texts
    code = (
        "from correspondence.models import Complaint as C; import json;"
        " print(json.dumps(C.objects.order_by('pk').values_list('confidential_details',"
        " 'public_summary')[0]))"
    )
    printed = _manage(target, "shell", "-c", code).splitlines()[-1]
    assert json.loads(printed) == [LONG_TEXT, AWKWARD_TEXT]
    papers = [r for r in original if r["model"] == "papers.paper" and r["fields"]["pdf"]]
    assert len(papers) == 2  # the demo's published paper and the one added here
    files = archive_files(tmp_path / "back-in-sqlite.zip")
    assert LETTER_PDF in files.values()
    assert files == archive_files(tmp_path / "from-sqlite.zip")
    for name, content in files.items():
        assert (tmp_path / "media-target" / name.removeprefix("media/")).read_bytes() == content
    import base64

    assert PAPER_PDF in {base64.b64decode(p["fields"]["pdf"]) for p in papers}


@pytest.mark.django_db(transaction=True)
def test_timestamps_keep_every_microsecond(settings, tmp_path):
    """Django's JSON encoder keeps milliseconds only: 12:00:00.000999 would come back as
    12:00:00 and change the order of rows created within the same millisecond."""
    import datetime

    from actions.models import Action
    from tests.factories import ActionFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    action = ActionFactory()
    stamp = datetime.datetime(2024, 5, 1, 12, 0, 0, 999, tzinfo=datetime.UTC)
    Action.all_objects.filter(pk=action.pk).update(created_at=stamp)
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_all", str(archive))
    assert Action.all_objects.get(pk=action.pk).created_at == stamp


@pytest.mark.django_db(transaction=True)
def test_files_that_survived_are_kept_and_different_ones_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    _, letter = add_backup_records()
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    # Same storage, same bytes: restored without fuss.
    call_command("import_all", str(archive))
    assert Correspondence.objects.get(pk=letter.pk).file.read() == LETTER_PDF

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / letter.file.name).write_bytes(b"%PDF-1.4 another letter")
    assert "already exists with other content" in import_refused(archive)
    assert not Paper.objects.exists()  # nothing restored


def _old_labels(value):
    """Name the paper's models, and content types or permissions on them, as an archive
    written before the papers app did: under the actiontracker app."""
    if isinstance(value, list):
        if value[-2:] in (["papers", "paper"], ["papers", "papercorrespondence"]):
            return [*value[:-2], "actiontracker", value[-1]]
        return [_old_labels(v) for v in value]
    if isinstance(value, dict):
        return {_old_labels(k): _old_labels(v) for k, v in value.items()}
    if isinstance(value, str) and value.lower() in ("papers.paper", "papers.papercorrespondence"):
        return value.replace("papers.", "actiontracker.", 1)
    return value


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_before_the_papers_app_restores(settings, tmp_path):
    from django.contrib.auth.models import Group

    from actiontracker import roles

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    add_backup_records()
    papers_before = paper_renderings()
    current, old = tmp_path / "current.zip", tmp_path / "old.zip"
    call_command("export_all", str(current))
    as_previous_release(current, old, _old_labels)
    records = archive_records(old)
    assert {"actiontracker.paper", "actiontracker.papercorrespondence"} <= {
        r["model"] for r in records
    }
    officers = next(r for r in records if r["fields"].get("name") == roles.OFFICERS)
    assert ["change_paper", "actiontracker", "paper"] in officers["fields"]["permissions"]

    call_command("flush", interactive=False, verbosity=0)
    # No digests, no signature: restored only when the operator says to trust it.
    assert "--trust-unsigned" in import_refused(old)
    assert not Paper.objects.exists()
    stderr = io.StringIO()
    call_command("import_all", str(old), "--trust-unsigned", stderr=stderr)
    assert stderr.getvalue().startswith("import_all: warning: restoring an archive of the previous")
    assert paper_renderings() == papers_before
    group = Group.objects.get(name=roles.OFFICERS)
    assert group.permissions.filter(content_type__app_label="papers", codename="change_paper")


@pytest.mark.django_db
def test_the_archive_is_owner_only_and_lists_every_member_signed(settings, tmp_path):
    import hashlib

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    archive = tmp_path / "backups" / "backup.zip"
    archive.parent.mkdir()
    archive.write_bytes(b"yesterday's archive, readable by all")
    archive.chmod(0o644)
    old_umask = os.umask(0)  # the most permissive umask: the mode must not come from it
    try:
        call_command("export_all", str(archive), stdout=io.StringIO())
    finally:
        os.umask(old_umask)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in archive.parent.iterdir()] == ["backup.zip"]  # no partial file
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        contents = {n: opened.read(n) for n in opened.namelist()}
    assert manifest["format"] == "actiontracker-backup/2"
    assert manifest["migrations"]["papers"].startswith("0")
    assert manifest["created_at"] and manifest["app_version"]
    assert set(manifest["members"]) == set(contents) - {"manifest.json", "manifest.sig"}
    assert any(n.startswith("media/letters/") for n in manifest["members"])
    for name, entry in manifest["members"].items():
        assert entry == {
            "sha256": hashlib.sha256(contents[name]).hexdigest(),
            "size": len(contents[name]),
        }
    assert len(contents["manifest.sig"].strip()) == 64  # an HMAC-SHA256, in hex


@pytest.mark.django_db(transaction=True)
def test_a_foreign_archive_restores_only_when_trusted_and_a_rotated_key_still_signs(
    settings, tmp_path
):
    from django.contrib.auth import get_user_model

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    archive = tmp_path / "backup.zip"
    settings.SECRET_KEY = "the key this installation had before it was rotated, 0123456789"
    call_command("export_all", str(archive), stdout=io.StringIO())
    users = get_user_model().objects.count()
    call_command("flush", interactive=False, verbosity=0)

    settings.SECRET_KEY = "the key this installation has now, after rotation, 9876543210"
    line = import_refused(archive)
    assert "signed by another installation" in line and "--trust-foreign" in line
    assert not get_user_model().objects.exists()

    # The old key kept as a fallback, as Django's own signatures keep it: still ours.
    settings.SECRET_KEY_FALLBACKS = [
        "the key this installation had before it was rotated, 0123456789"
    ]
    stderr = io.StringIO()
    call_command("import_all", str(archive), stdout=io.StringIO(), stderr=stderr)
    assert stderr.getvalue() == ""
    assert get_user_model().objects.count() == users

    call_command("flush", interactive=False, verbosity=0)
    settings.SECRET_KEY_FALLBACKS = []
    call_command("import_all", str(archive), "--trust-foreign", stderr=stderr)
    assert stderr.getvalue().startswith(
        "import_all: warning: the manifest is signed by another installation"
    )
    assert get_user_model().objects.count() == users


@pytest.mark.django_db(transaction=True)
def test_an_archive_of_a_newer_release_says_to_upgrade_first(settings, tmp_path):
    from django.db.migrations.recorder import MigrationRecorder

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    archive = tmp_path / "backup.zip"
    # The newer release's database has a migration this one lacks.
    MigrationRecorder(connection).record_applied("papers", "9999_from_the_future")
    try:
        call_command("export_all", str(archive), stdout=io.StringIO())
    finally:
        MigrationRecorder(connection).record_unapplied("papers", "9999_from_the_future")
    call_command("flush", interactive=False, verbosity=0)
    line = import_refused(archive)
    assert "written by a newer release (migration papers.9999_from_the_future" in line
    assert not Paper.objects.exists()
