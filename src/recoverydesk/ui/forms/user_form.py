"""Account dialogs: add or edit a user, reset a password, change my own password.

Every field checks itself as it is typed with the service's own rules
(``AccountService.validate``) and shows the reason beside it; a refusal from the service
(a username already taken, the last admin) lands beside its field too, and nothing typed
is lost. Each dialog has a ``classmethod ask`` that runs it and returns the outcome.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Role, User
from recoverydesk.domain.errors import FieldError, RecoveryDeskError, ValidationError
from recoverydesk.services.accounts import AccountService
from recoverydesk.ui.errors import error_text
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.sign_in_parts import (
    PASSWORDS_DIFFER,
    BusyCursor,
    labelled_edit,
    problem_label,
    say_problem,
)

NO_PEER = "Not linked"
PEER_HINT = "A peer account sees the caseload of the peer linked here."


class AccountDialog(QDialog):
    """Labelled fields with reasons beside them, a problem line, Save and Cancel.

    A subclass adds its fields with ``_add``, then calls ``_finish``; it implements
    ``problems`` (checked as typed) and ``_store`` (the service call).
    """

    def __init__(
        self, title: str, save_text: str, accounts: AccountService, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._accounts = accounts
        self.result_value: object = None
        self._touched: set[str] = set()
        self.inputs: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self._grid = QGridLayout()
        self._grid.setVerticalSpacing(8)
        self._grid.setColumnMinimumWidth(1, 380)
        self.problem = problem_label("Problem")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.save_button.setAccessibleName(save_text)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(cancel.text().replace("&", ""))

    # ----- what a subclass supplies -------------------------------------------------------

    def problems(self) -> list[FieldError]:
        raise NotImplementedError

    def _store(self) -> object:
        raise NotImplementedError

    # ----- use ----------------------------------------------------------------------------

    def text(self, field: str) -> str:
        widget = self.inputs[field]
        return widget.text() if isinstance(widget, QLineEdit) else ""

    def message_for(self, field: str) -> str:
        return self.boxes[field].message if field in self.boxes else ""

    @Slot()
    def submit(self) -> bool:
        """Check every field, then save; the dialog closes only when the service took it."""
        self._touched.update(self.boxes)
        if self._refused(self.problems()):
            return False
        try:
            with BusyCursor():
                self.result_value = self._store()
        except ValidationError as error:
            self._refused(list(error.errors))
            return False
        except RecoveryDeskError as error:
            say_problem(self.problem, error_text(error))
            return False
        self.accept()
        return True

    # ----- for the subclass ---------------------------------------------------------------

    def _add(self, field: str, label: str, widget: QWidget, hint: str = "") -> None:
        caption = QLabel(label)
        caption.setBuddy(widget)
        caption.setMinimumHeight(widget.sizeHint().height())  # level with the field
        widget.setAccessibleName(label)
        box = FieldBox(widget)
        row = self._grid.rowCount()
        self._grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(box, row, 1)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            note.setStyleSheet("color: palette(dark);")
            self._grid.addWidget(note, row + 1, 1)
        self.inputs[field] = widget
        self.boxes[field] = box
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _t, f=field: self._edited(f))
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _i, f=field: self._edited(f))
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _on, f=field: self._edited(f))

    def _add_static(self, label: str, text: str) -> None:
        value = QLabel(text)
        value.setAccessibleName(label)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = self._grid.rowCount()
        self._grid.addWidget(QLabel(label), row, 0)
        self._grid.addWidget(value, row, 1)

    def _finish(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._grid)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.save_button.setDefault(True)

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        say_problem(self.problem, "")
        self._show(self.problems())

    def _show(self, problems: list[FieldError]) -> None:
        """Show the problems of the fields touched so far beside them."""
        for field, box in self.boxes.items():
            message = next((p.message for p in problems if p.field == field), "")
            box.set_error(message if field in self._touched else "")
        if self.isVisible() and self.sizeHint().height() > self.height():
            self.adjustSize()  # room for reasons that wrap onto a second line

    def _refused(self, problems: list[FieldError]) -> bool:
        """Show every problem (those of no field on the problem line); True if any."""
        self._show(problems)
        unplaced = [p.message for p in problems if p.field not in self.boxes]
        say_problem(self.problem, "; ".join(unplaced))
        first = next((f for f, box in self.boxes.items() if box.message), None)
        if first is not None:
            self.inputs[first].setFocus()
        return bool(problems)

    def _password_problems(self, field: str = "password") -> list[FieldError]:
        problems = [
            FieldError(field, p.message) for p in self._accounts.validate(password=self.text(field))
        ]
        if self.text("repeat") != self.text(field):
            problems.append(FieldError("repeat", PASSWORDS_DIFFER))
        return problems


class UserDialog(AccountDialog):
    """Add a user (username, name, role, linked peer, password) or edit one."""

    def __init__(
        self,
        accounts: AccountService,
        peers: Sequence[tuple[int, str]],
        user: User | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Add user" if user is None else "Edit user"
        super().__init__(title, "Add user" if user is None else "Save", accounts, parent)
        self.user = user
        if user is None:
            self._add("username", "Username", QLineEdit())
        else:
            self._add_static("Username", user.username)
        self._add("display_name", "Display name", QLineEdit(user.display_name if user else ""))
        self._add("role", "Role", _role_box(user.role if user else Role.FRONT_DESK))
        self._add("peer_id", "Linked peer", _peer_box(peers, user), PEER_HINT)
        if user is None:
            self._add("password", "Password", labelled_edit("Password", password=True))
            self._add("repeat", "Repeat password", labelled_edit("Repeat", password=True))
        else:
            active = QCheckBox("Can sign in")
            active.setChecked(user.active)
            self._add("active", "Active", active)
        self._finish()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        accounts: AccountService,
        peers: Sequence[tuple[int, str]],
        user: User | None = None,
    ) -> User | None:
        """Run the dialog; the saved user, or None when cancelled."""
        dialog = cls(accounts, peers, user, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value if isinstance(dialog.result_value, User) else None

    def role(self) -> Role:
        box = self.inputs["role"]
        assert isinstance(box, QComboBox)
        return Role(box.currentData())

    def peer_id(self) -> int | None:
        box = self.inputs["peer_id"]
        assert isinstance(box, QComboBox)
        data = box.currentData()
        return int(data) if data is not None else None

    def active(self) -> bool:
        box = self.inputs.get("active")
        return box.isChecked() if isinstance(box, QCheckBox) else True

    def problems(self) -> list[FieldError]:
        if self.user is not None:
            return self._accounts.validate(display_name=self.text("display_name"))
        problems = self._accounts.validate(self.text("username"), self.text("display_name"))
        return problems + self._password_problems()

    def _store(self) -> User:
        if self.user is None:
            return self._accounts.create_user(
                self.text("username"),
                self.text("display_name"),
                self.role(),
                self.text("password"),
                self.peer_id(),
            )
        return self._accounts.update_user(
            self.user.id, self.text("display_name"), self.role(), self.peer_id(), self.active()
        )


class ResetPasswordDialog(AccountDialog):
    """A new password for someone who forgot theirs (lifts a pause on the account)."""

    def __init__(self, accounts: AccountService, user: User, parent: QWidget | None = None) -> None:
        super().__init__(f"Reset password: {user.username}", "Reset password", accounts, parent)
        self.user = user
        self._add_static("Username", user.username)
        self._add("password", "New password", labelled_edit("New password", password=True))
        self._add("repeat", "Repeat password", labelled_edit("Repeat", password=True))
        self._finish()

    @classmethod
    def ask(cls, parent: QWidget | None, accounts: AccountService, user: User) -> bool:
        return cls(accounts, user, parent).exec() == QDialog.DialogCode.Accepted

    def problems(self) -> list[FieldError]:
        return self._password_problems()

    def _store(self) -> None:
        self._accounts.reset_password(self.user.id, self.text("password"))


class ChangePasswordDialog(AccountDialog):
    """The signed-in person changes their own password (the current one first)."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__("Change my password", "Change password", accounts, parent)
        self._add("old_password", "Current password", labelled_edit("", password=True))
        self._add("password", "New password", labelled_edit("", password=True))
        self._add("repeat", "Repeat new password", labelled_edit("", password=True))
        self._finish()

    @classmethod
    def ask(cls, parent: QWidget | None, accounts: AccountService) -> bool:
        return cls(accounts, parent).exec() == QDialog.DialogCode.Accepted

    def problems(self) -> list[FieldError]:
        problems = self._password_problems()
        if not self.text("old_password"):
            problems.append(FieldError("old_password", "Type your current password"))
        return problems

    def _store(self) -> None:
        self._accounts.change_password(self.text("old_password"), self.text("password"))


def _role_box(role: Role) -> QComboBox:
    box = QComboBox()
    for each in Role:
        box.addItem(each.label, each.value)
    box.setCurrentIndex(max(0, box.findData(role.value)))
    return box


def _peer_box(peers: Sequence[tuple[int, str]], user: User | None) -> QComboBox:
    box = QComboBox()
    box.addItem(NO_PEER, None)
    for peer_id, name in peers:
        box.addItem(name, peer_id)
    linked = user.peer_id if user is not None else None
    if linked is not None and box.findData(linked) < 0:
        box.addItem(f"Peer #{linked} (not active)", linked)
    box.setCurrentIndex(max(0, box.findData(linked)) if linked is not None else 0)
    return box
