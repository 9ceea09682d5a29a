"""``copy-database --to URL``: move a site's data to an empty database (e.g. PostgreSQL)."""

from __future__ import annotations

import argparse
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.services.copying import copy_to


def register(subparsers: Any, subcommand: Any) -> None:
    parser = subcommand(
        subparsers,
        "copy-database",
        run_copy,
        "copy every table of this database into an EMPTY one (SQLite file or PostgreSQL URL), "
        "checking row counts and that the copy opens",
    )
    parser.add_argument(
        "--to",
        required=True,
        metavar="URL_OR_PATH",
        help="the empty target, e.g. postgresql+psycopg://desk@server/recoverydesk",
    )


def run_copy(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        report, where = copy_to(services, args.to)
    ctx.print(f"Copied {report.total} rows into {where}:")
    for name, count in report.counts.items():
        if count:
            ctx.print(f"  {name}: {count}")
    ctx.print("The copy opens and its row counts match. Point every desk at it with --db.")
    return 0
