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
    DatabaseLockedError,
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
        _create_empty(temporary)
        with (
            contextlib.closing(_connect(source)) as src,
            contextlib.closing(_connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        problems = integrity_problems(temporary)
        if problems and not temporary.is_file():
            # the folder went away after the copy was written: not a damaged copy
            raise FileNotFoundError(errno.ENOENT, "The copy is gone", str(temporary))
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
CHECKPOINT_WAIT_MS = 2000


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
    """Make ``target`` a copy of ``backup``, atomically; no connection should be open on it.

    The copy is written beside the target under a temporary name (SQLite backup API) and
    flushed to disk. The target's write-ahead log is then folded into it (a checkpoint), so
    that if the rename fails nothing that lived only in the log is lost; the copy is renamed
    over the target and the old, empty log and shared-memory files are removed so SQLite
    cannot replay them onto the restored file. A damaged target's log is removed unread.
    """
    temporary = target.with_name(target.name + ".restoring")
    temporary.unlink(missing_ok=True)
    try:
        _create_empty(temporary)
        with (
            contextlib.closing(_connect(backup, read_only=True)) as src,
            contextlib.closing(_connect(temporary)) as dst,
        ):
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        _fsync(temporary)
        if not _fold_log_into(target):
            _remove_log(target)
        os.replace(temporary, target)
        _remove_log(target)
        _fsync_folder(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _fold_log_into(target: Path) -> bool:
    """Checkpoint ``target``'s write-ahead log into it and empty the log; False if damaged."""
    if not Path(f"{target}-wal").exists():
        return True
    try:
        with contextlib.closing(_connect(target)) as conn:
            conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.DatabaseError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            busy = 1
        else:
            return False
    if busy:
        raise DatabaseLockedError(
            f"Restoring failed: another RecoveryDesk window or program is using {target}. "
            "Close it and try again. Nothing was changed."
        )
    return True


def _remove_log(target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _create_empty(path: Path) -> None:
    """Create ``path`` empty (SQLite takes it as a new database), failing with the OS's reason.

    SQLite reports every failure to create a file as "unable to open database file"; made
    here first, a missing folder, a write-protected stick and a full disk each raise their
    own ``OSError`` (ENOENT, EROFS or EACCES, ENOSPC) that ``file_faults`` can name.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))


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
    if not _still_there(where):
        # whatever the last error said (SQLite calls a vanished file "readonly"), it is gone
        code, text = errno.ENOENT, ""
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


def _still_there(where: Path) -> bool:
    try:
        where.stat()
    except OSError:
        return False
    return True
