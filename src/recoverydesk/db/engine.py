"""Engines: the one place that knows SQLite from PostgreSQL.

Every SQLite connection gets WAL, ``synchronous=FULL``, ``foreign_keys=ON`` and a busy
timeout, and runs with the driver's own transaction handling switched off
(``isolation_level=None``) so that we emit ``BEGIN`` ourselves: ``BEGIN IMMEDIATE`` for
writes, which waits for another desk's write instead of failing with "database is locked"
half-way through a read-then-write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

BUSY_TIMEOUT_MS = 10_000
BEGIN_OPTION = "recoverydesk_begin"


def to_url(url_or_path: str | Path) -> URL:
    """A SQLAlchemy URL from a URL string or a plain file path."""
    text = str(url_or_path)
    if "://" in text:
        return make_url(text)
    return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory databases."""
    if not is_sqlite(url) or not url.database or url.database == ":memory:":
        return None
    if _is_uri(url) and url.database.startswith("file:"):
        return Path(unquote(urlparse(url.database).path))
    return Path(url.database)


def is_read_only(url: URL) -> bool:
    """True for a SQLite URL opened with ``mode=ro``."""
    return _is_uri(url) and "mode=ro" in (url.database or "") + str(url.query.get("mode", ""))


def _is_uri(url: URL) -> bool:
    return str(url.query.get("uri", "")).lower() in ("true", "1")


def describe(url: URL) -> str:
    """A safe description of the database for the status bar: never a password."""
    path = sqlite_file(url)
    if path is not None:
        return str(path)
    if is_sqlite(url):
        return "in-memory database"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"{url.get_backend_name()} {host}{port}/{url.database or ''}"


def create_database_engine(
    url_or_path: str | Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, **kwargs: Any
) -> Engine:
    """An engine for a SQLite path or any SQLAlchemy URL, with our connection discipline."""
    url = to_url(url_or_path)
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000}, **kwargs)
        _install_sqlite_discipline(engine, busy_timeout_ms, read_only=is_read_only(url))
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def writer(engine: Engine) -> Engine:
    """The same engine whose transactions begin as writers (``BEGIN IMMEDIATE`` on SQLite)."""
    return engine.execution_options(**{BEGIN_OPTION: "IMMEDIATE"})


def _install_sqlite_discipline(
    engine: Engine, busy_timeout_ms: int, *, read_only: bool = False
) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not read_only:  # a read-only connection cannot change the journal mode
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")
