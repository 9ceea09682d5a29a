"""``members find|import|export``: find members, and move them in and out as CSV."""

from __future__ import annotations

import argparse
from typing import Any

from recoverydesk.cli.context import CliContext


def register(subparsers: Any, subcommand: Any) -> None:
    members = subparsers.add_parser("members", help="find, import or export members")
    actions = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    find = subcommand(actions, "find", run_find, "find members by name, code or phone digits")
    find.add_argument("text", help="a few letters of a name, a member code, or 4 phone digits")
    find.add_argument("--limit", type=int, default=20, help="most rows to show (default 20)")
    find.add_argument("--archived", action="store_true", help="include archived members")


def run_find(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        page = services.members.search(args.text, limit=args.limit, include_archived=args.archived)
    for row in page.rows:
        preferred = f" ({row.preferred_name})" if row.preferred_name else ""
        ctx.print(f"{row.code}\t{row.first_name} {row.last_name}{preferred}\t{row.status.label}")
    if not page.rows:
        ctx.print(f"No member matches '{args.text}'.")
        return 1
    return 0
