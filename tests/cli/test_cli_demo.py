"""``demo-data`` from the command line."""

from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.services.container import open_services

Capture = pytest.CaptureFixture[str]


def test_demo_data_fills_the_database(tmp_path: Path, capsys: Capture) -> None:
    assert main(["demo-data", "--members", "40", "--seed", "3", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Created 40 demo members in ") and str(tmp_path) in out
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    try:
        page = services.members.search(limit=100, include_archived=True, with_total=True)
        assert page.total == 40
        assert services.settings.get().centre_name == "Harbour Light Recovery Café"
    finally:
        services.close()


def test_same_seed_same_people(tmp_path: Path, capsys: Capture) -> None:
    for folder in ("a", "b"):
        main(["--data-dir", str(tmp_path / folder), "demo-data", "--members", "25"])
        main(
            [
                "--data-dir",
                str(tmp_path / folder),
                "members",
                "export",
                str(tmp_path / f"{folder}.csv"),
            ]
        )
    first = [line.split(",")[:3] for line in (tmp_path / "a.csv").read_text().splitlines()]
    second = [line.split(",")[:3] for line in (tmp_path / "b.csv").read_text().splitlines()]
    assert first == second and len(first) > 25


def test_refuses_a_database_with_real_members(tmp_path: Path, capsys: Capture) -> None:
    csv = tmp_path / "real.csv"
    csv.write_text("first_name,last_name\nAna,Silva\n", encoding="utf-8")
    main(["members", "import", str(csv), "--data-dir", str(tmp_path)])
    capsys.readouterr()
    assert main(["demo-data", "--members", "10", "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "real members" in err[0] and "Nothing was added" in err[0]


def test_member_count_must_be_positive(tmp_path: Path, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as done:
        main(["demo-data", "--members", "0", "--data-dir", str(tmp_path)])
    assert done.value.code == 2
    assert "0 is not between 1 and" in capsys.readouterr().err
