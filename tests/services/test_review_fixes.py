"""Hostile input found in review: punctuation in names, formulas in CSV, odd dates, NULs."""

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.members import EmergencyContact, MemberDraft
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services, open_services


def names(services: Services, text: str) -> list[str]:
    return [f"{r.first_name} {r.last_name}" for r in services.members.search(text).rows]


def test_names_found_without_their_apostrophe_or_hyphen(services: Services) -> None:
    services.members.create(MemberDraft("Siobhán", "O'Brien"))
    services.members.create(MemberDraft("Kim", "Smith-Jones"))
    assert names(services, "siobhan obrien") == ["Siobhán O'Brien"]
    assert names(services, "o'brien") == ["Siobhán O'Brien"]
    assert names(services, "smithjones") == ["Kim Smith-Jones"]
    same_person = MemberDraft("Siobhan", "OBrien")
    found = services.members.possible_duplicates(same_person)
    assert [r.last_name for r in found] == ["O'Brien"]
    assert names(services, "smith jones") == ["Kim Smith-Jones"]


def test_upgrade_rebuilds_search_terms_of_existing_members(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "db" / "rev_0002.sqlite3"
    path = tmp_path / "old.sqlite3"
    path.write_bytes(fixture.read_bytes())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE members SET last_name = 'Nguyễn-Trần' WHERE last_name = 'Nguyễn'")
    services = open_services(path, backup_dir=tmp_path / "backups")
    try:
        assert [r.last_name for r in services.members.search("nguyentran").rows] == ["Nguyễn-Trần"]
    finally:
        services.close()


def test_export_defuses_spreadsheet_formulas_and_import_restores_them(
    services: Services, tmp_path: Path, new_db_url: Callable[[str], Path | str]
) -> None:
    services.members.create(
        MemberDraft(
            '=HYPERLINK("http://x","click")',
            "Formula",
            phone="+44 7700 900123",
            desk_note="-5 points",
        )
    )
    out = tmp_path / "export.csv"
    services.csv.export_members(out)
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-5 points" in text and ",+44 7700 900123," in text
    fresh = open_services(new_db_url("fresh"))
    try:
        report = fresh.csv.import_members(out)
        assert report.imported == 1
        member = fresh.members.get(fresh.members.search("formula").rows[0].id)
        assert member.first_name == '=HYPERLINK("http://x","click")'
        assert member.desk_note == "-5 points"
    finally:
        fresh.close()


def test_pipe_in_an_emergency_contact_is_refused(services: Services) -> None:
    draft = MemberDraft(
        "Ana", "Silva", emergency_contacts=(EmergencyContact("Maria | Lopez", "", "555 0123"),)
    )
    with pytest.raises(ValidationError, match=r"cannot contain \|"):
        services.members.create(draft)


def test_dates_are_strict_and_text_loses_control_characters(services: Services) -> None:
    for bad in ("1990-W01-1", "1990-001-1", "19900101"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            parse_date(bad)
    member = services.members.create(
        MemberDraft("A\x00na", "Sil\x07va", address="1 Road\x00\nTown")
    )
    assert (member.first_name, member.last_name, member.address) == (
        "A na",
        "Sil va",
        "1 Road\nTown",
    )


def test_visits_before_2000_are_refused(services: Services) -> None:
    member = services.members.create(MemberDraft("Ana", "Silva"))
    with pytest.raises(ValidationError, match="before 2000"):
        services.visits.check_in(member.id, at=dt.datetime(1800, 1, 1, 10, tzinfo=dt.UTC))
