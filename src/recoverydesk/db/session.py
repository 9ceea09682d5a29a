"""Units of work: one short transaction per user action.

``Database.read()`` and ``Database.write()`` hand a service a session inside a transaction
that commits on success, rolls back on error, and turns environment faults (locked, read
only, disk full, damaged) into domain errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "Session"]

from recoverydesk.db.engine import (
    create_database_engine,
    describe,
    is_read_only,
    is_sqlite,
    sqlite_file,
)
from recoverydesk.db.engine import writer as writer_engine
from recoverydesk.db.errors import translated_errors


class Database:
    """An engine plus the two kinds of session services use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reads = sessionmaker(engine, expire_on_commit=False)
        self._writes = sessionmaker(writer_engine(engine), expire_on_commit=False)

    @classmethod
    def open(cls, url_or_path: str | Path) -> Database:
        """Connect to a SQLite path or a SQLAlchemy URL (no schema work; see migrate)."""
        return cls(create_database_engine(url_or_path))

    @property
    def description(self) -> str:
        """Where the data lives, safe to show: a path or host/database, never a password."""
        return describe(self.engine.url)

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine.url)

    @property
    def is_read_only(self) -> bool:
        """True for a SQLite file opened read-only (``mode=ro``)."""
        return is_read_only(self.engine.url)

    @property
    def sqlite_path(self) -> Path | None:
        return sqlite_file(self.engine.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with translated_errors(), self._reads.begin() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A writing unit of work (``BEGIN IMMEDIATE`` on SQLite); commits on success."""
        with translated_errors(), self._writes.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
