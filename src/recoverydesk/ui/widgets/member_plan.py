"""A short summary of a member's recovery plan for their profile, with "Open plan".

Shown only to people whose role may see plans (``Action.PLANS_VIEW``), and hidden for a
member the signed-in peer does not support (checked first, so browsing profiles does not
fill the audit trail with refusals). It says where the plan stands without any of its
words.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from recoverydesk.domain.accounts import Action, Role
from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.plan_kinds import PlanStatus
from recoverydesk.domain.plans import Plan
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents


def plan_lines(plan: Plan | None, today: dt.date) -> tuple[str, str]:
    """(status line, goals line) of a plan summary."""
    if plan is None:
        return "No recovery plan yet.", ""
    if plan.status is PlanStatus.DRAFT:
        status = "Plan: draft (not yet agreed)"
    elif plan.review_due_on is None:
        status = "Plan: active"
    elif plan.review_overdue(today):
        status = f"Plan: active · review overdue (was due {plan.review_due_on.isoformat()})"
    else:
        status = f"Plan: active · review due {plan.review_due_on.isoformat()}"
    count, overdue = len(plan.goals), len(plan.overdue_goals(today))
    goals = f"Goals: {count}" + (f" ({overdue} past target date)" if overdue else "")
    return status, goals


def barc10_line(latest: Barc10 | None, due_on: dt.date | None, today: dt.date) -> str:
    """'BARC-10: 44 on 2026-01-05 · next due 2026-04-05' (or 'due now', 'none yet')."""
    if latest is None:
        return "BARC-10: none yet"
    above = " (47+)" if latest.at_or_above_threshold else ""
    text = f"BARC-10: {latest.total}{above} on {latest.taken_on.isoformat()}"
    if due_on is not None:
        text += " · due now" if due_on <= today else f" · next due {due_on.isoformat()}"
    return text


class MemberPlanBox(QGroupBox):
    """Plan status, review due, goals, latest BARC-10, and a button to open the plan.

    Signals:
        open_plan: "Open plan" was clicked (the member's id).
    """

    open_plan = Signal(int)

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__("Recovery plan", parent)
        self._services = services
        self._member_id: int | None = None
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Plan status")
        self.status_label.setWordWrap(True)
        self.goals_label = QLabel(self)
        self.goals_label.setAccessibleName("Goals")
        self.barc10_label = QLabel(self)
        self.barc10_label.setAccessibleName("BARC-10")
        self.open_button = QPushButton("Open plan", self)
        self.open_button.setAccessibleName("Open plan")
        self.open_button.clicked.connect(self._open)
        layout = QVBoxLayout(self)
        for widget in (self.status_label, self.goals_label, self.barc10_label):
            layout.addWidget(widget)
        layout.addWidget(self.open_button)
        events.plans_changed.connect(self._on_plans_changed)
        events.users_changed.connect(lambda: self.show_member(self._member_id))
        self.setVisible(False)

    @property
    def member_id(self) -> int | None:
        return self._member_id

    def show_member(self, member_id: int | None) -> None:
        """Summarise ``member_id``'s plan (None, or a role that may not see plans: hidden)."""
        self._member_id = member_id
        if member_id is None or not self._may_see(member_id):
            self.setVisible(False)
            return
        try:
            plan = self._services.plans.get(member_id)
            latest = self._services.barc10.latest(member_id)
            due_on = self._services.barc10.due_on(member_id)
        except RecoveryDeskError:  # not on this peer's caseload, or the database is away
            self.setVisible(False)
            return
        today = self._services.clock.today()
        status, goals = plan_lines(plan, today)
        self.status_label.setText(status)
        self.goals_label.setText(goals)
        self.goals_label.setVisible(bool(goals))
        self.barc10_label.setText(barc10_line(latest, due_on, today))
        self.setVisible(True)

    def _may_see(self, member_id: int) -> bool:
        """Whether to ask for the plan at all: a peer sees only their own caseload.

        Asking for a plan the service will refuse writes a refusal to the audit trail, so a
        peer browsing profiles would fill it; their open assignments answer it first.
        """
        access = self._services.access
        actor = access.actor
        if actor is None or not access.can(Action.PLANS_VIEW):
            return False
        if actor.role is not Role.PEER:
            return True
        try:
            peers = self._services.peers.member_peers(member_id)
        except RecoveryDeskError:
            return False
        current = (a for a in (peers.primary, peers.secondary) if a is not None)
        return actor.peer_id is not None and any(a.peer_id == actor.peer_id for a in current)

    def _open(self) -> None:
        if self._member_id is not None:
            self.open_plan.emit(self._member_id)

    def _on_plans_changed(self, member_id: int) -> None:
        if self._member_id is not None and member_id in (self._member_id, -1):
            self.show_member(self._member_id)
