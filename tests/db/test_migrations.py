"""Migrations: stored fixtures upgrade, newer schemas are refused, failures restore the file."""

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from recoverydesk.db import migrate
from recoverydesk.db.session import Database
from recoverydesk.domain.errors import DatabaseCorruptError, MigrationError, SchemaTooNewError
from recoverydesk.services.container import open_services

# SQLite only: the stored migration fixtures are SQLite files.
pytestmark = pytest.mark.sqlite_only

FIXTURES = sorted((Path(__file__).parents[1] / "fixtures" / "db").glob("rev_*.sqlite3"))


def dump_digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def test_there_is_a_fixture_for_every_revision() -> None:
    stored = {p.stem.removeprefix("rev_") for p in FIXTURES}
    assert stored == migrate.known_revisions()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_stored_fixture_upgrades_to_head_keeping_members(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    services = open_services(path, backup_dir=tmp_path / "backups")
    try:
        assert migrate.current_revision(services.db) == migrate.head_revision()
        assert [r.last_name for r in services.members.search("nguyen").rows] == ["Nguyễn"]
        jose = services.members.search("pepe").rows[0]
        assert services.members.get(jose.id).emergency_contacts[0].name == "Ana García"
        assert services.members.search("", with_total=True).total == 3
        visits = services.visits.visits_on(dt.date(2026, 1, 15))
        if fixture.stem >= "rev_0002":
            assert sorted(v.guest_label or v.name for v in visits) == ["J.K.", "Pepe García"]
        else:
            assert visits == []
    finally:
        services.close()


def test_fresh_database_is_created_at_head(db_path: Path) -> None:
    services = open_services(db_path)
    assert migrate.current_revision(services.db) == migrate.head_revision()
    services.close()


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_services(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = dump_digest(db_path)
    with pytest.raises(SchemaTooNewError, match="newer version of RecoveryDesk"):
        open_services(db_path)
    assert dump_digest(db_path) == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(DatabaseCorruptError, match="not a RecoveryDesk database"):
        open_services(path)


def test_failed_upgrade_restores_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "site.sqlite3"
    shutil.copy(FIXTURES[-1], path)
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "9000_broken.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9000'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute(\"UPDATE members SET first_name = 'CHANGED'\")\n"
        "    raise RuntimeError('boom')\n"
        "def downgrade():\n    pass\n"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    before = dump_digest(path)
    db = Database.open(path)
    with pytest.raises(MigrationError, match="put back as it was"):
        migrate.upgrade(db, tmp_path / "backups")
    db.close()
    assert dump_digest(path) == before
    backups = list((tmp_path / "backups").glob("*before-upgrade*.sqlite3"))
    assert len(backups) == 1
    assert dump_digest(backups[0]) == before
