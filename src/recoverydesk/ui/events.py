"""Application-wide change notifications.

A pane that changes data emits the matching signal after the service call succeeds;
every pane that shows that data listens and refreshes itself. No pane reaches into
another.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppEvents(QObject):
    """Signals that say what changed (past tense)."""

    #: a member was created, edited, archived or restored (its id; -1 for many at once)
    members_changed = Signal(int)
    #: a visit was recorded, changed or checked out (its id; -1 for many at once)
    visits_changed = Signal(int)
    #: site settings (or visit rules) were saved
    settings_changed = Signal()
    #: peers, certifications, supervision or assignments changed
    peers_changed = Signal()
    #: a contact was logged (the member's id; -1 for many)
    contacts_changed = Signal(int)
    #: a recovery plan or BARC-10 changed (the member's id; -1 for many)
    plans_changed = Signal(int)
    #: user accounts changed
    users_changed = Signal()
