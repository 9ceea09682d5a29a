"""Backing up a shared PostgreSQL database: a verified, portable SQLite snapshot."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tests.pg import PostgresCluster

from recoverydesk.__main__ import main
from recoverydesk.domain.backups import BackupKind
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.demo import generate_demo

pytestmark = pytest.mark.sqlite_only  # the server is the subject: one run


@pytest.fixture
def server(pg_cluster: PostgresCluster, tmp_path: Path) -> Services:
    services = open_services(pg_cluster.url(pg_cluster.new_database()), backup_dir=tmp_path / "b")
    generate_demo(services, 40, days=10, seed=3)
    yield services
    services.close()


def test_back_up_now_writes_a_verified_snapshot_that_opens_anywhere(server: Services) -> None:
    info = server.backups.back_up()
    assert info.verified and info.kind is BackupKind.MANUAL
    assert info.path.suffix == ".sqlite3" and info.counts["members"] == 40
    assert not list(info.path.parent.glob("*.partial*"))
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy = open_services(info.path)
    try:
        assert copy.members.search("", include_archived=True, with_total=True).total == 40
    finally:
        copy.close()
    assert server.backups.daily_if_needed() is None  # the server's own pg_dump does dailies


def test_backup_out_from_the_command_line(
    server: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.db.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "usb" / "site.sqlite3"
    out.parent.mkdir()
    assert main(["--db", url, "--data-dir", str(tmp_path / "d"), "backup", "--out", str(out)]) == 0
    assert "verified" in capsys.readouterr().out.lower()
    assert out.is_file() and not list(out.parent.glob("*.partial*"))
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT count(*) FROM members").fetchone() == (40,)
