"""Sign-in sheet: every regular's name and code, headings on every page, right page count."""

import datetime as dt
import math
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.domain.handouts import HandoutError, SignInRow, SignInSheetData, SiteInfo
from recoverydesk.domain.settings import PaperSize
from recoverydesk.reports.signin import page_count, render_signin_sheet, rows_per_page

DAY = dt.date(2026, 3, 10)
NAMES = ["Zoë Ødegaard", "Nguyễn Thị Minh Khai", "Łukasz Żółć", "Αλέξανδρος", "Юлия Сергеевна"]
SITE = SiteInfo(name="Harbour Street Centre", printed_on=DAY)


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def sheet(rows: list[tuple[str, str]]) -> SignInSheetData:
    return SignInSheetData(day=DAY, rows=tuple(SignInRow(n, c) for n, c in rows))


def test_names_codes_and_date_print_exactly(tmp_path: Path) -> None:
    rows = [(name, f"M10000{i}") for i, name in enumerate(NAMES)]
    rows += [("محمد الأحمد", "M100090"), ("王小明", "M100091")]
    (page,) = pdf_text(render_signin_sheet(sheet(rows), SITE, tmp_path / "s.pdf"))
    for name, code in rows:
        assert name in unicodedata.normalize("NFKC", page)
        assert code in page
    assert "Sign-in sheet: Tuesday 10 March 2026" in page
    assert "Harbour Street Centre" in page
    assert "Page 1 of 1" in page
    assert "Confidential" in page


@pytest.mark.parametrize("paper", list(PaperSize))
def test_many_rows_fit_on_a_page(paper: PaperSize) -> None:
    assert rows_per_page(SiteInfo(name="x", paper=paper)) >= 25


@pytest.mark.parametrize("paper", list(PaperSize))
def test_120_regulars_page_count_and_headings_on_every_page(
    tmp_path: Path, paper: PaperSize
) -> None:
    site = SiteInfo(name="Harbour Street Centre", paper=paper, printed_on=DAY)
    rows = [(f"Person {i:03d}", f"M1{i:05d}") for i in range(120)]
    data = sheet(rows)
    pages = pdf_text(render_signin_sheet(data, site, tmp_path / "s.pdf"))
    expected = math.ceil((120 + data.min_blank_rows) / rows_per_page(site))
    assert len(pages) == expected == page_count(site, data)
    for number, page in enumerate(pages, start=1):
        assert "Name" in page and "Time in" in page
        assert "Tuesday 10 March 2026" in page
        assert f"Page {number} of {expected}" in page
    everything = "\n".join(pages)
    assert all(f"Person {i:03d}" in everything for i in range(120))
    order = [everything.index(f"Person {i:03d}") for i in range(120)]
    assert order == sorted(order)


def test_empty_day_still_gives_a_page_of_blank_rows(tmp_path: Path) -> None:
    (page,) = pdf_text(render_signin_sheet(sheet([]), SITE, tmp_path / "s.pdf"))
    assert "Not on the list?" in page


def test_unwritable_path_is_a_clear_error_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "s.pdf"
    with pytest.raises(HandoutError, match="folder .*missing does not exist"):
        render_signin_sheet(sheet([("Zoë", "M100007")]), SITE, out)
    assert list(tmp_path.iterdir()) == []
