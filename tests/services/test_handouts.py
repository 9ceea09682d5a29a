"""HandoutService on a real database: who is a regular, refused cards, files written."""

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.domain.handouts import HandoutError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.settings import PaperSize
from recoverydesk.domain.visits import VisitSource
from recoverydesk.services.container import Services

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def named_centre(services: Services) -> None:
    """Cards need the centre's own name (the placeholder is never printed)."""
    services.settings.save(services.settings.get().replace(centre_name="Harbour Street Centre"))


def test_no_card_until_the_centre_is_named(services: Services, tmp_path: Path) -> None:
    code = add(services, "Ana", "Silva")
    services.settings.save(services.settings.get().replace(centre_name="Recovery Centre"))
    out = tmp_path / "card.pdf"
    with pytest.raises(HandoutError, match="Set your centre's name"):
        services.handouts.member_card(code, out)
    assert not out.exists()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def add(services: Services, first: str, last: str, *days_ago: int, preferred: str = "") -> str:
    member = services.members.create(MemberDraft(first, last, preferred_name=preferred))
    for ago in days_ago:
        day = TODAY - dt.timedelta(days=ago)
        services.visits.check_in(member.id, on=day, source=VisitSource.PAPER)
    return member.code


def test_signin_sheet_lists_the_last_30_days_regulars_by_last_name(
    services: Services, tmp_path: Path
) -> None:
    services.settings.save(services.settings.get().replace(centre_name="Harbour Street Centre"))
    zoe = add(services, "Zoë", "Ødegaard", 3)
    add(services, "Łukasz", "Żółć", 30)
    add(services, "Юлия", "Сергеевна", 1, 12)
    add(services, "Alex", "Adams", 2, preferred="Lex")
    add(services, "Only", "Today", 0)
    add(services, "Long", "Ago", 31)
    gone = services.members.create(MemberDraft("Archie", "Archived"))
    services.visits.check_in(gone.id, on=TODAY - dt.timedelta(days=2), source=VisitSource.PAPER)
    services.members.archive(gone.id, "moved away")
    text = pdf_text(services.handouts.signin_sheet(TODAY, tmp_path / "sheet.pdf"))
    listed = ["Lex Adams", "Zoë Ødegaard", "Łukasz Żółć", "Юлия Сергеевна"]
    positions = [text.index(name) for name in listed]
    assert positions == sorted(positions)
    for absent in ("Only Today", "Long Ago", "Archie"):
        assert absent not in text
    assert zoe in text
    assert "Tuesday 10 March 2026" in text
    assert "Harbour Street Centre" in text


def test_signin_sheet_defaults_to_today_and_site_paper(services: Services, tmp_path: Path) -> None:
    services.settings.save(services.settings.get().replace(paper_size=PaperSize.LETTER))
    out = services.handouts.signin_sheet(None, tmp_path / "sheet.pdf")
    page = PdfReader(out).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert "Tuesday 10 March 2026" in page.extract_text()


def test_card_shows_preferred_name_code_and_centre(services: Services, tmp_path: Path) -> None:
    services.settings.save(services.settings.get().replace(centre_name="Harbour Street Centre"))
    code = add(services, "Alexandra", "Nguyễn", preferred="Sasha")
    text = pdf_text(services.handouts.member_card(code.lower(), tmp_path / "card.pdf"))
    assert "Sasha Nguyễn" in text
    assert "Alexandra" not in text
    assert code in text
    assert "Harbour Street Centre" in text
    assert "recovery" not in text.lower() and "addiction" not in text.lower()


def test_card_sheet(services: Services, tmp_path: Path) -> None:
    codes = [add(services, "Person", f"Number {i}") for i in range(3)]
    out = services.handouts.member_cards(codes, tmp_path / "cards.pdf", sheet=True)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert all(code in reader.pages[0].extract_text() for code in codes)


def test_unknown_or_archived_member_gets_no_card(services: Services, tmp_path: Path) -> None:
    out = tmp_path / "card.pdf"
    with pytest.raises(HandoutError, match="No member has the code 'M999999'"):
        services.handouts.member_card("M999999", out)
    member = services.members.create(MemberDraft("Archie", "Archived"))
    services.members.archive(member.id, "moved away")
    with pytest.raises(HandoutError, match="archived"):
        services.handouts.member_card(member.code, out)
    assert not out.exists()


def test_unwritable_output_is_refused_with_no_file(services: Services, tmp_path: Path) -> None:
    code = add(services, "Zoë", "Ødegaard")
    blocker = tmp_path / "report.txt"
    blocker.write_text("a file, not a folder")
    with pytest.raises(HandoutError, match="report.txt"):
        services.handouts.member_card(code, blocker / "card.pdf")
    assert not list(tmp_path.rglob("*.pdf*"))
