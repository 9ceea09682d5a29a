"""SQLite file operations: online backup, verification and restore (SQLite only).

Copies use SQLite's backup API, never a file copy, so a copy taken while another
connection writes is consistent. Every copy is written to a temporary name, verified, and
only then renamed into place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from recoverydesk.domain.errors import (
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    DatabaseUnavailableError,
    DiskFullError,
    RecoveryDeskError,
)


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    return sqlite3.connect(path, isolation_level=None)


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """What ``integrity_check`` (or ``quick_check``) reports; empty when the file is fine."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        with contextlib.closing(_connect(path, read_only=True)) as conn:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}")]
            rows += [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else [r for r in rows if r != "ok"]


def backup_to(source: Path, destination: Path) -> Path:
    """Copy the SQLite database ``source`` to ``destination`` and verify the copy."""
    temporary = destination.with_name(destination.name + ".partial")
    temporary.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(_connect(source)) as src,
            contextlib.closing(_connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        problems = integrity_problems(temporary)
        if problems:
            raise DatabaseCorruptError(f"The backup copy failed its check: {problems[0]}")
        _fsync(temporary)
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
    return destination


def restore_from(backup: Path, target: Path) -> None:
    """Put the contents of ``backup`` back into the database file ``target``."""
    with (
        contextlib.closing(_connect(backup, read_only=True)) as src,
        contextlib.closing(_connect(target)) as dst,
    ):
        src.backup(dst)


def user_tables(path: Path) -> list[str]:
    """Names of the tables in a SQLite file (empty for a new or empty file)."""
    with contextlib.closing(_connect(path, read_only=True)) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]


COUNTED_TABLES = ("members", "visits", "settings")


def file_report(path: Path) -> tuple[list[str], str, dict[str, int]]:
    """Check a SQLite file as a RecoveryDesk database: (problems, schema revision, row counts).

    Opens it read-only, runs ``integrity_check`` and ``foreign_key_check``, reads the
    schema revision and counts the main tables. An empty problem list means it is good.
    """
    problems = integrity_problems(path)
    if problems:
        return problems, "", {}
    try:
        with contextlib.closing(_connect(path, read_only=True)) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                return ["not a RecoveryDesk database (no schema version)"], "", {}
            schema = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {
                t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in COUNTED_TABLES
                if t in tables
            }
    except sqlite3.DatabaseError as error:
        return [str(error)], "", {}
    return [], (schema[0] if schema else ""), counts


def replace_with(backup: Path, target: Path) -> None:
    """Make ``target`` a copy of ``backup``, atomically; no connection may be open on it.

    The copy is written beside the target under a temporary name (SQLite backup API),
    flushed to disk, then renamed over the target; the target's old WAL and shared-memory
    files are removed so SQLite cannot replay them onto the restored file.
    """
    temporary = target.with_name(target.name + ".restoring")
    temporary.unlink(missing_ok=True)
    try:
        with (
            contextlib.closing(_connect(backup, read_only=True)) as src,
            contextlib.closing(_connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        _fsync(temporary)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        os.replace(temporary, target)
        _fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def file_faults(action: str, where: Path) -> Iterator[None]:
    """Turn disk and SQLite file errors during ``action`` into plain domain errors."""
    try:
        yield
    except (OSError, sqlite3.Error) as error:
        raise _file_fault(action, where, error) from error


def _file_fault(action: str, where: Path, error: BaseException) -> RecoveryDeskError:
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if code == errno.ENOSPC or "disk is full" in text:
        return DiskFullError(
            f"{action} failed: the disk at {where} is full. Nothing was "
            "changed; free some space or choose another place."
        )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return DatabaseReadOnlyError(
            f"{action} failed: {where} cannot be written "
            "(read-only or no permission). Nothing was changed."
        )
    if code == errno.ENOENT or "unable to open" in text:
        return DatabaseUnavailableError(
            f"{action} failed: {where} is not there "
            "(was a USB stick removed?). Nothing was changed."
        )
    if "not a database" in text or "malformed" in text:
        return DatabaseCorruptError(
            f"{action} failed: {where} is damaged or is not a RecoveryDesk database."
        )
    return DatabaseUnavailableError(f"{action} failed at {where}: {error}. Nothing was changed.")
