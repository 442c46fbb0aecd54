"""Backup and restore, end to end.

The main tests run the real ``manage.py`` in subprocesses against a scratch
database of the vendor the suite runs on (SQLite unless DATABASE_URL is
postgres://) and a scratch MEDIA_ROOT, and compare every row of every table
and every media file's sha256 before the backup and after the restore. None of
them needs Django's test database, so none requests the ``db`` fixture.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sihub.core.backup import BackupError, backup_verify

ROOT = Path(__file__).resolve().parents[3]
SUITE_DATABASE_URL = os.environ.get("DATABASE_URL", "")
VENDOR = "postgresql" if SUITE_DATABASE_URL.startswith(("postgres://", "postgresql://")) \
    else "sqlite"
TIMEOUT = 900

Rows = dict[str, list[tuple[Any, ...]]]


@dataclass
class ScratchSite:
    """A throwaway sihub installation: its own database, media and erasure ledger."""

    root: Path
    database_url: str
    media_root: Path
    env: dict[str, str]
    sqlite_path: Path | None = None

    def manage(self, *args: str, input: str | None = None, check: bool = True,
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env or self.env, input=input,
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=TIMEOUT,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
                        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result

    def rows(self) -> Rows:
        """Every row of every table, in a stable order, plus schema and sequences."""
        return _sqlite_rows(self.sqlite_path) if self.sqlite_path else _pg_rows(self.database_url)

    def media(self) -> dict[str, str]:
        return {p.relative_to(self.media_root).as_posix(): _sha256(p.read_bytes())
                for p in sorted(self.media_root.rglob("*")) if p.is_file()}

    def execute(self, sql: str) -> None:
        if self.sqlite_path:
            with closing(sqlite3.connect(self.sqlite_path)) as conn, conn:
                conn.executescript(sql)
        else:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as conn:
                conn.execute(sql)  # type: ignore[arg-type]

    def wipe_database(self) -> None:
        if self.sqlite_path:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.sqlite_path}{suffix}").unlink(missing_ok=True)
        else:
            self.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")

    def staging_leftovers(self) -> list[Path]:
        return [p for place in (self.root, self.media_root) for p in place.iterdir()
                if p.name.startswith(".sihub-restore-")]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[ScratchSite]:
    media_root = tmp_path / "media"
    media_root.mkdir()
    # The erasure ledger lives outside the database, in the repository's var/
    # by default. A settings shim points the subprocesses at an empty ledger of
    # their own, so `restore` re-erasing people from some other ledger cannot
    # change the rows this test compares.
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sihub_backup_test_settings.py").write_text(
        "from sihub.settings import *  # noqa: F403\n"
        f"SIHUB_ERASURE_LEDGER = {str(tmp_path / 'erasure-ledger.jsonl')!r}\n"
    )
    env = {
        **os.environ,
        "SIHUB_ENV": "development",
        "SIHUB_MEDIA_ROOT": str(media_root),
        "SIHUB_TASKS_BACKEND": "immediate",
        "DJANGO_SETTINGS_MODULE": "sihub_backup_test_settings",
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(shim), str(ROOT), os.environ.get("PYTHONPATH")) if p),
        "PYTHONIOENCODING": "utf-8",
    }
    if VENDOR == "sqlite":
        db = tmp_path / "db.sqlite3"
        env["DATABASE_URL"] = f"sqlite:///{db}"
        yield ScratchSite(tmp_path, env["DATABASE_URL"], media_root, env, sqlite_path=db)
        return

    import psycopg
    from psycopg import sql

    name = f"sihub_backup_{secrets.token_hex(6)}"
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env["DATABASE_URL"] = _pg_url(name)
    try:
        yield ScratchSite(tmp_path, env["DATABASE_URL"], media_root, env)
    finally:
        with psycopg.connect(_pg_url("postgres"), autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                         .format(sql.Identifier(name)))


# ---------------------------------------------------------------------------
# End to end


def test_it_restores_every_row_and_media_file_after_the_site_is_wiped(site: ScratchSite):
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    _write(site.media_root / "original_images" / "pixels.bin", bytes(range(256)) * 64)
    _write(site.media_root / "documents" / "årsrapport.txt", "Årsrapport 2030\n".encode())
    rows_before, media_before = site.rows(), site.media()
    assert rows_before["core_user"], "seed_demo should have created people"
    assert len(media_before) == 2

    archive = site.root / "backup.tar.gz"
    result = site.manage("backup", "--output", str(archive))
    assert "Media: 2/2 files" in result.stderr
    assert archive.stat().st_mode & 0o077 == 0, "the archive holds personal data"

    site.wipe_database()
    assert not site.rows().get("core_user")
    for path in site.media_root.rglob("*"):
        if path.is_file():
            path.unlink()
    _write(site.media_root / "stray.txt", b"not in the backup")

    result = site.manage("restore", str(archive), "--yes")

    assert "Restored the backup" in result.stdout
    rows_after = site.rows()
    assert sorted(rows_after) == sorted(rows_before)
    assert [t for t in rows_before if rows_after[t] != rows_before[t]] == []
    assert site.media() == media_before
    assert not (site.media_root / "stray.txt").exists()
    assert site.staging_leftovers() == []


# ---------------------------------------------------------------------------
# Verification, in process (no database needed)


@pytest.mark.parametrize(("name", "kind", "target"), [
    ("../escaped.txt", tarfile.REGTYPE, ""),
    ("/tmp/absolute.txt", tarfile.REGTYPE, ""),
    ("media/../../escaped.txt", tarfile.REGTYPE, ""),
    ("media/./hidden.txt", tarfile.REGTYPE, ""),
    ("media/link", tarfile.SYMTYPE, "/etc/passwd"),
    ("media/hard", tarfile.LNKTYPE, "media/a.txt"),
    ("media/fifo", tarfile.FIFOTYPE, ""),
], ids=["dotdot", "absolute", "dotdot-inside-media", "dot", "symlink", "hardlink", "fifo"])
def test_it_rejects_members_that_could_escape(tmp_path: Path, name: str, kind: bytes,
                                              target: str):
    member = tarfile.TarInfo(name)
    member.type, member.linkname = kind, target
    archive = _build(tmp_path / "evil.tar.gz", extra=[member])

    with pytest.raises(BackupError, match="Refusing archive member"):
        backup_verify(archive)
    assert not (tmp_path.parent / "escaped.txt").exists()


@pytest.mark.parametrize(("build", "message"), [
    (lambda p: _build(p, manifest=False), "no manifest.json"),
    (lambda p: _build(p, unlisted={"media/unlisted.txt": b"?"}), "does not list"),
    (lambda p: _build(p, unlisted_in_manifest={"media/gone.txt": b"?"}), "missing"),
    (lambda p: _build(p, vendor="postgresql" if connection.vendor == "sqlite" else "sqlite"),
     "DATABASE_URL points to"),
    (lambda p: (p.write_bytes(b"not a gzip file"), p)[1], "not a readable backup archive"),
], ids=["no-manifest", "unlisted-file", "missing-file", "other-vendor", "not-gzip"])
def test_it_refuses_archives_it_cannot_trust(tmp_path: Path,
                                             build: Callable[[Path], Path], message: str):
    with pytest.raises(BackupError, match=message):
        backup_verify(build(tmp_path / "archive.tar.gz"))


def test_it_accepts_a_consistent_archive(tmp_path: Path):
    manifest = backup_verify(_build(tmp_path / "good.tar.gz"))
    assert set(manifest.media_files) == {"media/a.txt"}


def test_it_changes_nothing_unless_the_operator_types_yes(tmp_path: Path, monkeypatch):
    archive = _build(tmp_path / "good.tar.gz")
    monkeypatch.setattr("builtins.input", lambda prompt: "y")

    # Nothing past the prompt may run: the test has no database to touch.
    with pytest.raises(CommandError, match="cancelled; nothing was changed"):
        call_command("restore", str(archive))


def test_it_refuses_to_overwrite_an_existing_archive(tmp_path: Path):
    existing = tmp_path / "backup.tar.gz"
    existing.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="refusing to overwrite"):
        call_command("backup", "--output", str(existing))
    assert existing.read_bytes() == b"yesterday's backup"


# ---------------------------------------------------------------------------
# End to end, tampering


# Last in the file on purpose: pytest-xdist hands out the first tests in pairs,
# and the two slow end-to-end tests should start on different workers.
def test_it_leaves_the_site_as_it_was_when_a_restore_is_refused_or_fails(site: ScratchSite):
    # No `migrate` here (it is the slowest step): restore refuses before it
    # opens the database, so any tables with rows show whether it touched them.
    site.execute("CREATE TABLE ledger (id integer PRIMARY KEY, note text);"
                 "INSERT INTO ledger VALUES (1, 'in the backup');")
    _write(site.media_root / "documents" / "plan.bin", bytes(range(256)) * 8)
    archive = site.root / "backup.tar.gz"
    site.manage("backup", "--output", str(archive))
    # Change the site after the backup, so a restore that went ahead would show.
    site.execute("INSERT INTO ledger VALUES (2, 'after the backup');")
    _write(site.media_root / "later.txt", b"uploaded after the backup")
    rows_before, media_before = site.rows(), site.media()
    assert len(rows_before["ledger"]) == 2

    damaged = {
        "a changed byte in a media file": (
            _rewrite(archive, site.root / "byte.tar.gz",
                     change={"media/documents/plan.bin": _flip_first_byte}),
            "Checksum mismatch",
        ),
        "an edited manifest checksum": (
            _rewrite(archive, site.root / "manifest.tar.gz", edit_manifest=_zero_db_checksum),
            "Checksum mismatch",
        ),
        "a member escaping with ..": (
            _rewrite(archive, site.root / "escape.tar.gz",
                     add={"media/../../escaped.txt": b"gotcha"}),
            "path traversal",
        ),
    }
    for case, (bad, message) in damaged.items():
        result = site.manage("restore", str(bad), "--yes", check=False)
        assert result.returncode != 0, case
        assert message in result.stderr, (case, result.stderr)
        assert site.rows() == rows_before, case
        assert site.media() == media_before, case
    assert not (site.root / "escaped.txt").exists()
    assert site.staging_leftovers() == []

    # A sound archive whose database step fails: the previous media come back.
    env = site.env
    if site.sqlite_path:
        not_a_database = site.root / "not-a-database"
        not_a_database.mkdir()
        env = {**site.env, "DATABASE_URL": f"sqlite:///{not_a_database}"}
    else:  # pg_restore --clean cannot drop a table another one still refers to
        site.execute("CREATE TABLE blocker (id integer REFERENCES ledger (id));")
    rows_before = site.rows()
    result = site.manage("restore", str(archive), "--yes", check=False, env=env)
    assert result.returncode != 0
    assert "putting the previous media files back" in result.stderr
    assert site.media() == media_before
    assert site.rows() == rows_before
    assert site.staging_leftovers() == []


# ---------------------------------------------------------------------------
# Helpers


def _pg_url(dbname: str) -> str:
    return urlunsplit(urlsplit(SUITE_DATABASE_URL)._replace(path=f"/{dbname}"))


def _sqlite_rows(path: Path) -> Rows:
    if not path.exists():
        return {}
    with closing(sqlite3.connect(path)) as conn:
        rows: Rows = {"(schema)": conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()}
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            width = len(conn.execute(f'PRAGMA table_info("{table}")').fetchall())
            order = ", ".join(str(i) for i in range(1, width + 1))
            rows[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
    return rows


def _pg_rows(url: str) -> Rows:
    import psycopg

    with psycopg.connect(url) as conn:
        rows: Rows = {
            "(schema)": conn.execute(
                "SELECT table_name, column_name, data_type, is_nullable, column_default "
                "FROM information_schema.columns WHERE table_schema = 'public' "
                "ORDER BY table_name, ordinal_position").fetchall(),
            "(sequences)": conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY sequencename").fetchall(),
        }
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_type = 'BASE TABLE' ORDER BY table_name")]
        for table in tables:
            # Ordered by all columns (as the row's text): json columns have no
            # ordering operator of their own.
            rows[table] = conn.execute(  # type: ignore[call-overload]
                f'SELECT * FROM public."{table}" AS r ORDER BY r::text').fetchall()
    return rows


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _flip_first_byte(data: bytes) -> bytes:
    return bytes([data[0] ^ 0xFF]) + data[1:]


def _zero_db_checksum(manifest: dict[str, Any]) -> None:
    database_file = manifest["database"]["file"]
    manifest["files"][database_file]["sha256"] = "0" * 64


def _rewrite(source: Path, target: Path, *,
             change: dict[str, Callable[[bytes], bytes]] | None = None,
             edit_manifest: Callable[[dict[str, Any]], None] | None = None,
             add: dict[str, bytes] | None = None) -> Path:
    """A copy of ``source`` with members changed, the manifest edited or members added.

    Added members are also listed in the manifest with their true checksums,
    so only the property under test makes the archive untrustworthy.
    """
    members: list[tuple[str, bytes]] = []
    with tarfile.open(source, "r:gz") as tar:
        for info in tar:
            data = tar.extractfile(info).read()  # type: ignore[union-attr]
            members.append((info.name, (change or {}).get(info.name, lambda d: d)(data)))
    manifest = json.loads(dict(members)["manifest.json"])
    if edit_manifest:
        edit_manifest(manifest)
    for name, data in (add or {}).items():
        manifest["files"][name] = {"sha256": _sha256(data), "size": len(data)}
    members = [(n, d) for n, d in members if n != "manifest.json"]
    members += list((add or {}).items())
    members.append(("manifest.json", json.dumps(manifest).encode()))
    with tarfile.open(target, "w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def _build(path: Path, *, manifest: bool = True, vendor: str | None = None,
           extra: list[tarfile.TarInfo] = (),  # type: ignore[assignment]
           unlisted: dict[str, bytes] | None = None,
           unlisted_in_manifest: dict[str, bytes] | None = None) -> Path:
    """A small archive whose manifest matches its members unless told otherwise."""
    vendor = vendor or connection.vendor
    database_file = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}[vendor]
    files = {database_file: b"not really a database", "media/a.txt": b"a"}
    entries = {n: {"sha256": _sha256(d), "size": len(d)}
               for n, d in {**files, **(unlisted_in_manifest or {})}.items()}
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {**files, **(unlisted or {})}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for member in extra:
            data = b"payload" if member.isfile() else b""
            member.size = len(data)
            if member.isfile():
                entries[member.name] = {"sha256": _sha256(data), "size": len(data)}
            tar.addfile(member, io.BytesIO(data) if data else None)
        if manifest:
            raw = json.dumps({
                "format": "sihub-backup", "format_version": 1,
                "created_at": "2030-01-01T00:00:00+00:00",
                "database": {"vendor": vendor, "file": database_file},
                "migrations": {}, "row_counts": {}, "files": entries,
            }).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return path
