"""Operations off the UI thread, and how errors reach the person (dialogs, log)."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from recoverydesk.domain.errors import (
    DatabaseLockedError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from recoverydesk.ui import errors
from recoverydesk.ui.operations import run_operation

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"
)


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box that would have been shown, as (kind, title, text); none block."""
    seen: list[tuple[str, str, str]] = []

    def warning(parent, title, text, *args):
        seen.append(("warning", title, text))
        return QMessageBox.StandardButton.Ok

    def exec_box(box):
        seen.append(("box", box.windowTitle(), box.text() + "\n" + box.informativeText()))
        seen.append(("details", box.windowTitle(), box.detailedText()))
        return 0

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return seen


# ----- run_operation -------------------------------------------------------------------


def test_result_comes_back_on_the_ui_thread(qtbot):
    results = []
    ui_thread = threading.get_ident()

    def work():
        return ("done", threading.get_ident())

    run_operation(work, on_success=lambda r: results.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(results), timeout=3000)
    (value, worker_thread), delivered_on = results[0]
    assert value == "done"
    assert worker_thread != ui_thread
    assert delivered_on == ui_thread


def test_domain_error_goes_to_on_error(qtbot):
    failures = []

    def work():
        raise NotFoundError("That member no longer exists.")

    run_operation(work, on_success=pytest.fail, on_error=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], NotFoundError)
    assert str(failures[0]) == "That member no longer exists."


def test_domain_error_without_on_error_is_shown_in_plain_words(qtbot, shown):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work():
        raise DatabaseLockedError("The database is busy. Nothing was saved.")

    operation = run_operation(work, on_success=pytest.fail, parent=parent)
    with qtbot.waitSignal(operation.finished, timeout=3000):
        pass
    assert shown == [("warning", "Database busy", "The database is busy. Nothing was saved.")]


def test_progress_dialog_appears_only_for_slow_work(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    done = []
    operation = run_operation(
        lambda: release.wait(5), on_success=done.append, parent=parent, label="Making the report…"
    )
    dialog = operation.progress_dialog
    assert dialog is not None and not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.labelText() == "Making the report…"
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=3000)
    assert not operation.running


def test_result_for_a_closed_window_is_dropped(qtbot):
    parent = QWidget()
    release = threading.Event()
    delivered = []
    operation = run_operation(
        lambda: release.wait(5), on_success=delivered.append, parent=parent, show_progress=False
    )
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent), timeout=2000)
    with qtbot.waitSignal(operation.finished, timeout=3000):
        release.set()
    assert delivered == []


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


# ----- errors: plain words -------------------------------------------------------------


def test_handle_error_lists_validation_problems(shown):
    error = ValidationError(
        [
            FieldError("phone", "Phone should be digits"),
            FieldError("email", "Email should look like name@example.org"),
        ]
    )
    errors.handle_error(None, error)
    assert shown == [
        (
            "warning",
            "Please check what was typed",
            "Phone should be digits\nEmail should look like name@example.org",
        )
    ]


def test_handle_error_reraises_bugs(shown):
    with pytest.raises(KeyError):
        errors.handle_error(None, KeyError("x"))
    assert shown == []


# ----- errors: the exception hook ------------------------------------------------------


@pytest.fixture
def hook(qapp):
    restore = errors.install_excepthook(lambda: None)
    yield sys.excepthook
    restore()


def _raise_bug() -> None:
    try:
        name = "Jordan " + "Example"
        {}[name]  # a bug whose message holds a (synthetic) name
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)


def test_excepthook_shows_unexpected_error_with_details_collapsed(hook, shown, caplog):
    caplog.set_level(logging.ERROR)
    _raise_bug()
    kinds = [kind for kind, _, _ in shown]
    assert kinds == ["box", "details"]
    _, title, text = shown[0]
    assert title == "Unexpected error"
    assert "did not expect" in text and "written to the log" in text
    details = shown[1][2]
    assert "_raise_bug" in details and "KeyError" in details
    assert "Jordan Example" not in details
    assert "Unexpected error (KeyError)" in caplog.text
    assert "Jordan Example" not in caplog.text


def test_excepthook_shows_domain_errors_in_plain_words(hook, shown):
    error = DatabaseLockedError("The database is busy.")
    sys.excepthook(type(error), error, None)
    assert shown == [("warning", "Database busy", "The database is busy.")]


def test_excepthook_never_stacks_dialogs(hook, monkeypatch, caplog):
    boxes = []

    def exec_box(box):
        boxes.append(box.windowTitle())
        _raise_bug()  # a second error while the first dialog is up
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    _raise_bug()
    assert boxes == ["Unexpected error"]
    assert "Another unexpected error" in caplog.text


def test_excepthook_survives_a_failing_dialog(hook, monkeypatch, caplog):
    def broken(box):
        raise RuntimeError("no display")

    monkeypatch.setattr(QMessageBox, "exec", broken)
    _raise_bug()  # must not raise
    assert "could not be shown" in caplog.text


def test_restore_puts_the_previous_hook_back(qapp):
    before = sys.excepthook
    restore = errors.install_excepthook(lambda: None)
    assert sys.excepthook is not before
    restore()
    assert sys.excepthook is before
