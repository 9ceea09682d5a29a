"""SQLite file operations: online backup, verification and restore (SQLite only).

Copies use SQLite's backup API, never a file copy, so a copy taken while another
connection writes is consistent. Every copy is written to a temporary name, verified, and
only then renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from recoverydesk.domain.errors import DatabaseCorruptError


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
    destination.parent.mkdir(parents=True, exist_ok=True)
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
