"""The questions the Members pane asks before it drops edits, duplicates a person or archives.

Each is one function that opens a dialog and returns a plain answer, so the pane can wrap
it in a method that tests replace.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from recoverydesk.domain.members import MemberRow
from recoverydesk.domain.validation import REASON_MAX
from recoverydesk.ui.widgets.reason_dialog import ask_reason
from recoverydesk.ui.widgets.unsaved import DiscardChoice, ask_save_or_discard


def ask_discard(parent: QWidget) -> DiscardChoice:
    """Save, discard or keep editing the member's unsaved changes."""
    return ask_save_or_discard(parent, "This member's details have changed. Save the changes?")


def describe_matches(rows: list[MemberRow]) -> str:
    """'This may be the same person as …', one line per possible match."""
    lines = [
        f"• {row.display_name} ({row.code}, {row.status.label.lower()}, "
        f"joined {row.joined_on.isoformat()})"
        for row in rows
    ]
    return "This may be the same person as:\n" + "\n".join(lines)


def ask_create_anyway(parent: QWidget, rows: list[MemberRow]) -> bool:
    """True when the person still wants a new member despite possible duplicates."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Possible duplicate",
        describe_matches(rows) + "\n\nCreate a new member anyway?",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    create = box.addButton("Create anyway", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is create


def ask_archive_reason(parent: QWidget, name: str) -> str | None:
    """The reason for archiving ``name``; None when the person cancels."""
    return ask_reason(
        parent,
        "Archive member",
        f"Why is {name} being archived? (required; e.g. moved away)",
        REASON_MAX,
    )
