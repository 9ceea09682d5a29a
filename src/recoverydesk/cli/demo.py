"""``demo-data``: fill a database with realistic synthetic people and visits (never real ones)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.services.demo import generate_demo

MAX_MEMBERS = 1_000_000


def register(subparsers: Any, subcommand: Any) -> None:
    parser = subcommand(
        subparsers,
        "demo-data",
        run_demo_data,
        "fill the database with synthetic demo members and visits; refuses a database that "
        "holds real members",
    )
    parser.add_argument(
        "--members",
        type=_members,
        default=300,
        metavar="N",
        help="how many people to make up (default 300)",
    )
    parser.add_argument(
        "--days",
        type=_days,
        default=365,
        metavar="D",
        help="days of visits, up to and including today (default 365; 0 for none)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help="the same seed on the same day makes the same people and past visits (default 1)",
    )


def run_demo_data(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        started = time.perf_counter()
        made = generate_demo(services, args.members, days=args.days, seed=args.seed)
        elapsed = time.perf_counter() - started
        where = services.description
    visits = f" with {made.visits:,} visits over the last {args.days} days" if args.days else ""
    ctx.print(f"Created {made.members:,} demo members in {elapsed:.1f} s{visits} ({where}).")
    return 0


def _members(text: str) -> int:
    return _whole_number(text, 1, MAX_MEMBERS)


def _days(text: str) -> int:
    return _whole_number(text, 0, 36_500)


def _whole_number(text: str, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}")
    return value
