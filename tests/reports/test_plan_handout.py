"""The recovery plan handout, checked by what a reader sees: the text of the PDF.

Names print exactly in every script; right-to-left text is shaped and in order; long
sections flow on over pages inside the printable area; large print is really large;
every page says "Page x of y" and "Confidential".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.domain.handouts import (
    HandoutError,
    PeerContact,
    PlanHandoutData,
    SiteInfo,
    goals_by_domain,
)
from recoverydesk.domain.plan_kinds import GoalStatus, StepOwner
from recoverydesk.domain.plans import Goal, Step, Support
from recoverydesk.domain.settings import PaperSize
from recoverydesk.reports.fonts import load_fonts
from recoverydesk.reports.page import CONFIDENTIAL, FOOTER_HEIGHT, HEADER_HEIGHT, MARGIN
from recoverydesk.reports.plan import render_plan
from recoverydesk.reports.plan_chart import score_sentence
from recoverydesk.reports.text import runs as text_runs

DAY = dt.date(2026, 3, 10)
SITE = SiteInfo(name="Harbour Street Centre", phone="020 7946 0000", printed_on=DAY)
NAMES = ["Zoë Ødegaard", "Nguyễn Thị Minh Khai", "Αλέξανδρος Παπαδόπουλος", "Юлия Сергеевна"]
AR = "أريد أن أنام جيدا وأن أرى أطفالي كل أسبوع"
HE = "אני רוצה לישון טוב ולראות את הילדים שלי."
ZH = "我想每天早上散步，晚上十点前睡觉"
KO = "한국어도 괜찮아요"


@dataclass(frozen=True)
class Piece:
    """One string drawn on a page, its size in points and its height on the page."""

    page: int
    text: str
    size: float
    y: float


def pages_of(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def flat(text: str) -> str:
    """The text as one line, normalised as a reader's copy-paste would compare it."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pieces(path: Path) -> list[Piece]:
    found: list[Piece] = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        page.extract_text(visitor_text=_collector(found, number))
    return found


def _collector(found: list[Piece], number: int) -> Callable[..., None]:
    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append(Piece(number, text.strip(), size, cm[5] + tm[5] * cm[3]))

    return visit


def is_page_furniture(piece: Piece) -> bool:
    """Header and footer of the shared page template (not the handout's own text)."""
    furniture = (SITE.name, "My recovery plan", CONFIDENTIAL)
    return piece.text in furniture or re.fullmatch(r"(Printed .*|Page \d+ of \d+)", piece.text)


def body_text(path: Path) -> str:
    """The handout's own words in drawing order, without the header and footer."""
    return flat(" ".join(p.text for p in pieces(path) if not is_page_furniture(p)))


def a_plan(**changes: object) -> PlanHandoutData:
    steps = (
        Step("Fill in the housing form", StepOwner.MEMBER, due_on=dt.date(2026, 3, 20)),
        Step("Come with me to the council", StepOwner.PEER, due_on=dt.date(2026, 3, 25)),
        Step("Ring the landlord back", StepOwner.OTHER),
        Step("Called the council", StepOwner.MEMBER, done_on=dt.date(2026, 3, 2)),
    )
    values: dict[str, object] = {
        "member_name": "Zoë Ødegaard",
        "code": "M100007",
        "goals": (
            Goal("Purpose", "Volunteer at the food bank", status=GoalStatus.NOT_STARTED),
            Goal("Music", "Play the guitar again", status=GoalStatus.PAUSED),
            Goal("Health", "Sleep better", why="I feel calmer", status=GoalStatus.ACHIEVED),
            Goal(
                "Home",
                "Find a flat near the kids",
                why="So they can stay over",
                target_date=dt.date(2026, 6, 30),
                status=GoalStatus.IN_PROGRESS,
                steps=steps,
            ),
            Goal("Community", "Join the walking group", status=GoalStatus.IN_PROGRESS),
        ),
        "sections": (("My strengths", "I show up."), ("Things that can set me back", "Payday.")),
        "supports": (Support("Dana Ødegaard", "sister", "(555) 555-0101"),),
        "peer": PeerContact("Dee Walsh", "(555) 555-0199", "dee@example.org"),
        "centre_address": "12 Harbour Street\nPortsmouth",
        "centre_email": "hello@harbour.example",
        "crisis_numbers": "Samaritans: 116 123\nShout: text SHOUT to 85258",
        "barc10": ((dt.date(2025, 11, 1), 33), (dt.date(2026, 2, 1), 41)),
        "review_due_on": dt.date(2026, 6, 8),
    }
    values.update(changes)
    return PlanHandoutData(**values)  # type: ignore[arg-type]


def render(tmp_path: Path, data: PlanHandoutData, **options: object) -> Path:
    return render_plan(data, SITE, tmp_path / "plan.pdf", **options)  # type: ignore[arg-type]


# --- names and scripts ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_member_name_prints_exactly(tmp_path: Path, name: str, large: bool) -> None:
    first = pages_of(render(tmp_path, a_plan(member_name=name), large_print=large))[0]
    assert name in first
    assert "My recovery plan" in first
    assert "M100007" in first


def test_arabic_and_hebrew_are_shaped_and_in_reading_order(tmp_path: Path) -> None:
    name = "محمد الأحمد"
    data = a_plan(member_name=name, sections=(("My strengths", f"{AR}\n{HE}"),))
    text = "\n".join(pages_of(render(tmp_path, data)))
    # Joined letters are presentation forms in the PDF; NFKC undoes the joining, and
    # pypdf gives right-to-left runs back in logical order.
    assert name not in text
    assert name in unicodedata.normalize("NFKC", text)
    assert AR in flat(text)
    assert all(word in flat(text) for word in HE.rstrip(".").split())


def test_punctuation_in_hebrew_is_not_lost(tmp_path: Path) -> None:
    """Noto Sans Hebrew has no full stop: it must come from another font, not vanish."""
    data = a_plan(sections=(("My strengths", "שלום. מה שלומך? (טוב)"),))
    text = body_text(render(tmp_path, data))
    section = text[text.index("My strengths") : text.index("My support network")]
    assert sorted(c for c in section if c in ".?()") == sorted(".?()")


def test_arabic_vowel_marks_are_kept(tmp_path: Path) -> None:
    data = a_plan(member_name="جيدًا")
    assert "جيدًا" in unicodedata.normalize("NFKC", pages_of(render(tmp_path, data))[0])


def test_brackets_in_right_to_left_text_face_the_right_way() -> None:
    drawn = "".join(run.text for run in text_runs("(טוב)", load_fonts()))
    assert drawn == "(בוט)"  # drawn left to right: mirrored, so they still enclose the word


def test_chinese_and_korean_are_kept_as_text(tmp_path: Path) -> None:
    data = a_plan(member_name="王小明", sections=(("My strengths", f"{ZH}。{KO}"),))
    text = "\n".join(pages_of(render(tmp_path, data)))
    assert "王小明" in text
    assert ZH in text.replace("\n", "")
    assert KO in text


def test_mixed_scripts_in_a_long_section_are_all_there(tmp_path: Path) -> None:
    block = f"Tôi muốn có một căn phòng riêng.\n{AR}\nХочу вернуться на работу.\n\t{ZH}\n"
    data = a_plan(sections=(("My strengths", block * 40),))
    text = flat("\n".join(pages_of(render(tmp_path, data, large_print=True))))
    assert text.count("Tôi muốn có một căn phòng riêng.") == 40
    assert text.count("Хочу вернуться на работу.") == 40
    assert text.count(AR) == 40


# --- layout ---------------------------------------------------------------------------------


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_5000_character_section_flows_over_pages_inside_the_margins(
    tmp_path: Path, large: bool
) -> None:
    kept = [f"word{n:05d}" for n in range(501)]
    section = " ".join(kept)
    assert len(section) >= 5000
    data = a_plan(sections=(("My daily routine", section),))
    out = render(tmp_path, data, large_print=large)
    pages = pages_of(out)
    assert len(pages) >= 3 if large else len(pages) >= 2
    holding = [n for n, page in enumerate(pages, 1) if "word0" in page]
    assert len(holding) >= 2
    text = flat("\n".join(pages))
    positions = [text.index(word) for word in kept]
    assert positions == sorted(positions)
    height = PdfReader(out).pages[0].mediabox.height
    body = [p for p in pieces(out) if not is_page_furniture(p)]
    assert all(MARGIN + FOOTER_HEIGHT - 1 <= p.y <= height - MARGIN - HEADER_HEIGHT for p in body)


def test_every_page_has_page_x_of_y_and_the_confidential_footer(tmp_path: Path) -> None:
    data = a_plan(sections=(("My daily routine", "All day long. " * 600),))
    pages = pages_of(render(tmp_path, data))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert CONFIDENTIAL in page
        assert "Harbour Street Centre" in page
        assert "Printed 2026-03-10" in page


def test_large_print_body_is_16_pt_and_headings_20_pt_or_more(tmp_path: Path) -> None:
    found = pieces(render(tmp_path, a_plan(), large_print=True))
    body = [p for p in found if not is_page_furniture(p)]
    assert body and min(p.size for p in body) >= 16
    for heading in ("My goals", "Home", "Looking after myself", "Who to contact"):
        assert min(p.size for p in body if p.text == heading) >= 20
    assert max(p.size for p in body if p.text == "Zoë Ødegaard") >= 24


def test_normal_print_is_smaller_than_large_print(tmp_path: Path) -> None:
    normal = [p for p in pieces(render(tmp_path, a_plan())) if not is_page_furniture(p)]
    assert min(p.size for p in normal) < 16
    assert [p.size for p in normal if p.text == "Dee Walsh"] == [11]


@pytest.mark.parametrize(
    ("paper", "size"), [(PaperSize.A4, (595, 842)), (PaperSize.LETTER, (612, 792))]
)
def test_paper_size_follows_the_site(
    tmp_path: Path, paper: PaperSize, size: tuple[int, int]
) -> None:
    site = SiteInfo(name="Harbour Street Centre", paper=paper, printed_on=DAY)
    out = render_plan(a_plan(), site, tmp_path / "plan.pdf")
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


# --- what the plan says ---------------------------------------------------------------------


def test_goals_are_grouped_by_domain_in_the_standard_order(tmp_path: Path) -> None:
    text = flat("\n".join(pages_of(render(tmp_path, a_plan()))))
    order = ["Health", "Sleep better", "Home", "Find a flat", "Purpose", "Volunteer"]
    order += ["Community", "Join the walking", "Music", "Play the guitar"]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)


def test_goals_by_domain_keeps_custom_domains_after_the_standard_ones() -> None:
    goals = [Goal("Music", "a"), Goal("Home", "b"), Goal("Art", "c"), Goal("Home", "d")]
    grouped = [(domain, [g.goal for g in found]) for domain, found in goals_by_domain(goals)]
    assert grouped == [("Home", ["b", "d"]), ("Music", ["a"]), ("Art", ["c"])]


def test_goal_details_status_and_steps_in_plain_words(tmp_path: Path) -> None:
    text = flat("\n".join(pages_of(render(tmp_path, a_plan()))))
    for words in (
        "So they can stay over",
        "30 June 2026",
        "Working on it",
        "Not started yet",
        "On hold for now",
        "Done!",
        "Fill in the housing form",
        "Who: Me · When: by 20 March 2026",
        "Who: My peer · When: by 25 March 2026",
        "Who: Someone else",
        "Done so far",
        "✓ Called the council (done 2 March 2026)",
    ):
        assert words in text, words
    assert text.index("Next steps") < text.index("Fill in the housing form")
    assert text.index("Done so far") < text.index("Called the council")


def test_sections_print_in_the_order_given_and_nothing_else(tmp_path: Path) -> None:
    data = a_plan(sections=(("My strengths", "I show up."), ("Early warning signs", "Cold.")))
    text = flat("\n".join(pages_of(render(tmp_path, data))))
    assert text.index("My strengths") < text.index("I show up.") < text.index("Cold.")
    assert "Things that can set me back" not in text
    empty = flat(pages_of(render(tmp_path, a_plan(sections=())))[0])
    assert "Looking after myself" not in empty


def test_support_network_contacts_and_crisis_numbers(tmp_path: Path) -> None:
    for large in (False, True):
        text = flat("\n".join(pages_of(render(tmp_path, a_plan(), large_print=large))))
        for words in (
            "My support network",
            "Dana Ødegaard",
            "sister",
            "(555) 555-0101",
            "My peer supporter",
            "Dee Walsh",
            "Phone: (555) 555-0199",
            "Email: dee@example.org",
            "The centre",
            "12 Harbour Street",
            "Phone: 020 7946 0000",
            "Email: hello@harbour.example",
        ):
            assert words in text, words
    first = flat(pages_of(render(tmp_path, a_plan()))[0])
    assert "Crisis numbers Samaritans: 116 123 Shout: text SHOUT to 85258" in first
    assert "call your local emergency number" in first


def test_no_peer_and_no_crisis_numbers_still_say_where_to_turn(tmp_path: Path) -> None:
    data = a_plan(peer=None, crisis_numbers="", supports=(), barc10=())
    text = flat("\n".join(pages_of(render(tmp_path, data))))
    assert "Ask at the centre about a peer supporter" in text
    assert "In an emergency, call your local emergency number." in text
    assert "My support network" not in text
    assert "recovery capital" not in text


def test_review_date_and_draft_notice(tmp_path: Path) -> None:
    first = flat(pages_of(render(tmp_path, a_plan(draft=True)))[0])
    assert "Next time we look at it together: 8 June 2026." in first
    assert "still a draft" in first
    late = flat(pages_of(render(tmp_path, a_plan(review_due_on=dt.date(2026, 1, 5))))[0])
    assert "Time to look at it together again (we planned to on 5 January 2026)." in late


def test_barc10_sentence_and_chart(tmp_path: Path) -> None:
    out = render(tmp_path, a_plan())
    text = flat("\n".join(pages_of(out)))
    assert "Your recovery capital score: 41 on 1 February 2026, up from 33." in text
    labels = {p.text for p in pieces(out)}
    assert {"47", "33", "41", "1 Nov 2025", "1 Feb 2026"} <= labels
    for jargon in ("BARC", "remission", "assessment"):
        assert jargon not in text


def test_score_sentence_says_up_down_or_the_same() -> None:
    one, two = dt.date(2026, 1, 1), dt.date(2026, 2, 1)
    assert score_sentence([(two, 41)]) == "Your recovery capital score: 41 on 1 February 2026."
    assert score_sentence([(one, 45), (two, 41)]).endswith("41 on 1 February 2026, down from 45.")
    assert score_sentence([(one, 41), (two, 41)]).endswith(", the same as last time.")


def test_a_long_history_and_a_long_goal_do_not_break_the_page(tmp_path: Path) -> None:
    history = tuple((dt.date(2024, 1, 1) + dt.timedelta(days=30 * n), 20 + n) for n in range(20))
    long_goal = Goal("Home", "Find a home " * 330, steps=(Step("Ask " * 240),))
    out = render(tmp_path, a_plan(barc10=history, goals=(long_goal,)), large_print=True)
    text = body_text(out)
    assert text.count("Find a home") == 330
    assert "Your recovery capital score: 39 on" in text


# --- writing the file -----------------------------------------------------------------------


def test_unwritable_path_is_a_clear_error_and_no_file(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "plan.pdf"
    with pytest.raises(HandoutError, match="folder .*missing does not exist"):
        render_plan(a_plan(), SITE, out)
    assert list(tmp_path.iterdir()) == []
