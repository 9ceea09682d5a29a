"""``recoverydesk handout``: cards and sign-in sheets; every refusal is one line, no file."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.__main__ import main
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import open_services


@pytest.fixture
def codes(tmp_path: Path) -> dict[str, str]:
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    try:
        services.settings.save(services.settings.get().replace(centre_name="Harbour Street"))
        made = {
            name: services.members.create(MemberDraft(*name.split(" ", 1))).code
            for name in ("Zoë Ødegaard", "Łukasz Żółć", "Archie Archived")
        }
        services.visits.check_in(services.members.by_code(made["Zoë Ødegaard"]).id)
        services.members.archive(services.members.by_code(made["Archie Archived"]).id, "moved")
    finally:
        services.close()
    return made


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path), "handout", *args])


def test_card(tmp_path: Path, codes: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "card.pdf"
    assert run(tmp_path, "card", codes["Zoë Ødegaard"], "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == f"Saved {out}"
    (page,) = PdfReader(out).pages
    assert "Zoë Ødegaard" in page.extract_text()


def test_card_sheet_of_several(tmp_path: Path, codes: dict[str, str]) -> None:
    out = tmp_path / "cards.pdf"
    picked = [codes["Zoë Ødegaard"], codes["Łukasz Żółć"]]
    assert run(tmp_path, "card", *picked, "--sheet", "--out", str(out)) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Zoë Ødegaard" in text and "Łukasz Żółć" in text


def test_signin_sheet_for_a_date(tmp_path: Path, codes: dict[str, str]) -> None:
    out = tmp_path / "sheet.pdf"
    assert run(tmp_path, "signin-sheet", "--date", "2099-01-01", "--out", str(out)) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Thursday 1 January 2099" in text
    assert "Zoë Ødegaard" not in text  # seen today, not in the 30 days before 2099


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["card", "M999999"], "No member has the code 'M999999'"),
        (["card", "ARCHIVED"], "archived"),
        (["signin-sheet", "--date", "2026-13-01"], "is not a date"),
        (["card", "ZOE", "--folder-missing"], "does not exist"),
    ],
)
def test_refusals_are_one_line_exit_1_and_no_file(
    tmp_path: Path,
    codes: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "out.pdf"
    args = [codes["Archie Archived"] if a == "ARCHIVED" else a for a in args]
    args = [codes["Zoë Ødegaard"] if a == "ZOE" else a for a in args]
    if "--folder-missing" in args:
        args.remove("--folder-missing")
        out = tmp_path / "missing" / "out.pdf"
    capsys.readouterr()
    assert run(tmp_path, *args, "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert not list(tmp_path.rglob("*.pdf*"))


def test_handout_without_a_kind_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path) == 1
    assert "handout card CODE" in capsys.readouterr().err
