"""Accounts: first admin, sign-in, pauses after wrong passwords, lock, and admin work."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from recoverydesk.db.models_accounts import AuditModel, UserModel
from recoverydesk.db.models_peers import PeerModel
from recoverydesk.domain.accounts import (
    SYSTEM_ACTOR,
    Actor,
    PermissionDeniedError,
    Role,
    SignInError,
    SignInPausedError,
    User,
)
from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.errors import DatabaseReadOnlyError, ValidationError
from recoverydesk.domain.peers import PeerRole
from recoverydesk.services.accounts import DEMO_PASSWORD, AccountService, add_demo_accounts
from recoverydesk.services.container import Services
from recoverydesk.services.demo import DemoRefusedError, generate_demo
from recoverydesk.services.sign_in import WRONG

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
GOOD = "correct horse battery"
OTHER = "another long secret"


@pytest.fixture
def accounts(services: Services) -> AccountService:
    return AccountService(services.db, services.clock, services.access, hasher=FAST)


@pytest.fixture
def admin(services: Services, accounts: AccountService) -> User:
    """The first admin, made on an empty database; nobody is signed in afterwards."""
    services.access.act_as(None)
    return accounts.create_first_admin("Ada", "Ada Admin", GOOD)


@pytest.fixture
def as_admin(services: Services, accounts: AccountService, admin: User) -> AccountService:
    """The account service with the first admin signed in."""
    accounts.sign_in("ada", GOOD)
    return accounts


def audit_rows(services: Services) -> list[tuple[str, str, str, str]]:
    with services.db.read() as session:
        rows = session.execute(
            select(
                AuditModel.username, AuditModel.action, AuditModel.entity_id, AuditModel.detail
            ).order_by(AuditModel.id)
        )
        return [(u, a.value, e, d) for u, a, e, d in rows]


def stored_hash(services: Services, user_id: int) -> str:
    with services.db.read() as session:
        return session.scalars(select(UserModel.password_hash).where(UserModel.id == user_id)).one()


def add_peer(services: Services) -> int:
    now = services.clock.now()
    with services.db.write() as session:
        peer = PeerModel(
            name="Sam Peer",
            sort_key="peer sam",
            role=PeerRole.PEER_SUPPORTER,
            caseload_cap=None,
            created_at=now,
            updated_at=now,
        )
        session.add(peer)
        session.flush()
        return peer.id


def test_first_start_creates_the_first_admin_once(
    services: Services, accounts: AccountService
) -> None:
    services.access.act_as(None)
    assert accounts.needs_first_admin()
    first = accounts.create_first_admin("  Ada ", "Ada Admin", GOOD)
    assert (first.username, first.role, first.active) == ("Ada", Role.ADMIN, True)
    assert not accounts.needs_first_admin()
    with pytest.raises(PermissionDeniedError, match="already has accounts"):
        accounts.create_first_admin("Eve", "Eve", GOOD)
    assert audit_rows(services) == [("Ada", "create", str(first.id), "admin")]
    assert services.access.actor is None, "creating the admin does not sign anyone in"


def test_sign_in_makes_the_actor_and_is_audited(
    services: Services, accounts: AccountService, admin: User, clock: FixedClock
) -> None:
    user = accounts.sign_in("ADA", GOOD)
    assert services.access.actor == Actor("Ada", "Ada Admin", Role.ADMIN, admin.id, None)
    assert user.last_sign_in == clock.now()
    accounts.sign_out()
    assert services.access.actor is None
    assert [r[:2] for r in audit_rows(services)[1:]] == [("Ada", "sign-in"), ("Ada", "sign-out")]


def test_wrong_password_and_unknown_name_get_the_same_answer(
    services: Services, accounts: AccountService, admin: User
) -> None:
    typed = "x" * 100
    answers = []
    for name, password in (("ada", "wrong password!"), (typed, GOOD)):
        with pytest.raises(SignInError) as refused:
            accounts.sign_in(name, password)
        answers.append(str(refused.value))
    assert answers == [WRONG, WRONG]
    failures = [r for r in audit_rows(services) if r[1] == "failed-sign-in"]
    assert [(u, e) for u, _a, e, _d in failures] == [("ada", str(admin.id)), ("x" * 80, "")]
    assert services.access.actor is None


def test_five_failures_pause_the_account_for_fifteen_minutes(
    services: Services, accounts: AccountService, admin: User, clock: FixedClock
) -> None:
    for _ in range(4):
        with pytest.raises(SignInError, match=f"^{WRONG}$"):
            accounts.sign_in("ada", "not the password")
    with pytest.raises(SignInPausedError, match="paused until 10:15") as paused:
        accounts.sign_in("ada", "not the password")
    assert str(paused.value).startswith(WRONG)
    assert paused.value.until == clock.now() + dt.timedelta(minutes=15)
    clock.advance(minutes=14)
    with pytest.raises(SignInPausedError, match="paused until 10:15"):
        accounts.sign_in("ada", GOOD)  # even the right password waits
    assert services.access.actor is None
    clock.advance(minutes=1)
    assert accounts.sign_in("ada", GOOD).id == admin.id
    with services.db.read() as session:
        model = session.get(UserModel, admin.id)
        assert model is not None and (model.failed_attempts, model.locked_until) == (0, None)


def test_a_name_without_an_account_is_paused_the_same_way(
    accounts: AccountService, admin: User
) -> None:
    messages = {}
    for name in ("ada", "nobody"):
        for _ in range(4):
            with pytest.raises(SignInError):
                accounts.sign_in(name, "not the password")
        with pytest.raises(SignInPausedError) as paused:
            accounts.sign_in(name, "not the password")
        messages[name] = str(paused.value)
    assert messages["ada"] == messages["nobody"]


def test_the_hash_is_renewed_when_the_parameters_change(
    services: Services, accounts: AccountService, admin: User
) -> None:
    cheap = stored_hash(services, admin.id)
    assert "m=8192,t=1,p=1" in cheap
    default = AccountService(services.db, services.clock, services.access)  # argon2 defaults
    default.sign_in("ada", GOOD)
    renewed = stored_hash(services, admin.id)
    assert renewed.startswith("$argon2id$") and renewed != cheap
    assert not PasswordHasher().check_needs_rehash(renewed)
    assert default.sign_in("ada", GOOD).id == admin.id


def test_passwords_need_ten_characters(as_admin: AccountService) -> None:
    with pytest.raises(ValidationError) as refused:
        as_admin.create_user("desk1", "Desk One", Role.FRONT_DESK, "short")
    assert refused.value.for_field("password") == "Password must be at least 10 characters long"
    assert as_admin.validate(password="ten chars!") == []


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("", "Username is required"),
        ("two words", "not space"),
        ("me@site", "not '@'"),
        ("a" * 81, "too long"),
        ("ADA", "already taken"),
        ("ＡＤＡ", "already taken"),  # fullwidth letters: the same name under NFKC
    ],
)
def test_usernames_are_checked(as_admin: AccountService, username: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        as_admin.create_user(username, "Someone", Role.PEER, OTHER)
    assert message in (refused.value.for_field("username") or "")


def test_names_in_any_script_are_usernames(as_admin: AccountService) -> None:
    made = [
        as_admin.create_user(name, name, Role.PEER, OTHER).username
        for name in ("Анна.К", "राम_1", "José-Ø")
    ]
    assert made == ["Анна.К", "राम_1", "José-Ø"]
    assert as_admin.sign_in("анна.к", OTHER).username == "Анна.К"


def test_a_display_name_is_required(as_admin: AccountService) -> None:
    with pytest.raises(ValidationError) as refused:
        as_admin.create_user("desk1", "   ", Role.FRONT_DESK, OTHER)
    assert refused.value.for_field("display_name") == "Display name is required"


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.PEER, Role.COORDINATOR])
def test_only_admins_manage_accounts(
    services: Services, accounts: AccountService, admin: User, role: Role
) -> None:
    services.access.act_as(Actor("someone", "Someone", role, user_id=99))
    attempts = (
        accounts.list_users,
        lambda: accounts.get_user(admin.id),
        lambda: accounts.create_user("new1", "New", Role.ADMIN, OTHER),
        lambda: accounts.update_user(admin.id, "Ada", Role.PEER, None, False),
        lambda: accounts.reset_password(admin.id, OTHER),
    )
    for attempt in attempts:
        with pytest.raises(PermissionDeniedError, match=role.label):
            attempt()
    refusals = [r for r in audit_rows(services) if r[1] == "refused"]
    assert refusals == [("someone", "refused", "", "accounts")] * len(attempts)
    services.access.act_as(SYSTEM_ACTOR)
    assert [u.username for u in accounts.list_users()] == ["Ada"]


def test_admins_create_update_and_reset(
    services: Services, accounts: AccountService, admin: User
) -> None:
    accounts.sign_in("ada", GOOD)
    peer_id = add_peer(services)
    made = accounts.create_user("sam", "Sam Peer", Role.PEER, OTHER, peer_id=peer_id)
    assert (made.role, made.peer_id) == (Role.PEER, peer_id)
    changed = accounts.update_user(made.id, "Sam P.", Role.COORDINATOR, None, True)
    assert (changed.display_name, changed.role, changed.peer_id) == (
        "Sam P.",
        Role.COORDINATOR,
        None,
    )
    accounts.reset_password(made.id, "a brand new one")
    assert accounts.switch_user("sam", "a brand new one").role is Role.COORDINATOR
    assert [r[:3] for r in audit_rows(services) if r[1] in ("create", "update")][1:] == [
        ("Ada", "create", str(made.id)),
        ("Ada", "update", str(made.id)),
        ("Ada", "update", str(made.id)),
    ]


def test_an_unknown_peer_cannot_be_linked(as_admin: AccountService) -> None:
    with pytest.raises(ValidationError) as refused:
        as_admin.create_user("sam", "Sam", Role.PEER, OTHER, peer_id=404)
    assert refused.value.for_field("peer_id") == "There is no peer #404"


def test_the_last_active_admin_stays_an_admin(
    services: Services, accounts: AccountService, admin: User
) -> None:
    services.access.act_as(SYSTEM_ACTOR)
    with pytest.raises(ValidationError, match="last active admin") as demote:
        accounts.update_user(admin.id, "Ada", Role.COORDINATOR, None, True)
    assert demote.value.for_field("role")
    with pytest.raises(ValidationError, match="last active admin") as switch_off:
        accounts.update_user(admin.id, "Ada", Role.ADMIN, None, False)
    assert switch_off.value.for_field("active")
    second = accounts.create_user("bo", "Bo", Role.ADMIN, OTHER)
    accounts.update_user(admin.id, "Ada", Role.COORDINATOR, None, True)
    with pytest.raises(ValidationError, match="last active admin"):
        accounts.update_user(second.id, "Bo", Role.ADMIN, None, False)
    assert [u.role for u in accounts.list_users()] == [Role.COORDINATOR, Role.ADMIN]


def test_no_dto_carries_a_password_or_its_hash(
    services: Services, accounts: AccountService, admin: User
) -> None:
    assert {f.name for f in dataclasses.fields(User)} == {
        "id",
        "username",
        "display_name",
        "role",
        "active",
        "peer_id",
        "last_sign_in",
    }
    services.access.act_as(SYSTEM_ACTOR)
    shown = [accounts.list_users()[0], accounts.get_user(admin.id), accounts.sign_in("ada", GOOD)]
    for user in shown:
        text = repr(user)
        assert GOOD not in text and "argon2" not in text


def test_lock_keeps_the_actor_and_unlock_needs_the_password(
    services: Services, accounts: AccountService, admin: User
) -> None:
    accounts.sign_in("ada", GOOD)
    actor = services.access.actor
    accounts.lock()
    assert accounts.locked and services.access.actor == actor
    with pytest.raises(SignInError, match=WRONG):
        accounts.unlock("not the password")
    assert accounts.locked
    accounts.unlock(GOOD)
    assert not accounts.locked and services.access.actor == actor
    assert [r[1] for r in audit_rows(services)[1:]] == [
        "sign-in",
        "lock",
        "failed-sign-in",
        "unlock",
    ]


def test_wrong_passwords_at_the_lock_screen_count_towards_a_pause(
    accounts: AccountService, admin: User, clock: FixedClock
) -> None:
    accounts.sign_in("ada", GOOD)
    accounts.lock()
    for _ in range(4):
        with pytest.raises(SignInError):
            accounts.unlock("not the password")
    with pytest.raises(SignInPausedError):
        accounts.unlock("not the password")
    with pytest.raises(SignInPausedError):
        accounts.unlock(GOOD)
    clock.advance(minutes=15)
    accounts.unlock(GOOD)
    assert not accounts.locked


def test_a_person_changes_their_own_password(
    services: Services, accounts: AccountService, admin: User
) -> None:
    services.access.act_as(SYSTEM_ACTOR)
    accounts.create_user("desk1", "Desk One", Role.FRONT_DESK, OTHER)
    accounts.sign_in("desk1", OTHER)
    with pytest.raises(ValidationError) as wrong_old:
        accounts.change_password("not it at all", "my new password")
    assert wrong_old.value.for_field("old_password") == "This is not your current password"
    with pytest.raises(ValidationError) as short:
        accounts.change_password(OTHER, "short")
    assert short.value.for_field("password")
    accounts.change_password(OTHER, "my new password")
    assert accounts.switch_user("desk1", "my new password").username == "desk1"
    with pytest.raises(SignInError):
        accounts.sign_in("desk1", OTHER)


def test_a_switched_off_account_cannot_sign_in(
    services: Services, accounts: AccountService, admin: User
) -> None:
    services.access.act_as(SYSTEM_ACTOR)
    desk = accounts.create_user("desk1", "Desk One", Role.FRONT_DESK, OTHER)
    accounts.update_user(desk.id, "Desk One", Role.FRONT_DESK, None, False)
    with pytest.raises(SignInError, match="switched off"):
        accounts.sign_in("desk1", OTHER)
    with pytest.raises(SignInError, match=f"^{WRONG}$"):
        accounts.sign_in("desk1", "not the password")


def test_a_password_reset_lifts_the_pause(
    services: Services, accounts: AccountService, admin: User
) -> None:
    services.access.act_as(SYSTEM_ACTOR)
    desk = accounts.create_user("desk1", "Desk One", Role.FRONT_DESK, OTHER)
    for _ in range(5):
        with pytest.raises(SignInError):
            accounts.sign_in("desk1", "not the password")
    services.access.act_as(SYSTEM_ACTOR)
    accounts.reset_password(desk.id, "fresh password")
    assert accounts.sign_in("desk1", "fresh password").id == desk.id


def test_demo_accounts_only_in_a_demo_database(
    services: Services, accounts: AccountService
) -> None:
    with pytest.raises(DemoRefusedError):
        add_demo_accounts(services)
    assert accounts.needs_first_admin()
    generate_demo(services, 3, days=0)  # with its team of peers
    with services.db.read() as session:
        first_peer = session.scalars(select(PeerModel.id).order_by(PeerModel.id)).first()
    assert first_peer is not None
    made = add_demo_accounts(services)
    assert made == [
        ("coordinator", DEMO_PASSWORD, Role.COORDINATOR),
        ("desk", DEMO_PASSWORD, Role.FRONT_DESK),
        ("peer", DEMO_PASSWORD, Role.PEER),
        ("admin", DEMO_PASSWORD, Role.ADMIN),
    ]
    assert add_demo_accounts(services) == made, "a second start adds nothing"
    assert accounts.sign_in("peer", DEMO_PASSWORD).peer_id == first_peer
    services.access.act_as(SYSTEM_ACTOR)
    assert len(accounts.list_users()) == 4


@pytest.mark.sqlite_only
def test_people_sign_in_on_a_database_opened_read_only(
    services: Services,
    admin: User,
    clock: FixedClock,
    db_path: Path,
    tmp_path: Path,
) -> None:
    from recoverydesk.app import open_read_only  # the recovery screen's "open read-only"

    services.close()
    before = db_path.read_bytes()
    read_only = open_read_only(db_path, tmp_path / "backups")
    try:
        desk = AccountService(read_only.db, clock, read_only.access, hasher=FAST)
        for _ in range(4):
            with pytest.raises(SignInError, match=f"^{WRONG}$"):
                desk.sign_in("ada", "not the password")
        with pytest.raises(SignInPausedError):
            desk.sign_in("ada", "not the password")  # counted in memory
        clock.advance(minutes=15)
        assert desk.sign_in("ada", GOOD).id == admin.id
        desk.lock()
        desk.unlock(GOOD)
        with pytest.raises(DatabaseReadOnlyError):
            desk.change_password(GOOD, "a new long password")
        desk.sign_out()
    finally:
        read_only.close()
    assert db_path.read_bytes() == before, "nothing was written"
