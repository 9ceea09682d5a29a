"""Copy every table of one RecoveryDesk database into an empty one (SQLite ⇄ PostgreSQL).

The target is brought to the current schema by the migrations, then filled in one
transaction, table by table in foreign-key order, in batches; PostgreSQL's id sequences
are moved past the copied ids. Nothing is committed unless every row count matches.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Table, func, insert, inspect, select, text

from recoverydesk.db import backup_files, migrate, sqlite_file
from recoverydesk.db.base import Base
from recoverydesk.db.errors import translated_errors
from recoverydesk.db.models import CounterModel
from recoverydesk.db.session import Database
from recoverydesk.domain.backups import BackupInfo, BackupKind
from recoverydesk.domain.errors import DuplicateError, RecoveryDeskError

BATCH = 2000
#: Rows the migrations themselves write; replaced by the source's rows.
SEEDED = (CounterModel.__table__,)


class CopyMismatchError(RecoveryDeskError):
    """A table's row count differed after copying; nothing was committed."""


@dataclass(frozen=True)
class CopyReport:
    """How many rows of each table were copied."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


Progress = Callable[[str, int], None]


def tables() -> list[Table]:
    """Every table, parents before children."""
    return list(Base.metadata.sorted_tables)


def data_rows(db: Database) -> dict[str, int]:
    """Row counts of the tables that hold data (seeded tables aside); {} for no schema."""
    with translated_errors(), db.engine.connect() as conn:
        present = set(inspect(conn).get_table_names())
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in tables()
            if t.name in present and t not in SEEDED
        }


def copy_database(
    source: Database, target: Database, progress: Progress | None = None
) -> CopyReport:
    """Fill the empty ``target`` with everything in ``source``; refuse a non-empty target."""
    filled = {name: n for name, n in data_rows(target).items() if n}
    if filled:
        listing = ", ".join(f"{name} ({n})" for name, n in sorted(filled.items())[:4])
        raise DuplicateError(
            f"The target database already holds data: {listing}. copy-database only fills an "
            "empty database; nothing was copied."
        )
    migrate.upgrade(target)
    counts: dict[str, int] = {}
    with translated_errors(), source.engine.connect() as src, target.engine.begin() as dst:
        if src.dialect.name == "postgresql":
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        for table in SEEDED:
            dst.execute(table.delete())
        for table in tables():
            counts[table.name] = _copy_table(src, dst, table, progress)
        _check_counts(dst, counts)
        if dst.dialect.name == "postgresql":
            _move_sequences(dst)
    return CopyReport(counts)


def _copy_table(src: Connection, dst: Connection, table: Table, progress: Progress | None) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    result = src.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
    copied = 0
    for batch in result.partitions():
        dst.execute(insert(table), [row._asdict() for row in batch])
        copied += len(batch)
        if progress is not None:
            progress(table.name, copied)
    return copied


def _check_counts(dst: Connection, counts: dict[str, int]) -> None:
    for table in tables():
        found = dst.scalar(select(func.count()).select_from(table)) or 0
        if found != counts[table.name]:
            raise CopyMismatchError(
                f"Table {table.name}: {counts[table.name]} rows read but {found} in the copy; "
                "nothing was copied."
            )


def _move_sequences(dst: Connection) -> None:
    for table in tables():
        column = table.c.get("id")
        if column is None or not column.autoincrement or column.foreign_keys:
            continue
        dst.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def write_snapshot(
    source: Database, folder: Path, kind: BackupKind, now: dt.datetime, *, create_folder: bool
) -> BackupInfo:
    """A verified, portable SQLite copy of a server database in ``folder`` (its backup).

    Written under a temporary name and renamed only when complete and copied in full.
    """
    with sqlite_file.file_faults("Backing up", folder):
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise FileNotFoundError(2, "No such folder", str(folder))
        name = source.engine.url.database or "server"
        destination = backup_files.free_name(
            folder, f"{name}-{now.strftime(backup_files.STAMP)}-{kind.value}"
        )
        partial = destination.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        target = Database.open(partial)
        try:
            copy_database(source, target)
        except BaseException:
            target.close()
            partial.unlink(missing_ok=True)
            raise
        target.close()
        _checkpoint(partial)
        os.replace(partial, destination)
    return backup_files.record(destination, now, kind)


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file so the snapshot is one self-contained file."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
