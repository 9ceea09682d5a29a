"""``backup`` and ``restore`` from the command line: verified copies; one clear line on error."""

import sqlite3
from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import open_services


def add_member(data: Path, last: str) -> None:
    services = open_services(data / "recoverydesk.sqlite3")
    services.members.create(MemberDraft("Ana", last))
    services.close()


def last_names(data: Path) -> list[str]:
    with sqlite3.connect(data / "recoverydesk.sqlite3") as conn:
        return sorted(r[0] for r in conn.execute("SELECT last_name FROM members"))


def test_backup_out_then_restore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    add_member(data, "First")
    out = tmp_path / "stick" / "site.sqlite3"
    out.parent.mkdir()
    assert main(["--data-dir", str(data), "backup", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "verified" in printed and "1 members" in printed
    add_member(data, "Second")
    assert main(["restore", str(out), "--data-dir", str(data)]) == 0
    printed = capsys.readouterr().out
    assert "kept at" in printed
    assert last_names(data) == ["First"]
    kept = Path(printed.split("kept at ")[1].strip())
    assert kept.exists() and "before-restore" in kept.name


def test_backup_into_the_backups_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_member(tmp_path, "Only")
    assert main(["--data-dir", str(tmp_path), "backup"]) == 0
    assert len(list((tmp_path / "backups").glob("*-manual.sqlite3"))) == 1


@pytest.mark.parametrize("problem", ["exists", "missing-folder"])
def test_backup_errors_are_one_line_and_write_nothing(
    tmp_path: Path, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    add_member(tmp_path, "Only")
    out = tmp_path / "copy.sqlite3"
    if problem == "exists":
        out.write_text("keep me")
    else:
        out = tmp_path / "removed-stick" / "copy.sqlite3"
    assert main(["--data-dir", str(tmp_path), "backup", "--out", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(out.parent) in err[0]
    if problem == "exists":
        assert out.read_text() == "keep me"
    else:
        assert not out.parent.exists()


def test_restore_refuses_a_damaged_or_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_member(tmp_path, "Kept")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00garbage" * 500)
    assert main(["--data-dir", str(tmp_path), "restore", str(bad)]) == 1
    assert main(["--data-dir", str(tmp_path), "restore", str(tmp_path / "none.sqlite3")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "recoverydesk: That backup cannot be restored: file is not a database."
    assert err[1].startswith("recoverydesk: no backup file at ")
    assert last_names(tmp_path) == ["Kept"]
