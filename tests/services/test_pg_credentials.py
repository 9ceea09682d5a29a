"""PostgreSQL credentials come from libpq's places (PGPASSWORD, .pgpass), never the URL.

The test cluster makes the role ``desk`` give a password (scram-sha-256); everyone else is
trusted. Missing or wrong passwords are a plain refusal that never echoes the password.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.pg import PASSWORD_USER, PostgresCluster

from recoverydesk.__main__ import main
from recoverydesk.domain.errors import DatabasePasswordError
from recoverydesk.services.container import open_services

pytestmark = pytest.mark.sqlite_only  # about PostgreSQL itself: one run, not one per engine
SECRET = "Lighthouse-7-keeper"


@pytest.fixture
def desk_url(pg_cluster: PostgresCluster, monkeypatch: pytest.MonkeyPatch) -> str:
    with pg_cluster._admin() as conn:
        conn.execute(f"DROP ROLE IF EXISTS {PASSWORD_USER}")
        conn.execute(f"CREATE ROLE {PASSWORD_USER} LOGIN SUPERUSER PASSWORD '{SECRET}'")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/.pgpass")
    url = pg_cluster.url(pg_cluster.new_database())
    return url.replace("//postgres@", f"//{PASSWORD_USER}@")


def test_no_password_is_a_plain_refusal(desk_url: str) -> None:
    with pytest.raises(DatabasePasswordError, match="needs a password.*PGPASSWORD.*pgpass"):
        open_services(desk_url)


def test_a_wrong_password_is_refused_without_echoing_it(
    desk_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    assert main(["--db", desk_url, "check"]) == 1
    err = capsys.readouterr().err
    assert "refused the user name or password" in err
    assert "not-the-password" not in err


def test_pgpassword_opens_the_database(desk_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    services = open_services(desk_url)
    try:
        assert SECRET not in services.description and "desk" not in services.description
    finally:
        services.close()


def test_a_pgpass_file_opens_the_database(
    desk_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:*:*:{PASSWORD_USER}:{SECRET}\n")
    os.chmod(pgpass, 0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    services = open_services(desk_url)
    services.close()
