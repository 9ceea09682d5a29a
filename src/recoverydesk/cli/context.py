"""What every subcommand needs: where the data lives and a way to open the database."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from recoverydesk.domain.errors import DatabasePasswordError
from recoverydesk.paths import AppPaths, app_paths
from recoverydesk.services.container import Services, open_services


@dataclass
class CliContext:
    """The resolved options of one command-line run."""

    paths: AppPaths
    db: str | None
    out_stream: TextIO | None = None
    err_stream: TextIO | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(paths=app_paths(getattr(args, "data_dir", None)), db=getattr(args, "db", None))

    @property
    def database_target(self) -> str | Path:
        """The ``--db`` URL or path, or the default file in the data folder."""
        return self.db or self.paths.database

    @contextmanager
    def services(self) -> Iterator[Services]:
        """Open (and upgrade) the database for the length of a command.

        A PostgreSQL server that wants a password not found in PGPASSWORD or ``.pgpass``
        gets it typed at the terminal (never on the command line), once.
        """
        try:
            services = open_services(self.database_target, backup_dir=self.paths.backup_dir)
        except DatabasePasswordError:
            if not sys.stdin.isatty() or os.environ.get("PGPASSWORD"):
                raise
            os.environ["PGPASSWORD"] = getpass.getpass("Database password: ")
            services = open_services(self.database_target, backup_dir=self.paths.backup_dir)
        try:
            yield services
        finally:
            services.close()

    @property
    def out(self) -> TextIO:
        """Where results go (the current ``sys.stdout`` unless set)."""
        return self.out_stream or sys.stdout

    @property
    def err(self) -> TextIO:
        """Where problems go (the current ``sys.stderr`` unless set)."""
        return self.err_stream or sys.stderr

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def warn(self, *parts: object) -> None:
        print(*parts, file=self.err)
