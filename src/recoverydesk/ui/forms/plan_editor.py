"""The plan editor: one member's recovery plan, built with them and reviewed over time.

A header names the member and says where the plan stands (draft or active, when the next
review is due); Save (Ctrl+S), Activate, Mark reviewed, Earlier versions… and Print plan…
sit beside it. Three tabs hold the plan: Goals, Wellness plan and BARC-10.

Nothing typed is ever lost: a refused save (a problem in a field, a date that cannot be
read, someone else's save in between) keeps every word on screen and says what to do.
Leaving with unsaved changes asks Save / Discard / Cancel (``confirm_discard``, which
tests replace). Every change is announced with ``AppEvents.plans_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.accounts import Action
from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.errors import (
    RecoveryDeskError,
    ValidationError,
)
from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import Plan, PlanDraft
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import call_or_report, error_title, plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.plan_body import TAB_BARC10, TAB_GOALS, TAB_WELLNESS, PlanBody
from recoverydesk.ui.forms.plan_header import (
    HeaderState,
    PlanHeader,
    ask_discard,
    date_text,
)
from recoverydesk.ui.forms.plan_print import PrintChoice, PrintPlanDialog, can_print_plans
from recoverydesk.ui.forms.plan_print import preview_plan as make_preview
from recoverydesk.ui.forms.plan_versions import PlanVersionsDialog
from recoverydesk.ui.widgets.problem_box import ProblemBox
from recoverydesk.ui.widgets.unsaved import DiscardChoice

__all__ = ["TAB_BARC10", "TAB_GOALS", "TAB_WELLNESS", "PlanEditor"]
_T = TypeVar("_T")


class PlanEditor(QWidget):
    """Header, actions and the three tabs of one member's plan.

    Signals:
        status_message: a short confirmation ("Plan saved") for a status bar.
    """

    status_message = Signal(str)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._plans = services.plans
        self._access = services.access
        self._events = events
        self._today = services.clock.today
        self._member_id: int | None = None
        self._name = ""
        self._code = ""
        self._plan: Plan | None = None
        self._announcing = False
        self._problems = ProblemBox(self)
        self._build()
        self._connect()
        self._show_state()

    # -- questions (tests replace these) --------------------------------------------------

    def confirm_discard(self) -> DiscardChoice:
        """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""
        return ask_discard(self)

    def ask_print_options(self) -> PrintChoice | None:
        """Large print and the sections to print; None cancels."""
        return PrintPlanDialog.ask(self)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = PlanHeader(self)
        self.leading = self.header.leading
        self.name_label = self.header.name_label
        self.info_label = self.header.info_label
        self.save_button = self.header.save_button
        self.activate_button = self.header.activate_button
        self.review_button = self.header.review_button
        self.versions_button = self.header.versions_button
        self.print_button = self.header.print_button
        self.status_label = self.header.status_label
        self.body = PlanBody(self._services, self._plans.validate, self)
        self.goals, self.wellness, self.barc10 = (
            self.body.goals,
            self.body.wellness,
            self.body.barc10,
        )
        self.tabs, self.errors_label = self.body.tabs, self.body.errors_label
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.body)
        self.pages.addWidget(self._empty_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        self.empty_label = QLabel(page)
        self.empty_label.setWordWrap(True)
        self.start_button = QPushButton("Start a plan", page)
        self.start_button.setAccessibleName("Start a plan")
        self.start_button.clicked.connect(lambda _checked=False: self.start_plan())
        layout = QVBoxLayout(page)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _connect(self) -> None:
        for button, slot in (
            (self.save_button, self.save),
            (self.activate_button, self.activate),
            (self.review_button, self.mark_reviewed),
            (self.versions_button, self.show_versions),
            (self.print_button, self.print_plan),
        ):
            button.clicked.connect(lambda _checked=False, act=slot: act())
        self.header.status_message.connect(self.status_message.emit)
        self.barc10.recorded.connect(self._on_barc10_recorded)
        self.barc10.goal_suggested.connect(self.add_suggested_goal)
        self.barc10.problem.connect(self._show_error)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._events.plans_changed.connect(self._on_plans_changed)
        self._events.members_changed.connect(self._on_members_changed)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

    # -- state ----------------------------------------------------------------------------

    @property
    def member_id(self) -> int | None:
        return self._member_id

    @property
    def plan(self) -> Plan | None:
        """The plan as last saved (or read), or None when the member has none yet."""
        return self._plan

    @property
    def can_edit(self) -> bool:
        return self._access.can(Action.PLANS_EDIT)

    def load_member(self, member_id: int) -> bool:
        """Show ``member_id``'s plan (or a page offering to start one); False if refused."""
        member = self._call(self._services.members.get, member_id)
        if member is None:
            return False
        try:
            plan = self._plans.get(member_id)
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self._member_id, self._name, self._code = member_id, member.display_name, member.code
        self._fill(plan)
        self.barc10.load(member_id if plan is not None else None)
        self.tabs.setCurrentIndex(TAB_GOALS)
        return True

    def clear(self) -> None:
        """Show nobody (drops unsaved edits: settle them first)."""
        self._member_id, self._name, self._code = None, "", ""
        self._fill(None)
        self.barc10.load(None)

    def _fill(self, plan: Plan | None) -> None:
        self._plan = plan
        self.body.fill(plan)
        self._show_state()

    def is_dirty(self) -> bool:
        """True when the plan holds edits that are not saved."""
        return self._plan is not None and self.body.is_dirty()

    def has_unsaved_work(self) -> bool:
        """Unsaved plan edits, or BARC-10 answers not saved yet."""
        return self.is_dirty() or (self._plan is not None and self.barc10.has_unsaved())

    def draft(self) -> PlanDraft:
        """What is on screen, as a draft; ``ValidationError`` names unreadable dates."""
        return self.body.draft()

    # -- actions --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the plan; on any problem keep what was typed and say what to fix."""
        plan, member_id = self._plan, self._member_id
        if plan is None or member_id is None or not self.can_edit:
            return False
        self.body.commit_cell_edits()
        try:
            draft = self.draft()
            problems = self._plans.validate(draft)
            if problems:
                raise ValidationError(problems)
            saved = self._plans.save(member_id, draft, expected_version=plan.version)
        except ValidationError as error:
            self.body.show_errors(error.errors)
            self._flash("Not saved: see the problems listed above", problem=True)
            return False
        except RecoveryDeskError as error:
            self._flash("Not saved", problem=True)
            self._show_error(error)
            return False
        self._took(saved)
        self._announce(member_id)
        self._flash("Plan saved")
        return True

    def activate(self) -> bool:
        """The member agrees to the plan: draft → active (the first review gets a date)."""
        plan, member_id = self._plan, self._member_id
        if plan is None or member_id is None or plan.status is PlanStatus.ACTIVE:
            return False
        active = self._call(self._plans.activate, member_id, plan.version)
        if active is None:
            return False
        self._plan = active  # the edits on screen stay as they are (still unsaved if so)
        self._show_state()
        self._announce(member_id)
        self._flash(f"Plan active. First review due {date_text(active.review_due_on)}")
        return True

    def mark_reviewed(self) -> bool:
        """Save any edits, then keep a copy of the plan as reviewed today."""
        member_id = self._member_id
        if self._plan is None or member_id is None or (self.is_dirty() and not self.save()):
            return False
        plan = self._plan
        info = self._call(self._plans.mark_reviewed, member_id, plan.version)
        if info is None:
            return False
        fresh = self._call(self._plans.get, member_id)
        if fresh is not None:
            self._plan = fresh
        self._show_state()
        self._announce(member_id)
        due = date_text(self._plan.review_due_on if self._plan else None)
        self._flash(f"Marked reviewed on {info.reviewed_on.isoformat()}. Next review {due}")
        return True

    def start_plan(self) -> bool:
        """Start a draft plan for the member shown (who has none yet)."""
        member_id = self._member_id
        if member_id is None or not self.can_edit:
            return False
        plan = self._call(self._plans.start, member_id)
        if plan is None:
            return False
        self._fill(plan)
        self.barc10.load(member_id)
        self._announce(member_id)
        self._flash("Plan started as a draft")
        self.goals.new_domain.setFocus()
        return True

    def show_versions(self) -> PlanVersionsDialog | None:
        """Open the earlier (reviewed) versions, to read or compare with the current plan."""
        if self._plan is None or self._member_id is None:
            return None
        dialog = PlanVersionsDialog(self._plans, self._plan, self._name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not dialog.load(self._member_id):
            return None
        dialog.open()
        return dialog

    def print_plan(self) -> object:
        """Ask what to include, then preview the plan handout (print, save or open it)."""
        handouts = self._services.handouts
        if self._member_id is None or not can_print_plans(handouts):
            return None
        if self.is_dirty() and not self._settle():
            return None
        choice = self.ask_print_options()
        if choice is None:
            return None
        return make_preview(self, handouts, self._member_id, choice, self._show_error)

    def add_suggested_goal(self, domain: str) -> None:
        """A BARC-10 idea was taken up: a blank goal in ``domain``, ready to type."""
        self.tabs.setCurrentIndex(TAB_GOALS)
        self.goals.add_goal(domain)

    def settle_unsaved(self) -> bool:
        """Deal with unsaved work before leaving it; False means stay."""
        return not self.has_unsaved_work() or self._settle()

    def _settle(self) -> bool:
        choice = self.confirm_discard()
        if choice == "save":
            plan_ok = not self.is_dirty() or self.save()
            barc_ok = not self.barc10.has_unsaved() or self.barc10.save_assessment()
            return plan_ok and barc_ok
        return choice == "discard"

    # -- after changes --------------------------------------------------------------------

    def _took(self, saved: Plan) -> None:
        """``saved`` is stored: keep the editor as typed if it lines up, else show it."""
        self._plan = saved
        if not self.body.adopt(saved):
            self.body.fill(saved)
        self._show_state()

    def _announce(self, member_id: int) -> None:
        self._announcing = True
        try:
            self._events.plans_changed.emit(member_id)
        finally:
            self._announcing = False

    def _on_barc10_recorded(self, saved: Barc10) -> None:
        self._announce(saved.member_id)
        note = " (at or above 47)" if saved.at_or_above_threshold else ""
        self._flash(f"BARC-10 saved: total {saved.total}{note}")

    def _on_plans_changed(self, member_id: int) -> None:
        if self._announcing or self._member_id is None or member_id not in (self._member_id, -1):
            return
        if not self._access.can(Action.PLANS_VIEW):  # signed out, locked or someone else
            return
        try:
            fresh = self._plans.get(self._member_id)
        except RecoveryDeskError:
            return
        if self._plan is None or fresh is None or fresh.version != self._plan.version:
            if not self.is_dirty():
                self._fill(fresh)
            else:
                self._flash("This plan was just changed elsewhere: your save will be refused")
        self.barc10.load(self._member_id if self._plan is not None else None)

    def _on_members_changed(self, member_id: int) -> None:
        if self._member_id is None or member_id not in (self._member_id, -1):
            return
        try:
            member = self._services.members.get(self._member_id)
        except RecoveryDeskError:
            return
        self._name, self._code = member.display_name, member.code
        self._show_state()

    def _on_tab_changed(self, index: int) -> None:
        if index == TAB_BARC10 and self.can_edit and self._plan is not None:
            self.barc10.entry.focus_first_unanswered()  # ready for ten digits

    # -- showing --------------------------------------------------------------------------

    def _show_state(self) -> None:
        plan, editing = self._plan, self.can_edit
        self.header.show_state(
            HeaderState(
                name=self._name,
                code=self._code,
                plan=plan,
                today=self._today(),
                can_edit=editing,
                can_print=self._access.can(Action.PLANS_PRINT),
                printing_ready=can_print_plans(self._services.handouts),
            )
        )
        self.pages.setCurrentIndex(0 if plan is not None else 1)
        self.empty_label.setText(
            f"{self._name} has no recovery plan yet. Start one together: goals in their "
            "own words, a wellness plan and a BARC-10."
            if self._member_id is not None
            else "Choose a member from the list."
        )
        self.start_button.setVisible(editing and self._member_id is not None and plan is None)
        self.body.set_editable(editing)

    @property
    def message_box(self) -> QMessageBox | None:
        """The last problem shown (a non-blocking, window-modal message box)."""
        return self._problems.box

    def _show_error(self, error: RecoveryDeskError) -> None:
        self._problems.show(error_title(error), plain_text(error))

    def _call(self, action: Callable[..., _T], *args: object) -> _T | None:
        return call_or_report(self._show_error, action, *args)

    def _flash(self, message: str, problem: bool = False) -> None:
        self.header.flash(message, problem)
