"""Entry point: ``recoverydesk`` on the command line and ``python -m recoverydesk``.

``main(argv)`` parses the arguments, sets up the folders and logging, then either runs a
subcommand or opens the app. It returns the exit code instead of exiting, so tests and
scripts can call it (the GUI reuses a running ``QApplication``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from recoverydesk.cli.context import CliContext
from recoverydesk.cli.parser import build_parser
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.logging_setup import setup_logging

log = logging.getLogger("recoverydesk")


def main(argv: Sequence[str] | None = None) -> int:
    """Run RecoveryDesk with ``argv`` (default: the process arguments); returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    ctx = CliContext.from_args(args)
    setup_logging(ctx.paths.log_dir)
    handler = getattr(args, "handler", None)
    if handler is None:
        return _run_gui(args, ctx)
    return _run_command(handler, args, ctx)


def _run_command(handler: object, args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        return int(handler(args, ctx))  # type: ignore[operator]
    except RecoveryDeskError as error:
        print(f"recoverydesk: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("recoverydesk: interrupted; nothing more was written.", file=sys.stderr)
        return 130


def _run_gui(args: argparse.Namespace, ctx: CliContext) -> int:
    from recoverydesk.app import run_gui

    return run_gui(ctx, demo=args.demo)


if __name__ == "__main__":
    sys.exit(main())
