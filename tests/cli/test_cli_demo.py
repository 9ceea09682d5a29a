"""``demo-data`` from the command line."""

import datetime as dt
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


def test_demo_data_adds_visits_for_the_days_asked(tmp_path: Path, capsys: Capture) -> None:
    args = ["demo-data", "--members", "60", "--days", "30", "--data-dir", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    made = int(out.split(" with ")[1].split(" visits")[0].replace(",", ""))
    assert made > 100 and "over the last 30 days" in out
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    try:
        today = services.clock.today()  # the demo centre's own time zone
        days = [today - dt.timedelta(days=n) for n in range(40)]
        found = sum(len(services.visits.visits_on(day, limit=1000)) for day in days)
        assert found == made
        assert all(not services.visits.visits_on(day) for day in days[30:])
    finally:
        services.close()


def test_no_visits_with_zero_days(tmp_path: Path, capsys: Capture) -> None:
    assert main(["demo-data", "--members", "10", "--days", "0", "--data-dir", str(tmp_path)]) == 0
    assert "visits over" not in capsys.readouterr().out
