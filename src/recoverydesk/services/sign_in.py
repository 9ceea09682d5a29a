"""Checking passwords at sign-in and unlock, and counting the wrong ones.

Passwords are NFC-normalised, then hashed with argon2id (argon2-cffi; its default cost
unless a hasher is given) and re-hashed at the next good sign-in when the cost changes.
Hashing and checking run outside any transaction, so a slow hash never holds the database.
Five wrong passwords in a row pause an account for 15 minutes (by the injected clock).
Every refusal says the same "Wrong username or password.", whether the name exists or not;
names that do not exist are paused too (counted in memory, on this station), so the pause
message gives nothing away either. On a database opened read-only wrong tries are counted
in memory and nothing is audited.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from recoverydesk.db.models_accounts import UserModel
from recoverydesk.db.repositories import audit, users
from recoverydesk.db.repositories.users import to_user
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import (
    USERNAME_MAX,
    AuditAction,
    SignInError,
    SignInPausedError,
    User,
    normal_password,
)
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import DatabaseReadOnlyError, NotFoundError
from recoverydesk.services.access import Access

MAX_FAILURES = 5
PAUSE = dt.timedelta(minutes=15)
WRONG = "Wrong username or password."
SWITCHED_OFF = "This account is switched off. Ask an administrator."
_TRIES_KEPT = 1000


class PasswordCheck:
    """Checks passwords for ``AccountService``; writes each try to the audit trail.

    ``attempt`` checks a password and, when it is right, runs the caller's change in a
    write; ``append`` writes an audit row under an explicit name (nobody is signed in yet).
    """

    def __init__(
        self, db: Database, clock: Clock, access: Access, hasher: PasswordHasher | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._access = access
        self._hasher = hasher or PasswordHasher()
        #: wrong tries counted in memory: key -> (failures, paused until or now)
        self._tries: dict[str, tuple[int, dt.datetime]] = {}
        self._decoy: str | None = None

    def attempt(
        self,
        typed: str,
        password: str,
        on_success: Callable[[Session, UserModel], None],
        *,
        key: str = "",
        user_id: int | None = None,
        read_only_ok: bool = True,
    ) -> User:
        """Check ``password`` for an account; on success run ``on_success`` in a write."""
        now = self._clock.now()
        with self._db.read() as session:
            found = users.credentials(session, key=key, user_id=user_id)
        if found is None:
            self._verify(self._decoy_hash(), password)  # takes as long as a real check
            self._count_in_memory(key, typed, now)
        until = max(found.locked_until or now, self._memory_pause(f"#{found.id}", now))
        if until > now:
            self._failed(typed, found.id, "paused")
            raise self._paused(until, wrong=False)
        if not self._verify(found.password_hash, password):
            self._wrong_password(typed, found.id, now)
        rehashed = self.hash(password) if self._needs_rehash(found.password_hash) else None
        try:
            user = self._succeeded(typed, found.id, found.password_hash, rehashed, on_success)
        except DatabaseReadOnlyError:
            if not read_only_ok:
                raise
            with self._db.read() as session:
                user = to_user(load_user(session, found.id))
        if not user.active:
            raise SignInError(SWITCHED_OFF)
        return user

    def _succeeded(
        self,
        typed: str,
        user_id: int,
        checked_hash: str,
        rehashed: str | None,
        on_success: Callable[[Session, UserModel], None],
    ) -> User:
        with self._db.write() as session:
            model = load_user(session, user_id)
            if not model.active:
                self.append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, "switched off")
                return to_user(model)
            model.failed_attempts, model.locked_until = 0, None
            if rehashed is not None and model.password_hash == checked_hash:
                model.password_hash = rehashed
            on_success(session, model)
            return to_user(model)

    def _wrong_password(self, typed: str, user_id: int, now: dt.datetime) -> NoReturn:
        try:
            with self._db.write() as session:
                failures = users.count_failure(session, user_id)
                until = now + PAUSE if failures >= MAX_FAILURES else None
                if until is not None:
                    users.pause(session, user_id, until)
                detail = "wrong password" + (", paused" if until else "")
                self.append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, detail)
        except DatabaseReadOnlyError:
            self._count_in_memory(f"#{user_id}", typed, now)
        raise self._paused(until, wrong=True) if until else SignInError(WRONG)

    def _count_in_memory(self, key: str, typed: str, now: dt.datetime) -> NoReturn:
        """Count a wrong try the database cannot count; pause after as many as it would.

        For a name without an account, and for any name on a read-only database.
        """
        until = self._memory_pause(key, now)
        if until > now:
            self._failed(typed, "", "paused")
            raise self._paused(until, wrong=False)
        failures = self._tries.get(key, (0, now))[0] + 1
        pause = now + PAUSE if failures >= MAX_FAILURES else None
        if len(self._tries) >= _TRIES_KEPT:
            self._tries.clear()
        self._tries[key] = (0, pause) if pause else (failures, now)
        self._failed(typed, "", "wrong name or password" + (", paused" if pause else ""))
        raise self._paused(pause, wrong=True) if pause else SignInError(WRONG)

    def _memory_pause(self, key: str, now: dt.datetime) -> dt.datetime:
        return self._tries.get(key, (0, now))[1]

    def _failed(self, typed: str, user_id: object, detail: str) -> None:
        with contextlib.suppress(DatabaseReadOnlyError), self._db.write() as session:
            self.append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, detail)

    def _paused(self, until: dt.datetime, *, wrong: bool) -> SignInPausedError:
        at = self._clock.local(until).strftime("%H:%M")
        text = f"Too many wrong tries: signing in is paused until {at}. Please try again then."
        return SignInPausedError(f"{WRONG} {text}" if wrong else text, until)

    def append(
        self,
        session: Session,
        username: str,
        action: AuditAction,
        user_id: object,
        detail: str = "",
    ) -> None:
        """An audit row under an explicit name (nobody is signed in yet, or about to be)."""
        entry = audit.append(
            session,
            at=self._clock.now(),
            username=username[:USERNAME_MAX],
            station=self._access.station,
            action=action,
            entity="user",
            entity_id="" if user_id is None else str(user_id),
            detail=detail,
        )
        for listener in self._access.on_recorded:  # the change feed skips our own entries
            listener(entry)

    def hash(self, password: str) -> str:
        """The argon2id hash of a (NFC-normalised) password."""
        return self._hasher.hash(normal_password(password))

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, normal_password(password))
        except (VerificationError, InvalidHashError):
            return False

    def _needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except (InvalidHashError, ValueError):
            return True

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = self._hasher.hash("not anybody's password")
        return self._decoy


def load_user(session: Session, user_id: int) -> UserModel:
    """The account's row, or ``NotFoundError``."""
    model = users.get(session, user_id)
    if model is None:
        raise NotFoundError(f"Account {user_id} no longer exists.")
    return model
