"""The plan editor as a peer uses it with a member: real widgets, keyboard, a real SQLite file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QWidget
from tests.ui.conftest import show_active

from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.domain.plan_kinds import GoalStatus, PlanStatus, StepOwner
from recoverydesk.domain.plans import Goal, Plan, PlanDraft, Step, Support
from recoverydesk.services.container import Services
from recoverydesk.ui.events import AppEvents
from recoverydesk.ui.forms.plan_editor import TAB_BARC10, TAB_WELLNESS, PlanEditor
from recoverydesk.ui.forms.plan_versions import PlanVersionsDialog
from recoverydesk.ui.panes.plans_pane import PAGE_EDITOR, PAGE_LIST, PlansPane

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
TODAY = dt.date(2026, 3, 10)
VIETNAMESE = "Đi bộ mỗi sáng với chị Hương"
ARABIC = "أريد أن أرى أطفالي كل أسبوع"


def type_text(text: str) -> None:
    """Type any text into the focused widget (keyClicks aborts on non-ASCII with PySide6)."""
    for char in text:
        focus = QApplication.focusWidget()
        assert focus is not None
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focus, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def key(qtbot, which: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, which, modifier)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def focus_on(widget: QWidget) -> None:
    widget.setFocus()
    assert QApplication.focusWidget() is widget


def without_ids(plan: Plan) -> list[Goal]:
    return [
        replace(g, id=None, steps=tuple(replace(s, id=None) for s in g.steps)) for g in plan.goals
    ]


@pytest.fixture
def member(services: Services) -> Member:
    return services.members.create(MemberDraft("Lan", "Nguyễn", preferred_name="Lanie"))


@pytest.fixture
def pane(qtbot, services: Services, events: AppEvents) -> PlansPane:
    return show_active(qtbot, PlansPane(services, events), (1280, 860))


@pytest.fixture
def editor(pane: PlansPane, member: Member, qtbot) -> PlanEditor:
    """The editor on a freshly started (draft) plan for ``member``."""
    pane.ask_member = lambda: member.id  # type: ignore[method-assign]
    click(qtbot, pane.start_button)
    assert pane.stack.currentIndex() == PAGE_EDITOR
    return pane.editor


def add_step(qtbot, card, what: str, owner_downs: int = 0, due: str = "") -> None:
    """Add a step with the keyboard: its words, Tab, owner (Down n times), Tab, due, Enter."""
    click(qtbot, card.steps.add_button)
    type_text(what)
    key(qtbot, Qt.Key.Key_Tab)
    for _ in range(owner_downs):
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(due)
    key(qtbot, Qt.Key.Key_Return)
    finish_editing(qtbot, card.steps.view)


def finish_editing(qtbot, view: QAbstractItemView) -> None:
    """Enter closes a cell editor once the event loop runs (Qt queues that commit)."""
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def test_build_a_plan_with_two_goals_and_steps_and_save_it(
    qtbot, editor: PlanEditor, services: Services, member: Member, events: AppEvents
):
    assert editor.name_label.text() == "Lanie Nguyễn"
    assert "Draft plan" in editor.info_label.text()
    goals = editor.goals
    first = goals.add_goal("Health")
    assert first is not None and first.texts["goal"].hasFocus()
    type_text(VIETNAMESE)
    focus_on(first.texts["why"])
    qtbot.keyClicks(first.texts["why"], "I sleep better")
    qtbot.keyClicks(first.lines["target_date"], "2026-06-30")
    qtbot.keyClicks(first.lines["measure"], "Walks a week")
    add_step(qtbot, first, "Mua giày mới", owner_downs=1, due="2026-04-01")
    add_step(qtbot, first, "Walk to the harbour")

    goals.new_domain.setCurrentText("")
    qtbot.keyClicks(goals.new_domain, "Family")
    click(qtbot, goals.add_button)
    second = goals.cards[1]
    assert second.title.text() == "Goal 2 · Family" and second.texts["goal"].hasFocus()
    type_text(ARABIC)
    add_step(qtbot, second, "Call the family centre", owner_downs=2, due="2026-03-20")

    editor.tabs.setCurrentIndex(TAB_WELLNESS)
    focus_on(editor.wellness.edits["strengths"])
    type_text("Tôi kiên nhẫn")
    click(qtbot, editor.wellness.add_support_button)
    type_text("فاطمة")
    key(qtbot, Qt.Key.Key_Tab)
    type_text("sister")
    key(qtbot, Qt.Key.Key_Return)
    finish_editing(qtbot, editor.wellness.supports_view)
    assert editor.is_dirty()

    with qtbot.waitSignal(events.plans_changed) as changed:
        key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [member.id]
    assert editor.status_label.text() == "Plan saved"
    assert not editor.is_dirty() and not editor.errors_label.isVisible()

    saved = services.plans.get(member.id)
    assert saved is not None and saved.status is PlanStatus.DRAFT
    assert without_ids(saved) == [
        Goal(
            domain="Health",
            goal=VIETNAMESE,
            why="I sleep better",
            measure="Walks a week",
            target_date=dt.date(2026, 6, 30),
            steps=(
                Step("Mua giày mới", StepOwner.PEER, dt.date(2026, 4, 1)),
                Step("Walk to the harbour", StepOwner.MEMBER),
            ),
        ),
        Goal(
            domain="Family",
            goal=ARABIC,
            steps=(Step("Call the family centre", StepOwner.OTHER, dt.date(2026, 3, 20)),),
        ),
    ]
    assert saved.section("strengths") == "Tôi kiên nhẫn"
    assert [replace(s, id=None) for s in saved.supports] == [Support("فاطمة", "sister")]
    # the editor took the new ids, so a second save keeps rows instead of replacing them
    assert [c.goal_id for c in goals.cards] == [g.id for g in saved.goals]
    first.status.setCurrentIndex(first.status.findData(GoalStatus.IN_PROGRESS.value))
    assert editor.save()
    again = services.plans.get(member.id)
    assert again is not None and [g.id for g in again.goals] == [g.id for g in saved.goals]
    assert services.plans.compare(saved, again) == [f"Goal now in progress (Health): {VIETNAMESE}"]


def test_a_date_that_cannot_be_read_is_named_and_nothing_is_lost(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    card = editor.goals.add_goal("Home")
    assert card is not None
    add_step(qtbot, card, "Visit the housing office", due="next week")
    click(qtbot, editor.save_button)
    assert editor.errors_label.isVisible()
    text = editor.errors_label.text()
    assert "Goal 1, step 1: due date: 'next week' is not a date" in text
    assert "Goal 1: the goal is required" not in text  # unreadable dates are named first
    assert card.boxes["steps"].message
    assert card.steps_model.rows()[0].due == "next week"
    assert services.plans.get(member.id).goals == ()
    card.steps_model.setData(card.steps_model.index(0, card.steps_model.COL_DUE), "2026-04-02")
    assert not editor.save()
    assert "Goal 1: the goal is required" in editor.errors_label.text()
    assert card.boxes["goal"].message == "Goal 1: the goal is required"
    assert card.texts["goal"].hasFocus()
    qtbot.keyClicks(card.texts["goal"], "A flat of my own")
    assert not editor.errors_label.isVisible()  # re-checked as typed
    assert editor.save()


def test_overdue_goals_and_steps_are_flagged_in_words(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    plan = editor.plan
    assert plan is not None
    draft = PlanDraft(
        goals=(
            Goal(
                "Purpose",
                "Finish the course",
                target_date=dt.date(2026, 2, 1),
                status=GoalStatus.IN_PROGRESS,
                steps=(Step("Hand in essay", due_on=dt.date(2026, 3, 1)),),
            ),
        )
    )
    services.plans.save(member.id, draft, plan.version)
    editor.load_member(member.id)
    card = editor.goals.cards[0]
    assert card.flag.text() == "⚠ Past its target date · ⚠ 1 step overdue"
    assert editor.goals.summary.text() == "⚠ 1 goal past target date · 1 step overdue"
    due = card.steps_model.index(0, card.steps_model.COL_DUE)
    assert due.data() == "2026-03-01 · overdue"
    card.status.setCurrentIndex(card.status.findData(GoalStatus.PAUSED.value))
    assert card.flag.text() == "" and due.data() == "2026-03-01"


def test_record_a_barc10_by_keyboard_only(
    qtbot, editor: PlanEditor, services: Services, member: Member, events: AppEvents
):
    key(qtbot, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # the "BARC-10" tab
    assert editor.tabs.currentIndex() == TAB_BARC10
    tab = editor.barc10
    assert tab.entry.current_item() == 1
    for digit in "4535546454":
        key(qtbot, getattr(Qt.Key, f"Key_{digit}"))
    assert tab.entry.total_label.text() == "Total: 45 of 60"
    assert tab.save_button.hasFocus()
    with qtbot.waitSignal(events.plans_changed):
        key(qtbot, Qt.Key.Key_Return)
    assert editor.status_label.text() == "BARC-10 saved: total 45"
    [saved] = services.barc10.history(member.id)
    assert saved.scores == (4, 5, 3, 5, 5, 4, 6, 4, 5, 4)
    assert tab.history_model.rowCount() == 1
    assert tab.history_model.index(0, 0).data() == TODAY.isoformat()
    assert tab.history_model.index(0, 1).data() == "45"
    assert tab.chart.points == [(TODAY, 45)]
    assert [b.text() for b in tab.idea_buttons] == ["Add a Health goal"]  # item 3 (energy) scored 3

    click(qtbot, tab.idea_buttons[0])  # a gentle prompt: only a blank goal in the editor
    assert editor.tabs.currentIndex() == 0
    assert [c.domain_text for c in editor.goals.cards] == ["Health"]
    assert services.plans.get(member.id).goals == ()


def test_activate_mark_reviewed_and_see_the_earlier_version(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    card = editor.goals.add_goal("Community")
    assert card is not None
    type_text("Go to the Tuesday group")
    assert not editor.review_button.isEnabled()  # a draft is activated first
    click(qtbot, editor.activate_button)
    assert "review due 2026-06-08" in editor.info_label.text()
    assert not editor.activate_button.isVisible()
    click(qtbot, editor.review_button)  # saves the typed goal first
    assert editor.status_label.text().startswith("Marked reviewed on 2026-03-10")
    [review] = services.plans.reviews(member.id)

    qtbot.keyClicks(card.lines["measure"], "Weeks I went")
    assert editor.save()
    click(qtbot, editor.versions_button)
    dialog = editor.findChild(PlanVersionsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 0).data() == review.reviewed_on.isoformat()
    assert "Go to the Tuesday group" in dialog.viewer.toPlainText()
    assert "Weeks I went" not in dialog.viewer.toPlainText()
    lines = dialog.compare_with_current()
    assert lines == ["Goal measure changed (Community): Go to the Tuesday group"]
    assert "Goal measure changed" in dialog.viewer.toPlainText()
    dialog.close()


def test_someone_elses_save_keeps_the_typed_text(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    opened = editor.plan
    assert opened is not None
    other = PlanDraft(sections={"triggers": "Loud places"})
    services.plans.save(member.id, other, opened.version)  # another desk saves first
    editor.tabs.setCurrentIndex(TAB_WELLNESS)
    triggers = editor.wellness.edits["triggers"]
    focus_on(triggers)
    type_text("Ngày giỗ của mẹ")
    click(qtbot, editor.save_button)
    box = editor.message_box
    assert box is not None and box.isVisible()
    assert "Someone else saved this plan" in box.informativeText()
    assert triggers.toPlainText() == "Ngày giỗ của mẹ"
    assert editor.is_dirty()
    assert services.plans.get(member.id).section("triggers") == "Loud places"
    box.close()


def test_leaving_with_unsaved_changes_asks_first(
    qtbot, pane: PlansPane, editor: PlanEditor, services: Services, member: Member
):
    editor.tabs.setCurrentIndex(TAB_WELLNESS)
    focus_on(editor.wellness.edits["coping_tools"])
    type_text("Music")
    answers = iter(["cancel", "save"])
    editor.confirm_discard = lambda: next(answers)  # type: ignore[method-assign]
    click(qtbot, pane.back_button)
    assert pane.stack.currentIndex() == PAGE_EDITOR
    assert editor.wellness.edits["coping_tools"].toPlainText() == "Music"
    key(qtbot, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert pane.stack.currentIndex() == PAGE_LIST
    assert services.plans.get(member.id).section("coping_tools") == "Music"
    assert pane.model.row_of(member.id) is not None


def test_another_desks_change_shows_when_nothing_is_typed(
    qtbot, editor: PlanEditor, services: Services, member: Member, events: AppEvents
):
    plan = editor.plan
    assert plan is not None
    services.plans.save(member.id, PlanDraft(sections={"strengths": "Funny"}), plan.version)
    events.plans_changed.emit(-1)  # what live refresh says for another desk's change
    assert editor.wellness.edits["strengths"].toPlainText() == "Funny"
    assert not editor.is_dirty()


def test_print_plan_asks_what_to_include_and_previews_the_handout(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    from recoverydesk.services.demo import apply_demo_settings
    from recoverydesk.ui.forms.plan_print import PrintChoice, PrintPlanDialog

    apply_demo_settings(services)  # a centre name to print on the handout
    editor.tabs.setCurrentIndex(TAB_WELLNESS)
    focus_on(editor.wellness.edits["strengths"])
    type_text("Tôi kiên nhẫn")
    focus_on(editor.wellness.edits["triggers"])
    type_text("Payday")
    asked: list[PrintChoice] = []

    def choose() -> PrintChoice:
        dialog = PrintPlanDialog(editor)
        dialog.section_boxes["triggers"].setChecked(False)  # the member keeps that one
        dialog.large_print.setChecked(True)
        asked.append(dialog.choice())
        return asked[-1]

    editor.confirm_discard = lambda: "save"  # type: ignore[method-assign]
    editor.ask_print_options = choose  # type: ignore[method-assign]
    assert editor.print_button.isEnabled()
    preview = editor.print_plan()
    assert preview is not None
    assert services.plans.get(member.id).section("strengths") == "Tôi kiên nhẫn"  # saved first
    assert asked[0].large_print and "triggers" not in asked[0].sections
    assert asked[0].include_barc10
    assert len(preview.page_labels) >= 1  # type: ignore[attr-defined]
    from pypdf import PdfReader

    pdf = PdfReader(preview.pdf_path)  # type: ignore[attr-defined]
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Tôi kiên nhẫn" in text and "Payday" not in text
    preview.close()  # type: ignore[attr-defined]


def test_without_plans_edit_the_plan_is_read_only(
    qtbot, editor: PlanEditor, services: Services, member: Member, monkeypatch
):
    from recoverydesk.domain.accounts import Action

    card = editor.goals.add_goal("Home")
    assert card is not None
    type_text("A flat of my own")
    assert editor.save()
    monkeypatch.setattr(services.access, "can", lambda action: action != Action.PLANS_EDIT)
    editor.load_member(member.id)
    assert not editor.save_button.isVisible() and not editor.review_button.isVisible()
    assert not editor.goals.add_button.isVisible()
    card = editor.goals.cards[0]
    assert card.texts["goal"].isReadOnly() and not card.remove_button.isVisible()
    assert not card.steps.add_button.isVisible()
    assert not editor.wellness.add_support_button.isVisible()
    editor.tabs.setCurrentIndex(TAB_BARC10)
    assert not editor.barc10.entry_group.isVisible()
    assert editor.versions_button.isEnabled()
    assert not editor.save()


def test_earlier_versions_of_a_plan_never_reviewed(qtbot, editor: PlanEditor):
    dialog = editor.show_versions()
    assert dialog is not None
    assert dialog.model.rowCount() == 0
    assert "has not been reviewed yet" in dialog.viewer.toPlainText()
    assert not dialog.compare_button.isEnabled()
    dialog.close()


def test_ctrl_s_while_typing_in_a_step_cell_saves_what_is_typed(
    qtbot, editor: PlanEditor, services: Services, member: Member
):
    card = editor.goals.add_goal("Purpose")
    assert card is not None
    type_text("Volunteer at the food bank")
    click(qtbot, card.steps.add_button)
    type_text("Ring Hà on Monday")
    assert card.steps.view.state() == QAbstractItemView.State.EditingState
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = services.plans.get(member.id)
    assert saved is not None
    assert [s.what for s in saved.goals[0].steps] == ["Ring Hà on Monday"]
    assert not editor.is_dirty()
