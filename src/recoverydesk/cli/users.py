"""``user add|list|set-password``: accounts from the command line.

Passwords never come from the command line itself (other users of the computer can read
a process's arguments): at a terminal they are asked twice without echo; otherwise the
first line of standard input is the password (``echo … | recoverydesk user add …``).
The command line acts as the system admin, so it can add the first admin of a new
database, or give a locked-out admin a new password.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.domain.accounts import (
    Role,
    clean_username,
    display_name_problems,
    password_problems,
    username_key,
    username_problems,
)
from recoverydesk.domain.errors import RecoveryDeskError, ValidationError
from recoverydesk.services.accounts import AccountService
from recoverydesk.services.container import Services

Ask = Callable[[str], str]


class PasswordInputError(RecoveryDeskError):
    """No usable password was given (none on stdin, or the two typed differ)."""


def register(subparsers: Any, subcommand: Any) -> None:
    user = subparsers.add_parser("user", help="add or list accounts, set a password")
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = subcommand(
        actions,
        "add",
        run_add,
        "add an account; the password is asked at the terminal, or read from the first "
        "line of standard input",
    )
    add.add_argument("name", metavar="NAME", help="the username to sign in with")
    add.add_argument(
        "--role",
        type=_role,
        required=True,
        metavar="ROLE",
        help=f"one of {', '.join(r.value for r in Role)}",
    )
    add.add_argument("--display-name", metavar="TEXT", help="the name shown (default: NAME)")
    add.add_argument("--peer-id", type=int, metavar="N", help="link the account to peer N")
    subcommand(actions, "list", run_list, "list the accounts (never their passwords)")
    reset = subcommand(
        actions,
        "set-password",
        run_set_password,
        "give an account a new password (asked like 'user add'); lifts a sign-in pause",
    )
    reset.add_argument("name", metavar="NAME", help="the account's username")


def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    name = clean_username(args.name)
    display_name = args.display_name if args.display_name is not None else name
    problems = username_problems(name) + display_name_problems(display_name.strip())
    if problems:
        raise ValidationError(problems)
    password = read_password(f"Password for {name}: ")
    with ctx.services() as services:
        user = _accounts(services).create_user(
            name, display_name, args.role, password, peer_id=args.peer_id
        )
    ctx.print(f"Added {user.role.label.lower()} account '{user.username}' (id {user.id}).")
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        found = _accounts(services).list_users()
    for user in found:
        state = "active" if user.active else "switched off"
        ctx.print(f"{user.username}\t{user.display_name}\t{user.role.value}\t{state}")
    if not found:
        ctx.print(
            "No accounts yet. Add the first admin with 'recoverydesk user add NAME --role admin'."
        )
    return 0


def run_set_password(args: argparse.Namespace, ctx: CliContext) -> int:
    name = clean_username(args.name)
    with ctx.services() as services:
        accounts = _accounts(services)
        user = next(
            (u for u in accounts.list_users() if username_key(u.username) == username_key(name)),
            None,
        )
        if user is None:
            ctx.warn(f"recoverydesk: no account is called '{name}'; nothing was changed")
            return 1
        password = read_password(f"New password for {user.username}: ")
        accounts.reset_password(user.id, password)
    ctx.print(f"New password set for '{user.username}'.")
    return 0


def read_password(prompt: str, ask: Ask | None = None) -> str:
    """The password typed twice at a terminal, or the first line of a non-terminal stdin.

    Its length is checked before anything else happens (no database is opened for a
    password that would be refused).
    """
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        password = _ask_twice(prompt, ask or getpass.getpass)
    else:
        line = stdin.readline() if stdin is not None else ""
        password = line.rstrip("\r\n")
        if not password:
            raise PasswordInputError(
                "No password on standard input (its first line is the password); "
                "nothing was changed."
            )
    problems = password_problems(password)
    if problems:
        raise ValidationError(problems)
    return password


def _ask_twice(prompt: str, ask: Ask) -> str:
    try:
        first = ask(prompt)
        problems = password_problems(first)
        if problems:
            raise ValidationError(problems)
        second = ask("Type it again: ")
    except EOFError:
        raise PasswordInputError("No password was typed; nothing was changed.") from None
    if first != second:
        raise PasswordInputError("The two passwords typed differ; nothing was changed.")
    return first


def _accounts(services: Services) -> AccountService:
    return services.accounts


def _role(text: str) -> Role:
    folded = " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()
    for role in Role:
        if folded in (role.value.replace("-", " "), role.label.casefold()):
            return role
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a role (one of {', '.join(r.value for r in Role)})"
    )
