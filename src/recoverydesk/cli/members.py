"""``members find|import|export``: find members, and move them in and out as CSV.

Exit codes of ``members import``: 0 when every row was imported (or the file had no rows);
1 when the file cannot be used, or when any row is invalid without ``--skip-invalid``
(then nothing is imported); with ``--skip-invalid``, 0 when at least one row was imported
(the skipped rows are listed on stderr) and 1 when no row could be imported.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.services.csv_files import check_writable
from recoverydesk.services.csv_io import ImportReport, check_readable


def register(subparsers: Any, subcommand: Any) -> None:
    members = subparsers.add_parser("members", help="find, import or export members")
    actions = members.add_subparsers(dest="members_command", metavar="ACTION", required=True)
    find = subcommand(actions, "find", run_find, "find members by name, code or phone digits")
    find.add_argument("text", help="a few letters of a name, a member code, or 4 phone digits")
    find.add_argument("--limit", type=int, default=20, help="most rows to show (default 20)")
    find.add_argument("--archived", action="store_true", help="include archived members")
    load = subcommand(
        actions,
        "import",
        run_import,
        "import members from a UTF-8 CSV file; nothing is imported if any row "
        "is invalid, unless --skip-invalid",
    )
    load.add_argument("file", type=Path, metavar="FILE.csv")
    load.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and list the invalid ones on stderr",
    )
    save = subcommand(
        actions, "export", run_export, "export every member (archived too) to a CSV file for Excel"
    )
    save.add_argument("file", type=Path, metavar="FILE.csv")


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


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    check_readable(args.file)  # before the database is opened or created
    with ctx.services() as services:
        report = services.csv.import_members(args.file, skip_invalid=args.skip_invalid)
    for problem in report.problems:
        ctx.warn(str(problem))
    return _summarise(report, args.file, args.skip_invalid, ctx)


def _summarise(report: ImportReport, path: Path, skip_invalid: bool, ctx: CliContext) -> int:
    bad = len(report.problems)
    if report.imported:
        ctx.print(f"Imported {_members(report.imported)} from {path}.")
        if bad:
            ctx.warn(f"Skipped {bad} invalid row{'' if bad == 1 else 's'} (listed above).")
        return 0
    if not bad:
        ctx.print(f"{path} has no member rows; nothing was imported.")
        return 0
    advice = ""
    if not skip_invalid and bad < report.rows:
        advice = (
            f" Fix {'it' if bad == 1 else 'them'} and import again, or use "
            f"--skip-invalid to import the other {report.rows - bad}."
        )
    ctx.warn(f"{bad} of {report.rows} {_rows(report.rows)} invalid; nothing was imported." + advice)
    return 1


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    check_writable(args.file)
    with ctx.services() as services:
        count = services.csv.export_members(args.file)
    ctx.print(f"Exported {_members(count)} to {args.file}.")
    return 0


def _members(count: int) -> str:
    return f"{count} member{'' if count == 1 else 's'}"


def _rows(count: int) -> str:
    return "row is" if count == 1 else "rows are"
