"""The fonts embedded in handouts: bundled TTFs, a system CJK font if any, CID fallbacks.

The bundled fonts live in ``resources/fonts`` (DejaVu Sans for Latin, Greek, Cyrillic and
Vietnamese; Noto Sans Arabic and Hebrew). ``reports`` may not import
``recoverydesk.paths`` (layer rule), so ``default_fonts_dir`` repeats its few lines:
the PyInstaller folder when frozen, else ``resources/fonts`` beside ``src``.

Chinese, Japanese and Korean use a system font when one is found; otherwise ReportLab's
built-in CID fonts (no font file needed; the PDF viewer supplies the glyphs), so CJK
names are never dropped and never crash a handout.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from recoverydesk.domain.handouts import HandoutError

BUNDLED = {
    "RD-Sans": "DejaVuSans.ttf",
    "RD-Sans-Bold": "DejaVuSans-Bold.ttf",
    "RD-Arabic": "NotoSansArabic-Regular.ttf",
    "RD-Hebrew": "NotoSansHebrew-Regular.ttf",
}
CJK_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
    Path("C:/Windows/Fonts/msyh.ttc"),
    Path("C:/Windows/Fonts/simsun.ttc"),
    Path("/System/Library/Fonts/PingFang.ttc"),
    Path("/System/Library/Fonts/Hiragino Sans GB.ttc"),
)
CID_HAN = "STSong-Light"
CID_HANGUL = "HYSMyeongJo-Medium"


def default_fonts_dir() -> Path:
    """``resources/fonts`` of a source checkout or of a PyInstaller build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", "fonts")
    return Path(__file__).resolve().parents[3] / "resources" / "fonts"


@dataclass(frozen=True)
class FontSet:
    """Registered font names, and which code points each TrueType font has glyphs for."""

    regular: str = "RD-Sans"
    bold: str = "RD-Sans-Bold"
    arabic: str = "RD-Arabic"
    hebrew: str = "RD-Hebrew"
    cjk: str | None = None
    coverage: dict[str, frozenset[int]] = field(default_factory=dict, compare=False)

    def has(self, font: str, char: str) -> bool:
        """True when ``font`` draws ``char`` (CID fonts are trusted for their scripts)."""
        covered = self.coverage.get(font)
        return covered is None or ord(char) in covered


def load_fonts(
    fonts_dir: Path | None = None, cjk_candidates: tuple[Path, ...] = CJK_CANDIDATES
) -> FontSet:
    """Register the handout fonts once per folder; ``HandoutError`` when they are missing."""
    return _load(fonts_dir or default_fonts_dir(), cjk_candidates)


@lru_cache(maxsize=8)
def _load(fonts_dir: Path, cjk_candidates: tuple[Path, ...]) -> FontSet:
    coverage: dict[str, frozenset[int]] = {}
    for name, filename in BUNDLED.items():
        path = fonts_dir / filename
        try:
            font = TTFont(name, str(path))
        except (OSError, TTFError) as error:
            raise HandoutError(
                f"The handout font {path} is missing or damaged ({error}). "
                "Reinstall RecoveryDesk to put it back."
            ) from error
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    for cid in (CID_HAN, CID_HANGUL):
        if cid not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(cid))
    cjk = _system_cjk(cjk_candidates, coverage)
    return FontSet(cjk=cjk, coverage=coverage)


def _system_cjk(candidates: tuple[Path, ...], coverage: dict[str, frozenset[int]]) -> str | None:
    for index, path in enumerate(candidates):
        if not path.is_file():
            continue
        name = f"RD-CJK-{index}"
        try:
            font = TTFont(name, str(path), subfontIndex=0)
        except (OSError, TTFError, ValueError):
            continue
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
        return name
    return None
