"""``init`` and ``check``: create or upgrade the database, and report its health.

``check`` covers the schema version, the file's integrity (SQLite) and the audit trail's
hash chain; any problem is one ``Problem:`` line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
from typing import Any

from recoverydesk import __version__
from recoverydesk.cli.context import CliContext
from recoverydesk.services.maintenance import check_database


def register(subparsers: Any, subcommand: Any) -> None:
    subcommand(
        subparsers, "init", run_init, "create the database, or upgrade it to this version's schema"
    )
    subcommand(
        subparsers,
        "check",
        run_check,
        "check the database: schema version, integrity, audit trail; non-zero exit on a problem",
    )


def run_init(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        ctx.print(f"Database ready: {services.description}")
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    report = check_database(ctx.database_target)
    ctx.print(f"RecoveryDesk {__version__}")
    for line in report.lines:
        ctx.print(line)
    if not report.ok:
        for problem in report.problems:
            print(f"Problem: {problem}", file=ctx.err)
        return 1
    return 0
