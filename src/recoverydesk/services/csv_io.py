"""Members in and out as CSV: import a spreadsheet all-or-nothing, export every member.

The file format (columns, dates, yes/no, emergency contacts) is described and parsed in
``csv_format``. Every row is checked before anything is written: on its own, against the
other rows of the file (same code, or same name and date of birth) and against the
database. Without ``skip_invalid`` one bad row means nothing is imported; each bad row is
reported with its line number in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db.repositories import bulk
from recoverydesk.db.repositories.bulk import NewMember
from recoverydesk.db.repositories.members import sort_key
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.accounts import Action, AuditAction
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.codes import is_valid_code
from recoverydesk.domain.errors import FieldError
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.access import Access
from recoverydesk.services.csv_files import write_csv
from recoverydesk.services.csv_format import (
    COLUMNS,
    CsvFileError,
    ParsedRow,
    column_names,
    parse_row,
    read_records,
    read_text,
)
from recoverydesk.services.csv_format import member_cells as _cells

__all__ = [
    "COLUMNS",
    "CsvFileError",
    "ImportReport",
    "MemberCsvService",
    "RowProblem",
    "check_readable",
]


@dataclass(frozen=True)
class RowProblem:
    """Why one row of an imported file was refused; ``line`` is its line in the file."""

    line: int
    errors: tuple[FieldError, ...]

    def __str__(self) -> str:
        reasons = "; ".join(
            f"{e.field}: {e.message}" if e.field else e.message for e in self.errors
        )
        return f"line {self.line}: {reasons}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, members imported, and each refused row."""

    rows: int
    imported: int
    problems: tuple[RowProblem, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every row was valid (and so every row was imported)."""
        return not self.problems


class MemberCsvService:
    """Imports and exports members as CSV files."""

    def __init__(self, db: Database, clock: Clock, access: Access) -> None:
        self._db = db
        self._clock = clock
        self._access = access

    def import_members(self, path: str | Path, skip_invalid: bool = False) -> ImportReport:
        """Import ``path`` in one transaction; raises ``CsvFileError`` for an unusable file."""
        self._access.require(Action.MEMBERS_IMPORT)
        path = Path(path)
        header, records = read_records(path)
        columns = column_names(header, path)
        today = self._clock.today()
        rows = [parse_row(line, columns, values, today) for line, values in records]
        _check_within_file(rows)
        with self._db.write() as session:
            _check_against_database(session, rows)
            problems = tuple(RowProblem(r.line, tuple(r.errors)) for r in rows if r.errors)
            good = [r for r in rows if not r.errors]
            if not good or (problems and not skip_invalid):
                return ImportReport(rows=len(rows), imported=0, problems=problems)
            self._insert(session, good)
            self._access.record(session, AuditAction.IMPORT, "members", "", f"{len(good)} rows")
        return ImportReport(rows=len(rows), imported=len(good), problems=problems)

    def export_members(self, path: str | Path) -> int:
        """Write every member (archived too) to ``path``; returns how many were written.

        The file is written next to ``path`` under a temporary name and renamed over it
        only when complete, so a failure never leaves a half-written export
        (``csv_files.write_csv``; the cells are already in the members CSV format).
        """
        self._access.require(Action.MEMBERS_EXPORT)
        count = write_csv(path, COLUMNS, self._member_rows(), cell=str)
        self._access.log(AuditAction.EXPORT, "members", "", f"{count} rows")
        return count

    def _member_rows(self) -> Iterator[list[str]]:
        with self._db.read() as session:
            for member in bulk.iter_members(session):
                yield _cells(member)

    def _insert(self, session: Session, rows: Sequence[ParsedRow]) -> None:
        own = [int(r.code[1:-1]) for r in rows if r.code and is_valid_code(r.code)]
        if own:
            bulk.bump_code_counter(session, max(own))
        fresh = iter(bulk.allocate_codes(session, sum(1 for r in rows if not r.code)))
        members = [NewMember(r.code or next(fresh), r.draft, r.archived_reason) for r in rows]
        bulk.bulk_insert_members(session, members, today=self._clock.today(), now=self._clock.now())


def check_readable(path: Path) -> None:
    """Raise ``CsvFileError`` unless ``path`` is readable UTF-8 (before opening a database)."""
    read_text(path)


# --- rows against each other and the database --------------------------------------------


def _person_key(draft: MemberDraft) -> tuple[str, dt.date] | None:
    if draft.date_of_birth is None or not draft.first_name or not draft.last_name:
        return None
    return sort_key(draft.first_name, draft.last_name), draft.date_of_birth


def _check_within_file(rows: Sequence[ParsedRow]) -> None:
    """Flag a later row repeating an earlier row's code, or its name and date of birth."""
    codes: dict[str, int] = {}
    people: dict[tuple[str, dt.date], int] = {}
    for row in rows:
        if row.code:
            first = codes.setdefault(row.code, row.line)
            if first != row.line:
                row.errors.append(FieldError("member_code", f"{row.code} is also on line {first}"))
        key = _person_key(row.draft)
        if key is not None:
            first = people.setdefault(key, row.line)
            if first != row.line:
                row.errors.append(
                    FieldError(
                        "",
                        f"looks like the same person as line {first} (same name and date of birth)",
                    )
                )


def _check_against_database(session: Session, rows: Sequence[ParsedRow]) -> None:
    """Flag codes already in use and people who look like existing members."""
    taken = bulk.existing_codes(session, (r.code for r in rows if r.code))
    people = (
        bulk.people_with_birth_dates(session) if any(_person_key(r.draft) for r in rows) else {}
    )
    for row in rows:
        if row.code in taken:
            row.errors.append(
                FieldError("member_code", f"{row.code} already belongs to an existing member")
            )
        key = _person_key(row.draft)
        if key is not None and key in people:
            row.errors.append(
                FieldError(
                    "", f"looks like existing member {people[key]} (same name and date of birth)"
                )
            )
