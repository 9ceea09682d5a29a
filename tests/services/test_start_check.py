"""The start-up check: quick every time, a full integrity check once a week."""

import datetime as dt
from pathlib import Path

import pytest

from recoverydesk.db import sqlite_file
from recoverydesk.services import maintenance
from recoverydesk.services.container import Services

# SQLite only: the start check runs SQLite integrity checks on the file.
pytestmark = pytest.mark.sqlite_only


def test_full_check_weekly_quick_otherwise(
    services: Services, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds: list[bool] = []
    real = sqlite_file.integrity_problems

    def spy(path: Path, *, quick: bool = False) -> list[str]:
        kinds.append(quick)
        return real(path, quick=quick)

    monkeypatch.setattr(maintenance.sqlite_file, "integrity_problems", spy)
    state = tmp_path / "checks.json"
    day = dt.date(2026, 3, 10)
    for offset in (0, 1, 6, 7, 8):
        assert maintenance.start_check_problems(db_path, state, day + dt.timedelta(offset)) == []
    assert kinds == [False, True, True, False, True]


def test_a_failed_full_check_is_tried_again_next_start(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    state = tmp_path / "checks.json"
    assert maintenance.start_check_problems(bad, state, dt.date(2026, 3, 10))
    assert not state.exists()
