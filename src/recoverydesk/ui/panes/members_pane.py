"""The Members pane: find anyone as you type, then create, edit, archive or restore them.

The list is a ``MembersTableModel`` (paged, searched and sorted in SQL); the detail side is
a ``MemberForm``. Every change goes through ``MemberService`` and is announced with
``AppEvents.members_changed``; the pane refreshes itself from that signal, whoever sent it.
Questions that need an answer (unsaved changes, a possible duplicate, an archive reason)
are methods of the pane so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action
from recoverydesk.domain.errors import RecoveryDeskError, ValidationError
from recoverydesk.domain.members import Member, MemberDraft, MemberRow, MemberStatus
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import call_or_report, error_title, plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.member_form import MemberForm
from recoverydesk.ui.models.members_model import MembersTableModel
from recoverydesk.ui.widgets import handout_actions, member_questions
from recoverydesk.ui.widgets.controls import named_button, single_shot
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR
from recoverydesk.ui.widgets.member_peers import MemberPeersBox
from recoverydesk.ui.widgets.member_plan import MemberPlanBox
from recoverydesk.ui.widgets.members_table_view import MembersTableView
from recoverydesk.ui.widgets.problem_box import ProblemBox
from recoverydesk.ui.widgets.unsaved import DiscardChoice

SEARCH_DELAY_MS = 120
STATUS_MS = 6000
SEARCH_HINT = "Search by name, member code or last 4 phone digits"
NOT_SAVED = "Not saved: see the fields in red"
_T = TypeVar("_T")


class MembersPane(QWidget):
    """Member list with search on the left, the member's profile form on the right.

    Signals:
        status_message: a short confirmation ("Saved M100008") for a status bar.
    """

    status_message = Signal(str)
    #: "Open plan" on a profile: the member's id
    open_plan = Signal(int)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._members = services.members
        self._handouts = services.handouts
        self._clock = services.clock
        self._services = services
        self._events = events
        self._syncing = False
        self._problems = ProblemBox(self)
        self.model = MembersTableModel(self._members, services.clock.today, self)
        self._search_timer = single_shot(self, SEARCH_DELAY_MS, self.apply_search)
        self._follow_timer = single_shot(self, 0, self._follow_selection)
        self._status_timer = single_shot(self, STATUS_MS, lambda: self.status_label.clear())
        self._build()
        self._connect()
        self.model.refresh()
        self._update_buttons()

    # -- questions (tests replace these) ------------------------------------------------

    def confirm_discard(self) -> DiscardChoice:
        """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""
        return member_questions.ask_discard(self)

    def confirm_duplicates(self, rows: list[MemberRow]) -> bool:
        """Ask whether to create a member who may already exist as one of ``rows``."""
        return member_questions.ask_create_anyway(self, rows)

    def ask_archive_reason(self, member: Member) -> str | None:
        """Ask why ``member`` is being archived; None cancels."""
        return member_questions.ask_archive_reason(self, member.display_name)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Member search")
        self.search.setPlaceholderText(SEARCH_HINT)
        self.search.setClearButtonEnabled(True)
        self.show_archived = QCheckBox("Show archived", self)
        self.show_archived.setAccessibleName("Show archived")
        self.count_label = QLabel(self)
        self.new_button = named_button("New member", parent=self, slot=self.new_member)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_archived)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = MembersTableView(self.model, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.search)

    def _build_detail(self) -> QWidget:
        self.form = MemberForm(self._members, self._clock, self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        # the form keeps the width it needs (no sideways scrolling); the list takes the rest
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(
            self.form.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
        )
        self.save_button = named_button("Save", parent=self, slot=self.save)
        self.save_button.setDefault(True)
        self.cancel_button = named_button("Cancel", parent=self, slot=self.cancel_edits)
        self.cancel_button.setToolTip("Put back the saved details")
        self.archive_button = named_button("Archive…", parent=self, slot=self.archive)
        self.restore_button = named_button("Restore", parent=self, slot=self.restore)
        self.card_button = named_button("Print card…", parent=self, slot=self.print_card)
        self.status_label = QLabel(self)
        # a long message must not widen the form and squeeze the list
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons = QHBoxLayout()
        for widget in (
            self.archive_button,
            self.restore_button,
            self.card_button,
            self.status_label,
            self.cancel_button,
            self.save_button,
        ):
            buttons.addWidget(widget, 1 if widget is self.status_label else 0)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        detail = QWidget(self)
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(scroll, 1)
        self.peers_box = MemberPeersBox(self._services, self._events, self)
        self.peers_box.status_message.connect(self.status_message)
        layout.addWidget(self.peers_box)
        self.plan_box = MemberPlanBox(self._services, self._events, self)
        self.plan_box.open_plan.connect(self.open_plan)
        layout.addWidget(self.plan_box)
        layout.addLayout(buttons)
        return detail

    def _load_form(self, member: Member | None) -> None:
        """Show ``member`` (None: a blank profile) in the form and the peer-work boxes."""
        self.form.load(member)
        self.peers_box.show_member(member.id if member is not None else None)
        self.plan_box.show_member(member.id if member is not None else None)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.search_now)
        self.show_archived.toggled.connect(self._on_show_archived)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.sort_applied.connect(self._reselect)
        self.model.total_changed.connect(self._show_count)
        self.model.load_failed.connect(self._show_error)
        self.form.edited.connect(self._update_buttons)
        self._events.members_changed.connect(self._on_members_changed)
        self._events.users_changed.connect(self._update_buttons)  # another role signed in
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Find, self.search.setFocus),
            (QKeySequence.StandardKey.New, self.new_member),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- the list -------------------------------------------------------------------------

    def apply_search(self) -> None:
        """Search for what is typed now (the debounce timer ends here)."""
        self._search_timer.stop()
        self.model.set_query(self.search.text())
        self._reselect()

    def search_now(self) -> None:
        """Enter: search at once and open the best match unless a listed member is open."""
        self.apply_search()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_show_archived(self, checked: bool) -> None:
        self.model.set_include_archived(checked)
        self._reselect()

    def _show_count(self, total: int) -> None:
        self.count_label.setText("1 member" if total == 1 else f"{total:,} members")

    def _on_members_changed(self, member_id: int) -> None:
        self.model.refresh()
        shown = self.form.member
        if shown is not None and member_id in (shown.id, -1) and not self.form.is_dirty():
            try:
                fresh = self._members.get(shown.id)
            except RecoveryDeskError:
                fresh = shown
            if fresh != shown:
                self._load_form(fresh)
                self._update_buttons()
        self._reselect()

    def _reselect(self) -> None:
        """Select the member shown in the form, if the list holds them."""
        member = self.form.member
        row = self.model.find_row(member.id) if member is not None else None
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            if row is None:
                selection.clearSelection()
                selection.clearCurrentIndex()
                return
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._syncing = False

    def _on_current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._syncing:
            self._follow_timer.start()  # after the click is finished, not inside it

    def _follow_selection(self) -> None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return
        member_id = self.model.member_id(index.row())
        if self.form.member is not None and self.form.member.id == member_id:
            return
        if self._settle_unsaved():
            self.open_member(member_id)
        else:
            self._reselect()

    # -- actions --------------------------------------------------------------------------

    def open_member(self, member_id: int) -> bool:
        """Load member ``member_id`` into the form and select it in the list."""
        member = self._call(self._members.get, member_id)
        if member is None:
            return False
        self._load_form(member)
        self._reselect()
        self._update_buttons()
        return True

    def new_member(self) -> None:
        """Start a blank profile (after dealing with unsaved changes)."""
        if not self._settle_unsaved():
            return
        self._load_form(None)
        self._reselect()
        self._update_buttons()
        self.form.editor("first_name").setFocus()

    def cancel_edits(self) -> None:
        """Drop the edits and show the member as saved now (someone may have changed them)."""
        member = self.form.member
        fresh = self._call(self._members.get, member.id) if member is not None else None
        self._load_form(fresh or member)
        self._update_buttons()

    def save(self) -> bool:
        """Create or update the member in the form; on any problem keep what was typed."""
        if self.form.check(show_all=True):
            self.form.focus_first_error()
            self._flash(NOT_SAVED, problem=True)
            return False
        draft, member = self.form.draft(), self.form.member
        try:
            if member is None:
                if not self._duplicates_ok(draft):
                    return False
                saved = self._members.create(draft)
            else:
                saved = self._members.update(member.id, draft, member.version)
        except ValidationError as error:
            self._show_validation(error)
            return False
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self._after_change(saved, f"Saved {saved.code}")
        return True

    def archive(self) -> None:
        """Archive the member shown, with a reason; nothing is deleted."""
        member = self.form.member if self._settle_unsaved() else None
        if member is None or member.status is MemberStatus.ARCHIVED:
            return
        reason = self.ask_archive_reason(member)
        if reason is None:
            return
        archived = self._call(self._members.archive, member.id, reason)
        if archived is not None:
            self._after_change(archived, f"Archived {archived.code}")

    def restore(self) -> None:
        """Bring the archived member shown back as a member."""
        member = self.form.member
        if member is None or member.status is not MemberStatus.ARCHIVED:
            return
        restored = self._call(self._members.restore, member.id)
        if restored is not None:
            self._after_change(restored, f"Restored {restored.code}")

    def print_card(self) -> None:
        """Preview the wallet card of the member shown (to print, save or open it)."""
        member = self.form.member
        if member is not None and member.status is not MemberStatus.ARCHIVED:
            handout_actions.preview_member_card(self, self._handouts, member.code, self._show_error)

    def _after_change(self, member: Member, message: str) -> None:
        self._load_form(member)
        self._events.members_changed.emit(member.id)  # we refresh from it like everyone
        self._update_buttons()
        self._flash(message)

    def _duplicates_ok(self, draft: MemberDraft) -> bool:
        rows = self._members.possible_duplicates(draft)
        return not rows or self.confirm_duplicates(rows)

    def can_close(self) -> bool:
        """Before the window closes: deal with unsaved edits; False keeps it open."""
        return self._settle_unsaved()

    def _settle_unsaved(self) -> bool:
        """Deal with unsaved edits before leaving them; False means stay where we are."""
        if not self.form.is_dirty():
            return True
        choice = self.confirm_discard()
        if choice == "save":
            return self.save()
        return choice == "discard"

    # -- feedback -------------------------------------------------------------------------

    @property
    def message_box(self) -> QMessageBox | None:
        """The last problem shown (a non-blocking, window-modal message box)."""
        return self._problems.box

    def show_problem(self, title: str, message: str) -> None:
        """Tell the person about a problem in plain words (never a traceback)."""
        self._problems.show(title, message)

    def _show_error(self, error: RecoveryDeskError) -> None:
        self.show_problem(error_title(error), plain_text(error))

    def _show_validation(self, error: ValidationError) -> None:
        leftover = self.form.show_errors(error.errors)
        self.form.focus_first_error()
        if leftover:
            self.show_problem("Not saved", "\n".join(e.message for e in leftover))
        else:
            self._flash(NOT_SAVED, problem=True)

    def _call(self, action: Callable[..., _T], *args: object) -> _T | None:
        return call_or_report(self._show_error, action, *args)

    def _flash(self, message: str, problem: bool = False) -> None:
        self.status_label.setStyleSheet(f"color: {ERROR_COLOR};" if problem else "")
        self.status_label.setText(message)
        self.status_label.setToolTip(message)
        self._status_timer.start()
        self.status_message.emit(message)

    def _update_buttons(self) -> None:
        member = self.form.member
        dirty = self.form.is_dirty()
        archived = member is not None and member.status is MemberStatus.ARCHIVED
        self.save_button.setEnabled(dirty)
        self.cancel_button.setEnabled(dirty)
        may_archive = self._services.access.can(Action.MEMBER_ARCHIVE)
        self.archive_button.setVisible(not archived and may_archive)
        self.archive_button.setEnabled(member is not None)
        self.restore_button.setVisible(archived and may_archive)
        self.card_button.setEnabled(member is not None and not archived)
