"""A throwaway PostgreSQL 15 cluster for the tests, started and torn down by the tests.

The cluster lives in a temporary folder owned by the ``postgres`` user (``initdb`` and
``postgres`` refuse to run as root), listens on 127.0.0.1 only, on a free port, with
``fsync=off`` for speed, and is deleted at the end of the session. Each test gets its own
fresh database, dropped afterwards: a copy of a template migrated once per session by the
real migrations (copying is several times faster than migrating every time).

Without PostgreSQL 15 binaries the PostgreSQL tests skip with a clear reason, unless
``RECOVERYDESK_REQUIRE_POSTGRES=1`` is set (CI sets it): then they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import psycopg

REQUIRE_ENV = "RECOVERYDESK_REQUIRE_POSTGRES"
PG_VERSION = "15"
SUPERUSER = "postgres"
TEMPLATE = "recoverydesk_template"


def require_postgres() -> bool:
    """True when PostgreSQL tests must fail rather than skip (CI)."""
    return os.environ.get(REQUIRE_ENV, "") == "1"


def unavailable(reason: str) -> None:
    """Skip (on a developer's machine) or fail (in CI) because PostgreSQL cannot run."""
    message = f"PostgreSQL {PG_VERSION} is not available: {reason}"
    if require_postgres():
        pytest.fail(f"{message} ({REQUIRE_ENV}=1, so this is an error)", pytrace=False)
    pytest.skip(f"{message}; install postgresql-{PG_VERSION} to run these tests")


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` of PostgreSQL 15 or newer, or None."""
    candidates = [Path(f"/usr/lib/postgresql/{PG_VERSION}/bin")]
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    for folder in candidates:
        tools = (folder / "initdb").is_file() and (folder / "pg_ctl").is_file()
        if tools and _major_version(folder / "initdb") >= int(PG_VERSION):
            return folder
    return None


def _major_version(initdb: Path) -> int:
    """The major version ``initdb --version`` reports ("initdb (PostgreSQL) 15.8" → 15)."""
    result = subprocess.run([initdb, "--version"], capture_output=True, text=True, check=False)
    words = result.stdout.split()
    try:
        return int(words[-1].split(".")[0]) if words else 0
    except ValueError:
        return 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def as_postgres(*command: str | Path) -> list[str]:
    """``command`` run as the ``postgres`` user when we are root."""
    args = [str(part) for part in command]
    if os.geteuid() == 0:
        return ["runuser", "-u", SUPERUSER, "--", *args]
    return args


@dataclass
class PostgresCluster:
    """A running throwaway cluster; ``new_database()`` gives each test its own database."""

    bindir: Path
    folder: Path
    port: int
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))
    _template_ready: bool = False

    def url(self, database: str) -> str:
        """A SQLAlchemy URL (psycopg 3) for ``database`` on this cluster."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _admin(self) -> psycopg.Connection:
        import psycopg

        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def new_database(self) -> str:
        """Create a database at the current schema (a copy of a migrated template)."""
        if not self._template_ready:
            self._make_template()
        name = f"test_{next(self._counter)}"
        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return name

    def _make_template(self) -> None:
        """Migrate one database to head once; copying it is much faster than migrating."""
        from recoverydesk.db import migrate
        from recoverydesk.db.session import Database

        with self._admin() as conn:
            conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
        database = Database.open(self.url(TEMPLATE))
        try:
            migrate.upgrade(database)
        finally:
            database.close()  # a template must have no open connections
        self._template_ready = True

    def drop_database(self, name: str) -> None:
        """Drop ``name``, cutting off any connection a test left open."""
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def start(self) -> None:
        """Start the server again after ``stop`` (same folder and port)."""
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        result = subprocess.run(
            as_postgres(
                self.bindir / "pg_ctl",
                "-D",
                self.folder / "data",
                "-o",
                options,
                "-l",
                self.folder / "log",
                "-w",
                "start",
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr or result.stdout

    def stop(self) -> None:
        subprocess.run(
            as_postgres(
                self.bindir / "pg_ctl", "-D", self.folder / "data", "-m", "immediate", "stop"
            ),
            capture_output=True,
            check=False,
        )


#: The one role that must give a password (tests of PGPASSWORD, .pgpass and the prompt).
PASSWORD_USER = "desk"


def _require_password_for(user: str, hba: Path) -> None:
    """Put a scram-sha-256 rule for ``user`` ahead of initdb's trust rules."""
    hba.write_text(f"host all {user} 127.0.0.1/32 scram-sha-256\n" + hba.read_text())


def start_cluster() -> PostgresCluster:
    """Initialise and start a cluster in a temp folder owned by ``postgres``."""
    bindir = find_bindir()
    if bindir is None:
        unavailable(f"no initdb/pg_ctl in /usr/lib/postgresql/{PG_VERSION}/bin or pg_config")
    assert bindir is not None
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        unavailable("running as root but runuser is missing")
    folder = Path(tempfile.mkdtemp(prefix="recoverydesk-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, SUPERUSER, SUPERUSER)
    port = free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = folder / "log"
    steps = {
        "initdb": as_postgres(bindir / "initdb", "-D", data, "-A", "trust", "-U", SUPERUSER),
        "pg_ctl start": as_postgres(
            bindir / "pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "start"
        ),
    }
    for label, step in steps.items():
        if label == "pg_ctl start":
            _require_password_for(PASSWORD_USER, data / "pg_hba.conf")
        result = subprocess.run(step, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            details = (result.stderr or result.stdout).strip()
            if log.exists():
                details += "\n" + log.read_text()
            shutil.rmtree(folder, ignore_errors=True)
            unavailable(f"{label} failed: {details}")
    return PostgresCluster(bindir=bindir, folder=folder, port=port)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """A throwaway PostgreSQL 15 cluster for the whole session, started on first use."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("the psycopg package is not installed")
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(cluster.folder, ignore_errors=True)
