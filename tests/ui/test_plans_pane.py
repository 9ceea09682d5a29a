"""The Plans pane on demo data: filter, find, open by keyboard, start a plan; the profile box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from tests.ui.conftest import show_active

from recoverydesk.domain.accounts import Actor, Role
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.plan_start import StartPlanDialog
from recoverydesk.ui.models.plan_models import PlanListModel
from recoverydesk.ui.panes.plans_pane import (
    ALL_PEERS,
    PAGE_EDITOR,
    PAGE_LIST,
    PAGE_REFUSED,
    PlansPane,
)
from recoverydesk.ui.widgets.member_plan import MemberPlanBox

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
M = PlanListModel


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, as a keyboard would (keyClicks aborts on non-ASCII with PySide6)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown(qtbot, widget: QWidget) -> QWidget:
    return show_active(qtbot, widget, (1280, 860))


@pytest.fixture
def demo(services: Services) -> Services:
    generate_demo(services, 80, days=60, seed=2)
    return services


@pytest.fixture
def pane(qtbot, demo: Services, events: AppEvents) -> PlansPane:
    widget = PlansPane(demo, events)
    shown(qtbot, widget)
    return widget


def listed(pane: PlansPane) -> list[int]:
    model = pane.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.member_id(r) for r in range(model.rowCount())]


def test_the_list_shows_every_plan_and_the_model_is_valid(
    qtbot, qtmodeltester, pane: PlansPane, demo: Services
):
    every = demo.plans.list_plans(limit=1000).rows
    assert pane.count_label.text() == f"{len(every)} plans"
    assert listed(pane) == [r.member_id for r in every]
    names = {w.accessibleName() for w in pane.findChildren(QWidget)}
    assert {"Peer", "Needs attention only", "Find member", "Plans", "Start a plan…"} <= names
    qtmodeltester.check(pane.model)


def test_needs_attention_and_peer_filters(qtbot, pane: PlansPane, demo: Services):
    everyone = pane.model.total
    click(qtbot, pane.attention_check)
    rows = [pane.model.plan_row(r) for r in range(pane.model.rowCount())]
    assert 0 < pane.model.total < everyone
    assert all(row.needs_attention for row in rows)
    pane.attention_check.setChecked(False)
    peers = demo.peers.active_peers()
    assert pane.peer_combo.count() == len(peers) + 1
    assert pane.peer_combo.itemText(0) == ALL_PEERS
    peer_id, name, _role = peers[0]
    pane.peer_combo.setCurrentIndex(pane.peer_combo.findText(name))
    caseload = demo.plans.list_plans(peer_id=peer_id, limit=1000).rows
    assert listed(pane) == [r.member_id for r in caseload]


def test_find_a_member_then_open_their_plan_with_the_keyboard(
    qtbot, pane: PlansPane, demo: Services
):
    row = next(pane.model.plan_row(r) for r in range(5, pane.model.rowCount()))
    type_text(pane.search, row.last_name)
    qtbot.waitUntil(lambda: row.member_id in listed(pane) and pane.model.rowCount() < 20)
    qtbot.keyClick(pane.search, Qt.Key.Key_Return)
    assert pane.table.hasFocus()
    pane.table.setCurrentIndex(pane.model.index(pane.model.row_of(row.member_id) or 0, 0))
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert pane.stack.currentIndex() == PAGE_EDITOR
    assert pane.editor.member_id == row.member_id
    assert pane.editor.name_label.text() == row.display_name
    plan = demo.plans.get(row.member_id)
    assert plan is not None and len(pane.editor.goals.cards) == len(plan.goals)
    assert pane.editor.barc10.history_model.rowCount() == len(demo.barc10.history(row.member_id))
    assert pane.show_list()
    assert pane.stack.currentIndex() == PAGE_LIST
    assert pane.table.currentIndex().row() == pane.model.row_of(row.member_id)


def test_start_a_plan_for_a_member_who_has_none(
    qtbot, pane: PlansPane, demo: Services, events: AppEvents
):
    member = demo.members.create(MemberDraft("Hương", "Trần"))
    assert pane.open_member(member.id)
    assert pane.editor.pages.currentIndex() == 1  # the offer to start one
    assert "Hương Trần has no recovery plan yet" in pane.editor.empty_label.text()
    with qtbot.waitSignal(events.plans_changed):
        click(qtbot, pane.editor.start_button)
    plan = demo.plans.get(member.id)
    assert plan is not None and pane.editor.plan == plan
    assert member.id in listed(pane)
    other = demo.members.create(MemberDraft("Omar", "Haddad"))
    pane.show_list()
    pane.ask_member = lambda: other.id  # type: ignore[method-assign]
    click(qtbot, pane.start_button)
    assert pane.editor.member_id == other.id and demo.plans.get(other.id) is not None


def test_the_start_dialog_finds_members_by_typing(qtbot, demo: Services):
    member = demo.members.create(MemberDraft("Fatima", "Al-Sayed"))
    dialog = StartPlanDialog(demo.members)
    qtbot.addWidget(dialog)
    type_text(dialog.search, "fatima al")
    dialog.run_search()
    assert dialog.chosen() == member.id
    assert dialog.results.count() == 1


def test_a_role_without_plans_sees_why(qtbot, services: Services, events: AppEvents):
    services.access.act_as(Actor("desk", "Desk Worker", Role.FRONT_DESK))
    pane = PlansPane(services, events)
    shown(qtbot, pane)
    assert pane.stack.currentIndex() == PAGE_REFUSED
    assert not pane.open_member(1)


def test_a_peer_starts_on_their_caseload_and_cannot_open_others(
    qtbot, demo: Services, events: AppEvents
):
    peer_id = demo.peers.active_peers()[0][0]
    mine = {r.member_id for r in demo.plans.list_plans(peer_id=peer_id, limit=1000).rows}
    other = next(
        r.member_id for r in demo.plans.list_plans(limit=1000).rows if r.member_id not in mine
    )
    demo.access.act_as(Actor("peer", "Pat Peer", Role.PEER, peer_id=peer_id))
    pane = PlansPane(demo, events)
    shown(qtbot, pane)
    assert pane.peer_combo.currentData() == peer_id
    assert set(listed(pane)) == mine
    assert not pane.open_member(other)
    box = pane.editor.message_box
    assert box is not None and "not on your caseload" in box.informativeText()
    box.close()


def test_member_plan_box_summarises_and_opens_the_plan(qtbot, demo: Services, events: AppEvents):
    row = next(r for r in demo.plans.list_plans(limit=1000).rows if r.barc10_total is not None)
    box = MemberPlanBox(demo, events)
    shown(qtbot, box)
    box.show_member(None)
    assert not box.isVisible()
    box.show_member(row.member_id)
    assert box.isVisible()
    assert box.status_label.text().startswith("Plan: ")
    assert box.goals_label.text().startswith("Goals: ")
    assert box.barc10_label.text().startswith(f"BARC-10: {row.barc10_total}")
    with qtbot.waitSignal(box.open_plan) as opened:
        click(qtbot, box.open_button)
    assert opened.args == [row.member_id]
    newcomer = demo.members.create(MemberDraft("Sam", "Lee"))
    box.show_member(newcomer.id)
    assert box.status_label.text() == "No recovery plan yet."
    assert box.barc10_label.text() == "BARC-10: none yet"
    demo.plans.start(newcomer.id)
    events.plans_changed.emit(newcomer.id)
    assert box.status_label.text() == "Plan: draft (not yet agreed)"
    demo.access.act_as(Actor("desk", "Desk Worker", Role.FRONT_DESK))
    box.show_member(row.member_id)
    assert not box.isVisible()


def test_member_plan_box_for_a_peer_shows_only_their_caseload_without_refusals(
    qtbot, demo: Services, events: AppEvents
):
    from recoverydesk.domain.accounts import SYSTEM_ACTOR, AuditAction

    peer_id = demo.peers.active_peers()[0][0]
    mine = [r.member_id for r in demo.plans.list_plans(peer_id=peer_id, limit=1000).rows]
    rows = demo.plans.list_plans(limit=1000).rows
    other = next(r.member_id for r in rows if r.member_id not in mine)
    demo.access.act_as(Actor("peer", "Pat Peer", Role.PEER, peer_id=peer_id))
    box = MemberPlanBox(demo, events)
    shown(qtbot, box)
    box.show_member(mine[0])
    assert box.isVisible()
    box.show_member(other)
    assert not box.isVisible()
    demo.access.act_as(SYSTEM_ACTOR)
    refused = demo.audit.entries(action=AuditAction.REFUSED, username="peer")
    assert refused.rows == ()


def test_signing_in_and_switching_user_start_afresh(qtbot, demo: Services, events: AppEvents):
    from recoverydesk.domain.accounts import SYSTEM_ACTOR

    demo.access.act_as(None)  # the app builds its panes before anyone signs in
    pane = PlansPane(demo, events)
    shown(qtbot, pane)
    assert pane.stack.currentIndex() == PAGE_REFUSED
    demo.access.act_as(SYSTEM_ACTOR)
    events.plans_changed.emit(-1)  # what a sign-in announces, users_changed last
    events.users_changed.emit()
    assert pane.stack.currentIndex() == PAGE_LIST and pane.model.rowCount() > 0
    first = pane.model.member_id(0)
    assert pane.open_member(first)
    peer_id = demo.peers.active_peers()[0][0]
    demo.access.act_as(Actor("peer", "Pat Peer", Role.PEER, peer_id=peer_id))
    events.users_changed.emit()
    assert pane.stack.currentIndex() == PAGE_LIST
    assert pane.editor.member_id is None and pane.editor.goals.cards == []
    assert pane.peer_combo.currentData() == peer_id
    assert pane.editor.barc10.by_edit.text() == "Pat Peer"
