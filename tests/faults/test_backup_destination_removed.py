"""A USB stick pulled out before, during or at the end of a backup: a plain message, no debris.

The copy is real (SQLite's backup API into a real folder); only the moment the folder
disappears is arranged: before the copy starts, while the copy is being written (its pages
are in), before it is checked, or just before the finished copy is renamed into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from recoverydesk.db import sqlite_file
from recoverydesk.domain.errors import DatabaseUnavailableError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services

MOMENTS = ["before-copy", "during-copy", "before-check", "before-rename"]


def dump_digest(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def files_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*")) if folder.exists() else []


def pull_out_at(moment: str, stick: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Arrange for ``stick`` to vanish at ``moment`` of the next backup."""
    if moment == "before-copy":
        shutil.rmtree(stick)
        return
    if moment == "during-copy":
        real_connect = sqlite_file._connect

        def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
            conn = real_connect(path, read_only=read_only)
            if path.name.endswith(".partial"):
                # runs as the copy's next statement is prepared, its pages already written
                conn.set_trace_callback(lambda _sql: shutil.rmtree(stick, ignore_errors=True))
            return conn

        monkeypatch.setattr(sqlite_file, "_connect", connect)
        return
    if moment == "before-check":
        real_check = sqlite_file.integrity_problems

        def check(path: Path, *, quick: bool = False) -> list[str]:
            shutil.rmtree(stick, ignore_errors=True)
            return real_check(path, quick=quick)

        monkeypatch.setattr(sqlite_file, "integrity_problems", check)
        return

    def replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        shutil.rmtree(stick, ignore_errors=True)
        os.replace(source, target)

    fake_os = SimpleNamespace(**{name: getattr(os, name) for name in dir(os)})
    fake_os.replace = replace
    monkeypatch.setattr(sqlite_file, "os", fake_os)


@pytest.fixture
def stocked(services: Services) -> Services:
    for i in range(30):
        services.members.create(MemberDraft("Test", f"Person{i:02d}"))
    return services


@pytest.mark.parametrize("moment", MOMENTS)
def test_back_up_to_a_removed_stick(
    stocked: Services, db_path: Path, tmp_path: Path, moment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    before = dump_digest(db_path)
    own_backups = (
        sorted(stocked.backups.folder.glob("*")) if stocked.backups.folder.exists() else []
    )
    pull_out_at(moment, stick, monkeypatch)

    with pytest.raises(DatabaseUnavailableError) as failed:
        stocked.backups.back_up_to(stick)

    message = str(failed.value)
    assert "was a USB stick removed" in message and str(stick) in message
    assert "Nothing was changed" in message and "\n" not in message
    assert not stick.exists(), "the stick's folder must not be made again on this PC"
    monkeypatch.undo()
    assert dump_digest(db_path) == before
    now_backups = (
        sorted(stocked.backups.folder.glob("*")) if stocked.backups.folder.exists() else []
    )
    assert now_backups == own_backups
    assert "No backup has been copied off this PC" in (stocked.backups.reminder() or "")


@pytest.mark.parametrize("moment", MOMENTS)
def test_backup_out_file_on_a_removed_stick(
    stocked: Services, tmp_path: Path, moment: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    pull_out_at(moment, stick, monkeypatch)
    with pytest.raises(DatabaseUnavailableError, match="was a USB stick removed"):
        stocked.backups.back_up_file(stick / "site-copy.sqlite3")
    assert not stick.exists()


def test_the_next_backup_works_when_the_stick_is_back(
    stocked: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    pull_out_at("during-copy", stick, monkeypatch)
    with pytest.raises(DatabaseUnavailableError):
        stocked.backups.back_up_to(stick)
    monkeypatch.undo()
    stick.mkdir()
    info = stocked.backups.back_up_to(stick)
    assert info.verified and info.members == 30
    assert sorted(p.suffix for p in stick.iterdir()) == [".json", ".sqlite3"]
