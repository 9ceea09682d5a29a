"""Name cleaning and search keys: accents, scripts and case fold the way people type."""

import pytest

from recoverydesk.domain.text import clean_text, digits, fold, name_search_key, words


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("José", "jose"),
        ("Zoë", "zoe"),
        ("Nguyễn", "nguyen"),
        ("Łukasz", "lukasz"),
        ("Żółć", "zolc"),
        ("Ødegaard", "odegaard"),
        ("STRASSE", "straße"),
        ("Юлия", "юлия"),
        ("Αλέξανδρος", "αλεξανδρος"),
    ],
)
def test_fold_matches_what_people_type(stored: str, typed: str) -> None:
    assert fold(stored) == fold(typed)


def test_clean_text_normalises_to_nfc_and_folds_spaces() -> None:
    decomposed = "Jose\u0301   Garci\u0301a "
    assert clean_text(decomposed) == "José García"
    assert clean_text(None) == ""


def test_words_split_hyphens_and_apostrophes() -> None:
    assert words("Mary-Kate O'Brien") == ["mary", "kate", "o", "brien"]


def test_name_search_key_joins_all_names() -> None:
    assert name_search_key("Thị Minh Khai", "Nguyễn", "") == "thi minh khai nguyen"


def test_digits_reads_any_script() -> None:
    assert digits("+44 (0)7700 900123") == "4407700900123"
    assert digits("٠٧٧٠٠") == "07700"
