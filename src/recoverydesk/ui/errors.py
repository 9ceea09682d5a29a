"""Errors on screen: plain words for problems people can act on, one dialog for bugs.

A ``RecoveryDeskError`` (database busy, disk full, invalid input, someone else's change)
is shown as its own sentence. Anything else is a bug: it is logged with its traceback and
shown as "Unexpected error", with the details collapsed. Exception messages can carry
personal data (SQL parameters, a typed name), so the log and the details keep the frames
and the error's type but only the messages of error types that describe code, not data.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from recoverydesk.domain.errors import (
    ConflictError,
    DatabaseError,
    DuplicateError,
    NotFoundError,
    RecoveryDeskError,
    ValidationError,
)

_T = TypeVar("_T")

log = logging.getLogger("recoverydesk.ui.errors")

ParentGetter = Callable[[], QWidget | None]
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

UNEXPECTED_TITLE = "Unexpected error"
UNEXPECTED_TEXT = "Something went wrong that RecoveryDesk did not expect."
UNEXPECTED_INFO = (
    "What you were doing may not have been finished: please check it. "
    "The error was written to the log{where}. If it keeps happening, tell your administrator."
)

#: error types whose messages describe the code, not the data, so they are safe to log
_CODE_ERRORS = (
    AttributeError,
    ImportError,
    IndexError,
    NameError,
    NotImplementedError,
    RecursionError,
    TypeError,
    ZeroDivisionError,
)
_TITLES: tuple[tuple[type[RecoveryDeskError], str], ...] = (
    (ValidationError, "Please check what was typed"),
    (ConflictError, "Changed by someone else"),
    (NotFoundError, "Not found"),
    (DuplicateError, "Already exists"),
)

_showing = False


def install_excepthook(parent_getter: ParentGetter) -> Callable[[], None]:
    """Send uncaught exceptions to the log and a dialog; returns a function that undoes it."""
    previous: ExceptHook = sys.excepthook

    def hook(exc_type: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        _handle_uncaught(exc_type, error, tb, parent_getter, previous)

    sys.excepthook = hook

    def restore() -> None:
        if sys.excepthook is hook:
            sys.excepthook = previous

    return restore


def show_database_error(parent: QWidget | None, error: DatabaseError) -> None:
    """Tell the person, in plain words, what the database could not do."""
    QMessageBox.warning(parent, error.title, str(error))


def handle_error(parent: QWidget | None, error: BaseException) -> None:
    """Show a ``RecoveryDeskError`` in plain words; re-raise anything else (a bug)."""
    if isinstance(error, DatabaseError):
        show_database_error(parent, error)
    elif isinstance(error, RecoveryDeskError):
        QMessageBox.warning(parent, error_title(error), plain_text(error))
    else:
        raise error


def error_title(error: RecoveryDeskError) -> str:
    """A short dialog title for ``error``."""
    if isinstance(error, DatabaseError):
        return error.title
    return next((title for kind, title in _TITLES if isinstance(error, kind)), "RecoveryDesk")


def plain_text(error: RecoveryDeskError) -> str:
    """The sentence(s) to show for ``error`` (validation problems one per line)."""
    if isinstance(error, ValidationError) and error.errors:
        return "\n".join(problem.message for problem in error.errors)
    return str(error)


def error_text(error: RecoveryDeskError) -> str:
    """A refusal in one plain line (database problems with their title)."""
    if isinstance(error, DatabaseError):
        return f"{error.title}: {error}"
    return plain_text(error).replace("\n", " ")


def call_or_report(
    report: Callable[[RecoveryDeskError], object], action: Callable[..., _T], *args: object
) -> _T | None:
    """``action(*args)``; on a ``RecoveryDeskError``, ``report`` it and return None."""
    try:
        return action(*args)
    except RecoveryDeskError as error:
        report(error)
        return None


def safe_traceback(error: BaseException) -> str:
    """The traceback of ``error`` and its causes, oldest first, without personal data."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_tb(current.__traceback__))
        parts.append(f"Traceback (most recent call last):\n{frames}{_describe(current)}\n")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return "\nwhich led to:\n\n".join(reversed(parts))


def unexpected_error_box(parent: QWidget | None, details: str) -> QMessageBox:
    """The "Unexpected error" dialog, details collapsed."""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        UNEXPECTED_TITLE,
        UNEXPECTED_TEXT,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(UNEXPECTED_INFO.format(where=_log_location()))
    box.setDetailedText(details)
    return box


def show_unexpected_error(parent: QWidget | None, details: str) -> None:
    unexpected_error_box(parent, details).exec()


def _describe(error: BaseException) -> str:
    name = f"{type(error).__module__}.{type(error).__qualname__}"
    if isinstance(error, _CODE_ERRORS):
        return f"{name}: {error}"
    return f"{name} (message not logged: it may hold personal data)"


def _handle_uncaught(
    exc_type: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
    parent_getter: ParentGetter,
    previous: ExceptHook,
) -> None:
    global _showing
    if issubclass(exc_type, KeyboardInterrupt) or not isinstance(
        QApplication.instance(), QApplication
    ):
        previous(exc_type, error, tb)
        return
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    if _showing:  # an error while the dialog is up: log it, never stack dialogs
        log.error("Another unexpected error while showing one\n%s", safe_traceback(error))
        return
    _showing = True
    try:
        _report(error, _parent(parent_getter))
    except Exception as dialog_error:  # the dialog itself failed: the log must still say so
        log.error("The error dialog could not be shown\n%s", safe_traceback(dialog_error))
    finally:
        _showing = False


def _report(error: BaseException, parent: QWidget | None) -> None:
    if isinstance(error, RecoveryDeskError):
        log.warning("Unhandled %s shown to the user", type(error).__name__)
        handle_error(parent, error)
        return
    details = safe_traceback(error)
    log.error("Unexpected error (%s)\n%s", type(error).__name__, details)
    show_unexpected_error(parent, details)


def _parent(parent_getter: ParentGetter) -> QWidget | None:
    try:
        parent = parent_getter()
    except Exception:
        return None
    return parent if parent is not None and shiboken6.isValid(parent) else None


def _log_location() -> str:
    for handler in logging.getLogger().handlers:
        path = getattr(handler, "baseFilename", None)
        if path:
            return f" ({path})"
    return ""
