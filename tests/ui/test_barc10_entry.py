"""BARC-10 by keyboard: ten digits answer the form, the total adds itself up, history shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from tests.ui.conftest import show_active

from recoverydesk.domain.barc10 import Barc10
from recoverydesk.domain.members import Member, MemberDraft
from recoverydesk.services.container import Services
from recoverydesk.ui.forms.plan_barc10 import Barc10Tab, suggestion_lines
from recoverydesk.ui.widgets.barc10_chart import Barc10Chart
from recoverydesk.ui.widgets.barc10_entry import Barc10Entry

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)
TODAY = dt.date(2026, 3, 10)


def shown(qtbot, widget: QWidget) -> QWidget:
    return show_active(qtbot, widget, (1100, 700))


def press(qtbot, *keys: str | Qt.Key) -> None:
    """Press keys on whatever has the keyboard focus, as a person would."""
    for key in keys:
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key)


@pytest.fixture
def member(services: Services) -> Member:
    return services.members.create(MemberDraft("Lan", "Nguyễn"))


def test_ten_digits_answer_every_item_and_the_total_adds_up(qtbot):
    entry = shown(qtbot, Barc10Entry())
    assert isinstance(entry, Barc10Entry)
    entry.setFocus()
    assert entry.current_item() == 1
    with qtbot.waitSignal(entry.completed):
        press(qtbot, *"5462345613")
    assert entry.scores() == [5, 4, 6, 2, 3, 4, 5, 6, 1, 3]
    assert entry.total() == 39
    assert entry.total_label.text() == "Total: 39 of 60"
    assert "At or above" not in entry.note_label.text()


def test_keys_move_change_and_clear_answers_and_others_are_ignored(qtbot):
    entry = shown(qtbot, Barc10Entry())
    assert isinstance(entry, Barc10Entry)
    entry.setFocus()
    press(qtbot, "7", "0", "a")  # not answers: nothing happens, item 1 keeps the focus
    assert entry.answered() == 0 and entry.current_item() == 1
    press(qtbot, "6")
    assert entry.current_item() == 2
    press(qtbot, Qt.Key.Key_Up)
    assert entry.current_item() == 1
    press(qtbot, Qt.Key.Key_Left, Qt.Key.Key_Left)
    assert entry.scores()[0] == 4
    press(qtbot, Qt.Key.Key_Delete)
    assert entry.scores()[0] is None
    press(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Right)
    assert entry.current_item() == 2 and entry.scores()[1] == 1
    assert entry.total_label.text() == "Total so far: 1 (1 of 10 answered)"


def test_clicking_an_answer_button_sets_it_and_the_note_marks_47(qtbot):
    entry = shown(qtbot, Barc10Entry())
    assert isinstance(entry, Barc10Entry)
    entry.set_scores([5] * 9 + [None])
    qtbot.mouseClick(entry.rows[9].buttons[1], Qt.MouseButton.LeftButton)  # "2"
    assert entry.total() == 47
    assert entry.rows[9].answer_label.text() == "Disagree"
    assert entry.note_label.text().startswith("✓ At or above 47")
    names = {b.accessibleName() for row in entry.rows for b in row.buttons}
    assert names == {"1", "2", "3", "4", "5", "6"}
    assert entry.rows[6].accessibleName() == "7. Living space supports recovery"


def test_chart_places_points_and_says_what_it_shows(qtbot):
    chart = shown(qtbot, Barc10Chart())
    assert isinstance(chart, Barc10Chart)
    assert chart.summary().startswith("No BARC-10 yet")
    history = [
        Barc10(2, 1, dt.date(2026, 1, 5), "Sam", (5,) * 10),
        Barc10(1, 1, dt.date(2025, 9, 1), "Sam", (3,) * 10),
    ]
    chart.set_history(history)
    assert chart.points == [(dt.date(2025, 9, 1), 30), (dt.date(2026, 1, 5), 50)]
    assert "30 (2025-09-01), 50 (2026-01-05)" in chart.accessibleDescription()
    assert not chart.grab().isNull()


def test_suggestions_are_grouped_by_area_in_gentle_words():
    from recoverydesk.domain.barc10 import Suggestion

    lines = suggestion_lines(
        [
            Suggestion("Home", "Living space supports recovery", 2),
            Suggestion("Purpose", "Life satisfaction", 3),
            Suggestion("Purpose", "Sense of progress", 1),
        ]
    )
    assert lines == [
        ("Home", "Living space supports recovery scored 2 — a Home goal might help."),
        (
            "Purpose",
            "Life satisfaction scored 3 and Sense of progress scored 1 — a Purpose goal might "
            "help.",
        ),
    ]


def test_record_by_keyboard_only_then_history_chart_and_ideas(
    qtbot, services: Services, member: Member
):
    tab = shown(qtbot, Barc10Tab(services))
    assert isinstance(tab, Barc10Tab)
    tab.load(member.id)
    assert tab.due_label.text().startswith("No BARC-10 yet")
    assert tab.date_edit.text() == TODAY.isoformat()
    assert tab.by_edit.text() == services.access.actor.display_name
    tab.entry.focus_first_unanswered()
    press(qtbot, *"5555552555")
    assert tab.save_button.hasFocus()
    assert tab.entry.total_label.text() == "Total: 47 of 60"
    with qtbot.waitSignal(tab.recorded) as saved:
        press(qtbot, Qt.Key.Key_Return)
    assert saved.args[0].total == 47
    [stored] = services.barc10.history(member.id)
    assert stored.scores == (5, 5, 5, 5, 5, 5, 2, 5, 5, 5) and stored.taken_on == TODAY
    assert tab.history_model.rowCount() == 1
    assert tab.history_model.index(0, 1).data() == "47 ✓"
    assert tab.chart.points == [(TODAY, 47)]
    assert tab.entry.answered() == 0  # ready for the next one
    assert "Next one due 2026-06-08" in tab.due_label.text()
    assert [b.text() for b in tab.idea_buttons] == ["Add a Home goal"]
    with qtbot.waitSignal(tab.goal_suggested) as asked:
        qtbot.mouseClick(tab.idea_buttons[0], Qt.MouseButton.LeftButton)
    assert asked.args == ["Home"]


def test_an_unfinished_assessment_is_refused_naming_the_item(
    qtbot, services: Services, member: Member
):
    tab = shown(qtbot, Barc10Tab(services))
    assert isinstance(tab, Barc10Tab)
    tab.load(member.id)
    tab.entry.focus_first_unanswered()
    press(qtbot, *"444")
    tab.date_edit.setText("2026-13-01")
    assert not tab.save_assessment()
    assert "is not a date" in tab.date_box.message
    tab.date_edit.setText("")
    assert not tab.save_assessment()
    assert "Item 4 (Community belonging) needs an answer" in tab.errors_label.text()
    assert tab.entry.current_item() == 4
    assert tab.entry.scores()[:3] == [4, 4, 4]  # what was answered stays
    assert services.barc10.history(member.id) == []
