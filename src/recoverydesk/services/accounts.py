"""Accounts: signing in and out, locking the screen, passwords, and managing accounts.

Passwords are NFC-normalised, then hashed with argon2id (argon2-cffi; its default cost
unless a hasher is given) and re-hashed at the next good sign-in when the cost changes.
Hashing and checking run outside any transaction, so a slow hash never holds the database.
Five wrong passwords in a row pause an account for 15 minutes (by the injected clock).
Every refusal says the same "Wrong username or password.", whether the name exists or not;
names that do not exist are paused too (counted in memory, on this station), so the pause
message gives nothing away either. Every sign-in, failure, sign-out, lock and unlock is
written to the audit trail. On a database opened read-only (the recovery screen's choice)
people still sign in and unlock: nothing can be written, so wrong tries are counted in
memory and nothing is audited.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from recoverydesk.db.models_accounts import UserModel
from recoverydesk.db.repositories import audit, users
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import (
    Action,
    Actor,
    AuditAction,
    PermissionDeniedError,
    Role,
    SignInError,
    User,
)
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import (
    DatabaseReadOnlyError,
    FieldError,
    NotFoundError,
    ValidationError,
)
from recoverydesk.domain.text import clean_text
from recoverydesk.services.access import Access

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

USERNAME_MAX = 80
DISPLAY_NAME_MAX = 160
PASSWORD_MIN = 10
PASSWORD_MAX = 1024
MAX_FAILURES = 5
PAUSE = dt.timedelta(minutes=15)
WRONG = "Wrong username or password."
SWITCHED_OFF = "This account is switched off. Ask an administrator."
LAST_ADMIN = "This is the last active admin: make someone else an admin first."
DEMO_PASSWORD = "recovery-demo"
DEMO_ACCOUNTS = (
    ("coordinator", "Demo Coordinator", Role.COORDINATOR),
    ("desk", "Demo Front Desk", Role.FRONT_DESK),
    ("peer", "Demo Peer", Role.PEER),
    ("admin", "Demo Admin", Role.ADMIN),
)
_NAME_PUNCTUATION = frozenset(".-_")
_TRIES_KEPT = 1000


class SignInPausedError(SignInError):
    """Too many wrong passwords: signing in to this name is paused until ``until`` (UTC)."""

    def __init__(self, message: str, until: dt.datetime) -> None:
        super().__init__(message)
        self.until = until


def username_key(username: str) -> str:
    """The name as compared for uniqueness and sign-in: NFKC, casefolded."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def clean_username(username: str) -> str:
    return unicodedata.normalize("NFC", username or "").strip()


def username_problems(username: str) -> list[FieldError]:
    """What is wrong with a (cleaned) username: letters of any script, digits, ``. - _``."""
    if not username:
        return [FieldError("username", "Username is required")]
    if len(username) > USERNAME_MAX or len(username_key(username)) > USERNAME_MAX:
        return [FieldError("username", f"Username is too long (at most {USERNAME_MAX} characters)")]
    bad = sorted({ch for ch in username if not _name_character(ch)})
    if bad:
        shown = ", ".join("space" if ch == " " else repr(ch) for ch in bad)
        return [
            FieldError(
                "username", f"Username can only have letters, digits, . - and _ (not {shown})"
            )
        ]
    return []


def _name_character(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LMN" or ch in _NAME_PUNCTUATION


def display_name_problems(display_name: str) -> list[FieldError]:
    if not display_name:
        return [FieldError("display_name", "Display name is required")]
    if len(display_name) > DISPLAY_NAME_MAX:
        return [
            FieldError(
                "display_name", f"Display name is too long (at most {DISPLAY_NAME_MAX} characters)"
            )
        ]
    return []


def password_problems(password: str, field: str = "password") -> list[FieldError]:
    """What is wrong with a new password (only its length is ruled)."""
    length = len(_normal(password))
    if length < PASSWORD_MIN:
        return [FieldError(field, f"Password must be at least {PASSWORD_MIN} characters long")]
    if length > PASSWORD_MAX:
        return [FieldError(field, f"Password is too long (at most {PASSWORD_MAX} characters)")]
    return []


def _normal(password: str) -> str:
    return unicodedata.normalize("NFC", password or "")


def to_user(model: UserModel) -> User:
    return User(
        id=model.id,
        username=model.username,
        display_name=model.display_name,
        role=model.role,
        active=model.active,
        peer_id=model.peer_id,
        last_sign_in=model.last_sign_in,
    )


def _actor(user: User) -> Actor:
    return Actor(user.username, user.display_name, user.role, user.id, user.peer_id)


class AccountService:
    """Who may use RecoveryDesk, and the signed-in session of this station."""

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

    @property
    def locked(self) -> bool:
        """True while the screen is locked (the actor stays signed in)."""
        return self._access.locked

    def validate(
        self,
        username: str | None = None,
        display_name: str | None = None,
        password: str | None = None,
    ) -> list[FieldError]:
        """Problems with the fields given (for forms that check as the person types)."""
        problems = []
        if username is not None:
            problems += username_problems(clean_username(username))
        if display_name is not None:
            problems += display_name_problems(clean_text(display_name))
        if password is not None:
            problems += password_problems(password)
        return problems

    # --- first start ----------------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        """True on a database without any account: the first admin must be created."""
        with self._db.read() as session:
            return users.count(session) == 0

    def create_first_admin(self, username: str, display_name: str, password: str) -> User:
        """Create the first admin; allowed without anyone signed in, only while there are none."""
        return self._create(username, display_name, Role.ADMIN, password, None, first=True)

    # --- signing in -------------------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> User:
        """Check the password and make this person the actor; ``SignInError`` if refused."""

        def signed_in(session: Session, model: UserModel) -> None:
            model.last_sign_in = self._clock.now()
            self._append(session, model.username, AuditAction.SIGN_IN, model.id)

        user = self._attempt(
            username, password, signed_in, key=username_key(clean_username(username))
        )
        self._access.act_as(_actor(user))
        self._access.set_locked(False)
        return user

    def sign_out(self) -> None:
        actor = self._access.actor
        if actor is not None:
            self._log(AuditAction.SIGN_OUT, actor.user_id)
        self._access.act_as(None)
        self._access.set_locked(False)

    def switch_user(self, username: str, password: str) -> User:
        """Sign the current person out, then sign ``username`` in."""
        self.sign_out()
        return self.sign_in(username, password)

    def lock(self) -> None:
        """Lock the screen: the actor stays signed in until ``unlock`` or sign-out."""
        actor = self._access.actor
        if actor is None or self._access.locked:
            return
        self._log(AuditAction.LOCK, actor.user_id)
        self._access.set_locked(True)

    def unlock(self, password: str) -> None:
        """Unlock with the signed-in person's password (wrong ones count towards a pause)."""
        actor = self._signed_in()
        if not self._access.locked:
            return

        def unlocked(session: Session, model: UserModel) -> None:
            self._append(session, model.username, AuditAction.UNLOCK, model.id)

        user = self._attempt(actor.username, password, unlocked, user_id=actor.user_id)
        self._access.act_as(_actor(user))  # picks up a role changed while locked
        self._access.set_locked(False)

    def change_password(self, old_password: str, new_password: str) -> None:
        """The signed-in person changes their own password."""
        actor = self._signed_in()
        self._raise_if(password_problems(new_password))
        new_hash = self._hash(new_password)

        def changed(session: Session, model: UserModel) -> None:
            model.password_hash = new_hash
            model.updated_at = self._clock.now()
            self._append(session, model.username, AuditAction.UPDATE, model.id, "own password")

        try:
            self._attempt(
                actor.username, old_password, changed, user_id=actor.user_id, read_only_ok=False
            )
        except SignInPausedError:
            raise
        except SignInError as error:
            if str(error) != WRONG:
                raise
            raise ValidationError(
                [FieldError("old_password", "This is not your current password")]
            ) from error

    # --- managing accounts (admins) -------------------------------------------------------

    def list_users(self) -> tuple[User, ...]:
        self._access.require(Action.ACCOUNTS)
        with self._db.read() as session:
            return tuple(to_user(m) for m in users.all_users(session))

    def get_user(self, user_id: int) -> User:
        self._access.require(Action.ACCOUNTS)
        with self._db.read() as session:
            return to_user(self._load(session, user_id))

    def create_user(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        peer_id: int | None = None,
    ) -> User:
        self._access.require(Action.ACCOUNTS)
        return self._create(username, display_name, role, password, peer_id, first=False)

    def update_user(
        self, user_id: int, display_name: str, role: Role, peer_id: int | None, active: bool
    ) -> User:
        """Change an account; the last active admin cannot be demoted or switched off."""
        self._access.require(Action.ACCOUNTS)
        display_name = clean_text(display_name)
        role = self._role(role)
        self._raise_if(display_name_problems(display_name))
        with self._db.write() as session:
            model = self._load(session, user_id)
            self._check_peer(session, peer_id)
            self._keep_an_admin(session, model, role, active)
            detail = f"role={role.value} active={'yes' if active else 'no'}"
            model.display_name, model.role, model.peer_id = display_name, role, peer_id
            model.active, model.updated_at = active, self._clock.now()
            self._access.record(session, AuditAction.UPDATE, "user", user_id, detail)
            user = to_user(model)
        actor = self._access.actor
        if actor is not None and actor.user_id == user_id:
            self._access.act_as(_actor(user))
        return user

    def reset_password(self, user_id: int, new_password: str) -> None:
        """Give an account a new password (and lift a pause on it)."""
        self._access.require(Action.ACCOUNTS)
        self._raise_if(password_problems(new_password))
        new_hash = self._hash(new_password)
        with self._db.write() as session:
            model = self._load(session, user_id)
            model.password_hash, model.failed_attempts, model.locked_until = new_hash, 0, None
            model.updated_at = self._clock.now()
            self._access.record(session, AuditAction.UPDATE, "user", user_id, "password reset")

    # --- internals --------------------------------------------------------------------------

    def _create(
        self,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        peer_id: int | None,
        *,
        first: bool,
        audit_as: str | None = None,
    ) -> User:
        username, display_name = clean_username(username), clean_text(display_name)
        role = self._role(role)
        self._raise_if(
            username_problems(username)
            + display_name_problems(display_name)
            + password_problems(password)
        )
        password_hash = self._hash(password)
        now = self._clock.now()
        with self._db.write() as session:
            if first and users.count(session):
                raise PermissionDeniedError(
                    "RecoveryDesk already has accounts: sign in as an admin to add more."
                )
            if users.key_taken(session, username_key(username)):
                raise ValidationError(
                    [FieldError("username", f"The username '{username}' is already taken")]
                )
            self._check_peer(session, peer_id)
            model = UserModel(
                username=username,
                username_key=username_key(username),
                display_name=display_name,
                role=role,
                peer_id=peer_id,
                active=True,
                password_hash=password_hash,
                failed_attempts=0,
                created_at=now,
                updated_at=now,
            )
            session.add(model)
            session.flush()
            if first or audit_as:
                who = audit_as or username
                self._append(session, who, AuditAction.CREATE, model.id, role.value)
            else:
                self._access.record(session, AuditAction.CREATE, "user", model.id, role.value)
            return to_user(model)

    def _attempt(
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
        rehashed = self._hash(password) if self._needs_rehash(found.password_hash) else None
        try:
            user = self._succeeded(typed, found.id, found.password_hash, rehashed, on_success)
        except DatabaseReadOnlyError:
            if not read_only_ok:
                raise
            with self._db.read() as session:
                user = to_user(self._load(session, found.id))
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
            model = self._load(session, user_id)
            if not model.active:
                self._append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, "switched off")
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
                self._append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, detail)
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

    def _log(self, action: AuditAction, user_id: int | None) -> None:
        with contextlib.suppress(DatabaseReadOnlyError):  # opened read-only: nothing is written
            self._access.log(action, "user", user_id)

    def _failed(self, typed: str, user_id: object, detail: str) -> None:
        with contextlib.suppress(DatabaseReadOnlyError), self._db.write() as session:
            self._append(session, typed, AuditAction.FAILED_SIGN_IN, user_id, detail)

    def _paused(self, until: dt.datetime, *, wrong: bool) -> SignInPausedError:
        at = self._clock.local(until).strftime("%H:%M")
        text = f"Too many wrong tries: signing in is paused until {at}. Please try again then."
        return SignInPausedError(f"{WRONG} {text}" if wrong else text, until)

    def _append(
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

    def _hash(self, password: str) -> str:
        return self._hasher.hash(_normal(password))

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, _normal(password))
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

    def _signed_in(self) -> Actor:
        actor = self._access.actor
        if actor is None or actor.user_id is None:
            raise PermissionDeniedError("Please sign in first.")
        return actor

    @staticmethod
    def _keep_an_admin(session: Session, model: UserModel, role: Role, active: bool) -> None:
        """Refuse to demote or switch off the last active admin."""
        stays_admin = role is Role.ADMIN and active
        if model.role is not Role.ADMIN or not model.active or stays_admin:
            return
        if users.active_admin_ids(session) in ([], [model.id]):
            field = "role" if role is not Role.ADMIN else "active"
            raise ValidationError([FieldError(field, LAST_ADMIN)])

    @staticmethod
    def _check_peer(session: Session, peer_id: int | None) -> None:
        if peer_id is not None and not users.peer_exists(session, peer_id):
            raise ValidationError([FieldError("peer_id", f"There is no peer #{peer_id}")])

    @staticmethod
    def _role(role: Role | str) -> Role:
        try:
            return Role(role)
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            raise ValidationError([FieldError("role", f"Role must be one of {allowed}")]) from None

    @staticmethod
    def _raise_if(problems: list[FieldError]) -> None:
        if problems:
            raise ValidationError(problems)

    @staticmethod
    def _load(session: Session, user_id: int) -> UserModel:
        model = users.get(session, user_id)
        if model is None:
            raise NotFoundError(f"Account {user_id} no longer exists.")
        return model


def add_demo_accounts(services: Services) -> list[tuple[str, str, Role]]:
    """The demo accounts (username, password, role), created if missing; demo databases only.

    All share the well-known ``DEMO_PASSWORD``, so they are refused (``DemoRefusedError``)
    in a database not marked as a demo. The peer account is linked to the first peer, if any.
    """
    from recoverydesk.services.demo import DemoRefusedError, is_demo_database  # imports us back

    if not is_demo_database(services):
        raise DemoRefusedError(
            "Demo accounts share a well-known password; they go only into a demo database."
        )
    accounts = AccountService(services.db, services.clock, services.access)
    with services.db.read() as session:
        taken = {m.username_key for m in users.all_users(session)}
        peer_id = users.first_peer_id(session)
    for username, display_name, role in DEMO_ACCOUNTS:
        if username_key(username) not in taken:
            link = peer_id if role is Role.PEER else None
            # this module's own service: demo accounts are created without an admin signed in
            accounts._create(
                username, display_name, role, DEMO_PASSWORD, link, first=False, audit_as="demo"
            )
    return [(username, DEMO_PASSWORD, role) for username, _name, role in DEMO_ACCOUNTS]
