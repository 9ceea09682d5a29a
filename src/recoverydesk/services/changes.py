"""What changed in the shared database since we last looked (for live refresh).

Every change a service makes writes an audit entry in the same transaction, so the audit
trail doubles as a change feed that works the same on SQLite and PostgreSQL: ``poll`` reads
the entries after the last one seen — a primary-key range, cheap enough to run every
second — and says which kinds of data changed. Entries this process wrote itself are
skipped (its panes already refreshed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recoverydesk.db.repositories import changes
from recoverydesk.db.session import Database

#: Audit entity → the kind of data a pane shows.
KINDS = {
    "member": "members",
    "members": "members",
    "visit": "visits",
    "peer": "peers",
    "assignment": "peers",
    "certification": "peers",
    "supervision": "peers",
    "contact": "contacts",
    "contacts": "contacts",
    "plan": "plans",
    "barc10": "plans",
    "settings": "settings",
    "user": "users",
    "database": "everything",
}


@dataclass(frozen=True)
class Changes:
    """Kinds of data changed by others, with member ids where known (-1: many)."""

    kinds: frozenset[str] = frozenset()
    member_ids: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.kinds)


class ChangeFeed:
    """Polls the audit trail for changes made by other desks (or other programs)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._seen: int | None = None
        self._own: set[int] = set()

    def mark_own(self, entry_id: int) -> None:
        """Remember an entry this process wrote, so ``poll`` does not report it."""
        self._own.add(entry_id)

    def poll(self) -> Changes:
        """The changes since the previous poll (none on the first call, which sets the mark)."""
        with self._db.read() as session:
            if self._seen is None:
                self._seen = changes.last_id(session)
                return Changes()
            rows = changes.changes_after(session, self._seen)
        if not rows:
            return Changes()
        self._seen = rows[-1][0]
        kinds: set[str] = set()
        members: set[int] = set()
        for entry_id, entity, entity_id in rows:
            if entry_id in self._own:
                self._own.discard(entry_id)
                continue
            kind = KINDS.get(entity, "everything")
            kinds.add(kind)
            if kind == "members":
                members.add(int(entity_id) if entity_id.isdigit() else -1)
        self._own = {i for i in self._own if i > self._seen}
        return Changes(frozenset(kinds), frozenset(members))
