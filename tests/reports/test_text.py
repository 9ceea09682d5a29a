"""Font runs, shaping and bidi order of one line of text."""

import unicodedata

from recoverydesk.reports.fonts import CID_HAN, CID_HANGUL, FontSet, load_fonts
from recoverydesk.reports.text import fit_size, runs, visual, width


def fonts() -> FontSet:
    return load_fonts()


def test_latin_greek_cyrillic_vietnamese_are_one_dejavu_run() -> None:
    for name in ("Zoë Ødegaard", "Nguyễn Thị Minh Khai", "Łukasz Żółć", "Αλέξανδρος", "Юлия"):
        assert [(r.font, r.text) for r in runs(name, fonts())] == [("RD-Sans", name)]


def test_bold_uses_the_bold_face() -> None:
    assert runs("Zoë", fonts(), bold=True)[0].font == "RD-Sans-Bold"


def test_arabic_is_shaped_and_reversed_for_drawing() -> None:
    name = "محمد علي"
    drawn = visual(name)
    assert drawn != name
    # Joined letters are presentation forms; NFKC undoes the joining, and reversing the
    # right-to-left run gives back the logical order.
    assert unicodedata.normalize("NFKC", drawn)[::-1] == name
    assert [r.font for r in runs(name, fonts())] == ["RD-Arabic"]


def test_hebrew_is_reversed_and_uses_noto_hebrew() -> None:
    assert visual("דוד כהן") == "ןהכ דוד"
    assert [r.font for r in runs("דוד כהן", fonts())] == ["RD-Hebrew"]


def test_mixed_line_keeps_latin_left_to_right() -> None:
    line = runs("Ana דוד", fonts())
    assert [(r.font, r.text) for r in line] == [("RD-Sans", "Ana "), ("RD-Hebrew", "דוד")]


def test_cjk_without_a_system_font_falls_back_to_cid_fonts() -> None:
    bare = load_fonts(cjk_candidates=())
    assert bare.cjk is None
    assert [(r.font, r.text) for r in runs("王小明", bare)] == [(CID_HAN, "王小明")]
    assert [(r.font, r.text) for r in runs("김민준", bare)] == [(CID_HANGUL, "김민준")]


def test_ltr_text_is_untouched() -> None:
    assert visual("Zoë (she/her)") == "Zoë (she/her)"


def test_fit_size_shrinks_long_lines_only() -> None:
    line = runs("Maximiliana Wolfeschlegelsteinhausenbergerdorff", fonts())
    assert fit_size(line, 12, 1000) == 12
    shrunk = fit_size(line, 12, 100)
    assert shrunk < 12
    assert width(line, shrunk) <= 100.01 or shrunk == 6
