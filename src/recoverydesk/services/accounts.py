"""Accounts: signing in and out, locking the screen, passwords, and managing accounts.

Passwords are checked by ``sign_in.PasswordCheck`` (argon2id, outside any transaction;
five wrong tries pause a name for 15 minutes; every refusal says the same thing). The rules
for names and passwords are in ``domain.accounts``. Every sign-in, failure, sign-out, lock
and unlock is written to the audit trail. On a database opened read-only (the recovery
screen's choice) people still sign in and unlock: nothing can be written, so wrong tries
are counted in memory and nothing is audited.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from argon2 import PasswordHasher

from recoverydesk.db.models_accounts import UserModel
from recoverydesk.db.repositories import users
from recoverydesk.db.repositories.users import to_user
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import (
    Action,
    Actor,
    AuditAction,
    PermissionDeniedError,
    Role,
    SignInError,
    SignInPausedError,
    User,
    clean_username,
    display_name_problems,
    password_problems,
    username_key,
    username_problems,
)
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.errors import (
    DatabaseReadOnlyError,
    FieldError,
    ValidationError,
    raise_if,
    refuse,
)
from recoverydesk.domain.text import clean_text
from recoverydesk.services.access import Access
from recoverydesk.services.sign_in import WRONG, PasswordCheck, load_user

if TYPE_CHECKING:
    from recoverydesk.services.container import Services

LAST_ADMIN = "This is the last active admin: make someone else an admin first."
DEMO_PASSWORD = "recovery-demo"
DEMO_ACCOUNTS = (
    ("coordinator", "Demo Coordinator", Role.COORDINATOR),
    ("desk", "Demo Front Desk", Role.FRONT_DESK),
    ("peer", "Demo Peer", Role.PEER),
    ("admin", "Demo Admin", Role.ADMIN),
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
        self._check = PasswordCheck(db, clock, access, hasher)

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
            self._check.append(session, model.username, AuditAction.SIGN_IN, model.id)

        user = self._check.attempt(
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
            self._check.append(session, model.username, AuditAction.UNLOCK, model.id)

        user = self._check.attempt(actor.username, password, unlocked, user_id=actor.user_id)
        self._access.act_as(_actor(user))  # picks up a role changed while locked
        self._access.set_locked(False)

    def change_password(self, old_password: str, new_password: str) -> None:
        """The signed-in person changes their own password."""
        actor = self._signed_in()
        raise_if(password_problems(new_password))
        new_hash = self._check.hash(new_password)

        def changed(session: Session, model: UserModel) -> None:
            model.password_hash = new_hash
            model.updated_at = self._clock.now()
            self._check.append(
                session, model.username, AuditAction.UPDATE, model.id, "own password"
            )

        try:
            self._check.attempt(
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
            return to_user(load_user(session, user_id))

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
        raise_if(display_name_problems(display_name))
        with self._db.write() as session:
            model = load_user(session, user_id)
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
        raise_if(password_problems(new_password))
        new_hash = self._check.hash(new_password)
        with self._db.write() as session:
            model = load_user(session, user_id)
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
        raise_if(
            username_problems(username)
            + display_name_problems(display_name)
            + password_problems(password)
        )
        password_hash = self._check.hash(password)
        now = self._clock.now()
        with self._db.write() as session:
            if first and users.count(session):
                raise PermissionDeniedError(
                    "RecoveryDesk already has accounts: sign in as an admin to add more."
                )
            if users.key_taken(session, username_key(username)):
                refuse("username", f"The username '{username}' is already taken")
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
                self._check.append(session, who, AuditAction.CREATE, model.id, role.value)
            else:
                self._access.record(session, AuditAction.CREATE, "user", model.id, role.value)
            return to_user(model)

    def _log(self, action: AuditAction, user_id: int | None) -> None:
        with contextlib.suppress(DatabaseReadOnlyError):  # opened read-only: nothing is written
            self._access.log(action, "user", user_id)

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
            refuse(field, LAST_ADMIN)

    @staticmethod
    def _check_peer(session: Session, peer_id: int | None) -> None:
        if peer_id is not None and not users.peer_exists(session, peer_id):
            refuse("peer_id", f"There is no peer #{peer_id}")

    @staticmethod
    def _role(role: Role | str) -> Role:
        try:
            return Role(role)
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            raise ValidationError([FieldError("role", f"Role must be one of {allowed}")]) from None


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
