"""``checkin``: check a member in from the command line (a kiosk script, a catch-up)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.domain.visits import VisitSource

EXIT_AMBIGUOUS = 2


def register(subparsers: Any, subcommand: Any) -> None:
    parser = subcommand(
        subparsers,
        "checkin",
        run_checkin,
        "check a member in by member code, or by a name that matches one member",
    )
    parser.add_argument("who", metavar="CODE_OR_NAME", help="member code, or a name")
    parser.add_argument(
        "--at",
        metavar="ISO_DATETIME",
        type=_moment,
        help="when (e.g. 2026-03-10T09:30; site-local unless an offset is given)",
    )
    parser.add_argument(
        "--purpose",
        action="append",
        default=[],
        metavar="P",
        help="purpose of the visit (repeat for several)",
    )


def run_checkin(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        found = services.front_desk.lookup(args.who)
        if found.exact is None:
            return _not_one(found.rows, args.who, ctx)
        source = VisitSource.DESK if args.at is None else VisitSource.PAPER
        result = services.visits.check_in(
            found.exact.member_id, at=args.at, purposes=args.purpose, source=source
        )
    ctx.print(result.message)
    return 0


def _not_one(rows: tuple[Any, ...], who: str, ctx: CliContext) -> int:
    if not rows:
        ctx.warn(f"recoverydesk: no member matches '{who}'; nothing recorded")
        return 1
    ctx.warn(
        f"recoverydesk: '{who}' matches {len(rows)} members; nothing recorded. Use the member code:"
    )
    for row in rows:
        ctx.warn(f"  {row.code}\t{row.first_name} {row.last_name}\t{row.pronouns}".rstrip())
    return EXIT_AMBIGUOUS


def _moment(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date and time like 2026-03-10T09:30"
        ) from None
