"""``init``, ``check``, ``--version`` and the placement of ``--db``/``--data-dir``."""

import sqlite3
from pathlib import Path

import pytest

from recoverydesk import __version__
from recoverydesk.__main__ import main
from recoverydesk.db.migrate import head_revision


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"RecoveryDesk {__version__}"


def test_init_creates_the_database_in_the_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "init"]) == 0
    database = tmp_path / "recoverydesk.sqlite3"
    assert database.exists()
    assert str(database) in capsys.readouterr().out


@pytest.mark.parametrize("before", [True, False])
def test_db_option_before_or_after_the_command(tmp_path: Path, before: bool) -> None:
    target = tmp_path / "elsewhere" / "site.sqlite3"
    args = ["--db", str(target), "init"] if before else ["init", "--db", str(target)]
    assert main(args) == 0
    assert target.exists()


def test_option_after_the_command_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    assert main(["--db", str(first), "init", "--db", str(second)]) == 0
    assert second.exists() and not first.exists()


def test_check_healthy_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--data-dir", str(tmp_path), "init"])
    capsys.readouterr()
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Integrity: ok" in out and f"Schema: {head_revision()}" in out


def test_check_missing_database_fails_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "No database at" in err and "recoverydesk init" in err


def test_check_damaged_database_fails_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert main(["check", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Problem:" in err and "Traceback" not in err


def test_newer_schema_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.sqlite3"
    main(["--db", str(path), "init"])
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    capsys.readouterr()
    assert main(["--db", str(path), "init"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "newer version of RecoveryDesk" in err[0]


def test_unwritable_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    assert main(["--db", str(blocker / "sub" / "db.sqlite3"), "init"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be created" in err[0]
