"""Emit a Qt signal from Python without losing a reference to ``True``.

PySide6 6.12.0 hands back the ``bool`` result of ``SignalInstance.emit()`` without the
reference that goes with it, so every emit from Python code drops one reference to
``True``. On Python 3.11, where ``True`` is not immortal, a few hundred emits later the
interpreter aborts ("Fatal Python error: bool_dealloc"). ``emit`` gives the reference
back, and only when a probe at import shows that this PySide6 drops it.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    """A signal to test this PySide6's ``emit`` once."""

    pinged = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    result = probe.pinged.emit()
    del result
    dropped = sys.getrefcount(True) < before
    if dropped:
        _give_back(True)
    return dropped


def _give_back(value: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


_COMPENSATE = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, keeping Python's reference counts right."""
    result = signal.emit(*args)
    if _COMPENSATE and isinstance(result, bool):
        _give_back(result)
