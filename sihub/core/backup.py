"""Backups: one ``.tar.gz`` with the database, every media file and a manifest.

Archive layout (format version 1)::

    database.sqlite3 | database.dump   SQLite online-backup copy / pg_dump --format=custom
    media/<path>                        every regular file under MEDIA_ROOT
    manifest.json                       written last: vendor, migration state, row
                                        counts, sha256 and size of every other member

Restoring extracts into a staging directory and checks every member against
the manifest before anything live is touched; only then is the database
replaced and MEDIA_ROOT's contents swapped for the staged ones. People erased
after the backup was taken are erased again (``sihub.core.privacy``).

The commands ``backup`` and ``restore`` are thin wrappers around
:func:`backup_create`, :func:`backup_verify` and :func:`backup_restore`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - runs pg_dump/pg_restore with argument lists
import tarfile
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

Log = Callable[[str], None]

FORMAT = "sihub-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
# Staging directories of a restore in progress; a backup taken meanwhile skips them.
STAGING_PREFIX = ".sihub-restore-"

_CHUNK = 1024 * 1024
# What reading a truncated, corrupt or non-gzip archive raises.
_UNREADABLE = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024
# libpq connection keywords that may appear in DATABASES OPTIONS; the rest
# (pool, server_side_binding, ...) are Django/psycopg settings, not libpq ones.
_LIBPQ_OPTIONS = (
    "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "channel_binding",
    "gssencmode", "connect_timeout", "application_name", "options",
    "target_session_attrs", "passfile", "service",
)


class BackupError(Exception):
    """A backup cannot be written, or an archive cannot be trusted or restored."""


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    format_version: int
    created_at: str
    vendor: str
    database_file: str
    migrations: dict[str, str]
    row_counts: dict[str, int]
    files: dict[str, FileEntry]
    database_details: dict[str, str] = field(default_factory=dict)

    @property
    def media_files(self) -> dict[str, FileEntry]:
        return {n: e for n, e in self.files.items() if n.startswith(MEDIA_PREFIX)}

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "database": {"vendor": self.vendor, "file": self.database_file,
                         **self.database_details},
            "migrations": self.migrations,
            "row_counts": self.row_counts,
            "files": {n: {"sha256": e.sha256, "size": e.size}
                      for n, e in sorted(self.files.items())},
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise BackupError("manifest.json is not a sihub backup manifest")
            version = data["format_version"]
            if version != FORMAT_VERSION:
                raise BackupError(
                    f"Backup format version {version!r} is not supported "
                    f"(this sihub reads version {FORMAT_VERSION})"
                )
            database = dict(data["database"])
            vendor = str(database.pop("vendor"))
            database_file = str(database.pop("file"))
            files = {str(n): FileEntry(sha256=str(e["sha256"]), size=int(e["size"]))
                     for n, e in data["files"].items()}
            return cls(
                format_version=version,
                created_at=str(data["created_at"]),
                vendor=vendor,
                database_file=database_file,
                migrations={str(a): str(n) for a, n in data["migrations"].items()},
                row_counts={str(t): int(c) for t, c in data["row_counts"].items()},
                files=files,
                database_details={str(k): str(v) for k, v in database.items()},
            )
        except BackupError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupError(f"manifest.json is malformed: {exc!r}") from None


@dataclass(frozen=True)
class RestoreSummary:
    manifest: Manifest
    database: str
    tables: int
    rows: int
    media_files: int
    media_bytes: int
    erasures_available: bool
    erasures: Any = None
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Backup


def default_backup_path() -> Path:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"sihub-{stamp}.tar.gz"


def backup_create(*, output: Path, log: Log) -> Path:
    """Write database, media and manifest to ``output``, which must not exist yet.

    The database is dumped first and the media copied after it, so the archive
    holds every file the dumped rows refer to (files uploaded meanwhile are
    extra, harmless ones).
    """
    output = Path(output).absolute()
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if output.resolve().is_relative_to(media_root.resolve()):
        # Everything under MEDIA_ROOT is served publicly at MEDIA_URL.
        raise BackupError(f"Refusing to write the backup inside MEDIA_ROOT ({media_root})")
    vendor = _vendor()
    output.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Claim the name at once (O_EXCL), so an existing backup is never
    # overwritten and a concurrent run with the same name fails early.
    try:
        os.close(os.open(output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(f"{output} already exists; refusing to overwrite it") from None
    try:
        # The work directory sits beside the output so the final rename is atomic.
        with tempfile.TemporaryDirectory(prefix=".sihub-backup-", dir=output.parent) as work:
            database_file = DATABASE_FILES[vendor]
            dump = Path(work) / database_file
            if vendor == "sqlite":
                migrations, row_counts, details = _dump_sqlite(dump, log)
            else:
                migrations, row_counts, details = _dump_postgresql(dump, log)
            partial = Path(work) / "archive.tar.gz"
            # The archive holds password hashes and personal data: owner-only.
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6,
                                  format=tarfile.PAX_FORMAT) as tar:
                    files = {database_file: _add_file(tar, dump, database_file)}
                    log(f"Database: {len(row_counts)} tables, {sum(row_counts.values())} rows, "
                        f"{_mb(files[database_file].size)}")
                    files.update(_add_media(tar, media_root, log))
                    manifest = Manifest(
                        format_version=FORMAT_VERSION,
                        created_at=timezone.now().isoformat(),
                        vendor=vendor,
                        database_file=database_file,
                        migrations=migrations,
                        row_counts=row_counts,
                        files=files,
                        database_details=details,
                    )
                    _add_bytes(tar, MANIFEST_NAME, manifest.to_json())
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, output)
    except BaseException:
        output.unlink(missing_ok=True)
        raise
    log(f"Archive: {_mb(output.stat().st_size)}")
    return output


def _dump_sqlite(dest: Path, log: Log) -> tuple[dict[str, str], dict[str, int], dict[str, str]]:
    live = _sqlite_path()
    if not live.is_file():
        raise BackupError(f"The SQLite database {live} does not exist")
    log(f"Copying the SQLite database {live} ({_mb(live.stat().st_size)})…")
    try:
        with closing(sqlite3.connect(live, timeout=20)) as src, \
                closing(sqlite3.connect(dest)) as dst:
            # One step (pages=-1) reads one snapshot: consistent, and in WAL mode
            # it does not block the site's writers. Stepping in chunks would
            # restart whenever the site writes, possibly forever on a busy site.
            src.backup(dst)
            # A self-contained single file in the archive, no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
            # Counts and migration state come from the copy, so they describe
            # exactly what the archive holds.
            migrations, row_counts = _sqlite_facts(dst)
    except sqlite3.Error as exc:
        raise BackupError(f"Copying the SQLite database failed: {exc}") from None
    return migrations, row_counts, {"sqlite_version": sqlite3.sqlite_version}


def _dump_postgresql(dest: Path, log: Log) -> tuple[dict[str, str], dict[str, int], dict[str, str]]:
    pg_dump = _pg_tool("pg_dump")
    conninfo, env = _pg_client_args()
    # pg_dump reads the snapshot exported by this transaction, so the row counts
    # and migration state in the manifest match the dump exactly.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        migrations, row_counts = _pg_facts(cursor)
        log(f"Dumping the PostgreSQL database {connection.settings_dict['NAME']}…")
        _run([pg_dump, "--format=custom", "--no-owner", f"--snapshot={snapshot}",
              f"--file={dest}", f"--dbname={conninfo}"], env=env)
    details = {"server_version": server_version, "pg_dump": _run([pg_dump, "--version"]).strip()}
    return migrations, row_counts, details


def _add_media(tar: tarfile.TarFile, media_root: Path, log: Log) -> dict[str, FileEntry]:
    paths = list(_media_paths(media_root, log))
    progress = _Progress(log, "Media", total=len(paths))
    files: dict[str, FileEntry] = {}
    for path in paths:
        name = MEDIA_PREFIX + path.relative_to(media_root).as_posix()
        files[name] = _add_file(tar, path, name)
        progress.add(files[name].size)
    progress.done()
    return files


def _media_paths(media_root: Path, log: Log) -> Iterator[Path]:
    if not media_root.is_dir():
        log(f"MEDIA_ROOT {media_root} does not exist; no media files to back up")
        return
    for dirpath, dirnames, filenames in os.walk(media_root):
        here = Path(dirpath)
        if here == media_root:
            dirnames[:] = [d for d in dirnames if not d.startswith(STAGING_PREFIX)]
        dirnames.sort()
        for name in [d for d in dirnames if (here / d).is_symlink()]:
            log(f"Skipping symbolic link {here / name}")
        for name in sorted(filenames):
            path = here / name
            if path.is_symlink() or not path.is_file():
                log(f"Skipping {path}: not a regular file")
                continue
            yield path


class _HashingReader:
    """Hands a file to tarfile while hashing exactly the bytes that go in."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.hash = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self.hash.update(data)
        return data


def _add_file(tar: tarfile.TarFile, source: Path, name: str) -> FileEntry:
    with source.open("rb") as fh:
        stat = os.fstat(fh.fileno())
        info = tarfile.TarInfo(name)
        info.size = stat.st_size
        info.mtime = int(stat.st_mtime)
        info.mode = 0o644
        reader = _HashingReader(fh)
        try:
            tar.addfile(info, reader)  # type: ignore[arg-type]
        except OSError as exc:
            if "unexpected end of data" not in str(exc):
                raise
            raise BackupError(f"{source} shrank while it was being backed up; run again") from None
    return FileEntry(sha256=reader.hash.hexdigest(), size=stat.st_size)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


# ---------------------------------------------------------------------------
# Verify


def backup_verify(path: Path, *, log: Log | None = None) -> Manifest:
    """Check ``path`` completely without extracting it; raise BackupError if untrusted.

    Every member name is checked (no absolute paths, no ``..``, no links), every
    member's sha256 and size must match the manifest, nothing may be missing or
    extra, and the backup must come from the database vendor configured now.
    """
    manifest = _read_archive(Path(path), extract_to=None, log=log or _quiet)
    _check_vendor(manifest)
    return manifest


def _read_archive(path: Path, *, extract_to: Path | None, log: Log) -> Manifest:
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file")
    found: dict[str, FileEntry] = {}
    manifest_raw: bytes | None = None
    progress = _Progress(log, "Checked", total=None)
    try:
        with tarfile.open(path, mode="r:gz") as tar:
            for member in tar:
                name = _checked_member_name(member)
                if member.isdir():
                    continue
                if name in found or (name == MANIFEST_NAME and manifest_raw is not None):
                    raise BackupError(f"Archive member {name!r} appears twice")
                source = tar.extractfile(member)
                if source is None:  # pragma: no cover - regular files always have data
                    raise BackupError(f"Archive member {name!r} has no data")
                if name == MANIFEST_NAME:
                    if member.size > _MAX_MANIFEST_BYTES:
                        raise BackupError("manifest.json is implausibly large")
                    manifest_raw = source.read()
                    continue
                target = _extraction_target(extract_to, name) if extract_to else None
                try:
                    found[name] = _copy_hashed(source, target, mtime=member.mtime)
                except _UNREADABLE:
                    raise
                except OSError as exc:  # disk full, a file where a folder should be, ...
                    raise BackupError(f"Cannot extract {name!r}: {exc}") from None
                progress.add(found[name].size)
    except _UNREADABLE as exc:
        raise BackupError(f"{path} is not a readable backup archive: {exc}") from None
    progress.done()
    if manifest_raw is None:
        raise BackupError(f"{path} has no manifest.json; it is not a sihub backup")
    manifest = Manifest.from_json(manifest_raw)
    if manifest.database_file not in manifest.files:
        raise BackupError("The manifest lists no database dump")
    missing = sorted(set(manifest.files) - set(found))
    extra = sorted(set(found) - set(manifest.files))
    if missing:
        raise BackupError(f"Files listed in the manifest are missing from the archive: "
                          f"{_some(missing)}")
    if extra:
        raise BackupError(f"The archive holds files the manifest does not list: {_some(extra)}")
    corrupt = sorted(n for n, entry in manifest.files.items() if found[n] != entry)
    if corrupt:
        raise BackupError(f"Checksum mismatch, the archive is damaged or was altered: "
                          f"{_some(corrupt)}")
    return manifest


def _checked_member_name(member: tarfile.TarInfo) -> str:
    """The member's name if it is safe to extract; BackupError otherwise."""
    name = member.name
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"Refusing archive member {name!r}: links and special files "
                          "are not allowed")
    parts = name.split("/")
    if name.startswith("/") or "\x00" in name:
        raise BackupError(f"Refusing archive member {name!r}: absolute path")
    if ".." in parts:
        raise BackupError(f"Refusing archive member {name!r}: path traversal ('..')")
    if member.isdir():
        parts = parts[:-1] if parts[-1] == "" else parts
    if any(part in ("", ".") for part in parts):
        raise BackupError(f"Refusing archive member {name!r}: not a normalised path")
    allowed = name == MANIFEST_NAME or name in DATABASE_FILES.values() or (
        name.startswith(MEDIA_PREFIX) and len(parts) > 1
    ) or (member.isdir() and parts == ["media"])
    if not allowed:
        raise BackupError(f"Refusing archive member {name!r}: not part of a sihub backup")
    return name


def _extraction_target(root: Path, name: str) -> Path:
    target = root.joinpath(*PurePosixPath(name).parts)
    # Belt and braces after _checked_member_name: never write outside root.
    if not target.resolve().is_relative_to(root.resolve()):
        raise BackupError(f"Refusing archive member {name!r}: it points outside the target")
    return target


def _copy_hashed(source: IO[bytes], target: Path | None, *, mtime: float) -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    out: IO[bytes] | None = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = target.open("xb")
    try:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if out is not None:
                out.write(chunk)
    finally:
        if out is not None:
            out.close()
    if target is not None:
        os.utime(target, (mtime, mtime))
    return FileEntry(sha256=digest.hexdigest(), size=size)


def _check_vendor(manifest: Manifest) -> None:
    if manifest.vendor != _vendor():
        raise BackupError(
            f"This backup holds a {manifest.vendor} database, but DATABASE_URL points to "
            f"{_vendor()}; restore it into a {manifest.vendor} database"
        )
    if DATABASE_FILES.get(manifest.vendor) != manifest.database_file:
        raise BackupError(f"Unexpected database file {manifest.database_file!r} in the manifest")


# ---------------------------------------------------------------------------
# Restore


def backup_restore(*, path: Path, log: Log) -> RestoreSummary:
    """Replace the database and MEDIA_ROOT's contents with the backup at ``path``.

    Everything is extracted and checked in a staging directory first; the live
    media are swapped out only after that, and swapped back if the database
    restore fails. Afterwards people erased since the backup are erased again.
    """
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT).absolute()
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=_staging_parent(media_root)))
    keep_staging = False
    try:
        log(f"Extracting {path} into {staging}…")
        manifest = _read_archive(path, extract_to=staging, log=log)
        _check_vendor(manifest)
        dump = staging / manifest.database_file
        if manifest.vendor == "sqlite":
            _check_sqlite_file(dump)
        new_media = staging / "media"
        new_media.mkdir(exist_ok=True)
        swap = _MediaSwap(media_root=media_root, new=new_media, old=staging / "old",
                          skip={staging})
        try:
            swap.swap_in()
            _restore_database(manifest, dump, log)
        except BaseException:
            log("Restore failed; putting the previous media files back")
            try:
                swap.roll_back()
            except BaseException:
                # The old media now live only in the staging directory: keep it.
                keep_staging = True
                log(f"Could not put them back; they are in {staging / 'old'}")
            raise
        log(f"Media: {len(manifest.media_files)} files now in {media_root}")
    finally:
        if not keep_staging:
            shutil.rmtree(staging, ignore_errors=True)

    # Checked before erasures are re-applied, which may legitimately change rows.
    restored_counts = _current_row_counts()
    differing = sorted(t for t, n in manifest.row_counts.items() if restored_counts.get(t) != n)
    available, erasures = _reapply_erasures(log)
    if differing:
        raise BackupError(f"The database was restored, but row counts differ from the "
                          f"manifest in: {_some(differing)}")
    media = manifest.media_files
    return RestoreSummary(
        manifest=manifest,
        database=str(connection.settings_dict["NAME"]),
        tables=len(manifest.row_counts),
        rows=manifest.total_rows,
        media_files=len(media),
        media_bytes=sum(e.size for e in media.values()),
        erasures_available=available,
        erasures=erasures,
        notes=_migration_notes(),
    )


def _staging_parent(media_root: Path) -> Path:
    """Next to MEDIA_ROOT, so the swap is a rename on one filesystem.

    When MEDIA_ROOT is a mount point (a shared volume) or its parent is not
    writable, stage inside MEDIA_ROOT instead, for the same reason.
    """
    parent = media_root.parent
    if os.path.ismount(media_root) or not os.access(parent, os.W_OK):
        return media_root
    return parent


class _MediaSwap:
    """Swap MEDIA_ROOT's entries for staged ones by renames, keeping the old ones.

    Entries are moved rather than the directory itself, so MEDIA_ROOT (possibly a
    mount point, with its own owner and permissions) stays in place.
    """

    def __init__(self, *, media_root: Path, new: Path, old: Path, skip: set[Path]) -> None:
        self.media_root, self.new, self.old, self.skip = media_root, new, old, skip
        self.moved_out: list[str] = []
        self.moved_in: list[str] = []

    def swap_in(self) -> None:
        self.old.mkdir()
        for entry in sorted(self.media_root.iterdir()):
            if entry in self.skip:
                continue
            entry.rename(self.old / entry.name)
            self.moved_out.append(entry.name)
        for entry in sorted(self.new.iterdir()):
            entry.rename(self.media_root / entry.name)
            self.moved_in.append(entry.name)

    def roll_back(self) -> None:
        for name in reversed(self.moved_in):
            (self.media_root / name).rename(self.new / name)
        for name in reversed(self.moved_out):
            (self.old / name).rename(self.media_root / name)
        self.moved_in, self.moved_out = [], []


def _restore_database(manifest: Manifest, dump: Path, log: Log) -> None:
    if manifest.vendor == "sqlite":
        _restore_sqlite(dump, log)
    else:
        _restore_postgresql(manifest, dump, log)


def _restore_sqlite(copy: Path, log: Log) -> None:
    live = _sqlite_path()
    log(f"Restoring the SQLite database into {live}…")
    connection.close()
    live.parent.mkdir(parents=True, exist_ok=True)
    try:
        # The backup API writes through SQLite's own locking and journal, so a
        # live -wal/-shm pair is handled correctly and running readers see either
        # the old or the new database, never a half-copied file.
        with closing(sqlite3.connect(copy)) as src, \
                closing(sqlite3.connect(live, timeout=20)) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise BackupError(f"Restoring the SQLite database failed: {exc}") from None


def _restore_postgresql(manifest: Manifest, dump: Path, log: Log) -> None:
    pg_restore = _pg_tool("pg_restore")
    conninfo, env = _pg_client_args()
    with connection.cursor() as cursor:
        current = set(connection.introspection.table_names(cursor))
    extra = sorted(current - set(manifest.row_counts))
    if extra:
        # --clean drops only what the dump holds; newer tables stay as they are.
        log(f"Warning: tables not in the backup are left as they are: {_some(extra)}")
    connection.close()
    log(f"Restoring the PostgreSQL database {connection.settings_dict['NAME']}…")
    _run([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
          f"--dbname={conninfo}", str(dump)], env=env)


def _reapply_erasures(log: Log) -> tuple[bool, Any]:
    """Call sihub.core.privacy.reapply_erasures() if that module provides it.

    Only a missing module or function counts as "not available": an ImportError
    raised from inside the privacy module must not silently skip erasures.
    """
    try:
        privacy = import_module("sihub.core.privacy")
        reapply = privacy.reapply_erasures
    except ModuleNotFoundError as exc:
        if exc.name != "sihub.core.privacy":
            raise
        log("sihub.core.privacy is not installed; no erasures re-applied")
        return False, None
    except AttributeError:
        log("sihub.core.privacy has no reapply_erasures(); no erasures re-applied")
        return False, None
    log("Re-applying erasures made after the backup…")
    try:
        return True, reapply()
    except Exception as exc:
        raise BackupError(
            f"The database and media were restored, but re-applying erasures failed: {exc!r}. "
            "People erased after the backup may be back: keep the site closed, fix the "
            "cause (`manage.py migrate` if the backup predates this version), then run "
            "`manage.py reapply_erasures`."
        ) from exc


def _migration_notes() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    notes: list[str] = []
    pending = executor.migration_plan(targets)
    if pending:
        notes.append(f"{len(pending)} migrations of this sihub version are not applied in the "
                     "backup: run `manage.py migrate`.")
    applied = set(executor.recorder.applied_migrations())
    unknown = sorted(f"{a}.{n}" for a, n in applied - set(executor.loader.disk_migrations))
    if unknown:
        notes.append(f"The backup has migrations this sihub version does not know "
                     f"({_some(unknown)}): it comes from a newer version.")
    return notes


# ---------------------------------------------------------------------------
# Database helpers


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _sqlite_path() -> Path:
    name = str(connection.settings_dict["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        raise BackupError(f"The SQLite database {name!r} is not a plain file")
    return Path(name)


def _latest_migrations(rows: list[tuple[str, str]]) -> dict[str, str]:
    """The highest-numbered applied migration per app.

    By name, not by id: `migrate` records a squashed migration only at its very
    end, after later migrations of the same app.
    """
    latest: dict[str, str] = {}
    for app, name in rows:
        latest[app] = max(name, latest.get(app, name))
    return dict(sorted(latest.items()))


def _sqlite_facts(conn: sqlite3.Connection) -> tuple[dict[str, str], dict[str, int]]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
    )]
    # Table names come from the catalogue and are quoted: not an injection vector.
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {_quote(t)}").fetchone()[0]  # nosec B608
              for t in tables}
    migrations = _latest_migrations(
        conn.execute("SELECT app, name FROM django_migrations").fetchall()
    ) if "django_migrations" in counts else {}
    return migrations, counts


def _pg_facts(cursor: Any) -> tuple[dict[str, str], dict[str, int]]:
    tables = sorted(connection.introspection.table_names(cursor))
    counts: dict[str, int] = {}
    for table in tables:
        # Table names come from the catalogue and are quoted: not an injection vector.
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # nosec B608
        counts[table] = cursor.fetchone()[0]
    migrations: dict[str, str] = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = _latest_migrations(cursor.fetchall())
    return migrations, counts


def _current_row_counts() -> dict[str, int]:
    if _vendor() == "sqlite":
        with closing(sqlite3.connect(_sqlite_path(), timeout=20)) as conn:
            return _sqlite_facts(conn)[1]
    with connection.cursor() as cursor:
        return _pg_facts(cursor)[1]


def _check_sqlite_file(path: Path) -> None:
    try:
        with closing(sqlite3.connect(path)) as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"The database in the backup cannot be read: {exc}") from None
    if result != "ok":
        raise BackupError(f"The database in the backup fails SQLite's integrity check: {result}")


def _pg_client_args() -> tuple[str, dict[str, str]]:
    """A libpq connection string and environment for pg_dump / pg_restore.

    The password goes in PGPASSWORD, never on the command line, where any local
    user could read it in the process list.
    """
    from psycopg.conninfo import make_conninfo

    sd = connection.settings_dict
    params = {"dbname": sd.get("NAME"), "host": sd.get("HOST"), "port": sd.get("PORT"),
              "user": sd.get("USER")}
    options = sd.get("OPTIONS") or {}
    params.update({k: options[k] for k in _LIBPQ_OPTIONS if k in options})
    conninfo = make_conninfo(**{k: str(v) for k, v in params.items() if v not in (None, "")})
    env = dict(os.environ)
    if sd.get("PASSWORD"):
        env["PGPASSWORD"] = str(sd["PASSWORD"])
    return conninfo, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not on PATH; install the PostgreSQL client tools")
    return found


def _run(args: list[str], *, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # nosec B603 - fixed program, no shell
    if result.returncode != 0:
        tool = Path(args[0]).name
        raise BackupError(f"{tool} failed (exit {result.returncode}): {result.stderr.strip()}")
    return result.stdout


# ---------------------------------------------------------------------------
# Small helpers


class _Progress:
    """Counts files on stderr, at most once a second, so long steps show life."""

    def __init__(self, log: Log, label: str, *, total: int | None) -> None:
        self.log, self.label, self.total = log, label, total
        self.count = 0
        self.bytes = 0
        self._last = time.monotonic()

    def add(self, size: int) -> None:
        self.count += 1
        self.bytes += size
        now = time.monotonic()
        if now - self._last >= 1.0:
            self._last = now
            self.log(self._line())

    def done(self) -> None:
        self.log(self._line())

    def _line(self) -> str:
        of = f"/{self.total}" if self.total is not None else ""
        return f"{self.label}: {self.count}{of} files, {_mb(self.bytes)}"


def _quiet(message: str) -> None:
    pass


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _some(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
