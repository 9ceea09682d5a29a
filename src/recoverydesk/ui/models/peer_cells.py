"""How peer-work cells read: dates, caseload against cap, certificate alerts, warning colours.

Shared by the peer-work models and widgets so a warning reads the same everywhere, and is
never colour alone: the words say "over cap", "overdue", "expired".
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor, QFont

from recoverydesk.domain.peers import CaseloadStatus
from recoverydesk.ui.widgets.field_feedback import ERROR_COLOR

__all__ = [
    "ERROR_COLOR",
    "MUTED_COLOR",
    "NEVER",
    "NONE_SET",
    "WARNING_COLOR",
    "bold",
    "brush",
    "caseload_sentence",
    "caseload_text",
    "certificate_text",
    "date_text",
    "name_with_pronouns",
]

#: dark amber: "soon" warnings, readable on white and always with words
WARNING_COLOR = "#8a4b00"
#: muted grey for inactive peers and missing dates
MUTED_COLOR = "#5f6368"
NEVER = "never"
NONE_SET = "—"


def name_with_pronouns(name: str, pronouns: str) -> str:
    """'Ana Lima (she/her)', or the name alone when no pronouns are given."""
    return f"{name} ({pronouns})" if pronouns else name


def date_text(value: dt.date | None, empty: str = NEVER) -> str:
    """A date as YYYY-MM-DD, or ``empty`` when there is none."""
    return value.isoformat() if value is not None else empty


def brush(color: str) -> QBrush:
    return QBrush(QColor(color))


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def caseload_text(status: CaseloadStatus) -> str:
    """Say "12 / 15", or "17 / 15 over cap" (words, not colour alone)."""
    text = f"{status.count} / {status.cap}"
    return f"{text} over cap" if status.over_cap else text


def caseload_sentence(status: CaseloadStatus, default_cap: bool = False) -> str:
    """Say "12 members of a cap of 15; 2 secondary" for a tooltip or a label."""
    members = "1 member" if status.count == 1 else f"{status.count} members"
    cap = f"a cap of {status.cap}" + (" (site default)" if default_cap else "")
    extra = f"; {status.secondary} secondary" if status.secondary else ""
    return f"{members} of {cap}{extra}"


def certificate_text(expired: int, expiring: int) -> str:
    """Say "1 expired, 2 expire soon"; '' when all are fine."""
    parts = []
    if expired:
        parts.append(f"{expired} expired")
    if expiring:
        parts.append(f"{expiring} expire{'s' if expiring == 1 else ''} soon")
    return ", ".join(parts)
