"""Fixtures shared by the UI tests that drive the whole app through ``main``."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

from recoverydesk.ui import errors


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str, str]]:
    """Every message box the app would show, recorded instead of shown (nothing blocks)."""
    seen: list[tuple[str, str, str]] = []

    def record(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(("exec", box.text(), "")))
    monkeypatch.setattr(
        errors,
        "show_unexpected_error",
        lambda parent, details: seen.append(("unexpected", "", details)),
    )
    return seen


@pytest.fixture
def keep_root_logging() -> Iterator[None]:
    """``main`` adds a log file in the test's folder; take it away afterwards."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
