"""import_all on damaged, edited and foreign archives: each is restored exactly or refused
with one line and exit status 1, and a refusal writes nothing (no row, no file)."""

import io
import json
import os
import random
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from papers.backup.manifest import add_member, write_manifest
from papers.demo import load_demo
from tests.backup_fixture import add_backup_records, import_refused

ROOT = Path(__file__).resolve().parents[2]
FOREIGN_KEY = "another installation's secret key, long enough and random enough: 7f3a9c1e"


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real archive of the demo data and an uploaded letter, the same records exported
    by another installation, and an empty database again."""
    folder = tmp_path_factory.mktemp("backup-fuzz")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "source"):
        try:
            load_demo()
            add_backup_records()
            call_command("export_all", str(folder / "good.zip"), stdout=io.StringIO())
            with override_settings(SECRET_KEY=FOREIGN_KEY):
                call_command("export_all", str(folder / "foreign.zip"), stdout=io.StringIO())
        finally:
            call_command("flush", interactive=False, verbosity=0)
    return {name: (folder / f"{name}.zip").read_bytes() for name in ("good", "foreign")}


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files: dict[str, bytes], twice: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        if twice:
            with pytest.warns(UserWarning, match="Duplicate name"):
                archive.writestr(twice, files[twice])
    return out.getvalue()


def edited(content: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The archive with members replaced (bytes), removed (None) or added."""
    files = members(content)
    for name, value in changes.items():
        if value is None:
            del files[name]
        else:
            files[name] = value
    return zipped(files)


def made_superuser(records: bytes) -> bytes:
    """A member's account turned into a superuser: what an attacker would edit."""
    data = json.loads(records)
    user = next(r for r in data if r["model"] == "auth.user" and not r["fields"]["is_superuser"])
    user["fields"].update(is_superuser=True, is_staff=True)
    return json.dumps(data, ensure_ascii=False).encode()


def with_digest(manifest: bytes, name: str, content: bytes) -> bytes:
    """The manifest with a member's digest and size recomputed (the signature left)."""
    import hashlib

    data = json.loads(manifest)
    data["members"][name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False).encode()


def signed_elsewhere(content: bytes, change_records) -> bytes:
    """The archive with its records changed and signed by another installation, so only
    --trust-foreign lets it past the manifest: the records themselves are then tested."""
    files = members(content)
    counts = json.loads(files["manifest.json"])["counts"]
    out = io.BytesIO()
    with (
        override_settings(SECRET_KEY=FOREIGN_KEY),
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        listed: dict = {}
        add_member(archive, listed, "records.json", change_records(files["records.json"]))
        for name in files:
            if name.startswith("media/"):
                add_member(archive, listed, name, files[name])
        write_manifest(archive, listed, counts)
    return out.getvalue()


def declared_size(content: bytes, name: str, size: int) -> bytes:
    """The archive with a member's uncompressed size in the central directory changed."""
    data = bytearray(content)
    start = data.find(b"PK\x01\x02")
    while start != -1:
        length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + length] == name.encode():
            struct.pack_into("<I", data, start + 24, size)
        start = data.find(b"PK\x01\x02", start + 4)
    return bytes(data)


def record_change(change):
    def apply(records: bytes) -> bytes:
        data = json.loads(records)
        return json.dumps(change(data)).encode()

    return apply


def first(data, model):
    return next(r for r in data if r["model"] == model)


def changed(data, model, **fields):
    """The records with the first of a model's fields changed."""
    first(data, model)["fields"].update(fields)
    return data


def flipped(content: bytes, seed: int, count: int = 1) -> bytes:
    rng, data = random.Random(seed), bytearray(content)
    for _ in range(count):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def truncated(content: bytes, seed: int) -> bytes:
    return content[: random.Random(seed).randrange(len(content))]


# name: (make the archive from the good and the foreign ones, options, what the line says)
VARIANTS = {
    "empty file": (lambda g, f: b"", [], "not a backup archive"),
    "not a zip": (lambda g, f: b"records, not a zip" * 50, [], "not a backup archive"),
    **{f"truncated {seed}": (lambda g, f, s=seed: truncated(g, s), [], "") for seed in range(6)},
    "last byte cut": (lambda g, f: g[:-1], [], "not a backup archive"),
    **{f"flipped {seed}": (lambda g, f, s=seed: flipped(g, s), [], "") for seed in range(8)},
    "16 bytes flipped": (lambda g, f: flipped(g, 99, 16), [], ""),
    "records missing": (lambda g, f: edited(g, {"records.json": None}), [], "missing"),
    "manifest missing": (lambda g, f: edited(g, {"manifest.json": None}), [], "no manifest.json"),
    "signature missing": (lambda g, f: edited(g, {"manifest.sig": None}), [], "not signed"),
    "letter missing": (
        lambda g, f: zipped({k: v for k, v in members(g).items() if not k.startswith("media/")}),
        [],
        "listed in the manifest but missing",
    ),
    "member added": (
        lambda g, f: edited(g, {"media/letters/extra.pdf": b"%PDF-1.4 extra"}),
        [],
        "media/letters/extra.pdf is not listed in the manifest (added)",
    ),
    "way out of storage added": (
        lambda g, f: edited(g, {"media/../../etc/passwd": b"root"}),
        [],
        "not listed in the manifest",
    ),
    "rezipped unchanged": (lambda g, f: zipped(members(g)), [], None),  # the control
    "records twice": (
        lambda g, f: zipped(members(g), twice="records.json"),
        [],
        "member records.json appears twice",
    ),
    "superuser, digest kept": (
        lambda g, f: edited(g, {"records.json": made_superuser(members(g)["records.json"])}),
        [],
        "member records.json has",
    ),
    "superuser, digest recomputed": (
        lambda g, f: edited(
            g,
            {
                "records.json": made_superuser(members(g)["records.json"]),
                "manifest.json": with_digest(
                    members(g)["manifest.json"],
                    "records.json",
                    made_superuser(members(g)["records.json"]),
                ),
            },
        ),
        [],
        "the manifest does not match its signature (damaged or edited)",
    ),
    "superuser, as the previous release": (
        lambda g, f: edited(
            g,
            {
                "records.json": made_superuser(members(g)["records.json"]),
                "manifest.json": b'{"format": "actiontracker-backup/1", "counts": {}}',
                "manifest.sig": None,
            },
        ),
        [],
        "--trust-unsigned",
    ),
    "foreign": (lambda g, f: f, [], "signed by another installation (a foreign archive)"),
    "foreign signature on ours": (
        lambda g, f: edited(g, {"manifest.sig": members(f)["manifest.sig"]}),
        [],
        "does not match its signature",
    ),
    "records declared huge": (
        lambda g, f: declared_size(g, "records.json", 2**31 - 1),
        [],
        "records.json has 2147483647 bytes, not the",
    ),
    "foreign, trusted, superuser": (
        lambda g, f: signed_elsewhere(g, made_superuser),
        ["--trust-foreign"],
        None,  # trusted on the operator's word: restored, with a warning
    ),
    "trusted: records not JSON": (
        lambda g, f: signed_elsewhere(g, lambda r: r[:-7]),
        ["--trust-foreign"],
        "records.json is not valid JSON",
    ),
    "trusted: a session record": (
        lambda g, f: signed_elsewhere(
            g, record_change(lambda d: [*d, {"model": "sessions.session", "fields": {}}])
        ),
        ["--trust-foreign"],
        "'sessions.session', not backed up",
    ),
    "trusted: a date that is not one": (
        lambda g, f: signed_elsewhere(
            g,
            record_change(lambda d: changed(d, "meetings.meeting", date="not a date")),
        ),
        ["--trust-foreign"],
        "a record cannot be read",
    ),
    "trusted: an action of a missing meeting": (
        lambda g, f: signed_elsewhere(
            g,
            record_change(lambda d: changed(d, "actions.action", agenda_item=987654)),
        ),
        ["--trust-foreign"],
        "",
    ),
    "trusted: a row twice": (
        lambda g, f: signed_elsewhere(
            g, record_change(lambda d: [*d, first(d, "meetings.organisation")])
        ),
        ["--trust-foreign"],
        "",
    ),
}


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def folder_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.django_db
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_damaged_archive_is_refused_in_one_line_writing_nothing(
    variant, made, settings, tmp_path
):
    make, options, says = VARIANTS[variant]
    settings.MEDIA_ROOT = media = tmp_path / "media"
    (media / "letters").mkdir(parents=True)
    (media / "letters" / "kept.pdf").write_bytes(b"%PDF-1.4 a file storage already held")
    path = tmp_path / "damaged.zip"
    path.write_bytes(make(made["good"], made["foreign"]))
    counts, files = row_counts(), folder_files(media)
    if says is None:
        stderr = io.StringIO()
        call_command("import_all", str(path), *options, stdout=io.StringIO(), stderr=stderr)
        assert row_counts()["auth.User"] > 0
        assert bool(options) == ("warning" in stderr.getvalue())
        return
    try:
        line = import_refused(path, *options)
    except AssertionError as restored:
        # A byte no reader looks at (a timestamp, say): the whole archive still matched.
        assert variant.startswith(("flipped", "16 bytes")), restored
        assert "restored" in str(restored)
        return
    assert says in line
    assert "Traceback" not in line
    assert row_counts() == counts  # nothing written: still an empty database
    assert folder_files(media) == files
    # Still empty as far as the restore can tell: the good archive goes in afterwards.
    path.write_bytes(made["good"])
    call_command("import_all", str(path), stdout=io.StringIO())
    assert row_counts()["auth.User"] > 0


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_the_command_line_shows_one_line_and_exit_status_1(made, tmp_path, damage):
    path = tmp_path / "damaged.zip"
    good = made["good"]
    path.write_bytes(good[: len(good) // 2] if damage == "truncated" else flipped(good, 3, 64))
    result = subprocess.run(
        [sys.executable, "manage.py", "import_all", str(path)],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        | {"DEBUG": "1", "DATABASE_URL": "", "SQLITE_PATH": str(tmp_path / "db.sqlite3")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("import_all: refused: ")
    assert "Traceback" not in result.stderr
