"""Shared fixtures: a real SQLite database in tmp_path, a controlled clock, synthetic people."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from recoverydesk.domain.clock import FixedClock  # noqa: E402
from recoverydesk.domain.members import MemberDraft  # noqa: E402
from recoverydesk.services.container import Services, open_services  # noqa: E402


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
def services(db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services on a fresh, migrated SQLite file."""
    opened = open_services(db_path, clock=clock)
    yield opened
    opened.close()


def draft(first: str = "Alex", last: str = "Rivera", **fields: object) -> MemberDraft:
    """A valid member draft of a synthetic person."""
    return MemberDraft(first_name=first, last_name=last, **fields)  # type: ignore[arg-type]
