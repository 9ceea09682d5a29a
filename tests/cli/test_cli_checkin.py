"""``recoverydesk checkin``: code or unique name checks in; ambiguity records nothing."""

import datetime as dt
from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import open_services


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    codes = {
        f"{first} {last}": services.members.create(MemberDraft(first, last)).code
        for first, last in [("Ana", "Silva"), ("Ana", "Costa"), ("Nguyễn", "Thị Lan")]
    }
    services.close()
    return codes


def visits(tmp_path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    try:
        today = services.clock.today()
        days = {today, today - dt.timedelta(days=1)}
        return sorted(
            (r.name, r.source.value, r.purposes)
            for day in days
            for r in services.visits.visits_on(day)
        )
    finally:
        services.close()


def test_code_checks_in(
    tmp_path: Path, site: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = site["Ana Silva"]
    assert main(["checkin", code.lower(), "--purpose", "meal", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith("Ana Silva checked in at ")
    assert visits(tmp_path) == [("Ana Silva", "desk", ("Meal",))]


def test_unique_name_checks_in_and_twice_records_nothing(
    tmp_path: Path, site: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "checkin", "nguyen"]) == 0
    assert main(["--data-dir", str(tmp_path), "checkin", "nguyen"]) == 0
    assert "already checked in today" in capsys.readouterr().out
    assert len(visits(tmp_path)) == 1


def test_several_matches_are_listed_and_nothing_recorded(
    tmp_path: Path, site: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "checkin", "ana"]) == 2
    err = capsys.readouterr().err
    assert "matches 2 members; nothing recorded" in err
    assert site["Ana Silva"] in err and site["Ana Costa"] in err
    assert visits(tmp_path) == []


def test_no_match_and_future_time_are_one_clear_line(
    tmp_path: Path, site: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "checkin", "nobody"]) == 1
    assert (
        main(
            ["--data-dir", str(tmp_path), "checkin", site["Ana Silva"], "--at", "2099-01-01T10:00"]
        )
        == 1
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "recoverydesk: no member matches 'nobody'; nothing recorded",
        "recoverydesk: date: A visit cannot be in the future",
    ]
    assert visits(tmp_path) == []


def test_at_records_a_paper_visit_on_that_day(
    tmp_path: Path, site: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    yesterday = services.clock.today() - dt.timedelta(days=1)
    services.close()
    stamp = f"{yesterday.isoformat()}T09:30"
    assert main(["--data-dir", str(tmp_path), "checkin", site["Ana Costa"], "--at", stamp]) == 0
    assert "checked in at 09:30" in capsys.readouterr().out
    assert ("Ana Costa", "paper", ()) in visits(tmp_path)
