"""Shared fixtures: a real database (SQLite file or PostgreSQL), a controlled clock, people.

Tests under tests/services and tests/db that use ``services`` (or ``db_url``) run twice:
on a SQLite file (id ``sqlite``) and on a throwaway PostgreSQL 15 database (id ``postgres``,
see tests/pg.py), unless their module is marked ``sqlite_only``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.pg import PostgresCluster, pg_cluster  # noqa: E402, F401

from recoverydesk.domain.clock import FixedClock  # noqa: E402
from recoverydesk.domain.members import MemberDraft  # noqa: E402
from recoverydesk.services.container import Services, open_services  # noqa: E402

BOTH_ENGINES_DIRS = ("services", "db")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run db and services tests on both engines, unless marked ``sqlite_only``."""
    if "engine_kind" not in metafunc.fixturenames:
        return
    folder = Path(metafunc.definition.path).parent.name
    sqlite_only = metafunc.definition.get_closest_marker("sqlite_only") is not None
    if folder in BOTH_ENGINES_DIRS and not sqlite_only:
        metafunc.parametrize("engine_kind", ["sqlite", "postgres"], ids=["sqlite", "postgres"])


@pytest.fixture
def engine_kind() -> str:
    """The engine under test; "sqlite" unless parametrized by ``pytest_generate_tests``."""
    return "sqlite"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real per-user folders."""
    data = tmp_path / "data"
    monkeypatch.setenv("RECOVERYDESK_DATA_DIR", str(data))
    return data


@pytest.fixture
def clock() -> FixedClock:
    """A clock stopped at 2026-03-10 10:00 UTC."""
    return FixedClock(moment=dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.sqlite3"


@pytest.fixture
def new_db_url(
    engine_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[str], str | Path]]:
    """A factory of fresh databases of the test's engine: a new SQLite path or a PG URL."""
    cluster: PostgresCluster | None = None
    created: list[str] = []

    def make(name: str) -> str | Path:
        nonlocal cluster
        if engine_kind == "sqlite":
            return tmp_path / f"{name}.sqlite3"
        if cluster is None:
            cluster = request.getfixturevalue("pg_cluster")
        created.append(cluster.new_database())
        return cluster.url(created[-1])

    yield make
    for name in created:
        assert cluster is not None
        cluster.drop_database(name)


@pytest.fixture
def db_url(engine_kind: str, db_path: Path, new_db_url: Callable[[str], str | Path]) -> str | Path:
    """The test's main database: ``db_path`` on SQLite, a fresh database on PostgreSQL."""
    return db_path if engine_kind == "sqlite" else new_db_url("test")


@pytest.fixture
def services(db_url: str | Path, clock: FixedClock) -> Iterator[Services]:
    """Services on a fresh, migrated database (SQLite file or PostgreSQL)."""
    opened = open_services(db_url, clock=clock)
    yield opened
    opened.close()


def draft(first: str = "Alex", last: str = "Rivera", **fields: object) -> MemberDraft:
    """A valid member draft of a synthetic person."""
    return MemberDraft(first_name=first, last_name=last, **fields)  # type: ignore[arg-type]
