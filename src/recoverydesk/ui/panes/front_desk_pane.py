"""The Front desk pane: check people in at the door, fast, calm and without a mouse.

Type a few letters or scan a card, Enter: the person is checked in, the message line says
so, the search empties and keeps focus for the next person. Up/Down choose among matches;
Ctrl+G checks in a guest; Enter on nobody opens a four-field quick add; "Paper catch-up"
records a past day's paper sheet. On the right: who is in the building now and a chosen
day's visits with its counts.

Every change goes through ``VisitService``/``MemberService`` and is announced with
``AppEvents``; the pane refreshes its lists from those signals like every other pane, and
never clears what is being typed. Questions that need an answer (an override reason, a
possible duplicate, checking everyone out) are methods tests replace. Problems, database
ones included, appear in the message line in plain words; typed text is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from recoverydesk.domain.accounts import Action
from recoverydesk.domain.codes import looks_like_code, normalize_code
from recoverydesk.domain.errors import DatabaseError, RecoveryDeskError, ValidationError
from recoverydesk.domain.members import MemberDraft, MemberRow
from recoverydesk.domain.visits import (
    CheckInResult,
    DeskRow,
    VisitRefusedError,
    VisitRow,
    VisitRules,
    VisitSource,
)
from recoverydesk.services.container import Services
from recoverydesk.ui.errors import call_or_report, error_title, plain_text
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.quick_add import QuickAddForm
from recoverydesk.ui.models.desk_results_model import DeskResultsModel
from recoverydesk.ui.models.visits_model import visitor_name
from recoverydesk.ui.widgets import desk_questions, handout_actions, member_questions
from recoverydesk.ui.widgets.checkin_box import CheckInBox
from recoverydesk.ui.widgets.checkin_undo import CheckInUndo
from recoverydesk.ui.widgets.desk_header import DeskHeader
from recoverydesk.ui.widgets.desk_message import DeskMessage, MessageKind
from recoverydesk.ui.widgets.desk_visits import DayVisitsPanel, InBuildingPanel
from recoverydesk.ui.widgets.guest_entry import GuestEntry
from recoverydesk.ui.widgets.paper_catch_up import PaperCatchUp, paper_text
from recoverydesk.ui.widgets.purpose_bar import PurposeBar

_T = TypeVar("_T")
#: a check-in waiting for an override reason: member id, greeting name, source
_Pending = tuple[int, str, VisitSource]


class FrontDeskPane(QWidget):
    """Check-in search and feedback on the left; in the building and the day on the right."""

    def __init__(
        self, services: Services, events: AppEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._visits = services.visits
        self._members = services.members
        self._front_desk = services.front_desk
        self._events = events
        self._pending: _Pending | None = None
        self._purposes_for = ""  # whom the purpose bar is showing
        self._rules = self._read_rules()
        self._build()
        self._connect()
        self.refresh_lists()

    # -- questions (tests replace these) ------------------------------------------------

    def ask_override_reason(self, name: str) -> str | None:
        """Why this refused check-in should happen anyway; None (or '') cancels."""
        return desk_questions.ask_override_reason(self, name)

    def confirm_duplicates(self, rows: list[MemberRow]) -> bool:
        """Whether to create a new person who may already be one of ``rows``."""
        return member_questions.ask_create_anyway(self, rows)

    def confirm_check_out_all(self, count: int) -> bool:
        """Whether to check out everyone (``count`` people) still in the building."""
        return desk_questions.confirm_check_out_all(self, count)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        clock = self._services.clock
        self.results_model = DeskResultsModel(clock.today, self)
        self.checkin = CheckInBox(self._front_desk, self.results_model, self)
        self.search = self.checkin.search
        self.results = self.checkin.results
        self.message = DeskMessage(self)
        self.purposes = PurposeBar(self)
        self.undo = CheckInUndo(
            self._services, self._events, self.message, self.purposes, self.search, self._show_error
        )
        self.guest_entry = GuestEntry(self)
        self.quick_add = QuickAddForm(self._members, self)
        self.paper = PaperCatchUp(clock.today, self)
        self.in_building = InBuildingPanel(self._visits, clock.local, self)
        self.day_visits = DayVisitsPanel(self._visits, clock.local, clock.today, self)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        for widget in (
            self.paper.banner,
            self.search,
            self.message,
            self.purposes,
            self.guest_entry,
            self.quick_add,
        ):
            column.addWidget(widget)
        column.addWidget(self.checkin, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.in_building)
        right.addWidget(self.day_visits)
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.header = DeskHeader(self.paper, self)
        self.guest_button = self.header.guest_button
        self.count_label = self.header.count_label
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.checkin.entered.connect(self._on_entered)
        self.checkin.activated.connect(lambda row: self.check_in(row, VisitSource.DESK))
        self.checkin.make_member_requested.connect(self.make_member)
        self.checkin.failed.connect(self._show_error)
        self.purposes.purposes_changed.connect(self._on_purposes)
        self.guest_button.clicked.connect(self.open_guest)
        self.header.signin_button.clicked.connect(self.print_signin_sheet)
        self.guest_entry.submitted.connect(self.check_in_guest)
        self.guest_entry.cancelled.connect(self._back_to_search)
        self.quick_add.submitted.connect(self._on_quick_add)
        self.quick_add.cancelled.connect(self._back_to_search)
        self.paper.changed.connect(self._on_paper_changed)
        self.paper.date_entered.connect(self._back_to_search)
        self.in_building.check_out_requested.connect(self.check_out)
        self.in_building.check_out_all_requested.connect(self.check_out_all)
        self.in_building.guest_member_requested.connect(self.open_guest_to_member)
        for panel in (self.in_building, self.day_visits):
            panel.failed.connect(self._show_error)
        self._events.visits_changed.connect(self._on_data_changed)
        self._events.members_changed.connect(self._on_data_changed)
        self._events.settings_changed.connect(self._on_settings_changed)
        for keys, slot in (("Ctrl+G", self.open_guest), ("Ctrl+F", self._back_to_search)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not (self.quick_add.isVisible() or self.guest_entry.isVisible()):
            self.search.setFocus()  # ready at once: typing goes straight into the search

    # -- checking in ------------------------------------------------------------------------

    def _on_entered(self, text: str) -> None:
        """Enter in the search: the chosen row, else the scanned code, else the top match."""
        text = text.strip()
        if not text:
            return
        row = self.checkin.highlighted() if self.checkin.navigated else None
        source = VisitSource.DESK
        if row is None:
            lookup = self._call(self._front_desk.lookup, text)
            if lookup is None:
                return
            if lookup.exact is not None:
                row = lookup.exact
                source = VisitSource.SCANNER if looks_like_code(text) else VisitSource.DESK
            elif lookup.rows:
                row = self.checkin.highlighted() or lookup.rows[0]
        if row is None:
            self._nobody_found(text)
        else:
            self.check_in(row, source)

    def check_in(self, row: DeskRow, source: VisitSource = VisitSource.DESK) -> bool:
        """Check in the person of ``row`` (today, or the paper catch-up date)."""
        return self._check_in(row.member_id, row.preferred_name or row.first_name, source)

    def _check_in(
        self, member_id: int, who: str, source: VisitSource, override_reason: str = ""
    ) -> bool:
        on, source = self._when(source)
        try:
            result = self._visits.check_in(
                member_id, source=source, on=on, override_reason=override_reason
            )
        except VisitRefusedError as error:
            if not error.overridable:
                self.message.show_message(MessageKind.PROBLEM, str(error))
                return False
            if not self._services.access.can(Action.OVERRIDE_VISIT_RULE):
                # only a coordinator may override: say so instead of offering a button
                text = f"{error} A coordinator can override this."
                self.message.show_message(MessageKind.REFUSED, text)
                return False
            self._pending = (member_id, who, source)
            self.message.show_message(MessageKind.REFUSED, str(error), "&Override…", self._override)
            return False
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self._pending = None
        self._checked_in(result, who, member_id)
        return True

    def _override(self) -> None:
        pending = self._pending
        if pending is None:
            return
        member_id, who, source = pending
        reason = (self.ask_override_reason(who) or "").strip()
        if reason:
            self._check_in(member_id, who, source, override_reason=reason)
        self.search.setFocus()

    def _checked_in(self, result: CheckInResult, who: str, member_id: int | None) -> None:
        if result.guest_limit_reached and member_id is not None:
            self.message.show_message(
                MessageKind.DONE,
                f"{paper_text(result)}. Guest visit limit reached.",
                "Make memb&er",
                lambda: self._make_member_by_id(member_id, who),
                extra=self.undo.action_for(result),
            )
        elif result.created:
            self.undo.offer(result, paper_text(result))
        else:
            self.message.show_message(MessageKind.ALREADY, result.message)
        self._purposes_for = who
        self.purposes.show_for(result.visit.id, who, self._rules.purposes, result.visit.purposes)
        self._close_panels()
        self.checkin.clear_search()
        if result.created:
            self._events.visits_changed.emit(result.visit.id)

    def _when(self, source: VisitSource) -> tuple[dt.date | None, VisitSource]:
        """(date, source) for a check-in now: the catch-up date and PAPER in that mode."""
        if self.paper.active:
            return self.paper.day, VisitSource.PAPER
        return None, source

    def _nobody_found(self, text: str) -> None:
        if looks_like_code(text):
            self._unknown_code(text)
        elif text.replace(" ", "").isdigit():
            digits = text.replace(" ", "")
            found = (
                f"Nobody's phone number ends in {digits}."
                if len(digits) == 4
                else f"Nobody found for {digits} (phone searches use the last 4 digits)."
            )
            self.message.show_message(
                MessageKind.PROBLEM, f"{found} Try their name, or their member code."
            )
        else:
            self.open_quick_add(text)

    def _unknown_code(self, text: str) -> None:
        code = normalize_code(text)
        lookup = self._call(self._front_desk.lookup, text)
        archived = lookup.archived if lookup is not None else None
        if archived is not None:
            message = f"{archived.name} ({code}) is archived. Restore them in Members first."
        else:
            message = f"No member has the code {code}. Check the card, or search by name."
        self.message.show_message(MessageKind.PROBLEM, message)

    def _on_purposes(self, visit_id: int, purposes: list[str]) -> None:
        if self._call(self._visits.set_purposes, visit_id, purposes) is not None:
            self._events.visits_changed.emit(visit_id)

    # -- guests and new people --------------------------------------------------------------

    def open_guest(self) -> None:
        """Ctrl+G: the inline guest line (a first name or initials, optional)."""
        self._close_panels()
        self.guest_entry.open()

    def check_in_guest(self, label: str = "") -> bool:
        on, source = self._when(VisitSource.DESK)
        try:
            result = self._visits.check_in_guest(label, on=on, source=source)
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self._checked_in(result, f"guest {label.strip()}".strip(), None)
        return True

    def open_quick_add(self, typed: str) -> None:
        """The new-person form, prefilled from ``typed`` when it looks like a name."""
        if self.quick_add.edited:  # never overwrite what was typed into it
            self.quick_add.focus_form()
            return
        self._close_panels()
        self.message.show_message(
            MessageKind.INFO,
            f"Nobody found for “{typed}”. Add them below, or Esc to go back to the search.",
        )
        self.quick_add.open(typed)

    def open_guest_to_member(self, row: VisitRow) -> None:
        """Add the anonymous guest of ``row`` as a new person who keeps that visit."""
        self._close_panels()
        self.quick_add.open("", guest_visit_id=row.visit_id, guest_label=row.guest_label)

    def _on_quick_add(self, draft: MemberDraft) -> None:
        duplicates = self._call(self._members.possible_duplicates, draft)
        if duplicates is None or (duplicates and not self.confirm_duplicates(duplicates)):
            self.quick_add.focus_form()
            return
        visit_id = self.quick_add.guest_visit_id
        try:
            if visit_id is not None:
                member_id = self._visits.make_member_from_guest_visit(visit_id, draft)
            else:
                member_id = self._members.create(draft).id
        except ValidationError as error:
            leftover = self.quick_add.show_errors(error.errors)
            self.quick_add.focus_form()
            if leftover:
                self._show_error(ValidationError(leftover))
            return
        except RecoveryDeskError as error:
            self._show_error(error)
            return
        self._events.members_changed.emit(member_id)
        who = draft.preferred_name.strip() or draft.first_name.strip()
        self._close_panels()
        if visit_id is None:
            self._check_in(member_id, who, VisitSource.DESK)
        else:
            self._events.visits_changed.emit(visit_id)
            self.message.show_message(
                MessageKind.DONE, f"{who} is now on the list; today's visit is theirs"
            )
            self._back_to_search()

    def make_member(self, row: DeskRow) -> bool:
        """Turn the guest of ``row`` into a member; their visits stay theirs."""
        return self._make_member_by_id(row.member_id, row.name)

    def _make_member_by_id(self, member_id: int, name: str) -> bool:
        try:
            self._visits.make_member(member_id)
        except RecoveryDeskError as error:
            self._show_error(error)
            return False
        self.message.show_message(
            MessageKind.DONE, f"{name} is now a member; their visits stay theirs"
        )
        self._events.members_changed.emit(member_id)
        self.search.setFocus()
        return True

    # -- leaving ----------------------------------------------------------------------------

    def check_out(self, row: VisitRow) -> bool:
        visit = self._call(self._visits.check_out, row.visit_id)
        if visit is None:
            return False
        when = self._services.clock.local(visit.checked_out_at or visit.checked_in_at)
        self.message.show_message(
            MessageKind.DONE, f"{visitor_name(row)} checked out at {when:%H:%M}"
        )
        self._events.visits_changed.emit(visit.id)
        self.search.setFocus()
        return True

    def check_out_all(self) -> int:
        """Closing time: check everyone out, after a confirmation; returns how many."""
        count = self._call(self._visits.in_building_count) or 0
        if not count or not self.confirm_check_out_all(count):
            self.search.setFocus()
            return 0
        done = self._call(self._visits.check_out_all)
        if done is None:
            return 0
        people = "1 person" if done == 1 else f"{done} people"
        self.message.show_message(MessageKind.DONE, f"Checked out {people}")
        self._events.visits_changed.emit(-1)
        self.search.setFocus()
        return done

    # -- refreshing -------------------------------------------------------------------------

    def refresh_lists(self) -> None:
        """Reload who is in, the day's visits and the header count."""
        self.in_building.reload()
        self.day_visits.update_range()
        self.day_visits.reload()
        count = self._call(self._visits.in_building_count)
        self.header.set_count(count if count is not None else self.in_building.model.rowCount())

    def _on_data_changed(self, _id: int) -> None:
        self.refresh_lists()
        self.checkin.refresh()  # the same text, fresh "last visit" and flags

    def _on_settings_changed(self) -> None:
        self._rules = self._read_rules()
        visit_id = self.purposes.visit_id
        if visit_id is not None:  # the bar on show offers the new list at once
            self.purposes.show_for(
                visit_id, self._purposes_for, self._rules.purposes, self.purposes.chosen()
            )

    def _on_paper_changed(self) -> None:
        self.checkin.set_paper_mode(self.paper.active)
        self.day_visits.set_day(
            self.paper.day if self.paper.active else self._services.clock.today()
        )
        if not self.paper.active:
            self._back_to_search()

    def _read_rules(self) -> VisitRules:
        try:
            return self._services.visit_rules.get()
        except DatabaseError:
            return VisitRules()

    # -- helpers ------------------------------------------------------------------------------

    def _close_panels(self) -> None:
        self.guest_entry.hide()
        self.quick_add.hide()

    def print_signin_sheet(self) -> None:
        """Preview today's sign-in sheet, for the day the computer is down."""
        handout_actions.preview_signin_sheet(self, self._services.handouts, self._show_error)

    def _back_to_search(self) -> None:
        self._close_panels()
        self.search.setFocus()

    def _show_error(self, error: RecoveryDeskError) -> None:
        """A problem in the message line, in plain words; what was typed stays."""
        if isinstance(error, DatabaseError):
            text = f"{error.title}: {error} Nothing you typed was lost; try again."
        else:
            text = f"{error_title(error)}: {plain_text(error)}".replace("\n", " ")
        self.message.show_message(MessageKind.PROBLEM, text)

    def _call(self, action: Callable[..., _T], *args: object) -> _T | None:
        return call_or_report(self._show_error, action, *args)
