"""The ``recoverydesk`` argument parser and command dispatch.

``--db`` and ``--data-dir`` are accepted before and after the subcommand: each subparser
repeats them with ``argparse.SUPPRESS`` defaults so that a value given after the
subcommand wins and an absent one does not erase the value given before it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from recoverydesk import APP_NAME, __version__
from recoverydesk.cli import backup, basic, checkin, copy, demo, handout, members, users
from recoverydesk.cli.context import CliContext

Handler = Callable[[argparse.Namespace, CliContext], int]


def add_location_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--db`` and ``--data-dir``, at the top level or repeated on a subcommand."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="URL_OR_PATH",
        default=default,
        help="database file path or SQLAlchemy URL (default: the data folder's)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="keep data, logs and backups in DIR (also RECOVERYDESK_DATA_DIR)",
    )


def subcommand(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    help_text: str,
) -> argparse.ArgumentParser:
    """Add a subcommand that accepts the location options too."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_location_options(parser, top=False)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="recoverydesk",
        description=f"{APP_NAME}: front desk, members, peers and plans for recovery centres. "
        "Without a command, opens the app.",
    )
    add_location_options(parser, top=True)
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a demo database of synthetic people"
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (basic, members, checkin, demo, backup, handout, users, copy):
        module.register(subparsers, subcommand)
    return parser
