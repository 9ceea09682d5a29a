"""A member's peer section: current peers, contact summary, history, and its three buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QVBoxLayout, QWidget

from recoverydesk.domain.accounts import Actor, AuditAction, Role
from recoverydesk.domain.members import MemberDraft
from recoverydesk.domain.peers import AssignmentKind, ContactDraft, ContactKind, PeerDraft
from recoverydesk.services.container import Services
from recoverydesk.services.demo import generate_demo
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.assign_form import AssignDialog
from recoverydesk.ui.forms.contact_form import ContactDialog
from recoverydesk.ui.models.peer_contact_models import AssignmentHistoryModel
from recoverydesk.ui.widgets.member_peers import MemberPeersBox

TODAY = dt.date(2026, 3, 10)
MARKER = "QQ-note-marker-5521"


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisibleTo(button.window()), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def people(services: Services) -> dict[str, int]:
    kim = services.peers.create(PeerDraft("Kim Example")).id
    lee = services.peers.create(PeerDraft("Lee Sample")).id
    ana = services.members.create(MemberDraft(first_name="Ana", last_name="Alpha")).id
    ben = services.members.create(MemberDraft(first_name="Ben", last_name="Beta")).id
    services.peers.assign(ana, lee, started_on=TODAY - dt.timedelta(days=90))
    services.peers.transfer(ana, kim, "Lee changed shifts", on=TODAY - dt.timedelta(days=20))
    services.contacts.log_contact(
        ContactDraft(
            ana,
            ContactKind.PHONE,
            contacted_at=dt.datetime(2026, 3, 1, 14, 30),
            note=f"Housing call {MARKER}",
            follow_up_on=dt.date(2026, 3, 8),
            peer_id=kim,
        )
    )
    return {"kim": kim, "lee": lee, "ana": ana, "ben": ben}


def make_box(qtbot, services: Services, events: AppEvents) -> tuple[QWidget, MemberPeersBox]:
    """The box inside a window, as on a member's profile."""
    window = QWidget()
    qtbot.addWidget(window)
    box = MemberPeersBox(services, events, window)
    QVBoxLayout(window).addWidget(box)
    window.resize(700, 420)
    window.show()
    qtbot.waitExposed(window)
    return window, box


def test_shows_current_peers_contact_summary_and_history(
    qtbot, services: Services, events: AppEvents, people, qtmodeltester
) -> None:
    _window, box = make_box(qtbot, services, events)
    assert box.primary_label.text() == "Primary peer: none"
    assert not box.assign_button.isEnabled()
    box.show_member(people["ana"])
    assert box.primary_label.text() == "Primary peer: Kim Example (since 2026-02-18)"
    assert box.secondary_label.text() == "Secondary peer: none"
    assert box.contact_label.text() == (
        "Last contact: 2026-03-01 · Next follow-up: 2026-03-08 (overdue)"
    )
    h = AssignmentHistoryModel
    rows = [
        [box.history.index(r, c).data() for c in range(box.history.columnCount())]
        for r in range(box.history.rowCount())
    ]
    assert rows == [
        ["Kim Example", "Primary", "2026-02-18 – now", ""],
        ["Lee Sample", "Primary", "2025-12-10 – 2026-02-18", "Lee changed shifts"],
    ]
    assert box.history.index(1, h.COL_KIND).data(Qt.ItemDataRole.ToolTipRole) == (
        "Lee Sample, primary peer from 2025-12-10 to 2026-02-18: Lee changed shifts"
    )
    assert box.history.index(0, h.COL_PEER).data(Qt.ItemDataRole.FontRole).bold()
    qtmodeltester.check(box.history)
    texts = " ".join(w.text() for w in (box.primary_label, box.contact_label))
    assert MARKER not in texts


def test_assign_and_log_a_contact_from_the_profile(
    qtbot, services: Services, events: AppEvents, people
) -> None:
    _window, box = make_box(qtbot, services, events)
    seen: list[int] = []
    events.contacts_changed.connect(seen.append)
    box.show_member(people["ben"])
    click(qtbot, box.assign_button)
    dialog = box.actions.dialog
    assert isinstance(dialog, AssignDialog)
    assert dialog.kind() is AssignmentKind.PRIMARY
    dialog.peer_combo.setCurrentIndex(dialog.peer_combo.findData(people["lee"]))
    click(qtbot, dialog.save_button)
    assert box.primary_label.text() == "Primary peer: Lee Sample (since 2026-03-10)"
    click(qtbot, box.assign_button)
    assert box.actions.dialog.kind() is AssignmentKind.SECONDARY  # a primary exists
    box.actions.dialog.reject()

    click(qtbot, box.log_button)
    contact = box.actions.dialog
    assert isinstance(contact, ContactDialog)
    assert contact.peer_combo.currentData() == people["lee"]  # the member's primary peer
    qtbot.keyClicks(contact.note_edit, "First hello")
    click(qtbot, contact.quick_buttons[1])
    click(qtbot, contact.save_button)
    assert seen == [people["ben"]]
    assert box.contact_label.text() == "Last contact: 2026-03-10 · Next follow-up: 2026-03-24"


def test_contacts_opens_the_notes_and_the_read_is_audited(
    qtbot, services: Services, events: AppEvents, people, tmp_path
) -> None:
    _window, box = make_box(qtbot, services, events)
    box.show_member(people["ana"])
    click(qtbot, box.contacts_button)
    dialog = box.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    dialog.table.select_row(0)
    assert dialog.note_view.toPlainText() == f"Housing call {MARKER}"
    views = services.audit.entries(action=AuditAction.VIEW).rows
    assert any(e.entity == "contacts" and e.entity_id == str(people["ana"]) for e in views)

    target = tmp_path / "contacts.csv"
    box.actions.ask_save_path = lambda parent, title, suggested: str(target)
    with qtbot.waitSignal(box.actions.exported, timeout=10_000):
        click(qtbot, dialog.export_button)
    assert MARKER not in target.read_text(encoding="utf-8-sig")  # notes only when ticked
    dialog.include_notes.setChecked(True)
    with qtbot.waitSignal(box.actions.exported, timeout=10_000):
        click(qtbot, dialog.export_button)
    assert MARKER in target.read_text(encoding="utf-8-sig")


def test_follows_events_for_the_member_shown(
    qtbot, services: Services, events: AppEvents, people
) -> None:
    _window, box = make_box(qtbot, services, events)
    box.show_member(people["ana"])
    services.contacts.log_contact(
        ContactDraft(people["ana"], ContactKind.TEXT, peer_id=people["kim"])
    )
    events.contacts_changed.emit(people["ana"])  # another desk logged it
    assert box.contact_label.text().startswith("Last contact: 2026-03-10")
    services.peers.assign(people["ana"], people["lee"], kind=AssignmentKind.SECONDARY)
    events.peers_changed.emit()
    assert box.secondary_label.text() == "Secondary peer: Lee Sample (since 2026-03-10)"


def test_roles_see_only_what_they_may(qtbot, services: Services, events: AppEvents, people) -> None:
    services.access.act_as(Actor("desk", "Desk", Role.FRONT_DESK))
    window, box = make_box(qtbot, services, events)
    assert not box.isVisibleTo(window)  # the front desk never sees peer work

    services.access.act_as(Actor("lee", "Lee", Role.PEER, peer_id=people["lee"]))
    events.users_changed.emit()
    assert box.isVisibleTo(window)
    box.show_member(people["ana"])  # Ana is Kim's now, not Lee's
    assert not box.assign_button.isVisibleTo(window)
    assert not box.log_button.isEnabled()
    assert not box.contacts_button.isEnabled()
    assert box.log_button.toolTip() == "Only for members on your caseload"

    services.access.act_as(Actor("kim", "Kim", Role.PEER, peer_id=people["kim"]))
    events.users_changed.emit()
    box.show_member(people["ana"])
    assert box.log_button.isEnabled() and box.contacts_button.isEnabled()


def test_with_demo_data(qtbot, services: Services, events: AppEvents) -> None:
    generate_demo(services, 60, days=60, seed=2)
    _window, box = make_box(qtbot, services, events)
    busiest = services.peers.roster(sort="caseload", descending=True).rows[0]
    row = services.peers.caseload(busiest.id).rows[0]
    box.show_member(row.member_id)
    assert box.primary_label.text().startswith(f"Primary peer: {busiest.name}")
    assert box.history.rowCount() >= 1
    box.window().grab().save("/tmp/shots/member_peers.png")
