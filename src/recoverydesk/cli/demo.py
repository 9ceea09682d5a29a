"""``demo-data``: fill a database with realistic synthetic people."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any, subcommand: Any) -> None:
    """Registered by the demo-data work (see services/demo.py)."""
