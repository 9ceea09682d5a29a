"""Printing a member's recovery plan through HandoutService, on a real database.

Who may print it (a peer only for their own caseload; never the front desk), what goes on
paper (the sections the member chose, their peer, the centre's crisis numbers, the
score), what is refused in plain words, and the audit trail (a print, not a view).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from recoverydesk.domain.accounts import (
    SYSTEM_ACTOR,
    Actor,
    AuditAction,
    AuditEntry,
    PermissionDeniedError,
    Role,
)
from recoverydesk.domain.errors import ValidationError
from recoverydesk.domain.handouts import HandoutError
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.peers import PeerDraft
from recoverydesk.domain.plan_kinds import GoalStatus, StepOwner
from recoverydesk.domain.plans import Goal, PlanDraft, Step, Support
from recoverydesk.domain.settings import PaperSize
from recoverydesk.services.container import Services

TODAY = dt.date(2026, 3, 10)
DESK = Actor("desk1", "Desk One", Role.FRONT_DESK, user_id=1)
SECTIONS = {
    "strengths": "I show up, even on bad days.",
    "triggers": "Payday. Sunday evenings on my own.",
    "crisis_who": "My sister Dana, then the crisis line.",
    "daily_routine": "",
}


def text_of(path: Path) -> str:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return " ".join(" ".join(pages).split())


def add_member(services: Services, first: str = "Zoë", last: str = "Ødegaard") -> Member:
    return services.members.create(MemberDraft(first, last, preferred_name=""))


def add_plan(services: Services, member_id: int) -> None:
    plan = services.plans.start(member_id)
    steps = (
        Step("Fill in the housing form", StepOwner.MEMBER, due_on=TODAY),
        Step("Come with me to the council", StepOwner.PEER),
    )
    draft = PlanDraft(
        sections=SECTIONS,
        supports=(Support("Dana", "sister", "(555) 555-0101"),),
        goals=(
            Goal("Home", "Find a flat", status=GoalStatus.IN_PROGRESS, steps=steps),
            Goal("Health", "Sleep better"),
        ),
    )
    saved = services.plans.save(member_id, draft, expected_version=plan.version)
    services.plans.activate(member_id, saved.version)


def add_peer(services: Services, member_id: int | None = None, name: str = "Dee Walsh") -> int:
    peer = services.peers.create(PeerDraft(name, phone="(555) 555-0199", email="dee@example.org"))
    if member_id is not None:
        services.peers.assign(member_id, peer.id)
    return peer.id


def prints(services: Services) -> list[AuditEntry]:
    services.access.act_as(SYSTEM_ACTOR)
    return list(services.audit.entries(action=AuditAction.PRINT).rows)


@pytest.fixture
def zoe(services: Services) -> Member:
    services.settings.save(
        services.settings.get().replace(
            centre_name="Harbour Street Centre",
            address="12 Harbour Street",
            phone="020 7946 0000",
            crisis_numbers="Samaritans: 116 123",
        )
    )
    member = add_member(services)
    add_plan(services, member.id)
    return member


def test_prints_the_plan_with_peer_centre_crisis_numbers_and_score(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    add_peer(services, zoe.id)
    services.barc10.record(zoe.id, [3] * 10, TODAY - dt.timedelta(days=90), "Dee")
    services.barc10.record(zoe.id, [4] * 10, TODAY, "Dee")
    out = services.handouts.plan(zoe.code, tmp_path / "plan.pdf")
    assert out == tmp_path / "plan.pdf"
    text = text_of(out)
    for words in (
        "Zoë Ødegaard",
        "My recovery plan",
        "Harbour Street Centre",
        "Find a flat",
        "Sleep better",
        "Who: My peer",
        "Dee Walsh",
        "Phone: (555) 555-0199",
        "12 Harbour Street",
        "Phone: 020 7946 0000",
        "Samaritans: 116 123",
        "Dana",
        "Your recovery capital score: 40 on 10 March 2026, up from 30.",
        "Next time we look at it together: 8 June 2026.",
        "Page 1 of",
        "Confidential",
    ):
        assert words in text, words
    assert text.index("Health") < text.index("Home")


def test_every_non_empty_section_by_default_and_only_the_chosen_ones_when_asked(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    every = text_of(services.handouts.plan(zoe.id, tmp_path / "all.pdf"))
    for heading in ("My strengths", "Things that can set me back", "In a crisis, who to call"):
        assert heading in every
    assert "My daily routine" not in every  # empty: nothing to print
    chosen = ["crisis_who", "daily_routine"]
    picked = text_of(services.handouts.plan(zoe.id, tmp_path / "some.pdf", sections=chosen))
    assert "My sister Dana, then the crisis line." in picked
    assert "My strengths" not in picked and "Payday" not in picked
    assert "My daily routine" not in picked
    none = text_of(services.handouts.plan(zoe.code, tmp_path / "none.pdf", sections=[]))
    assert "Looking after myself" not in none
    assert "Find a flat" in none
    comma = text_of(services.handouts.plan(zoe.code, tmp_path / "c.pdf", sections="strengths"))
    assert "I show up" in comma and "Payday" not in comma


def test_unknown_section_is_a_validation_error_naming_sections(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    with pytest.raises(ValidationError) as caught:
        services.handouts.plan(zoe.code, out, sections=["strengths", "secrets"])
    message = caught.value.for_field("sections")
    assert message is not None and "'secrets'" in message and "strengths" in message
    assert not out.exists()
    assert prints(services) == []


def test_score_can_be_left_out(services: Services, zoe: Member, tmp_path: Path) -> None:
    services.barc10.record(zoe.id, [4] * 10, TODAY, "Dee")
    with_score = text_of(services.handouts.plan(zoe.code, tmp_path / "a.pdf"))
    assert "Your recovery capital score: 40 on 10 March 2026." in with_score
    without = text_of(services.handouts.plan(zoe.code, tmp_path / "b.pdf", include_barc10=False))
    assert "recovery capital" not in without


def test_a_print_is_audited_as_a_print_without_personal_data(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    services.handouts.plan(zoe.code, tmp_path / "a.pdf")
    services.handouts.plan(zoe.id, tmp_path / "b.pdf", large_print=True)
    entries = prints(services)
    assert sorted((e.entity, e.entity_id, e.detail) for e in entries) == [
        ("plan", str(zoe.id), ""),
        ("plan", str(zoe.id), "large print"),
    ]
    views = services.audit.entries(action=AuditAction.VIEW).rows
    assert not [e for e in views if e.entity == "plan"]
    assert all("Zoë" not in e.detail for e in entries)


def test_front_desk_is_refused_and_the_refusal_is_audited(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    services.access.act_as(DESK)
    out = tmp_path / "plan.pdf"
    with pytest.raises(PermissionDeniedError, match="Front desk"):
        services.handouts.plan(zoe.code, out)
    assert not out.exists()
    services.access.act_as(SYSTEM_ACTOR)
    refused = services.audit.entries(action=AuditAction.REFUSED).rows
    assert [(e.username, e.entity_id, e.detail) for e in refused] == [
        ("desk1", str(zoe.id), "plans-print")
    ]
    assert prints(services) == []


def test_a_peer_prints_only_plans_of_their_own_caseload(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    other = add_member(services, "Юлия", "Сергеевна")
    add_plan(services, other.id)
    mine = add_peer(services, zoe.id)
    services.access.act_as(Actor("peer1", "Dee Walsh", Role.PEER, user_id=2, peer_id=mine))
    assert "Zoë Ødegaard" in text_of(services.handouts.plan(zoe.code, tmp_path / "mine.pdf"))
    out = tmp_path / "other.pdf"
    with pytest.raises(PermissionDeniedError, match="not on your caseload"):
        services.handouts.plan(other.code, out)
    assert not out.exists()
    assert [e.entity_id for e in prints(services)] == [str(zoe.id)]


def test_a_member_without_a_plan_is_refused_in_plain_words(
    services: Services, tmp_path: Path
) -> None:
    member = add_member(services, "Łukasz", "Żółć")
    out = tmp_path / "plan.pdf"
    with pytest.raises(HandoutError, match=f"{member.code} has no recovery plan yet"):
        services.handouts.plan(member.code, out)
    assert not out.exists()
    assert prints(services) == []


def test_archived_and_unknown_members_are_refused(
    services: Services, zoe: Member, tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    with pytest.raises(HandoutError, match="No member has the code 'M999999'"):
        services.handouts.plan("M999999", out)
    services.members.archive(zoe.id, "moved away")
    with pytest.raises(HandoutError, match="archived; restore them"):
        services.handouts.plan(zoe.code, out)
    assert not out.exists()
    assert prints(services) == []


def test_large_print_uses_the_site_paper(services: Services, zoe: Member, tmp_path: Path) -> None:
    services.settings.save(services.settings.get().replace(paper_size=PaperSize.LETTER))
    out = services.handouts.plan(zoe.code, tmp_path / "plan.pdf", large_print=True)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
