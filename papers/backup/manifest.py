"""The archive's manifest: what it holds, each member's SHA-256 and size, and a signature.

Digests alone catch damage, but whoever edits an archive can recompute them. So the
manifest is signed with an HMAC keyed from this installation's ``SECRET_KEY`` (or one of
its ``SECRET_KEY_FALLBACKS``): only an installation holding the key can sign, and an
edited member, or an edited manifest, no longer matches. An archive signed with another
key came from another installation ("foreign"); one the previous release wrote has no
digests and no signature ("unsigned"). Both are refused unless the operator says to trust
them, and a foreign archive's digests are still checked.
"""

import datetime
import hashlib
import importlib.metadata
import json
import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils.crypto import constant_time_compare, salted_hmac

FORMAT = "actiontracker-backup/2"
PREVIOUS_FORMAT = "actiontracker-backup/1"  # counts only: no digests, no signature
MANIFEST, SIGNATURE, RECORDS, MEDIA = "manifest.json", "manifest.sig", "records.json", "media/"
SALT = "papers.backup.manifest"
# A manifest lists every member in a line or two; sixteen megabytes is a million files.
MANIFEST_LIMIT = 16 * 1024 * 1024
CHUNK = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")
# What opening or reading a damaged zip raises: a bad header, directory or CRC
# (BadZipFile), a broken deflate stream (zlib.error), a member cut short (EOFError), a
# compression method or encryption zipfile cannot read (NotImplementedError,
# RuntimeError), a name that is not text (UnicodeDecodeError, a ValueError), the file.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why."""


@dataclass
class Verified:
    """An archive whose members matched its manifest: what the restore may use."""

    manifest: dict
    records: bytes
    media: list[str]
    warning: str = ""


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _signature(content: bytes, key: str) -> str:
    return salted_hmac(SALT, content, secret=key, algorithm="sha256").hexdigest()


def key_fingerprint(key: str) -> str:
    """Names the signing key in the manifest without revealing it, so a refusal can say
    "another installation's key" rather than only "does not match"."""
    return salted_hmac(f"{SALT}.key", b"", secret=key, algorithm="sha256").hexdigest()[:16]


def _app_version() -> str:
    try:
        return importlib.metadata.version("actiontracker")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def migration_state() -> dict[str, str]:
    """The last migration applied in each app: what the records' shape is."""
    latest: dict[str, str] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app] = name
    return latest


def add_member(archive: zipfile.ZipFile, members: dict, name: str, content: bytes) -> None:
    """Write a member and note its digest and size for the manifest."""
    archive.writestr(name, content)
    members[name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


def write_manifest(archive: zipfile.ZipFile, members: dict, counts: dict[str, int]) -> None:
    key = settings.SECRET_KEY
    manifest = {
        "format": FORMAT,
        "app_version": _app_version(),
        "migrations": migration_state(),
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "signed_by": key_fingerprint(key),
        "counts": counts,
        "files": sum(1 for name in members if name.startswith(MEDIA)),
        "members": members,
    }
    content = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False).encode()
    archive.writestr(MANIFEST, content)
    archive.writestr(SIGNATURE, _signature(content, key) + "\n")


def _safe_media(name: str) -> bool:
    """A stored file's name under media/: relative, no way out of the storage folder."""
    if not name.startswith(MEDIA) or "\\" in name or "\x00" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.removeprefix(MEDIA).split("/"))


def _read(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise BackupError(f"member {name} declares {info.file_size} bytes, more than it may hold")
    try:
        return archive.read(info)
    except UNREADABLE as exc:
        raise BackupError(f"member {name} cannot be read (damaged): {exc}") from exc


def _load_manifest(archive: zipfile.ZipFile) -> tuple[bytes, dict]:
    content = _read(archive, MANIFEST, MANIFEST_LIMIT)
    try:
        manifest = json.loads(content)
    except ValueError as exc:
        raise BackupError(f"{MANIFEST} is not valid JSON (damaged): {exc}") from exc
    if not isinstance(manifest, dict):
        raise BackupError(f"{MANIFEST} is not a backup manifest")
    counts = manifest.get("counts", {})
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in counts.items()
    ):
        raise BackupError(f"{MANIFEST} has malformed record counts")
    return content, manifest


def _check_signature(archive: zipfile.ZipFile, content: bytes, manifest: dict, trust_foreign):
    """Returns a warning when a foreign archive is trusted; raises when it is not."""
    signature = b""
    if SIGNATURE in archive.namelist():
        signature = _read(archive, SIGNATURE, 1024).strip()
    if any(constant_time_compare(signature, _signature(content, key)) for key in _keys()):
        return ""
    ours = manifest.get("signed_by") in {key_fingerprint(key) for key in _keys()}
    if not signature:
        reason = f"the manifest is not signed (no {SIGNATURE}: edited, or not from export_all)"
    elif ours:
        # This installation's key, but the signature does not match: edited or damaged.
        reason = "the manifest does not match its signature (damaged or edited)"
    else:
        reason = "the manifest is signed by another installation (a foreign archive)"
    if not trust_foreign:
        # --trust-foreign would take an edited archive too (its signer's name is in the
        # manifest, easily changed), but it is offered only where it may be what is meant.
        trust = "; if you know where it came from and trust it, run again with --trust-foreign"
        raise BackupError(reason + ("" if ours else trust))
    return f"{reason}; restoring it as --trust-foreign asks (member digests still checked)"


def _members(manifest: dict) -> dict[str, dict]:
    members = manifest.get("members")
    if not isinstance(members, dict) or RECORDS not in members:
        raise BackupError(f"{MANIFEST} does not list the archive's members")
    for name, entry in members.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("sha256"), str)
            and SHA256.fullmatch(entry["sha256"])
            and type(entry.get("size")) is int
            and entry["size"] >= 0
        ):
            raise BackupError(f"{MANIFEST} has a malformed entry for {name}")
    return members


def _check_digest(archive: zipfile.ZipFile, name: str, entry: dict) -> bytes | None:
    """Reads the member in chunks, never past its recorded size; returns the records'
    bytes (needed whole), not the files' (read again when written)."""
    info = archive.getinfo(name)
    if info.file_size != entry["size"]:
        raise BackupError(
            f"member {name} has {info.file_size} bytes, not the {entry['size']} its digest "
            "was taken over (damaged or edited)"
        )
    digest, kept = hashlib.sha256(), []
    try:
        with archive.open(info) as member:
            while chunk := member.read(CHUNK):
                digest.update(chunk)
                if name == RECORDS:
                    kept.append(chunk)
    except UNREADABLE as exc:
        raise BackupError(f"member {name} cannot be read (damaged): {exc}") from exc
    if digest.hexdigest() != entry["sha256"]:
        raise BackupError(f"member {name} does not match its digest (damaged or edited)")
    return b"".join(kept) if name == RECORDS else None


def _verify_unsigned(archive: zipfile.ZipFile, manifest: dict, trust_unsigned) -> Verified:
    if not trust_unsigned:
        raise BackupError(
            "the archive was written by the previous release, which recorded no digests "
            "and no signature, so damage or edits cannot be detected; if you trust it, "
            "run again with --trust-unsigned"
        )
    names = [n for n in archive.namelist() if not n.endswith("/")]
    if RECORDS not in names:
        raise BackupError(f"the archive has no {RECORDS}")
    unsafe = [n for n in names if n not in (MANIFEST, SIGNATURE, RECORDS) and not _safe_media(n)]
    if unsafe:
        raise BackupError(f"the archive holds a member it should not: {unsafe[0]}")
    media = sorted(n for n in names if n.startswith(MEDIA))
    records = _read(archive, RECORDS, archive.getinfo(RECORDS).file_size)
    warning = "restoring an archive of the previous release, unsigned, as --trust-unsigned asks"
    return Verified(manifest, records, media, warning)


def verify_archive(archive: zipfile.ZipFile, *, trust_foreign=False, trust_unsigned=False):
    """Check the archive against its manifest before anything is written: every member
    listed and none more, each of its recorded size and digest, the manifest signed by
    this installation. Raises BackupError saying what is wrong."""
    names = archive.namelist()
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise BackupError(f"member {twice} appears twice in the archive (edited)")
    if MANIFEST not in names:
        raise BackupError(f"the archive has no {MANIFEST}: it was not written by export_all")
    content, manifest = _load_manifest(archive)
    if manifest.get("format") == PREVIOUS_FORMAT:
        return _verify_unsigned(archive, manifest, trust_unsigned)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown archive format {str(manifest.get('format'))[:80]!r}")
    warning = _check_signature(archive, content, manifest, trust_foreign)
    members = _members(manifest)
    present = set(names) - {MANIFEST, SIGNATURE}
    if missing := sorted(set(members) - present):
        raise BackupError(f"member {missing[0]} is listed in the manifest but missing")
    if extra := sorted(present - set(members)):
        raise BackupError(f"member {extra[0]} is not listed in the manifest (added)")
    if unsafe := [n for n in members if n != RECORDS and not _safe_media(n)]:
        raise BackupError(f"the archive holds a member it should not: {unsafe[0][:200]}")
    records = b""
    for name, entry in members.items():
        records = _check_digest(archive, name, entry) or records
    return Verified(manifest, records, sorted(n for n in members if n != RECORDS), warning)


def check_migrations(manifest: dict) -> None:
    """An archive from a newer release holds fields this database lacks: say so plainly."""
    recorded = manifest.get("migrations", {})
    if not isinstance(recorded, dict):
        raise BackupError(f"{MANIFEST} has a malformed migration state")
    applied = MigrationRecorder(connection).applied_migrations()
    for app, name in sorted(recorded.items()):
        if (app, name) not in applied:
            raise BackupError(
                f"the archive was written by a newer release (migration {app}.{name} is not "
                "applied here): upgrade, run migrate, then restore"
            )
