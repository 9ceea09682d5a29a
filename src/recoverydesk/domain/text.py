"""Text rules for names and search.

Names are stored NFC-normalised with runs of white space folded to one space. Search uses
keys that are NFKD-decomposed, stripped of combining marks and casefolded, so that "jose"
finds "José", "zoe" finds "Zoë" and "nguyen" finds "Nguyễn" without relying on the
database's (ASCII-only in SQLite) case folding.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORD_SPLIT = re.compile(r"[\s\-‐‑'’.,/()]+")
# Letters that NFKD does not decompose but people type without the stroke.
_EXTRA_FOLDS = str.maketrans(
    {
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ß": "ss",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
    }
)


def clean_text(value: str | None) -> str:
    """NFC-normalise, drop control characters, fold white space, strip; ``None`` → ''."""
    if not value:
        return ""
    return _SPACE.sub(" ", _CONTROL.sub(" ", unicodedata.normalize("NFC", value))).strip()


def clean_multiline(value: str | None) -> str:
    """NFC-normalise free text, keeping line breaks but dropping other control characters."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_BUT_LINES.sub("", text).strip()


def fold(value: str) -> str:
    """Accent- and case-insensitive key of ``value`` (NFKD, marks stripped, casefolded)."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.casefold().translate(_EXTRA_FOLDS))


def words(value: str) -> list[str]:
    """The folded words of ``value``, for indexing or querying by prefix."""
    return [w for w in _WORD_SPLIT.split(fold(value)) if w]


def digits(value: str) -> str:
    """Only the digits of ``value`` as ASCII (for phone numbers; any script's digits)."""
    return "".join(str(unicodedata.decimal(ch)) for ch in value if ch.isdecimal())


def joined_words(value: str) -> list[str]:
    """Name parts with their inner punctuation removed, e.g. "O'Brien" → "obrien".

    Only parts that split into several words are returned, so people who skip the
    apostrophe or hyphen when typing still find the person.
    """
    joined = []
    for part in fold(value).split():
        pieces = [w for w in _WORD_SPLIT.split(part) if w]
        if len(pieces) > 1:
            joined.append("".join(pieces))
    return joined


def name_search_key(*names: str) -> str:
    """One folded string of all of a person's names, for sorting and display search."""
    return " ".join(w for name in names for w in words(name))
