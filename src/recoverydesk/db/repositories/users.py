"""User accounts: look-ups by name key or id, the admin count, sign-in bookkeeping.

Nothing here hashes or checks passwords (the service does, outside any transaction); these
functions only read and write rows inside the caller's unit of work. ``to_user`` gives the
``User`` value of a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from recoverydesk.db.models_accounts import UserModel
from recoverydesk.db.models_peers import PeerModel
from recoverydesk.domain.accounts import Role, User


@dataclass(frozen=True)
class Credentials:
    """What signing in needs to know about one account, read before the slow hash check."""

    id: int
    username: str
    password_hash: str
    active: bool
    locked_until: dt.datetime | None


def credentials(
    session: Session, *, key: str = "", user_id: int | None = None
) -> Credentials | None:
    """The account with name key ``key`` (or id ``user_id``), or None."""
    condition = UserModel.id == user_id if user_id is not None else UserModel.username_key == key
    row = session.execute(
        select(
            UserModel.id,
            UserModel.username,
            UserModel.password_hash,
            UserModel.active,
            UserModel.locked_until,
        ).where(condition)
    ).one_or_none()
    return Credentials(*row) if row is not None else None


def get(session: Session, user_id: int) -> UserModel | None:
    return session.get(UserModel, user_id)


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(UserModel)) or 0)


def all_users(session: Session) -> Sequence[UserModel]:
    """Every account, by name."""
    return session.scalars(select(UserModel).order_by(UserModel.username_key)).all()


def key_taken(session: Session, key: str, exclude_id: int | None = None) -> bool:
    """True when another account already has the name key ``key``."""
    condition = UserModel.username_key == key
    if exclude_id is not None:
        condition = condition & (UserModel.id != exclude_id)
    return bool(session.scalar(select(exists().where(condition))))


def active_admin_ids(session: Session) -> list[int]:
    """Ids of the active admins, locked until the end of the transaction.

    The row lock (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers) keeps two
    admins from demoting each other at the same moment and leaving none.
    """
    stmt = (
        select(UserModel.id)
        .where(UserModel.role == Role.ADMIN, UserModel.active.is_(True))
        .with_for_update()
    )
    return list(session.scalars(stmt))


def peer_exists(session: Session, peer_id: int) -> bool:
    return bool(session.scalar(select(exists().where(PeerModel.id == peer_id))))


def first_peer_id(session: Session) -> int | None:
    """The oldest peer's id, or None when there are no peers."""
    return session.scalar(select(func.min(PeerModel.id)))


def count_failure(session: Session, user_id: int) -> int:
    """Add one failed attempt (atomically, for two desks at once); the new count."""
    session.execute(
        update(UserModel)
        .where(UserModel.id == user_id)
        .values(failed_attempts=UserModel.failed_attempts + 1)
    )
    return int(
        session.scalar(select(UserModel.failed_attempts).where(UserModel.id == user_id)) or 0
    )


def pause(session: Session, user_id: int, until: dt.datetime) -> None:
    """Refuse sign-ins to the account until ``until``; the failure count starts again."""
    session.execute(
        update(UserModel)
        .where(UserModel.id == user_id)
        .values(failed_attempts=0, locked_until=until)
    )


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
