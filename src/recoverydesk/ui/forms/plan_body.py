"""The body of the plan editor: the Goals, Wellness plan and BARC-10 tabs, and the problems.

``PlanBody`` turns what is on screen into a ``PlanDraft`` (naming any date it cannot read),
shows a refused save's problems beside their fields and as a list naming the goal or step,
and notices unsaved edits by comparing what is typed with what was loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import FieldError, ValidationError
from recoverydesk.domain.plans import Plan, PlanDraft
from recoverydesk.services.container import Services
from recoverydesk.ui.forms.plan_barc10 import Barc10Tab
from recoverydesk.ui.forms.plan_goals import GoalsEditor
from recoverydesk.ui.forms.plan_wellness import WellnessEditor
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR

TAB_GOALS, TAB_WELLNESS, TAB_BARC10 = 0, 1, 2


class PlanBody(QWidget):
    """The plan's three tabs and the list of problems from the last refused save.

    Signals:
        edited: the goals or the wellness plan changed.
    """

    edited = Signal()

    def __init__(
        self,
        services: Services,
        validate: Callable[[PlanDraft], list[FieldError]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._validate = validate
        self._baseline: tuple[Any, ...] = ()
        self.errors_label = QLabel(self)
        self.errors_label.setAccessibleName("Problems")
        self.errors_label.setWordWrap(True)
        self.errors_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.errors_label.hide()
        self.goals = GoalsEditor(services.clock.today, self)
        self.wellness = WellnessEditor(self)
        self.barc10 = Barc10Tab(services, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Plan sections")
        self.tabs.addTab(self.goals, "&Goals")
        self.tabs.addTab(self.wellness, "&Wellness plan")
        self.tabs.addTab(self.barc10, "&BARC-10")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.tabs, 1)
        self.goals.edited.connect(self._on_edited)
        self.wellness.edited.connect(self._on_edited)

    # -- values -----------------------------------------------------------------------------

    def fill(self, plan: Plan | None) -> None:
        """Show ``plan`` (or an empty one), forgetting any edits and problems."""
        draft = plan.to_draft() if plan is not None else PlanDraft()
        tab = self.tabs.currentIndex()
        self.goals.set_goals(draft.goals)
        self.wellness.fill(draft.sections, draft.supports)
        self.tabs.setCurrentIndex(tab)
        self.mark_saved()

    def mark_saved(self) -> None:
        """What is on screen now is what is saved."""
        self._baseline = self.snapshot()
        self.show_errors([])

    def adopt(self, saved: Plan) -> bool:
        """Take the ids ``saved`` rows got, keeping the screen as typed; False: ``fill`` it."""
        if self.goals.adopt_ids(saved.goals) and self.wellness.adopt_ids(saved.supports):
            self.mark_saved()
            return True
        return False

    def snapshot(self) -> tuple[Any, ...]:
        return (self.goals.snapshot(), self.wellness.snapshot())

    def is_dirty(self) -> bool:
        return self.snapshot() != self._baseline

    def draft(self) -> PlanDraft:
        """What is on screen, as a draft; ``ValidationError`` names unreadable dates."""
        goals, errors = self.goals.goals()
        if errors:
            raise ValidationError(errors)
        return PlanDraft(
            sections=self.wellness.sections(), supports=self.wellness.supports(), goals=goals
        )

    def set_editable(self, editable: bool) -> None:
        self.goals.set_read_only(not editable)
        self.wellness.set_read_only(not editable)
        self.barc10.set_editable(editable)

    def commit_cell_edits(self) -> None:
        """A table cell still being typed in counts: move focus off it so Save takes it."""
        widget = QApplication.focusWidget()
        while widget is not None and self.isAncestorOf(widget):
            if isinstance(widget, QAbstractItemView):
                if widget.state() == QAbstractItemView.State.EditingState:
                    widget.setFocus()  # the cell editor loses focus: its delegate commits it
                return
            widget = widget.parentWidget()

    # -- problems ---------------------------------------------------------------------------

    def show_errors(self, errors: Sequence[FieldError], focus: bool = True) -> None:
        """Show ``errors`` beside their fields and as a list; focus the first one."""
        self.goals.show_errors(errors)
        self.wellness.show_errors(errors)
        lines = [f"• {error.message}" for error in errors]
        self.errors_label.setText("Not saved yet. Please check:\n" + "\n".join(lines))
        self.errors_label.setVisible(bool(errors))
        if errors and focus:
            self._focus_first_error(errors)

    def _focus_first_error(self, errors: Sequence[FieldError]) -> None:
        if any(e.field.startswith("goals") for e in errors):
            self.tabs.setCurrentIndex(TAB_GOALS)
            self.goals.focus_first_error()
        else:
            self.tabs.setCurrentIndex(TAB_WELLNESS)
            self.wellness.focus_first_error()

    def _on_edited(self) -> None:
        if self.errors_label.isVisible():  # after a refused save, re-check as they type
            try:
                errors = self._validate(self.draft())
            except ValidationError as error:
                errors = list(error.errors)
            self.show_errors(errors, focus=False)
        self.edited.emit()
