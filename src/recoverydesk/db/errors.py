"""Database errors by cause: environment faults become domain errors with plain words.

Bugs (a wrong query, a violated constraint we did not expect) are not translated; they
propagate to the exception dialog and the log.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc
from sqlalchemy.orm.exc import StaleDataError

from recoverydesk.domain import errors as domain

_PASSWORD_PLACES = (
    "Put it in PGPASSWORD or in a .pgpass file (never in the database URL), or type it "
    "when RecoveryDesk asks."
)
_SQLITE_CAUSES: tuple[tuple[str, type[domain.DatabaseError], str], ...] = (
    (
        "database is locked",
        domain.DatabaseLockedError,
        "The database is busy: another desk or program is writing to it. "
        "Nothing was saved; please try again in a moment.",
    ),
    (
        "database table is locked",
        domain.DatabaseLockedError,
        "The database is busy. Nothing was saved; please try again in a moment.",
    ),
    (
        "readonly database",
        domain.DatabaseReadOnlyError,
        "The database cannot be written (the file or its folder is read-only). "
        "Nothing was saved. Ask your administrator to check the folder's permissions.",
    ),
    (
        "disk is full",
        domain.DiskFullError,
        "The disk is full. Nothing was saved. Free some space and try again.",
    ),
    (
        "disk i/o error",
        domain.DatabaseUnavailableError,
        "The disk reported an error while saving. Nothing was saved.",
    ),
    (
        "file is not a database",
        domain.DatabaseCorruptError,
        "The database file is not a RecoveryDesk database or is damaged.",
    ),
    (
        "malformed",
        domain.DatabaseCorruptError,
        "The database file is damaged. Restore the newest backup.",
    ),
    (
        "unable to open database",
        domain.DatabaseUnavailableError,
        "The database file cannot be opened. Check that the folder exists and can be read.",
    ),
    (
        "connection refused",
        domain.DatabaseUnavailableError,
        "The database server cannot be reached. Check the network and the server.",
    ),
    (
        "could not connect",
        domain.DatabaseUnavailableError,
        "The database server cannot be reached. Check the network and the server.",
    ),
    (
        "server closed the connection",
        domain.DatabaseUnavailableError,
        "The connection to the database server was lost. Nothing was saved; try again.",
    ),
    (
        "password authentication failed",
        domain.DatabasePasswordError,
        "The database server refused the user name or password. " + _PASSWORD_PLACES,
    ),
    (
        "no password supplied",
        domain.DatabasePasswordError,
        "The database server needs a password for this user. " + _PASSWORD_PLACES,
    ),
)


def classify(error: BaseException) -> domain.DatabaseError | None:
    """The domain error for an environment fault, or None when ``error`` is a bug."""
    if not isinstance(error, exc.OperationalError | exc.DatabaseError):
        return None
    if isinstance(error, exc.IntegrityError | exc.ProgrammingError):
        return None
    message = str(error.orig if error.orig is not None else error).lower()
    for needle, kind, sentence in _SQLITE_CAUSES:
        if needle in message:
            return kind(sentence)
    if isinstance(error.__context__, exc.DBAPIError) and error.__context__ is not error:
        # e.g. "no such savepoint" after SQLite already rolled back for a full disk
        cause = classify(error.__context__)
        if cause is not None:
            return cause
    if isinstance(error, exc.OperationalError) and error.connection_invalidated:
        return domain.DatabaseUnavailableError(
            "The connection to the database was lost. Nothing was saved; try again."
        )
    return None


@contextmanager
def translated_errors() -> Iterator[None]:
    """Re-raise environment faults as domain errors; let bugs through untouched."""
    try:
        yield
    except StaleDataError as error:
        raise domain.ConflictError(
            "Someone else changed this record; nothing was saved."
        ) from error
    except exc.DBAPIError as error:
        fault = classify(error)
        if fault is None:
            raise
        raise fault from error
