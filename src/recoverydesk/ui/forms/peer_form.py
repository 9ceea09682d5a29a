"""The peer form: a peer's details and their certifications, added or edited in one dialog.

Certifications are rows of a small table (name, number, issued, expires) whose status
column says "Expired" or "Expires soon" as dates are typed. Saving writes the peer, then
the certification changes; every row is checked before anything is written. A peer who
still has members cannot be made inactive (the service says so on the Active box).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.peer_rules import CAP_LIMITS, validate_certification
from recoverydesk.domain.peers import (
    Certification,
    CertificationDraft,
    CertificationStatus,
    Peer,
    PeerDraft,
    PeerRole,
    certification_status,
)
from recoverydesk.domain.validation import parse_date
from recoverydesk.services.container import Services
from recoverydesk.ui.forms.form_dialog import FormDialog
from recoverydesk.ui.models.peer_cells import WARNING_COLOR
from recoverydesk.ui.widgets.controls import button_row
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR

_CERT_HEADERS = ("Certification", "Number", "Issued", "Expires", "Status")
_DATE_SAMPLE = "2026-12-31  "


@dataclass(frozen=True)
class CertRow:
    """One row of the certification table as typed (``id`` None: not saved yet)."""

    id: int | None
    name: str
    number: str
    issued: str
    expires: str


class CertificationsEditor(QGroupBox):
    """An editable table of a peer's certifications, with Add and Remove buttons."""

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__("Certifications", parent)
        self._today = today
        self.table = QTableWidget(0, len(_CERT_HEADERS), self)
        self.table.setAccessibleName("Certifications")
        self.table.setHorizontalHeaderLabels(list(_CERT_HEADERS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        for column, sample in ((1, "CPRS-000000"), (2, _DATE_SAMPLE), (3, _DATE_SAMPLE)):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.resizeSection(4, metrics.horizontalAdvance("Expires soon") + 20)
        self.table.setMinimumHeight(metrics.height() * 7)
        self.table.itemChanged.connect(self._on_changed)
        self.add_button = QPushButton("Add certification", self)
        self.add_button.setAccessibleName("Add certification")
        self.add_button.clicked.connect(lambda _c=False: self.add_row())
        self.remove_button = QPushButton("Remove certification", self)
        self.remove_button.setAccessibleName("Remove certification")
        self.remove_button.clicked.connect(lambda _c=False: self.remove_row())
        buttons = button_row((self.add_button, self.remove_button))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.removed: list[int] = []

    def set_certifications(self, certifications: list[Certification]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for cert in certifications:
            issued = cert.issued_on.isoformat() if cert.issued_on else ""
            expires = cert.expires_on.isoformat() if cert.expires_on else ""
            self._append(CertRow(cert.id, cert.name, cert.number, issued, expires))
        self.table.blockSignals(False)
        self.removed = []

    def add_row(self, values: CertRow | None = None) -> int:
        """Add a row (empty, or ``values``) and start typing its name."""
        self.table.blockSignals(True)
        row = self._append(values or CertRow(None, "", "", "", ""))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        saved_id = self._id(row)
        if saved_id is not None:
            self.removed.append(saved_id)
        self.table.removeRow(row)

    def rows(self) -> list[CertRow]:
        """Every row as typed, rows left completely blank skipped."""
        return [values for _row, values in self.numbered_rows()]

    def numbered_rows(self) -> list[tuple[int, CertRow]]:
        """(table row, values) of every row not left completely blank."""
        found = []
        for row in range(self.table.rowCount()):
            values = CertRow(self._id(row), *(self._text(row, c) for c in range(4)))
            typed = any((values.name, values.number, values.issued, values.expires))
            if values.id is not None or typed:
                found.append((row, values))
        return found

    def set_saved_id(self, row: int, cert_id: int) -> None:
        """Row ``row`` is saved now as certification ``cert_id``."""
        self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole, cert_id)

    def _append(self, values: CertRow) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = (values.name, values.number, values.issued, values.expires)
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, values.id)  # the saved id
            self.table.setItem(row, column, item)
        status = QTableWidgetItem("")
        status.setFlags(status.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 4, status)
        self._show_status(row)
        return row

    def _on_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 4:
            self.table.blockSignals(True)
            self._show_status(item.row())
            self.table.blockSignals(False)

    def _show_status(self, row: int) -> None:
        item = self.table.item(row, 4)
        try:
            expires = parse_date(self._text(row, 3))
        except ValueError:
            item.setText("Check the date")
            item.setForeground(QBrush(QColor(ERROR_COLOR)))
            return
        status = certification_status(expires, self._today)
        item.setText("" if status is CertificationStatus.NO_EXPIRY else status.label)
        colors = {
            CertificationStatus.EXPIRED: ERROR_COLOR,
            CertificationStatus.EXPIRES_SOON: WARNING_COLOR,
        }
        item.setForeground(QBrush(QColor(colors.get(status, "#202124"))))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _id(self, row: int) -> int | None:
        item = self.table.item(row, 0)
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None


class PeerDialog(FormDialog):
    """Add a peer, or edit one with their certifications.

    Signals:
        saved: the ``Peer`` as saved.
    """

    def __init__(self, services: Services, peer: Peer | None, parent: QWidget | None = None):
        super().__init__("Add peer" if peer is None else "Edit peer", parent)
        self._peers = services.peers
        self._today = services.clock.today()
        self.peer = peer
        default_cap = services.settings.get().default_caseload_cap
        self._build_fields(default_cap)
        self.certifications = CertificationsEditor(self._today, self)
        self._originals: dict[int, CertRow] = {}
        if peer is not None:
            self._fill(peer, self._peers.certifications(peer.id))
        self.finish(extra=[self.certifications])
        self.resize(max(self.sizeHint().width(), 720), self.sizeHint().height())
        self.name_edit.setFocus()

    def _build_fields(self, default_cap: int) -> None:
        self.name_edit = QLineEdit(self)
        self.add_field("name", "Name", self.name_edit, watch=True)
        self.role_combo = QComboBox(self)
        for role in PeerRole:
            self.role_combo.addItem(role.label, role.value)
        self.add_field("role", "Role", self.role_combo, watch=True)
        self.phone_edit = QLineEdit(self)
        self.add_field("phone", "Phone", self.phone_edit, watch=True)
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText("name@example.org")
        self.add_field("email", "Email", self.email_edit, watch=True)
        self.active_check = QCheckBox("Active", self)
        self.active_check.setChecked(True)
        self.add_field("active", "Status", self.active_check, watch=True)
        self.active_check.setAccessibleName("Active")  # its own visible text
        self.cap_edit = QLineEdit(self)
        self.cap_edit.setValidator(QIntValidator(*CAP_LIMITS, self))
        self.cap_edit.setPlaceholderText(f"Site default ({default_cap})")
        self.add_field("caseload_cap", "Caseload cap", self.cap_edit, watch=True)

    def _fill(self, peer: Peer, certifications: list[Certification]) -> None:
        self.name_edit.setText(peer.name)
        self.role_combo.setCurrentIndex(self.role_combo.findData(peer.role.value))
        self.phone_edit.setText(peer.phone)
        self.email_edit.setText(peer.email)
        self.active_check.setChecked(peer.active)
        self.cap_edit.setText("" if peer.caseload_cap is None else str(peer.caseload_cap))
        self.certifications.set_certifications(certifications)
        self._originals = {r.id: r for r in self.certifications.rows() if r.id is not None}

    # -- values ---------------------------------------------------------------------------

    def draft(self) -> PeerDraft:
        cap = self.cap_edit.text().strip()
        return PeerDraft(
            name=self.name_edit.text(),
            role=PeerRole(self.role_combo.currentData()),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            active=self.active_check.isChecked(),
            caseload_cap=int(cap) if cap else None,
        )

    def problems(self) -> list[FieldError]:
        return self._peers.validate(self.draft())

    def certification_problems(self) -> list[str]:
        """One sentence per problem in the certification table, naming the row."""
        found = []
        for number, row in enumerate(self.certifications.rows(), start=1):
            try:
                draft = _cert_draft(row)
            except ValueError as error:
                found.append(f"Certification {number}: {error}")
                continue
            found.extend(
                f"Certification {number}: {e.message}"
                for e in validate_certification(draft, self._today)
            )
        return found

    def save(self) -> bool:
        """Check the certification rows as well; nothing is written while one is wrong."""
        field_errors = self.revalidate(show_all=True)
        problems = self.certification_problems()
        if problems and not field_errors:
            self._problems.show("Not saved", "\n".join(problems))
            return False
        return super().save()

    def store(self) -> object:
        draft = self.draft()
        if self.peer is None:
            self.peer = self._peers.create(draft)  # a retry after a failure below updates
        else:
            self.peer = self._peers.update(self.peer.id, draft, self.peer.version)
        self._store_certifications(self.peer.id)
        return self.peer

    def _store_certifications(self, peer_id: int) -> None:
        for cert_id in list(self.certifications.removed):
            self._peers.remove_certification(cert_id)
            self.certifications.removed.remove(cert_id)
            self._originals.pop(cert_id, None)
        for table_row, row in self.certifications.numbered_rows():
            if row.id is None:
                saved = self._peers.add_certification(peer_id, _cert_draft(row))
                self.certifications.set_saved_id(table_row, saved.id)
                self._originals[saved.id] = replace(row, id=saved.id)
            elif self._originals.get(row.id) != row:
                self._peers.update_certification(row.id, _cert_draft(row))
                self._originals[row.id] = row


def _cert_draft(row: CertRow) -> CertificationDraft:
    """The certification a row describes (ValueError naming a date that cannot be read)."""
    return CertificationDraft(
        name=row.name,
        number=row.number,
        issued_on=_date("Issue date", row.issued),
        expires_on=_date("Expiry date", row.expires),
    )


def _date(label: str, text: str) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError as error:
        raise ValueError(f"{label}: {error}") from error
