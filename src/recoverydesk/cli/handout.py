"""``handout``: print member cards, sign-in sheets and recovery plans to PDF files."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.domain.handouts import HandoutError
from recoverydesk.domain.plans import SECTION_KEYS
from recoverydesk.domain.validation import parse_date


def register(subparsers: Any, subcommand: Any) -> None:
    parser = subcommand(subparsers, "handout", _missing_kind, "make a printable PDF handout")
    kinds = parser.add_subparsers(dest="handout", metavar="HANDOUT")
    card = subcommand(kinds, "card", run_card, "wallet-size member card(s) with a barcode")
    card.add_argument("codes", nargs="+", metavar="CODE", help="member code (repeat for several)")
    card.add_argument("--sheet", action="store_true", help="ten cards to a page, with cut marks")
    _out_option(card)
    sheet = subcommand(
        kinds, "signin-sheet", run_signin_sheet, "sign-in sheet with the last 30 days' regulars"
    )
    sheet.add_argument("--date", default="", metavar="YYYY-MM-DD", help="the day (default: today)")
    _out_option(sheet)
    _plan_parser(subcommand(kinds, "plan", run_plan, "a member's recovery plan to take home"))


def _plan_parser(plan: argparse.ArgumentParser) -> None:
    plan.add_argument("code", metavar="CODE", help="the member's code")
    _out_option(plan)
    plan.add_argument(
        "--large-print", action="store_true", help="body text 16 pt or more, one column"
    )
    keys = ", ".join(SECTION_KEYS)
    plan.add_argument(
        "--sections",
        default=None,
        metavar="KEY,KEY",
        help=f"wellness sections to include (default: every one filled in): {keys}",
    )
    plan.add_argument(
        "--no-barc10",
        dest="barc10",
        action="store_false",
        help="leave out the recovery capital score and its chart",
    )


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help="where to write the PDF"
    )


def _missing_kind(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.warn(
        "recoverydesk: say which handout: 'handout card CODE', 'handout signin-sheet' "
        "or 'handout plan CODE'"
    )
    return 1


def run_card(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        path = services.handouts.member_cards(args.codes, args.out, sheet=args.sheet)
    ctx.print(f"Saved {path}")
    return 0


def run_signin_sheet(args: argparse.Namespace, ctx: CliContext) -> int:
    day = _day(args.date)
    with ctx.services() as services:
        path = services.handouts.signin_sheet(day, args.out)
    ctx.print(f"Saved {path}")
    return 0


def run_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        path = services.handouts.plan(
            args.code,
            args.out,
            large_print=args.large_print,
            sections=args.sections,
            include_barc10=args.barc10,
        )
    ctx.print(f"Saved {path}")
    return 0


def _day(text: str) -> dt.date | None:
    """The ``--date`` value; a bad one is a one-line error (exit 1), nothing written."""
    try:
        return parse_date(text)
    except ValueError as error:
        raise HandoutError(f"--date: {error}. No sheet was made.") from None
