"""Member cards: names exact in every script, the code as text and as a readable barcode."""

import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.graphics.barcode.code128 import _patterns

from recoverydesk.domain.handouts import CardData, HandoutError, SiteInfo
from recoverydesk.domain.settings import PaperSize
from recoverydesk.reports import card
from recoverydesk.reports.card import CARD_HEIGHT, CARD_WIDTH, card_barcode, render_cards
from recoverydesk.reports.text import visual

NAMES = [
    "Zoë Ødegaard",
    "Nguyễn Thị Minh Khai",
    "Łukasz Żółć",
    "Αλέξανδρος",
    "Юлия Сергеевна",
]
SITE = SiteInfo(name="Harbour Street Centre", phone="020 7946 0000")


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def decode_code128(path: Path) -> str:
    """Read the bars drawn on the first page back into the Code 128 value.

    No scanner library (zbar) is available, so this decodes the PDF's own rectangles:
    bar and gap widths in modules, six elements a symbol, checksum verified.
    """
    page = PdfReader(path).pages[0]
    ops = ContentStream(page.get_contents(), page.pdf).operations
    bars = sorted((float(a[0]), float(a[2])) for a, op in ops if op == b"re")
    module = min(w for _, w in bars)
    widths: list[int] = []
    for (x, w), following in zip(bars, [*bars[1:], None], strict=True):
        widths.append(round(w / module))
        if following is not None:
            widths.append(round((following[0] - x - w) / module))
    table = {
        "".join(str(" ABCD".index(c.upper())) for c in pattern): value
        for value, pattern in _patterns.items()
    }
    symbols = [table["".join(map(str, widths[i : i + 6]))] for i in range(0, len(widths) - 7, 6)]
    assert "".join(map(str, widths[-7:])) == "2331112"  # stop
    start, *data, check = symbols
    assert (start + sum(i * v for i, v in enumerate(data, 1))) % 103 == check
    code_set = {104: "B", 105: "C"}[start]
    out = ""
    for value in data:
        if value in (99, 100):
            code_set = "C" if value == 99 else "B"
        else:
            out += f"{value:02d}" if code_set == "C" else chr(value + 32)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_name_and_code_print_exactly(tmp_path: Path, name: str) -> None:
    out = render_cards([CardData(name, "M100007")], SITE, tmp_path / "card.pdf")
    (page,) = pdf_text(out)
    assert name in page
    assert "M100007" in page
    assert "Harbour Street Centre" in page


def test_single_card_is_wallet_size(tmp_path: Path) -> None:
    out = render_cards([CardData("Zoë", "M100007")], SITE, tmp_path / "card.pdf")
    box = PdfReader(out).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((CARD_WIDTH, CARD_HEIGHT))
    assert round(float(box.width) / 72 * 25.4, 1) == 85.6


def test_barcode_decodes_to_the_code(tmp_path: Path) -> None:
    assert card_barcode("M100007").value == "M100007"
    for code in ("M100007", "M1234567", "M100015"):
        out = render_cards([CardData("Zoë", code)], SITE, tmp_path / f"{code}.pdf")
        assert decode_code128(out) == code


def test_card_says_nothing_the_centre_name_does_not(tmp_path: Path) -> None:
    out = render_cards([CardData("Zoë Ødegaard", "M100007")], SITE, tmp_path / "card.pdf")
    words = " ".join(pdf_text(out)).lower()
    for word in ("recovery", "addiction", "rehab", "sober", "treatment"):
        assert word not in words


def test_card_title_is_the_centre_name_unless_set(tmp_path: Path) -> None:
    out = render_cards([CardData("Zoë", "M100007", title="Members")], SITE, tmp_path / "c.pdf")
    (page,) = pdf_text(out)
    assert "Members" in page
    assert "Harbour Street Centre" not in page


def test_arabic_name_is_shaped_in_visual_order(tmp_path: Path) -> None:
    name = "محمد الأحمد"
    out = render_cards([CardData(name, "M100007")], SITE, tmp_path / "card.pdf")
    (page,) = pdf_text(out)
    # The PDF holds the joined (presentation-form) glyphs in drawing order, right to left.
    # pypdf puts right-to-left runs back in logical order when it extracts; NFKC undoes
    # the joining. So the extracted text, normalised, holds the name exactly as typed.
    assert visual(name) != name
    assert name in unicodedata.normalize("NFKC", page)
    assert name not in page  # really shaped: the letters are in their joined forms


def test_cjk_name_is_kept_as_text(tmp_path: Path) -> None:
    out = render_cards(
        [CardData("王小明", "M100007"), CardData("김민준", "M100015")], SITE, tmp_path / "c.pdf"
    )
    first, second = pdf_text(out)
    assert "王小明" in first
    assert "김민준" in second


@pytest.mark.parametrize("paper", list(PaperSize))
def test_sheet_puts_ten_cards_on_a_page(tmp_path: Path, paper: PaperSize) -> None:
    cards = [CardData(f"Person {i:02d}", f"M1000{i:02d}") for i in range(12)]
    site = SiteInfo(name="Harbour Street Centre", paper=paper)
    out = render_cards(cards, site, tmp_path / "sheet.pdf", sheet=True)
    pages = pdf_text(out)
    assert len(pages) == 2
    assert all(f"Person {i:02d}" in pages[0] for i in range(10))
    assert "Person 10" in pages[1] and "Person 11" in pages[1]


@pytest.mark.parametrize("where", ["missing/card.pdf", "a-file/card.pdf"])
def test_unwritable_path_is_a_clear_error_and_no_file(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / where
    with pytest.raises(HandoutError, match="Cannot write .*card.pdf"):
        render_cards([CardData("Zoë", "M100007")], SITE, out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_failure_while_drawing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(card, "draw_card", broken)
    with pytest.raises(HandoutError, match="disk is full"):
        render_cards([CardData("Zoë", "M100007")], SITE, tmp_path / "card.pdf")
    assert list(tmp_path.iterdir()) == []
