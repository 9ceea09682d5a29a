"""``recoverydesk handout plan CODE --out FILE.pdf``, with its options; refusals are one line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.__main__ import main
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.plans import Goal, PlanDraft, Step
from recoverydesk.services.container import open_services

TAKEN_ON = dt.date(2026, 1, 2)


@pytest.fixture
def codes(tmp_path: Path) -> dict[str, str]:
    services = open_services(tmp_path / "recoverydesk.sqlite3")
    try:
        services.settings.save(
            services.settings.get().replace(
                centre_name="Harbour Street", crisis_numbers="Samaritans: 116 123"
            )
        )
        made = {
            name: services.members.create(MemberDraft(*name.split(" ", 1)))
            for name in ("Nguyễn Minh", "Łukasz Żółć", "Archie Archived")
        }
        for name in ("Nguyễn Minh", "Archie Archived"):
            member_id = made[name].id
            plan = services.plans.start(member_id)
            draft = PlanDraft(
                sections={"strengths": "I show up.", "triggers": "Payday."},
                goals=(Goal("Home", "Find a flat", steps=(Step("Fill in the form"),)),),
            )
            services.plans.save(member_id, draft, expected_version=plan.version)
        services.barc10.record(made["Nguyễn Minh"].id, [4] * 10, TAKEN_ON, "Dee")
        services.members.archive(made["Archie Archived"].id, "moved")
    finally:
        services.close()
    return {name: member.code for name, member in made.items()}


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path), "handout", "plan", *args])


def text_of(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def sizes_of(path: Path, words: str) -> set[float]:
    found: set[float] = set()

    def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
        if text.strip() == words:
            found.add(size)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return found


def test_plan(tmp_path: Path, codes: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "plan.pdf"
    assert run(tmp_path, codes["Nguyễn Minh"], "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == f"Saved {out}"
    text = text_of(out)
    for words in ("Nguyễn Minh", "My recovery plan", "Find a flat", "I show up.", "Payday."):
        assert words in text, words
    assert "Samaritans: 116 123" in text
    assert "Your recovery capital score: 40 on 2 January 2026." in text
    assert sizes_of(out, "Fill in the form") == {11}


def test_large_print_sections_and_no_score(tmp_path: Path, codes: dict[str, str]) -> None:
    out = tmp_path / "plan.pdf"
    args = ["--large-print", "--sections", "triggers", "--no-barc10", "--out", str(out)]
    assert run(tmp_path, codes["Nguyễn Minh"].lower(), *args) == 0
    text = text_of(out)
    assert "Payday." in text
    assert "I show up." not in text
    assert "recovery capital" not in text
    assert sizes_of(out, "Fill in the form") == {16}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["M999999"], "No member has the code 'M999999'"),
        (["NO_PLAN"], "has no recovery plan yet"),
        (["ARCHIVED"], "archived"),
        (["OK", "--sections", "strengths,secrets"], "sections: No wellness section is called"),
        (["OK", "--folder-missing"], "does not exist"),
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
    named = {"OK": "Nguyễn Minh", "NO_PLAN": "Łukasz Żółć", "ARCHIVED": "Archie Archived"}
    args = [codes[named[a]] if a in named else a for a in args]
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


def test_handout_without_a_kind_mentions_the_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "handout"]) == 1
    assert "handout plan CODE" in capsys.readouterr().err
