"""Errors a person can act on, each with a plain sentence.

Services raise these; the UI shows ``str(error)`` as is, the CLI prints it as one line.
Anything that is not a ``RecoveryDeskError`` is a bug and goes to the exception dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn


class RecoveryDeskError(Exception):
    """Base of every error that is meant for the person using the app."""


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a form or one column of an imported row."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(RecoveryDeskError):
    """Input that breaks a rule; carries every field problem at once."""

    def __init__(self, errors: list[FieldError] | tuple[FieldError, ...]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    def for_field(self, field: str) -> str | None:
        """The first message for ``field``, or None when that field is fine."""
        return next((e.message for e in self.errors if e.field == field), None)


def raise_if(errors: Sequence[FieldError]) -> None:
    """Raise a ``ValidationError`` carrying ``errors`` when there are any."""
    if errors:
        raise ValidationError(list(errors))


def refuse(field: str, message: str) -> NoReturn:
    """Raise a ``ValidationError`` with one problem, for ``field``."""
    raise ValidationError([FieldError(field, message)])


class NotFoundError(RecoveryDeskError):
    """The record asked for does not exist (or no longer does)."""


class DuplicateError(RecoveryDeskError):
    """The record would duplicate one that exists (a code, a person)."""


class ConflictError(RecoveryDeskError):
    """Someone else changed the record since it was opened; nothing was saved."""


class DatabaseError(RecoveryDeskError):
    """The database could not do what was asked, for a reason outside the program."""

    title = "Database problem"


class DatabaseLockedError(DatabaseError):
    """Another program or desk held the database for longer than we wait."""

    title = "Database busy"


class DatabaseReadOnlyError(DatabaseError):
    """The database file or its folder cannot be written."""

    title = "Database is read-only"


class DiskFullError(DatabaseError):
    """The disk holding the database is full."""

    title = "Disk full"


class DatabaseCorruptError(DatabaseError):
    """The file is not a RecoveryDesk database or is damaged."""

    title = "Database damaged"


class DatabaseUnavailableError(DatabaseError):
    """The database cannot be opened or reached at all."""

    title = "Cannot open database"


class DatabasePasswordError(DatabaseUnavailableError):
    """The database server wants a password (none was found, or it was refused)."""

    title = "Database password"


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer RecoveryDesk than this one."""

    title = "Database from a newer version"


class MigrationError(DatabaseError):
    """Upgrading the database failed; the original was put back."""

    title = "Upgrade failed"
