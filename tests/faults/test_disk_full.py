"""A full disk: the save fails with a plain message, nothing is half-written, work goes on.

The database's disk is "filled" with ``PRAGMA max_page_count`` on every connection of the
app's engine, so SQLite itself reports SQLITE_FULL in the middle of a real write. A full
backup destination is a real copy whose target refuses to grow (the same pragma on the
copy), or whose flush or rename fails with ``ENOSPC``. Where mount namespaces are allowed,
the same happens on a really full disk: a small tmpfs (see ``mounted_faults.py``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event

from recoverydesk.db import sqlite_file
from recoverydesk.domain.errors import DiskFullError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"
MOUNTED = Path(__file__).with_name("mounted_faults.py")
STAGES = ["copy", "flush", "rename"]


def dump_digest(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def long_draft(i: int) -> MemberDraft:
    return MemberDraft(
        f"Test{'x' * 70}",
        f"Person{i:03d}",
        address="1 Long Road, " + "y" * 380,
        desk_note="z" * 200,
    )


@contextmanager
def full_disk(services: Services, spare_pages: int = 2) -> Iterator[None]:
    """Every new connection may grow the database by ``spare_pages`` pages, no more."""
    engine = services.db.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    def limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + spare_pages}")

    event.listen(engine, "connect", limit)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "connect", limit)
        engine.dispose()


def first_failure(
    database: Path, attempt: Callable[[int], object], tries: int = 300
) -> tuple[DiskFullError, str, str]:
    """Repeat ``attempt`` until the disk is full: the error, and the dump before and after."""
    for i in range(tries):
        before = dump_digest(database)
        try:
            attempt(i)
        except DiskFullError as error:
            return error, before, dump_digest(database)
    pytest.fail(f"the disk never filled up in {tries} tries")


def member_count(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return conn.execute("SELECT count(*) FROM members").fetchone()[0]


def test_saving_a_member_on_a_full_disk_changes_nothing(services: Services, db_path: Path) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    with full_disk(services):
        error, before, after = first_failure(
            db_path, lambda i: services.members.create(long_draft(i))
        )
        assert "disk is full" in str(error).lower() and "Nothing was saved" in str(error)
        assert after == before
        saved = member_count(db_path)
        with pytest.raises(DiskFullError):
            services.members.create(long_draft(999))
        assert member_count(db_path) == saved
    kept = services.members.create(long_draft(999))
    assert services.members.get(kept.id).last_name == "Person999"
    assert member_count(db_path) == saved + 1
    assert sqlite_file.integrity_problems(db_path) == []


def test_check_ins_on_a_full_disk_change_nothing(services: Services, db_path: Path) -> None:
    members = [services.members.create(long_draft(i)).id for i in range(300)]
    with full_disk(services, spare_pages=0):
        error, before, after = first_failure(
            db_path, lambda i: services.visits.check_in(members[i])
        )
        assert "disk is full" in str(error).lower()
        assert after == before
        checked_in = services.visits.day_counts().visits
    result = services.visits.check_in(members[-1])
    assert result.created
    assert services.visits.day_counts().visits == checked_in + 1


@pytest.fixture
def stocked(services: Services) -> Services:
    for i in range(40):
        services.members.create(long_draft(i))
    return services


def fill_at(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next backup's destination run out of space at ``stage``."""
    if stage == "copy":
        real_connect = sqlite_file._connect

        def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
            conn = real_connect(path, read_only=read_only)
            if path.name.endswith(".partial"):
                conn.execute("PRAGMA max_page_count = 3")
            return conn

        monkeypatch.setattr(sqlite_file, "_connect", connect)
        return
    no_space = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if stage == "flush":

        def fsync(_path: Path) -> None:
            raise no_space

        monkeypatch.setattr(sqlite_file, "_fsync", fsync)
        return

    def replace(_source: object, _target: object) -> None:
        raise no_space

    fake_os = SimpleNamespace(**{name: getattr(os, name) for name in dir(os)})
    fake_os.replace = replace
    monkeypatch.setattr(sqlite_file, "os", fake_os)


@pytest.mark.parametrize("stage", STAGES)
def test_back_up_to_a_full_stick(
    stocked: Services, db_path: Path, tmp_path: Path, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "usb-stick"
    stick.mkdir()
    before = dump_digest(db_path)
    fill_at(stage, monkeypatch)
    with pytest.raises(DiskFullError) as failed:
        stocked.backups.back_up_to(stick)
    message = str(failed.value)
    assert f"the disk at {stick} is full" in message and "Nothing was changed" in message
    assert list(stick.iterdir()) == [], "no partial or unverified copy may be left"
    monkeypatch.undo()
    assert dump_digest(db_path) == before
    assert "No backup has been copied off this PC" in (stocked.backups.reminder() or "")
    assert stocked.backups.back_up_to(stick).verified


@pytest.mark.parametrize("stage", STAGES)
def test_back_up_now_on_a_full_disk(
    stocked: Services, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = stocked.backups.folder
    stocked.backups.back_up()
    existing = sorted(folder.iterdir())
    fill_at(stage, monkeypatch)
    with pytest.raises(DiskFullError, match="is full"):
        stocked.backups.back_up()
    assert sorted(folder.iterdir()) == existing


@pytest.mark.parametrize("stage", STAGES)
def test_backup_out_file_on_a_full_disk(
    stocked: Services, tmp_path: Path, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "stick" / "copy.sqlite3"
    out.parent.mkdir()
    fill_at(stage, monkeypatch)
    with pytest.raises(DiskFullError, match="is full"):
        stocked.backups.back_up_file(out)
    assert list(out.parent.iterdir()) == []


def test_an_upgrade_whose_backup_finds_the_disk_full_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    oldest = sorted(FIXTURES.glob("rev_*.sqlite3"))[0]
    path = tmp_path / "site.sqlite3"
    shutil.copy(oldest, path)
    before = dump_digest(path)
    fill_at("flush", monkeypatch)
    with pytest.raises(DiskFullError, match="Backing up failed"):
        open_services(path, backup_dir=tmp_path / "backups")
    assert dump_digest(path) == before
    assert list((tmp_path / "backups").iterdir()) == []
    monkeypatch.undo()
    open_services(path, backup_dir=tmp_path / "backups").close()
    assert len(list((tmp_path / "backups").glob("*before-upgrade*.sqlite3"))) == 1


def run_mounted(scenario: str, workdir: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(MOUNTED), "launch", scenario, str(workdir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode == 77:
        pytest.skip(done.stdout.strip())
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_really_full_data_disk(tmp_path: Path) -> None:
    report = run_mounted("data-full", tmp_path)
    kind, message = report["member"]
    assert kind == "DiskFullError" and "Nothing was saved" in message
    assert report["member_unchanged"]
    assert report["after_freeing"] == "Person999"
    assert report["integrity"] == ["ok"]


def test_a_really_full_disk_at_the_front_desk(tmp_path: Path) -> None:
    report = run_mounted("check-in-full", tmp_path)
    kind, message = report["check_in"]
    assert kind == "DiskFullError" and "Nothing was saved" in message
    assert report["unchanged"]
    assert report["after_freeing"] and report["checked_in"] == 1
    assert report["integrity"] == ["ok"]


def test_a_really_full_stick(tmp_path: Path) -> None:
    report = run_mounted("stick-full", tmp_path)
    kind, message = report["backup"]
    assert kind == "DiskFullError"
    assert f"the disk at {tmp_path / 'disk'} is full" in message
    assert report["left_on_stick"] == []
    assert report["unchanged"]
    assert "No backup has been copied off this PC" in report["reminder"]


def test_printing_to_a_really_full_disk_leaves_no_half_pdf(tmp_path: Path) -> None:
    report = run_mounted("pdf-full", tmp_path)
    kind, message = report["sheet"]
    assert kind == "HandoutError"
    assert "the disk is full" in message and "Nothing was saved" in message
    assert report["left_on_disk"] == []
