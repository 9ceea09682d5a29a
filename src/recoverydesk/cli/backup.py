"""``backup`` and ``restore``: verified copies of the database, and putting one back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from recoverydesk.cli.context import CliContext
from recoverydesk.domain.backups import BackupInfo
from recoverydesk.domain.errors import DatabaseCorruptError
from recoverydesk.services.backups import restore_over_damaged


def register(subparsers: Any, subcommand: Any) -> None:
    backup = subcommand(
        subparsers,
        "backup",
        run_backup,
        "make a verified copy of the database (default: in the backups folder)",
    )
    backup.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="write the copy to FILE (e.g. on a USB stick); FILE must not exist",
    )
    restore = subcommand(
        subparsers,
        "restore",
        run_restore,
        "put a backup in place of the database; the current one is kept as "
        "a dated before-restore copy",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.services() as services:
        info = services.backups.back_up_file(args.out) if args.out else services.backups.back_up()
    ctx.print(f"Backup written and verified: {info.path}")
    ctx.print(describe(info))
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.file.is_file():
        ctx.warn(f"recoverydesk: no backup file at {args.file}; nothing was changed")
        return 1
    try:
        with ctx.services() as services:
            chosen = services.backups.check(args.file)
            kept = services.backups.restore(args.file)
    except DatabaseCorruptError:
        # the database itself is damaged: put the backup back without opening it
        chosen, kept = restore_over_damaged(ctx.database_target, args.file, ctx.paths.backup_dir)
    ctx.print(f"Restored {args.file}")
    ctx.print(describe(chosen))
    ctx.print(f"The database as it was before is kept at {kept.path}")
    return 0


def describe(info: BackupInfo) -> str:
    """One line on what a backup holds."""
    when = info.created_at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"Taken {when}: {info.members} members, {info.visits} visits, "
        f"{info.size / 1_000_000:.1f} MB, schema {info.schema or '?'}"
    )
