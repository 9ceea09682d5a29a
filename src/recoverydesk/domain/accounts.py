"""Accounts, roles and what each role may do; the audit trail's vocabulary.

The role × action matrix lives here, in one table, so the service layer (which enforces
it) and the UI (which hides what a role cannot do) read the same answer. Peers may act on
private member data (contacts, plans) only for members assigned to them: those actions are
*scoped*. The rules for usernames, display names and passwords are here too, shared by the
account service, its forms and the command line.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from recoverydesk.domain.errors import FieldError, RecoveryDeskError
from recoverydesk.domain.labels import LabelledEnum

USERNAME_MAX = 80
DISPLAY_NAME_MAX = 160
PASSWORD_MIN = 10
PASSWORD_MAX = 1024
_NAME_PUNCTUATION = frozenset(".-_")


class Role(LabelledEnum):
    """What a person does at the centre; decides what RecoveryDesk lets them see and do."""

    FRONT_DESK = "front-desk"
    PEER = "peer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class Action(StrEnum):
    """Things a person can ask RecoveryDesk to do."""

    CHECK_IN = "check-in"
    OVERRIDE_VISIT_RULE = "override-visit-rule"
    MEMBER_EDIT = "member-edit"
    MEMBER_ARCHIVE = "member-archive"
    PRINT_CARD = "print-card"
    PRINT_SIGNIN_SHEET = "print-signin-sheet"
    PEERS_VIEW = "peers-view"
    PEERS_MANAGE = "peers-manage"
    SUPERVISION = "supervision"
    ASSIGN = "assign"
    CONTACTS_VIEW = "contacts-view"
    CONTACTS_LOG = "contacts-log"
    PLANS_VIEW = "plans-view"
    PLANS_EDIT = "plans-edit"
    PLANS_PRINT = "plans-print"
    REPORTS = "reports"
    MEMBERS_IMPORT = "members-import"
    MEMBERS_EXPORT = "members-export"
    SETTINGS = "settings"
    BACKUPS = "backups"
    ACCOUNTS = "accounts"
    AUDIT_VIEW = "audit-view"


_DESK = frozenset(
    {
        Action.CHECK_IN,
        Action.MEMBER_EDIT,
        Action.PRINT_CARD,
        Action.PRINT_SIGNIN_SHEET,
    }
)
_PEER = _DESK | {
    Action.PEERS_VIEW,
    Action.CONTACTS_VIEW,
    Action.CONTACTS_LOG,
    Action.PLANS_VIEW,
    Action.PLANS_EDIT,
    Action.PLANS_PRINT,
}
_COORDINATOR = _PEER | {
    Action.OVERRIDE_VISIT_RULE,
    Action.MEMBER_ARCHIVE,
    Action.PEERS_MANAGE,
    Action.SUPERVISION,
    Action.ASSIGN,
    Action.REPORTS,
    Action.MEMBERS_IMPORT,
    Action.MEMBERS_EXPORT,
}
# An admin manages the system and, at a small centre, is usually also the coordinator.
_ADMIN = _COORDINATOR | {Action.SETTINGS, Action.BACKUPS, Action.ACCOUNTS, Action.AUDIT_VIEW}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.FRONT_DESK: _DESK,
    Role.PEER: frozenset(_PEER),
    Role.COORDINATOR: frozenset(_COORDINATOR),
    Role.ADMIN: frozenset(_ADMIN),
}

#: Actions on one member's private data that a peer may take only for their own caseload.
SCOPED_ACTIONS = frozenset(
    {
        Action.CONTACTS_VIEW,
        Action.CONTACTS_LOG,
        Action.PLANS_VIEW,
        Action.PLANS_EDIT,
        Action.PLANS_PRINT,
    }
)


def allowed(role: Role, action: Action) -> bool:
    """True when ``role`` may take ``action`` at all (scope is checked separately)."""
    return action in PERMISSIONS[role]


def scoped(role: Role, action: Action) -> bool:
    """True when ``role`` may take ``action`` only for members assigned to them."""
    return role is Role.PEER and action in SCOPED_ACTIONS


class AuditAction(StrEnum):
    """What an audit entry records."""

    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    PRINT = "print"
    EXPORT = "export"
    IMPORT = "import"
    SIGN_IN = "sign-in"
    FAILED_SIGN_IN = "failed-sign-in"
    SIGN_OUT = "sign-out"
    LOCK = "lock"
    UNLOCK = "unlock"
    REFUSED = "refused"
    BACKUP = "backup"
    RESTORE = "restore"


@dataclass(frozen=True)
class Actor:
    """Who is using RecoveryDesk right now (a signed-in user or the command line)."""

    username: str
    display_name: str
    role: Role
    user_id: int | None = None
    peer_id: int | None = None

    def may(self, action: Action) -> bool:
        return allowed(self.role, action)


#: The command line and maintenance tasks act as this (someone with the database file).
SYSTEM_ACTOR = Actor(username="system", display_name="Command line", role=Role.ADMIN)


@dataclass(frozen=True)
class User:
    """A saved account (never carries the password hash)."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    peer_id: int | None = None
    last_sign_in: dt.datetime | None = None


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail, as the Admin pane lists it."""

    id: int
    at: dt.datetime
    username: str
    station: str
    action: AuditAction
    entity: str
    entity_id: str
    detail: str


class PermissionDeniedError(RecoveryDeskError):
    """The signed-in person's role does not allow this; nothing was done (and it was logged)."""


class SignInError(RecoveryDeskError):
    """A wrong username or password, or an account that is locked or inactive."""


class SignInPausedError(SignInError):
    """Too many wrong passwords: signing in to this name is paused until ``until`` (UTC)."""

    def __init__(self, message: str, until: dt.datetime) -> None:
        super().__init__(message)
        self.until = until


# --- names and passwords ----------------------------------------------------------------------


def username_key(username: str) -> str:
    """The name as compared for uniqueness and sign-in: NFKC, casefolded."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def clean_username(username: str) -> str:
    return unicodedata.normalize("NFC", username or "").strip()


def normal_password(password: str) -> str:
    """The password as hashed and checked: NFC-normalised."""
    return unicodedata.normalize("NFC", password or "")


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
    length = len(normal_password(password))
    if length < PASSWORD_MIN:
        return [FieldError(field, f"Password must be at least {PASSWORD_MIN} characters long")]
    if length > PASSWORD_MAX:
        return [FieldError(field, f"Password is too long (at most {PASSWORD_MAX} characters)")]
    return []
