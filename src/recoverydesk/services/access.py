"""Who is signed in, what they may do, and the audit trail of what they did.

Every service holds the one ``Access`` of its ``Services`` and calls ``require`` at the top
of each use case, before its transaction: the role × action matrix of
``domain.accounts`` is enforced here, in the service layer, whatever the UI shows. A refusal
raises ``PermissionDeniedError`` and is itself written to the audit trail.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable

from recoverydesk.db.repositories import audit
from recoverydesk.db.repositories.assigned import is_assigned
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import (
    SYSTEM_ACTOR,
    Action,
    Actor,
    AuditAction,
    PermissionDeniedError,
    scoped,
)
from recoverydesk.domain.clock import Clock

#: A second view of the same record by the same person within this time is not recorded.
VIEW_WINDOW = dt.timedelta(minutes=10)
#: Past this many remembered views, the ones older than ``VIEW_WINDOW`` are forgotten.
MAX_REMEMBERED_VIEWS = 1000
_LONG_AGO = dt.datetime.min.replace(tzinfo=dt.UTC)


def this_station() -> str:
    """A name for this computer in the audit trail (its host name)."""
    try:
        return socket.gethostname()[:80] or "this computer"
    except OSError:
        return "this computer"


class Access:
    """The signed-in actor, permission checks and audit writes for one open database."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        actor: Actor | None = SYSTEM_ACTOR,
        station: str | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._actor = actor
        self._locked = False
        self._views: dict[tuple[str, str, str], dt.datetime] = {}
        self.station = station if station is not None else this_station()
        #: called with the id of every audit entry this process writes (the change feed)
        self.on_recorded: list[Callable[[int], None]] = []

    @property
    def actor(self) -> Actor | None:
        """Who is acting now; None while nobody is signed in."""
        return self._actor

    def act_as(self, actor: Actor | None) -> None:
        """Switch who is acting (sign-in, sign-out, tests)."""
        self._actor = actor
        self._locked = False

    @property
    def locked(self) -> bool:
        """True while the screen is locked: every use case is refused until unlocked."""
        return self._locked

    def set_locked(self, locked: bool) -> None:
        self._locked = locked

    def can(self, action: Action) -> bool:
        """True when the current actor's role allows ``action`` (scope aside): for the UI."""
        return self._actor is not None and not self._locked and self._actor.may(action)

    def require(self, action: Action, member_id: int | None = None) -> Actor:
        """The current actor, if they may take ``action`` (for ``member_id``); else refuse.

        A peer may take scoped actions (contacts, plans) only for members assigned to them.
        Call before opening the use case's own transaction.
        """
        actor = self._actor
        if actor is None:
            raise PermissionDeniedError("Please sign in first.")
        if self._locked:
            raise PermissionDeniedError("The screen is locked. Unlock it to go on.")
        if not actor.may(action):
            self._refuse(actor, action, member_id)
            raise PermissionDeniedError(
                f"Your role ({actor.role.label}) cannot do this ({action.value}). "
                "Ask a coordinator."
            )
        if member_id is not None and scoped(actor.role, action):
            with self._db.read() as session:
                mine = actor.peer_id is not None and is_assigned(session, member_id, actor.peer_id)
            if not mine:
                self._refuse(actor, action, member_id)
                raise PermissionDeniedError(
                    "This member is not on your caseload. Ask a coordinator to assign them "
                    "to you, or to look at this for you."
                )
        return actor

    def record(
        self,
        session: Session,
        action: AuditAction,
        entity: str = "",
        entity_id: object = "",
        detail: str = "",
    ) -> None:
        """Append an audit row inside the caller's write transaction (no personal data)."""
        actor = self._actor
        entry = audit.append(
            session,
            at=self._clock.now(),
            username=actor.username if actor else "",
            station=self.station,
            action=action,
            entity=entity,
            entity_id="" if entity_id is None else str(entity_id),
            detail=detail,
        )
        for listener in self.on_recorded:
            listener(entry)

    def log(
        self, action: AuditAction, entity: str = "", entity_id: object = "", detail: str = ""
    ) -> None:
        """Append an audit row in a transaction of its own (views, prints, exports).

        A view is recorded once per person, record and ``VIEW_WINDOW``: a screen that
        re-reads what is already open (after another desk's change) adds no new rows.
        """
        view = (self._actor.username if self._actor else "", entity, str(entity_id))
        now = self._clock.now()
        if action is AuditAction.VIEW and now - self._views.get(view, _LONG_AGO) < VIEW_WINDOW:
            return
        with self._db.write() as session:
            self.record(session, action, entity, entity_id, detail)
        if action is AuditAction.VIEW:  # remembered only once the entry is written
            if len(self._views) > MAX_REMEMBERED_VIEWS:
                self._views = {k: t for k, t in self._views.items() if now - t < VIEW_WINDOW}
            self._views[view] = now

    def log_as(self, username: str, action: AuditAction, detail: str = "") -> None:
        """An entry for someone not signed in yet (a failed sign-in, for example)."""
        with self._db.write() as session:
            audit.append(
                session,
                at=self._clock.now(),
                username=username,
                station=self.station,
                action=action,
                detail=detail,
            )

    def _refuse(self, actor: Actor, action: Action, member_id: int | None) -> None:
        self.log(AuditAction.REFUSED, "member" if member_id else "", member_id or "", action)
