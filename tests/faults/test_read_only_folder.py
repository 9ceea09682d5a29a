"""A database or backup place that cannot be written: a plain message, nothing changed.

The tests run as root, for whom ``chmod`` stops nothing. So: a database opened through a
read-only SQLite URL (SQLite itself refuses every write); a refused copy or rename injected
as ``PermissionError``; and, where mount namespaces are allowed, a really read-only disk
(a tmpfs remounted read-only, see ``mounted_faults.py``) — which stops root too.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from recoverydesk.db import sqlite_file
from recoverydesk.db.session import Database
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseError, DatabaseReadOnlyError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, build_services, open_services

MOUNTED = Path(__file__).with_name("mounted_faults.py")


def dump_digest(path: Path) -> str:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def read_only_url(path: Path) -> str:
    return f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true"


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


@pytest.fixture
def read_only(services: Services, db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """The services on the same file, opened through a read-only SQLite URL."""
    services.members.create(MemberDraft("Ana", "Silva"))
    services.close()
    opened = build_services(Database.open(read_only_url(db_path)), clock)
    yield opened
    opened.close()


def test_reading_works_from_a_read_only_database(read_only: Services) -> None:
    assert [r.last_name for r in read_only.members.search("").rows] == ["Silva"]


@pytest.mark.parametrize("action", ["create member", "check in", "save settings", "archive"])
def test_every_write_is_refused_plainly_and_changes_nothing(
    read_only: Services, db_path: Path, action: str
) -> None:
    before = dump_digest(db_path)
    ana = read_only.members.search("").rows[0]
    attempts = {
        "create member": lambda: read_only.members.create(MemberDraft("Bo", "Chen")),
        "check in": lambda: read_only.visits.check_in(ana.id),
        "save settings": lambda: read_only.settings.save(read_only.settings.get()),
        "archive": lambda: read_only.members.archive(ana.id, "moved away"),
    }
    with pytest.raises(DatabaseReadOnlyError) as refused:
        attempts[action]()
    message = str(refused.value)
    assert "cannot be written" in message and "Nothing was saved" in message
    assert "\n" not in message and "sqlite" not in message.lower()
    assert dump_digest(db_path) == before


def test_open_services_on_a_read_only_url_creates_no_stray_folder(
    services: Services, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.close()
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    open_services(read_only_url(db_path)).close()
    assert list(elsewhere.iterdir()) == []


def refuse_at(stage: str, monkeypatch: pytest.MonkeyPatch, suffix: str = ".partial") -> None:
    """Refuse (no permission) the creation or the rename of the next ``*suffix`` file."""
    real_open, real_replace = os.open, os.replace

    def check(path: object) -> None:
        if str(path).endswith(suffix):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def open_(path: str, *args: Any, **kwargs: Any) -> int:
        if stage == "create":
            check(path)
        return real_open(path, *args, **kwargs)

    def replace(source: str, target: str) -> None:
        if stage == "rename":
            check(source)
        real_replace(source, target)

    fake_os = SimpleNamespace(**{name: getattr(os, name) for name in dir(os)})
    fake_os.open, fake_os.replace = open_, replace
    monkeypatch.setattr(sqlite_file, "os", fake_os)


@pytest.mark.parametrize("stage", ["create", "rename"])
def test_backup_to_a_folder_without_permission(
    services: Services, db_path: Path, tmp_path: Path, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    stick = tmp_path / "locked-folder"
    stick.mkdir()
    before = dump_digest(db_path)
    refuse_at(stage, monkeypatch)
    with pytest.raises(DatabaseReadOnlyError) as refused:
        services.backups.back_up_to(stick)
    message = str(refused.value)
    assert f"{stick} cannot be written" in message and "Nothing was changed" in message
    assert list(stick.iterdir()) == []
    monkeypatch.undo()
    assert dump_digest(db_path) == before
    assert services.backups.back_up_to(stick).verified


@pytest.mark.parametrize("stage", ["create", "rename"])
def test_restore_into_a_folder_without_permission(
    services: Services, db_path: Path, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.members.create(MemberDraft("Ana", "Silva"))
    backup = services.backups.back_up()
    services.members.create(MemberDraft("Bo", "Chen"))
    before = dump_digest(db_path)
    refuse_at(stage, monkeypatch, suffix=".restoring")
    with pytest.raises(DatabaseReadOnlyError) as refused:
        services.backups.restore(backup.path)
    assert f"Restoring failed: {db_path} cannot be written" in str(refused.value)
    monkeypatch.undo()
    assert dump_digest(db_path) == before
    assert not list(db_path.parent.glob("*.restoring"))
    assert sorted(r.last_name for r in services.members.search("").rows) == ["Chen", "Silva"]


def test_a_really_read_only_stick(tmp_path: Path) -> None:
    report = run_mounted("read-only-stick", tmp_path)
    stick = tmp_path / "disk"
    for attempt in ("backup", "out"):
        kind, message = report[attempt]
        assert kind == "DatabaseReadOnlyError"
        assert f"{stick} cannot be written" in message
    assert report["left_on_stick"] == []


def test_a_really_read_only_data_folder_is_refused_plainly(tmp_path: Path) -> None:
    report = run_mounted("read-only-data", tmp_path)
    kind, message = report["open"]
    assert issubclass(getattr(sys.modules["recoverydesk.domain.errors"], kind), DatabaseError)
    assert message and "\n" not in message and "Traceback" not in message
    assert report["unchanged"]


def test_a_really_read_only_data_folder_is_named_read_only(tmp_path: Path) -> None:
    kind, message = run_mounted("read-only-data", tmp_path)["open"]
    assert kind == "DatabaseReadOnlyError" and "read-only" in message
