"""CSV import and export of members: all-or-nothing, line numbers, encodings, round trip."""

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.codes import format_member_code, is_valid_code
from recoverydesk.domain.members import (
    EmergencyContact,
    Focus,
    Member,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.services import csv_io
from recoverydesk.services.container import Services, open_services
from recoverydesk.services.csv_io import CsvFileError, ImportReport, MemberCsvService

BOM = "\ufeff"


def write(path: Path, text: str, *, bom: bool = False, encoding: str = "utf-8") -> Path:
    path.write_bytes(((BOM if bom else "") + text).encode(encoding))
    return path


def importer(services: Services) -> MemberCsvService:
    return services.csv


def all_members(services: Services) -> list[Member]:
    rows = services.members.search(limit=100_000, include_archived=True, sort="code").rows
    return [services.members.get(r.id) for r in rows]


def count(services: Services) -> int:
    return len(services.members.search(limit=100_000, include_archived=True).rows)


def import_text(services: Services, tmp_path: Path, text: str, **options: bool) -> ImportReport:
    return importer(services).import_members(write(tmp_path / "in.csv", text), **options)


@pytest.mark.parametrize("bom", [True, False])
def test_import_with_or_without_bom(services: Services, tmp_path: Path, bom: bool) -> None:
    text = "first_name,last_name,date_of_birth\r\nJosé,García,1980-02-29\r\nZoë,Ødegaard,\r\n"
    report = importer(services).import_members(write(tmp_path / "in.csv", text, bom=bom))
    assert report.ok and report.imported == 2
    (jose,) = services.members.search("jose").rows
    assert (jose.first_name, jose.last_name) == ("José", "García")
    assert services.members.get(jose.id).date_of_birth == dt.date(1980, 2, 29)
    assert services.members.search("zoe odegaard").rows


def test_headers_are_case_insensitive_and_trimmed(services: Services, tmp_path: Path) -> None:
    text = " First_Name ,LAST NAME,Date-Of-Birth,  PHONE\nAna,Silva,1990-05-01,07700 900123\n"
    assert import_text(services, tmp_path, text).imported == 1
    (member,) = all_members(services)
    assert member.date_of_birth == dt.date(1990, 5, 1) and member.phone == "07700 900123"


def test_every_field_is_read(services: Services, tmp_path: Path) -> None:
    text = (
        "first_name,last_name,preferred_name,pronouns,date_of_birth,phone,email,address,focus,"
        "pathways,recovery_start,joined_on,status,archived_reason,desk_note,peer_wants_to_see,"
        "emergency_contacts\n"
        'Łukasz,Żółć,Luke,he/him,1985-01-02,555-0142,luke@example.org,"1 Mill Street\nHarbourtown",'
        "Family / ally,SMART Recovery; harm-reduction,2020-06-01,2024-01-31,archived,Moved away,"
        'Bring ID for locker,yes,"Ewa Żółć | sister | 07700 900456\nSam | friend | 555-0101"\n'
    )
    assert import_text(services, tmp_path, text).imported == 1
    (m,) = all_members(services)
    assert (m.first_name, m.last_name, m.preferred_name, m.pronouns) == (
        "Łukasz",
        "Żółć",
        "Luke",
        "he/him",
    )
    assert m.address == "1 Mill Street\nHarbourtown" and m.focus is Focus.FAMILY_ALLY
    assert m.pathways == {Pathway.SMART, Pathway.HARM_REDUCTION}
    assert (m.recovery_start, m.joined_on) == (dt.date(2020, 6, 1), dt.date(2024, 1, 31))
    assert m.status is MemberStatus.ARCHIVED and m.archived_reason == "Moved away"
    assert m.desk_note == "Bring ID for locker" and m.peer_wants_to_see
    assert m.emergency_contacts == (
        EmergencyContact("Ewa Żółć", "sister", "07700 900456"),
        EmergencyContact("Sam", "friend", "555-0101"),
    )


def test_one_bad_row_imports_nothing_and_every_bad_row_is_reported(
    services: Services, tmp_path: Path
) -> None:
    text = (
        "first_name,last_name,date_of_birth,address,email\n"  # line 1
        'Ana,Silva,1990-01-01,"2 Quay Street\nHarbourtown",\n'  # lines 2-3
        "Ben,Okafor,2031-01-01,,\n"  # line 4: future birth date
        "\n"  # line 5: blank, skipped
        "Cleo,Moreau,1970-13-01,,not-an-email\n"  # line 6: two problems
        ",Nguyễn,,,\n"  # line 7: no first name
        "Dev,Patel,1988-08-08,,\n"  # line 8: fine
    )
    report = import_text(services, tmp_path, text)
    assert report.imported == 0 and report.rows == 5
    assert [p.line for p in report.problems] == [4, 6, 7]
    assert str(report.problems[0]) == "line 4: date_of_birth: Date of birth cannot be in the future"
    assert "date_of_birth: '1970-13-01' is not a date" in str(report.problems[1])
    assert "email: Email should look like" in str(report.problems[1])
    assert str(report.problems[2]) == "line 7: first_name: First name is required"
    assert count(services) == 0


def test_skip_invalid_imports_the_good_rows(services: Services, tmp_path: Path) -> None:
    text = "first_name,last_name,status\nAna,Silva,guest\nBen,Okafor,retired\nCleo,Moreau,\n"
    report = import_text(services, tmp_path, text, skip_invalid=True)
    assert report.imported == 2
    assert [str(p) for p in report.problems] == [
        "line 3: status: 'retired' is not one of guest, member, archived"
    ]
    statuses = {m.first_name: m.status for m in all_members(services)}
    assert statuses == {"Ana": MemberStatus.GUEST, "Cleo": MemberStatus.MEMBER}


def test_unknown_column_is_refused_before_any_row(services: Services, tmp_path: Path) -> None:
    text = "first_name,last_name,Favourite colour,shoe_size\nAna,Silva,blue,5\n"
    with pytest.raises(CsvFileError) as refused:
        import_text(services, tmp_path, text)
    message = str(refused.value)
    assert "'Favourite colour'" in message and "'shoe_size'" in message and "in.csv" in message
    assert count(services) == 0


def test_missing_required_column_names_the_file(services: Services, tmp_path: Path) -> None:
    with pytest.raises(CsvFileError, match=r"in\.csv.*last_name"):
        import_text(services, tmp_path, "first_name,phone\nAna,555-0101\n")


def test_file_that_is_not_utf8_is_refused(services: Services, tmp_path: Path) -> None:
    path = write(tmp_path / "latin1.csv", "first_name,last_name\nJosé,García\n", encoding="latin-1")
    with pytest.raises(CsvFileError, match=r"latin1\.csv is not UTF-8 text \(line 2\)"):
        importer(services).import_members(path)
    assert count(services) == 0


def test_missing_and_empty_files(services: Services, tmp_path: Path) -> None:
    with pytest.raises(CsvFileError, match="nope.csv: no such file"):
        importer(services).import_members(tmp_path / "nope.csv")
    with pytest.raises(CsvFileError, match="is empty"):
        importer(services).import_members(write(tmp_path / "empty.csv", ""))
    report = importer(services).import_members(write(tmp_path / "h.csv", "first_name,last_name\n"))
    assert report.rows == 0 and report.imported == 0 and report.ok


def test_row_with_more_values_than_columns(services: Services, tmp_path: Path) -> None:
    report = import_text(services, tmp_path, "first_name,last_name\nAna,Silva,extra\n")
    assert str(report.problems[0]) == "line 2: has 3 values but the header has 2 columns"


def test_existing_member_with_same_name_and_birth_date_is_flagged(
    services: Services, tmp_path: Path
) -> None:
    existing = services.members.create(
        MemberDraft("José", "García", date_of_birth=dt.date(1980, 2, 29))
    )
    text = (
        "first_name,last_name,date_of_birth\n"
        "JOSE,garcia,1980-02-29\n"  # same person, typed differently
        "José,García,1981-02-28\n"
    )  # same name, another person
    report = import_text(services, tmp_path, text)
    assert [str(p) for p in report.problems] == [
        f"line 2: looks like existing member {existing.code} (same name and date of birth)"
    ]
    assert count(services) == 1


def test_duplicates_within_the_file_are_flagged(services: Services, tmp_path: Path) -> None:
    code = format_member_code(20000)
    text = (
        "member_code,first_name,last_name,date_of_birth\n"
        f"{code},Ana,Silva,1990-01-01\n"
        f"{code},Ben,Okafor,\n"
        ",ANA,SILVA,1990-01-01\n"
    )
    report = import_text(services, tmp_path, text)
    assert [str(p) for p in report.problems] == [
        f"line 3: member_code: {code} is also on line 2",
        "line 4: looks like the same person as line 2 (same name and date of birth)",
    ]


def test_codes_in_use_or_mistyped_are_flagged(services: Services, tmp_path: Path) -> None:
    taken = services.members.create(MemberDraft("Ana", "Silva")).code
    mistyped = taken[:-1] + str((int(taken[-1]) + 1) % 10)
    text = (
        f"member_code,first_name,last_name\n{taken.lower()},Ben,Okafor\n"
        f"{mistyped},Cleo,Moreau\nA B,Dev,Patel\n"
    )
    problems = [str(p) for p in import_text(services, tmp_path, text).problems]
    assert problems[0] == f"line 2: member_code: {taken} already belongs to an existing member"
    assert problems[1].startswith(f"line 3: member_code: {mistyped} has a wrong check digit")
    assert problems[2].startswith("line 4: member_code: 'A B' is not a member code")


def test_codes_are_kept_and_new_codes_come_after_them(services: Services, tmp_path: Path) -> None:
    kept = format_member_code(25000)
    text = f"member_code,first_name,last_name\n{kept},Ana,Silva\n,Ben,Okafor\nLEGACY-7,Cleo,Li\n"
    assert import_text(services, tmp_path, text).imported == 3
    codes = {m.first_name: m.code for m in all_members(services)}
    assert codes["Ana"] == kept and codes["Cleo"] == "LEGACY-7"
    assert is_valid_code(codes["Ben"]) and int(codes["Ben"][1:-1]) > 25000
    later = services.members.create(MemberDraft("Dev", "Patel")).code
    assert int(later[1:-1]) > 25000 and later != codes["Ben"]
    assert services.members.search(kept).rows[0].first_name == "Ana"


def test_archived_rows_need_a_reason(services: Services, tmp_path: Path) -> None:
    text = (
        "first_name,last_name,status,archived_reason\nAna,Silva,archived,\n"
        "Ben,Okafor,member,Moved away\n"
    )
    problems = [str(p) for p in import_text(services, tmp_path, text).problems]
    assert problems == [
        "line 2: archived_reason: An archived member needs a reason",
        "line 3: archived_reason: Only archived members have a reason (status is member)",
    ]


def varied_members(services: Services) -> None:
    create = services.members.create
    create(
        MemberDraft(
            "Юлия Сергеевна",
            "Иванова",
            preferred_name="Julia",
            pronouns="she/her",
            date_of_birth=dt.date(1979, 4, 1),
            phone="07700 900321",
            focus=Focus.BOTH,
            pathways=frozenset({Pathway.TWELVE_STEP}),
            recovery_start=dt.date(2019, 9, 9),
        )
    )
    create(
        MemberDraft(
            "Thị Minh",
            "Nguyễn",
            email="thi@example.org",
            address="1 Quay Street\nHarbourtown\nHT1 2AB",
            emergency_contacts=(
                EmergencyContact("Văn Đức", "brother", "555-0199"),
                EmergencyContact("O'Neill, Pat", "", "555-0100"),
            ),
        )
    )
    create(
        MemberDraft(
            "محمد",
            "الحسن",
            preferred_name="Mo",
            status=MemberStatus.GUEST,
            desk_note='Bring ID for "locker" 7, please',
            peer_wants_to_see=True,
        )
    )
    gone = create(
        MemberDraft("王", "芳", joined_on=dt.date(2021, 1, 5), pathways=frozenset(Pathway))
    )
    services.members.archive(gone.id, "Moved out of the area")
    create(MemberDraft("Zoë", "Ødegaard", pronouns="they/them", phone="+1 (212) 555-0142"))


def comparable(member: Member) -> Member:
    when = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    return dataclasses.replace(member, id=0, version=0, created_at=when, updated_at=when)


@pytest.fixture
def fresh(new_db_url: Callable[[str], Path | str], clock: FixedClock) -> Iterator[Services]:
    opened = open_services(new_db_url("fresh"), clock=clock)
    yield opened
    opened.close()


def test_round_trip_gives_identical_members(
    services: Services, fresh: Services, tmp_path: Path
) -> None:
    varied_members(services)
    out = tmp_path / "members.csv"
    assert importer(services).export_members(out) == 5
    report = importer(fresh).import_members(out)
    assert report.ok and report.imported == 5
    before = [comparable(m) for m in all_members(services)]
    after = [comparable(m) for m in all_members(fresh)]
    assert after == before
    assert fresh.members.search("юлия").rows and fresh.members.search("mo").rows


def test_export_is_excel_friendly_utf8_with_bom(services: Services, tmp_path: Path) -> None:
    varied_members(services)
    out = tmp_path / "members.csv"
    importer(services).export_members(out)
    data = out.read_bytes()
    assert data.startswith(BOM.encode())
    text = data.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["member_code", "first_name", "last_name"]
    assert "Юлия Сергеевна" in text and "Moved out of the area" in text  # archived too
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_failed_export_leaves_the_old_file_and_no_half_file(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    varied_members(services)
    out = write(tmp_path / "members.csv", "previous export\n")
    calls = []

    def failing_cells(member: Member) -> list[str]:
        calls.append(member.code)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_cells(member)

    real_cells = csv_io._cells
    monkeypatch.setattr(csv_io, "_cells", failing_cells)
    with pytest.raises(CsvFileError, match="Cannot write .*members.csv: No space left"):
        importer(services).export_members(out)
    assert out.read_text() == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_export_to_a_missing_folder_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(CsvFileError, match="does not exist"):
        importer(services).export_members(tmp_path / "no" / "such" / "members.csv")


def test_ten_thousand_rows_import_in_one_go(services: Services, tmp_path: Path) -> None:
    lines = ["first_name,last_name,date_of_birth,phone,pathways"]
    lines += [
        f"Person{i},Family{i % 97},{1950 + i % 50}-01-{1 + i % 28:02d},555-01{i % 100:02d},"
        f"12-step;smart"
        for i in range(10_000)
    ]
    report = import_text(services, tmp_path, "\n".join(lines) + "\n")
    assert report.ok and report.imported == 10_000
    page = services.members.search("family42", limit=1000, with_total=True)
    assert page.total == len([i for i in range(10_000) if i % 97 == 42])
