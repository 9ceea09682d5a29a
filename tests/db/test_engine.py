"""Connection discipline: pragmas, foreign keys, BEGIN IMMEDIATE, faults by cause."""

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import exc, text

from recoverydesk.db import migrate
from recoverydesk.db.engine import create_database_engine, describe, to_url
from recoverydesk.db.session import Database
from recoverydesk.domain.errors import (
    DatabaseCorruptError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
)

# SQLite only: pragmas, WAL, busy_timeout and BEGIN IMMEDIATE are SQLite's.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def database(db_path: Path):
    db = Database.open(db_path)
    migrate.upgrade(db)
    yield db
    db.close()


def test_every_connection_gets_the_pragmas(database: Database) -> None:
    with database.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 10000,
    }


def test_foreign_key_violation_raises(database: Database) -> None:
    with pytest.raises(exc.IntegrityError), database.write() as session:
        session.execute(
            text("INSERT INTO member_pathways (member_id, pathway) VALUES (999, 'smart')")
        )
    with database.read() as session:
        assert session.execute(text("SELECT count(*) FROM member_pathways")).scalar() == 0


def test_writes_begin_immediate_and_wait_for_another_writer(
    database: Database, db_path: Path
) -> None:
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
    threading.Timer(0.3, other.execute, args=("COMMIT",)).start()
    started = time.monotonic()
    with database.write() as session:
        value = session.execute(text("SELECT value FROM settings WHERE key = 'a'")).scalar()
        session.execute(text("INSERT INTO settings (key, value) VALUES ('b', '2')"))
    other.close()
    assert value == "1", "the write transaction began after the other writer committed"
    assert time.monotonic() - started >= 0.2


def test_lock_held_past_the_busy_timeout_is_a_plain_error(db_path: Path) -> None:
    db = Database.open(db_path)
    migrate.upgrade(db)
    db.close()
    impatient = Database(create_database_engine(db_path, busy_timeout_ms=100))
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLockedError, match="busy"), impatient.write() as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('x', 'y')"))
    finally:
        other.execute("ROLLBACK")
        other.close()
        impatient.close()


def test_read_only_file_is_a_plain_error(database: Database, db_path: Path) -> None:
    database.close()
    uri_db = Database.open(f"sqlite+pysqlite:///file:{db_path}?mode=ro&uri=true")
    with pytest.raises(DatabaseReadOnlyError, match="read-only"), uri_db.write() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('x', 'y')"))
    uri_db.close()


def test_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database at all" * 200)
    db = Database.open(path)
    with pytest.raises(DatabaseCorruptError):
        migrate.upgrade(db)
    db.close()


def test_describe_never_shows_a_password() -> None:
    url = to_url("postgresql+psycopg://desk:s3cret@server.lan:5433/recoverydesk")
    assert describe(url) == "postgresql server.lan:5433/recoverydesk"
    assert "s3cret" not in describe(url)
