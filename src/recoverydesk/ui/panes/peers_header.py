"""The heading of the selected peer in the Peers pane: who, caseload against cap, certificates.

The caseload line says "Caseload: 12 of 15" or, over the cap, "⚠ Over cap: 17 of 15" in
the warning colour (words and colour, not colour alone). The certificate line names any
certificate that has expired or expires within 60 days, with its date.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from recoverydesk.domain.peers import CaseloadStatus, Certification, PeerRow
from recoverydesk.ui.models.peer_cells import ERROR_COLOR, WARNING_COLOR, caseload_sentence


class PeerHeader(QWidget):
    """Name, role and contact details, caseload against cap and certificate alerts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = QLabel(self)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.name_label.setFont(font)
        self.details_label = QLabel(self)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cap_label = QLabel(self)
        self.cap_label.setAccessibleName("Caseload")
        self.certs_label = QLabel(self)
        self.certs_label.setWordWrap(True)
        self.certs_label.setAccessibleName("Certificates")
        row = QHBoxLayout()
        row.addWidget(self.cap_label)
        row.addSpacing(18)
        row.addWidget(self.certs_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.name_label)
        layout.addWidget(self.details_label)
        layout.addLayout(row)
        self.show_peer(None)

    def show_peer(self, peer: PeerRow | None) -> None:
        """Name, role, phone, email (and "Inactive") of ``peer``; a hint when none."""
        if peer is None:
            self.name_label.setText("No peer selected")
            self.details_label.setText("Choose a peer on the left.")
            return
        self.name_label.setText(peer.name)
        parts = [peer.role.label, peer.phone, peer.email]
        if not peer.active:
            parts.append("Inactive")
        self.details_label.setText(" · ".join(p for p in parts if p))

    def show_caseload(self, status: CaseloadStatus | None) -> None:
        """The caseload against the cap; over the cap in words and the warning colour."""
        if status is None:
            self.cap_label.clear()
            self.cap_label.setToolTip("")
            self.cap_label.setStyleSheet("")
            return
        extra = f" · {status.secondary} secondary" if status.secondary else ""
        if status.over_cap:
            self.cap_label.setText(f"⚠ {status.warning}{extra}")
            self.cap_label.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
        else:
            self.cap_label.setText(f"Caseload: {status.count} of {status.cap}{extra}")
            self.cap_label.setStyleSheet("")
        self.cap_label.setToolTip(caseload_sentence(status))

    def show_certificates(self, certificates: list[Certification] | None) -> None:
        """Expired and soon-expiring certificates with their dates (None: no peer)."""
        if certificates is None:
            self.certs_label.clear()
            return
        alerts = [c for c in certificates if c.expired or c.expires_soon]
        if not alerts:
            self.certs_label.setStyleSheet("")
            self.certs_label.setText(_certificates_fine(len(certificates)))
            return
        words = [
            f"{c.name} {'expired' if c.expired else 'expires'} {c.expires_on.isoformat()}"
            for c in alerts
            if c.expires_on is not None
        ]
        self.certs_label.setText("⚠ " + "; ".join(words))
        color = ERROR_COLOR if any(c.expired for c in alerts) else WARNING_COLOR
        self.certs_label.setStyleSheet(f"color: {color};")


def _certificates_fine(count: int) -> str:
    if not count:
        return "No certificates on file"
    return f"Certificates: {count} on file, none expiring within 60 days"
