"""Earlier versions of a plan: the reviews, one shown read-only, and what changed since.

Each "Mark reviewed" kept an immutable snapshot. This dialog lists them newest first,
shows the selected one as it was, and "Compare with current" lists in plain words what
changed between it and the plan saved now ("Goal added (Home): …", "Triggers changed").
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.plans import SECTION_HEADINGS, SECTION_KEYS, Goal, Plan, ReviewInfo
from recoverydesk.services.plans import PlanService
from recoverydesk.ui.models.plan_history import ReviewsModel
from recoverydesk.ui.widgets.problem_box import ProblemBox

NO_REVIEWS = "This plan has not been reviewed yet. “Mark reviewed” keeps a copy of it here."


def plan_html(plan: Plan, title: str) -> str:
    """The plan as simple HTML for a read-only view: goals, steps, sections, people."""
    parts = [f"<h2>{_e(title)}</h2>", f"<p>Plan: {_e(plan.status.label)}"]
    if plan.review_due_on is not None:
        parts[-1] += f" · review due {plan.review_due_on.isoformat()}"
    parts[-1] += "</p><h3>Goals</h3>"
    parts += [_goal_html(goal) for goal in plan.goals] or ["<p>No goals.</p>"]
    written = [key for key in SECTION_KEYS if plan.section(key)]
    if written:
        parts.append("<h3>Wellness plan</h3>")
    for key in written:
        text = _e(plan.section(key)).replace("\n", "<br>")
        parts.append(f"<p><b>{_e(SECTION_HEADINGS[key])}</b><br>{text}</p>")
    if plan.supports:
        rows = "".join(
            f"<li>{_e(s.name)}"
            + (f" ({_e(s.relation)})" if s.relation else "")
            + (f" — {_e(s.phone)}" if s.phone else "")
            + "</li>"
            for s in plan.supports
        )
        parts.append(f"<h3>My support network</h3><ul>{rows}</ul>")
    return "".join(parts)


def _goal_html(goal: Goal) -> str:
    lines = [f"<p><b>{_e(goal.domain)}: {_e(goal.goal)}</b> <i>({_e(goal.status.label)})</i>"]
    for label, value in (
        ("Why it matters", goal.why),
        ("How we'll know", goal.measure),
        ("Where I am now", goal.baseline),
        ("Where I want to be", goal.target),
        ("Target date", goal.target_date.isoformat() if goal.target_date else ""),
        ("Who or what helps", goal.supports),
    ):
        if value:
            lines.append(f"<br>{label}: {_e(value)}")
    lines.append("</p>")
    if goal.steps:
        steps = "".join(_step_html(step) for step in goal.steps)
        lines.append(f"<ul>{steps}</ul>")
    return "".join(lines)


def _step_html(step: object) -> str:
    what = _e(getattr(step, "what", ""))
    owner = getattr(step, "owner", None)
    due, done = getattr(step, "due_on", None), getattr(step, "done_on", None)
    extra = [owner.label] if owner is not None else []
    if due is not None:
        extra.append(f"due {due.isoformat()}")
    if done is not None:
        extra.append(f"done {done.isoformat()}")
    return f"<li>{what} <i>({_e(', '.join(extra))})</i></li>"


def changes_html(lines: list[str], title: str) -> str:
    if not lines:
        return f"<h2>{_e(title)}</h2><p>Nothing has changed.</p>"
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f"<h2>{_e(title)}</h2><ul>{items}</ul>"


def _e(text: str) -> str:
    return html.escape(text, quote=False)


class PlanVersionsDialog(QDialog):
    """The reviewed versions of one member's plan, to read and to compare with today's."""

    def __init__(
        self,
        plans: PlanService,
        current: Plan,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Earlier versions of the plan")
        self._plans = plans
        self._current = current
        self._name = name
        self._shown: tuple[ReviewInfo, Plan] | None = None
        self._problems = ProblemBox(self)
        self.model = ReviewsModel(self)
        self._build()
        self.resize(900, 600)

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setAccessibleName("Reviews")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.show_row(cur.row())
        )
        self.viewer = QTextBrowser(self)
        self.viewer.setAccessibleName("Plan as it was")
        self.compare_button = QPushButton("Compare with current", self)
        self.compare_button.setAccessibleName("Compare with current")
        self.compare_button.clicked.connect(lambda _checked=False: self.compare_with_current())
        self.view_button = QPushButton("Show this version", self)
        self.view_button.setAccessibleName("Show this version")
        self.view_button.clicked.connect(lambda _checked=False: self.show_row(self._row()))
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Reviews (newest first)", left)
        caption.setBuddy(self.table)
        self.empty_label = QLabel(NO_REVIEWS, left)
        self.empty_label.setWordWrap(True)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.view_button)
        buttons_row.addWidget(self.compare_button)
        left_layout.addLayout(buttons_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(1, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)

    def load(self, member_id: int) -> bool:
        """Read the reviews of ``member_id``'s plan and show the newest; False on a problem."""
        try:
            reviews = self._plans.reviews(member_id)
        except RecoveryDeskError as error:
            self._problems.show("Could not read the reviews", str(error))
            return False
        self.model.set_rows(reviews)
        has_any = bool(reviews)
        self.empty_label.setVisible(not has_any)
        self.compare_button.setEnabled(has_any)
        self.view_button.setEnabled(has_any)
        if has_any:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.setFocus()
        else:
            self.viewer.setHtml(f"<p>{_e(NO_REVIEWS)}</p>")
        return True

    @property
    def shown(self) -> Plan | None:
        """The reviewed version shown now, or None."""
        return self._shown[1] if self._shown is not None else None

    def _row(self) -> int:
        return self.table.selectionModel().currentIndex().row()

    def show_row(self, row: int) -> None:
        """Show the version reviewed in ``row``, read-only."""
        if not 0 <= row < self.model.rowCount():
            return
        info = self.model.review(row)
        try:
            plan = self._plans.review(info.id)
        except RecoveryDeskError as error:
            self._problems.show("Could not read that version", str(error))
            return
        self._shown = (info, plan)
        title = f"{self._name}: plan as reviewed on {info.reviewed_on.isoformat()}"
        self.viewer.setHtml(
            plan_html(plan, title) + f"<p><i>Reviewed by {_e(info.reviewed_by)}</i></p>"
        )

    def compare_with_current(self) -> list[str]:
        """Show (and return) what changed from the selected review to the current plan."""
        if self._shown is None or self._shown[0].id != self._current_review_id():
            self.show_row(self._row())
        if self._shown is None:
            return []
        info, old = self._shown
        lines = self._plans.compare(old, self._current)
        title = f"Changes since the review on {info.reviewed_on.isoformat()}"
        self.viewer.setHtml(changes_html(lines, title))
        return lines

    def _current_review_id(self) -> int | None:
        row = self._row()
        return self.model.review(row).id if 0 <= row < self.model.rowCount() else None
