"""Signing in: the sign-in screen and, on a database without accounts, the first-admin form.

Both are pages of the main window (never a dialog in front of it), so ``--demo`` and the
front desk never stop on a modal window. They are keyboard-first: the username has the
focus, Enter moves on to the password and Enter there signs in. A refusal says only what
``AccountService`` says ("Wrong username or password.", or when signing in is paused) and
keeps the username. On a demo database the demo accounts are listed; picking one fills
in its username and password.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Role
from recoverydesk.domain.errors import (
    FieldError,
    RecoveryDeskError,
    ValidationError,
)
from recoverydesk.services.accounts import AccountService
from recoverydesk.ui.errors import error_text
from recoverydesk.ui.widgets.field_feedback import FieldBox
from recoverydesk.ui.widgets.sign_in_parts import (
    PASSWORDS_DIFFER,
    BusyCursor,
    card_page,
    labelled_edit,
    problem_label,
    say_problem,
    settle_password,
    title_label,
)

DemoAccount = tuple[str, str, Role]
SIGN_IN = "Sign in"
CREATE_ADMIN = "Create admin and sign in"


class SignInScreen(QWidget):
    """Username, password, Sign in; on a demo database, the demo accounts to pick from.

    Signals:
        signed_in: the ``User`` now signed in.
    """

    signed_in = Signal(object)

    def __init__(
        self,
        accounts: AccountService,
        centre_name: Callable[[], str],
        demo_accounts: Sequence[DemoAccount] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._centre_name = centre_name
        self.centre = QLabel()
        self.centre.setWordWrap(True)
        self.username = labelled_edit("Username")
        self.password = labelled_edit("Password", password=True)
        self.sign_in_button = QPushButton(SIGN_IN)
        self.sign_in_button.setAccessibleName(SIGN_IN)
        self.sign_in_button.setDefault(True)
        self.problem = problem_label("Sign-in problem")
        self.demo_list = _demo_table(demo_accounts) if demo_accounts else None
        self._build()
        self.username.returnPressed.connect(self._username_entered)
        self.password.returnPressed.connect(self.submit)
        self.sign_in_button.clicked.connect(self.submit)
        if self.demo_list is not None:
            self.demo_list.currentCellChanged.connect(lambda row, *_: self.pick_demo(row))
            self.demo_list.cellActivated.connect(self._demo_activated)

    @property
    def problem_text(self) -> str:
        return self.problem.text() if self.problem.isVisibleTo(self) else ""

    def reset(self) -> None:
        """Empty both fields and the problem line (after someone signed out)."""
        self.username.clear()
        self.password.clear()
        say_problem(self.problem, "")
        if self.demo_list is not None:
            self.demo_list.clearSelection()
            self.demo_list.setCurrentCell(-1, -1)

    def pick_demo(self, row: int) -> None:
        """Fill in the demo account of ``row``."""
        if self.demo_list is None or not 0 <= row < self.demo_list.rowCount():
            return
        self.username.setText(self.demo_list.item(row, 0).text())
        self.password.setText(self.demo_list.item(row, 2).text())
        say_problem(self.problem, "")

    @Slot()
    def submit(self) -> bool:
        """Sign in with what is typed; True when someone is now signed in."""
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            say_problem(self.problem, "Type your username.")
            self.username.setFocus()
            return False
        try:
            with BusyCursor():
                user = self._accounts.sign_in(username, password)
        except RecoveryDeskError as error:
            return settle_password(self.password, self.problem, error)
        settle_password(self.password, self.problem)
        self.signed_in.emit(user)
        return True

    def _username_entered(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def _demo_activated(self, row: int, _column: int) -> None:
        self.pick_demo(row)
        self.submit()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        for row, (text, edit) in enumerate(
            (("Username", self.username), ("Password", self.password))
        ):
            label = QLabel(text)
            label.setBuddy(edit)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
        form = QWidget()
        form.setLayout(grid)
        grid.setContentsMargins(0, 6, 0, 0)
        parts: list[QWidget] = [title_label(SIGN_IN), self.centre, form, self.problem]
        parts.append(_right_aligned(self.sign_in_button))
        if self.demo_list is not None:
            hint = QLabel("Demo accounts — pick one to fill it in:")
            hint.setWordWrap(True)
            parts += [_separator(), hint, self.demo_list]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card_page(parts, self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.centre.setText(self._centre_text())
        (self.password if self.username.text() else self.username).setFocus()

    def _centre_text(self) -> str:
        try:
            name = self._centre_name()
        except RecoveryDeskError:
            name = ""
        return f"RecoveryDesk at {name}" if name else "RecoveryDesk"


class FirstAdminForm(QWidget):
    """The first start on an empty database: create the first admin, then sign them in.

    Signals:
        signed_in: the new admin, now signed in.
        accounts_exist: another desk created accounts meanwhile; sign in instead.
    """

    signed_in = Signal(object)
    accounts_exist = Signal()

    _FIELDS = (
        ("username", "Username"),
        ("display_name", "Display name"),
        ("password", "Password"),
        ("repeat", "Repeat password"),
    )

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._accounts = accounts
        self._touched: set[str] = set()
        self.edits = {
            f: labelled_edit(t, password=f in ("password", "repeat")) for f, t in self._FIELDS
        }
        self.boxes = {field: FieldBox(edit) for field, edit in self.edits.items()}
        self.create_button = QPushButton(CREATE_ADMIN)
        self.create_button.setAccessibleName(CREATE_ADMIN)
        self.create_button.setDefault(True)
        self.problem = problem_label("Problem")
        self._build()
        for field, edit in self.edits.items():
            edit.textEdited.connect(lambda _text, f=field: self._edited(f))
            edit.returnPressed.connect(lambda f=field: self._next(f))
        self.create_button.clicked.connect(self.submit)

    def message_for(self, field: str) -> str:
        return self.boxes[field].message

    def problems(self) -> list[FieldError]:
        """What keeps the typed account from being created, by field."""
        text = {field: edit.text() for field, edit in self.edits.items()}
        problems = self._accounts.validate(text["username"], text["display_name"], text["password"])
        if text["repeat"] != text["password"]:
            problems.append(FieldError("repeat", PASSWORDS_DIFFER))
        return problems

    @Slot()
    def submit(self) -> bool:
        """Create the admin and sign them in; False (reasons beside fields) when refused."""
        self._touched.update(self.edits)
        if self._show(self.problems()):
            self._focus_first_problem()
            return False
        text = {field: edit.text() for field, edit in self.edits.items()}
        try:
            with BusyCursor():
                self._accounts.create_first_admin(
                    text["username"], text["display_name"], text["password"]
                )
                user = self._accounts.sign_in(text["username"], text["password"])
        except ValidationError as error:
            self._show(list(error.errors))
            self._focus_first_problem()
            return False
        except RecoveryDeskError as error:
            say_problem(self.problem, error_text(error))
            if not self._accounts.needs_first_admin():
                self.accounts_exist.emit()
            return False
        for edit in self.edits.values():
            edit.clear()
        self.signed_in.emit(user)
        return True

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        say_problem(self.problem, "")
        self._show(self.problems())

    def _next(self, field: str) -> None:
        fields = [f for f, _ in self._FIELDS]
        if field == fields[-1]:
            self.submit()
        else:
            self.edits[fields[fields.index(field) + 1]].setFocus()

    def _show(self, problems: list[FieldError]) -> bool:
        """Show each problem of a touched field beside it; True if any field has one."""
        shown = False
        for field, box in self.boxes.items():
            message = next((p.message for p in problems if p.field == field), "")
            box.set_error(message if field in self._touched else "")
            shown = shown or bool(box.message)
        return shown

    def _focus_first_problem(self) -> None:
        first = next((f for f, box in self.boxes.items() if box.message), None)
        if first is not None:
            self.edits[first].setFocus()

    def _build(self) -> None:
        intro = QLabel(
            "This database has no accounts yet. Create the first administrator: they can "
            "then add an account for everyone else. Passwords need at least 10 characters."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setVerticalSpacing(8)
        for row, (field, text) in enumerate(self._FIELDS):
            label = QLabel(text)
            label.setBuddy(self.edits[field])
            label.setMinimumHeight(self.edits[field].sizeHint().height())  # beside the field
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.boxes[field], row, 1)
        form = QWidget()
        form.setLayout(grid)
        parts = [title_label("Welcome to RecoveryDesk"), intro, form, self.problem]
        parts.append(_right_aligned(self.create_button))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(card_page(parts, self))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.edits["username"].setFocus()


def _demo_table(accounts: Sequence[DemoAccount]) -> QTableWidget:
    table = QTableWidget(len(accounts), 3)
    table.setAccessibleName("Demo accounts")
    table.setHorizontalHeaderLabels(["Username", "Role", "Password"])
    for row, (username, password, role) in enumerate(accounts):
        for column, text in enumerate((username, role.label, password)):
            item = QTableWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(row, column, item)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(height)
    return table


def _right_aligned(button: QPushButton) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 4, 0, 0)
    row.addStretch(1)
    row.addWidget(button)
    return holder


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
