"""Assigning members to peers: assign one member, transfer one, transfer a whole caseload.

The peer pickers show each active peer's caseload against their cap ("Kavya Reddy —
9 / 15", "Abena Adebayo — 6 / 4 over cap") so a coordinator sees who has room before
choosing. A transfer needs a reason: the member's history keeps it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QLineEdit, QRadioButton, QWidget

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.peer_rules import END_REASON_MAX
from recoverydesk.domain.peers import AssignmentKind
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services
from recoverydesk.services.peers import PeerService
from recoverydesk.ui.forms.form_dialog import FormDialog, MemberFormDialog, date_problem
from recoverydesk.ui.models.peer_cells import caseload_text

CHOOSE = "Choose a peer…"
ROSTER_LIMIT = 500


def peer_choices(peers: PeerService, exclude: int | None = None) -> list[tuple[int, str]]:
    """(id, "Name — 12 / 15") of every active peer but ``exclude``, by name."""
    rows = peers.roster(limit=ROSTER_LIMIT).rows
    return [(r.id, f"{r.name} — {caseload_text(r.caseload)}") for r in rows if r.id != exclude]


def fill_peer_combo(combo: QComboBox, choices: list[tuple[int, str]], selected: int | None) -> None:
    """Put ``choices`` in ``combo`` after a "Choose a peer…" item; select ``selected``."""
    combo.addItem(CHOOSE, None)
    for peer_id, label in choices:
        combo.addItem(label, peer_id)
    found = combo.findData(selected) if selected is not None else -1
    combo.setCurrentIndex(max(found, 0))


class AssignDialog(MemberFormDialog):
    """Assign a member to a peer as primary or secondary from a start date.

    Signals:
        saved: the ``Assignment`` opened.
    """

    FIELD_ALIASES = {"member_id": "peer_id"}

    def __init__(
        self,
        services: Services,
        member_id: int,
        member_label: str,
        *,
        peer_id: int | None = None,
        kind: AssignmentKind = AssignmentKind.PRIMARY,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Assign a peer", member_id, member_label, parent, save_text="Assign")
        self._peers = services.peers
        self.peer_combo = QComboBox(self)
        fill_peer_combo(self.peer_combo, peer_choices(self._peers), peer_id)
        self.add_field("peer_id", "Peer", self.peer_combo, watch=True)
        self._build_kind(kind)
        self.start_edit = self.date_line(services.clock.today().isoformat())
        self.add_field("started_on", "Start date", self.start_edit, watch=True)
        self.finish()
        self.resize(max(self.sizeHint().width(), 440), self.sizeHint().height())
        self.peer_combo.setFocus()

    def _build_kind(self, kind: AssignmentKind) -> None:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[AssignmentKind, QRadioButton] = {}
        for choice in AssignmentKind:
            button = QRadioButton(choice.label, row)
            button.setAccessibleName(choice.label)
            button.setChecked(choice is kind)
            self.kind_group.addButton(button)
            self.kind_buttons[choice] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.add_field("kind", "Kind", row, focus=self.kind_buttons[kind])
        self.kind_buttons[kind].setAccessibleName(kind.label)  # add_field named it "Kind"

    def kind(self) -> AssignmentKind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def problems(self) -> list[FieldError]:
        errors: list[FieldError] = []
        if self.peer_combo.currentData() is None:
            errors.append(FieldError("peer_id", "Choose a peer"))
        bad = date_problem("started_on", "Start date", self.start_edit.text(), required=True)
        if bad is not None:
            errors.append(bad)
        return errors

    def store(self) -> object:
        return self._peers.assign(
            self.member_id,
            self.peer_combo.currentData(),
            kind=self.kind(),
            started_on=parse_date(self.start_edit.text()),
        )


class TransferDialog(FormDialog):
    """Move one member (or a peer's whole caseload) to another peer, with a reason.

    Signals:
        saved: the new ``Assignment`` (one member) or the ``CaseloadTransfer``.
    """

    FIELD_ALIASES = {"to_peer_id": "peer_id", "ended_on": "on", "member_id": "peer_id"}

    def __init__(
        self,
        services: Services,
        from_peer_id: int,
        from_label: str,
        *,
        member_id: int | None = None,
        member_label: str = "",
        kind: AssignmentKind = AssignmentKind.PRIMARY,
        parent: QWidget | None = None,
    ) -> None:
        whole = member_id is None
        title = "Transfer whole caseload" if whole else "Transfer member"
        super().__init__(title, parent, save_text="Transfer")
        self._peers = services.peers
        self.member_id = member_id
        self.from_peer_id = from_peer_id
        self.kind = kind
        if not whole:
            self.add_info("Member", member_label)
        secondary = kind is AssignmentKind.SECONDARY and not whole
        self.add_info("From", f"{from_label} (secondary peer)" if secondary else from_label)
        self.peer_combo = QComboBox(self)
        fill_peer_combo(self.peer_combo, peer_choices(self._peers, exclude=from_peer_id), None)
        self.add_field("peer_id", "To peer", self.peer_combo, watch=True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(END_REASON_MAX)
        self.reason_edit.setPlaceholderText("e.g. peer leaving, member asked, balancing caseloads")
        self.add_field("reason", "Reason", self.reason_edit, watch=True)
        self.on_edit = self.date_line(services.clock.today().isoformat())
        self.add_field("on", "Transfer date", self.on_edit, watch=True)
        intro = (
            "Every member of this caseload moves to the peer you choose; the old "
            "assignments end with your reason and stay in each member's history."
            if whole
            else ""
        )
        self.finish(intro)
        self.resize(max(self.sizeHint().width(), 480), self.sizeHint().height())
        self.peer_combo.setFocus()

    def problems(self) -> list[FieldError]:
        errors: list[FieldError] = []
        if self.peer_combo.currentData() is None:
            errors.append(FieldError("peer_id", "Choose the peer to transfer to"))
        if not self.reason_edit.text().strip():
            errors.append(FieldError("reason", "A reason is required"))
        bad = date_problem("on", "Transfer date", self.on_edit.text(), required=True)
        if bad is not None:
            errors.append(bad)
        return errors

    def transfer_date(self) -> dt.date | None:
        return parse_date(self.on_edit.text())

    def store(self) -> object:
        to_peer = self.peer_combo.currentData()
        reason = self.reason_edit.text()
        if self.member_id is None:
            return self._peers.transfer_caseload(
                self.from_peer_id, to_peer, reason, on=self.transfer_date()
            )
        return self._peers.transfer(
            self.member_id, to_peer, reason, kind=self.kind, on=self.transfer_date()
        )
