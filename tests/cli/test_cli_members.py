"""``members import``, ``members export`` and ``members find`` from the command line."""

from pathlib import Path

import pytest

from recoverydesk.__main__ import main

Capture = pytest.CaptureFixture[str]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def run(tmp_path: Path, *args: str) -> int:
    return main([*args, "--data-dir", str(tmp_path / "data")])


def test_import_then_find(tmp_path: Path, capsys: Capture) -> None:
    csv = write(
        tmp_path / "in.csv", "First Name,Last Name,pronouns\nJosé,García,he/him\nЮлия,Иванова,\n"
    )
    assert run(tmp_path, "members", "import", str(csv)) == 0
    assert capsys.readouterr().out.strip() == f"Imported 2 members from {csv}."
    assert run(tmp_path, "members", "find", "jose") == 0
    assert "José García" in capsys.readouterr().out


def test_invalid_rows_import_nothing_and_are_listed(tmp_path: Path, capsys: Capture) -> None:
    csv = write(
        tmp_path / "in.csv",
        "first_name,last_name,date_of_birth\n"
        "Ana,Silva,1990-01-01\n"
        "Ben,Okafor,2999-01-01\n"
        "Cleo,Moreau,1980-01-01\n"
        "Dev,,\n",
    )
    assert run(tmp_path, "members", "import", str(csv)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "line 3: date_of_birth: Date of birth cannot be in the future",
        "line 5: last_name: Last name is required",
        "2 of 4 rows are invalid; nothing was imported. Fix them and import again, "
        "or use --skip-invalid to import the other 2.",
    ]
    assert run(tmp_path, "members", "find", "ana") == 1


def test_skip_invalid_imports_the_rest(tmp_path: Path, capsys: Capture) -> None:
    csv = write(
        tmp_path / "in.csv",
        "first_name,last_name,date_of_birth\nAna,Silva,1990-01-01\nBen,Okafor,1990-02-30\n",
    )
    assert run(tmp_path, "members", "import", str(csv), "--skip-invalid") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == f"Imported 1 member from {csv}."
    assert captured.err.splitlines() == [
        "line 3: date_of_birth: '1990-02-30' is not a date in the form YYYY-MM-DD",
        "Skipped 1 invalid row (listed above).",
    ]


def test_skip_invalid_with_nothing_valid_fails(tmp_path: Path, capsys: Capture) -> None:
    csv = write(tmp_path / "in.csv", "first_name,last_name\n,Silva\n")
    assert run(tmp_path, "members", "import", str(csv), "--skip-invalid") == 1
    assert "1 of 1 row is invalid; nothing was imported." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "encoding", "message"),
    [
        ("missing.csv", None, "", "missing.csv: no such file."),
        ("latin1.csv", "first_name,last_name\nJosé,García\n", "latin-1", "is not UTF-8 text"),
        (
            "extra.csv",
            "first_name,last_name,colour\nAna,Silva,red\n",
            "utf-8",
            "unknown column(s) 'colour'",
        ),
    ],
)
def test_unusable_file_is_one_clear_line(
    tmp_path: Path, capsys: Capture, name: str, content: str | None, encoding: str, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        write(path, content, encoding)
    assert run(tmp_path, "members", "import", str(path)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and message in err[0] and name in err[0]


def test_missing_file_creates_no_database(tmp_path: Path) -> None:
    assert run(tmp_path, "members", "import", str(tmp_path / "missing.csv")) == 1
    assert not (tmp_path / "data" / "recoverydesk.sqlite3").exists()


def test_export_and_import_elsewhere(tmp_path: Path, capsys: Capture) -> None:
    source = write(
        tmp_path / "in.csv",
        "first_name,last_name,status,archived_reason\n"
        "Zoë,Ødegaard,member,\n王,芳,archived,Moved away\nمحمد,الحسن,guest,\n",
    )
    run(tmp_path, "members", "import", str(source))
    out = tmp_path / "out.csv"
    capsys.readouterr()
    assert run(tmp_path, "members", "export", str(out)) == 0
    assert capsys.readouterr().out.strip() == f"Exported 3 members to {out}."
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["members", "import", str(out), "--data-dir", str(tmp_path / "copy")]) == 0
    again = tmp_path / "again.csv"
    assert main(["members", "export", str(again), "--data-dir", str(tmp_path / "copy")]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_export_to_missing_folder(tmp_path: Path, capsys: Capture) -> None:
    target = tmp_path / "nowhere" / "out.csv"
    assert run(tmp_path, "members", "export", str(target)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(target) in err[0] and "does not exist" in err[0]
