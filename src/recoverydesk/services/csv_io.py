"""Members in and out as CSV: import a spreadsheet all-or-nothing, export every member.

File format (what ``export_members`` writes and ``import_members`` reads):

* UTF-8, with or without a byte-order mark (exports carry one so Excel reads them right).
* A header line; names are case-insensitive, trimmed, and spaces or ``-`` count as ``_``.
  Only ``first_name`` and ``last_name`` are required; columns may come in any order.
* Columns: ``COLUMNS`` below. Dates are ``YYYY-MM-DD``. ``focus``, ``pathways`` (several,
  separated by ``;``) and ``status`` take the values or labels of the domain enums.
  ``peer_wants_to_see`` is yes/no. ``emergency_contacts`` holds one contact per line of
  the cell, as ``name | relationship | phone``.
* ``member_code`` is kept when given (so an export re-imports with the same codes); rows
  without one get fresh codes, numbered after any imported code of our own format.

Every row is checked before anything is written. Without ``skip_invalid`` one bad row
means nothing is imported; each bad row is reported with its line number in the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TextIO, TypeVar

from recoverydesk.db.repositories import bulk
from recoverydesk.db.repositories.bulk import NewMember
from recoverydesk.db.repositories.members import sort_key
from recoverydesk.db.session import Database, Session
from recoverydesk.domain.clock import Clock
from recoverydesk.domain.codes import is_valid_code, looks_like_code, normalize_code
from recoverydesk.domain.errors import FieldError, RecoveryDeskError
from recoverydesk.domain.members import (
    EmergencyContact,
    Focus,
    Member,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.domain.text import clean_text
from recoverydesk.domain.validation import REASON_MAX, check_length, parse_date, validate_member
from recoverydesk.services.member_mapping import clean_draft

# fmt: off
COLUMNS = (
    "member_code", "first_name", "last_name", "preferred_name", "pronouns", "date_of_birth",
    "phone", "email", "address", "focus", "pathways", "recovery_start", "joined_on", "status",
    "archived_reason", "desk_note", "peer_wants_to_see", "emergency_contacts",
)
# fmt: on
REQUIRED = ("first_name", "last_name")
CODE_MAX = 20
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_E = TypeVar("_E", bound=StrEnum)


class CsvFileError(RecoveryDeskError):
    """The file as a whole cannot be read or written (missing, not UTF-8, bad header)."""


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


@dataclass
class _Row:
    """One data row, parsed; ``errors`` empty when it can be imported."""

    line: int
    draft: MemberDraft
    code: str = ""
    archived_reason: str = ""
    errors: list[FieldError] = field(default_factory=list)


class MemberCsvService:
    """Imports and exports members as CSV files."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def import_members(self, path: str | Path, skip_invalid: bool = False) -> ImportReport:
        """Import ``path`` in one transaction; raises ``CsvFileError`` for an unusable file."""
        path = Path(path)
        header, records = _read_records(path)
        columns = _columns(header, path)
        today = self._clock.today()
        rows = [_parse_row(line, columns, values, today) for line, values in records]
        _check_within_file(rows)
        with self._db.write() as session:
            _check_against_database(session, rows)
            problems = tuple(RowProblem(r.line, tuple(r.errors)) for r in rows if r.errors)
            good = [r for r in rows if not r.errors]
            if not good or (problems and not skip_invalid):
                return ImportReport(rows=len(rows), imported=0, problems=problems)
            self._insert(session, good)
        return ImportReport(rows=len(rows), imported=len(good), problems=problems)

    def export_members(self, path: str | Path) -> int:
        """Write every member (archived too) to ``path``; returns how many were written.

        The file is written next to ``path`` under a temporary name and renamed over it
        only when complete, so a failure never leaves a half-written export.
        """
        path = Path(path)
        check_writable(path)
        try:
            handle, temp_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
            )
        except OSError as error:
            raise _write_error(path, error) from error
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
                count = self._write_rows(out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except OSError as error:
            raise _write_error(path, error) from error
        finally:
            temp.unlink(missing_ok=True)
        return count

    def _write_rows(self, out: TextIO) -> int:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        count = 0
        with self._db.read() as session:
            for member in bulk.iter_members(session):
                writer.writerow(_cells(member))
                count += 1
        return count

    def _insert(self, session: Session, rows: Sequence[_Row]) -> None:
        own = [int(r.code[1:-1]) for r in rows if r.code and is_valid_code(r.code)]
        if own:
            bulk.bump_code_counter(session, max(own))
        fresh = iter(bulk.allocate_codes(session, sum(1 for r in rows if not r.code)))
        members = [NewMember(r.code or next(fresh), r.draft, r.archived_reason) for r in rows]
        bulk.bulk_insert_members(session, members, today=self._clock.today(), now=self._clock.now())


def _write_error(path: Path, error: OSError) -> CsvFileError:
    reason = error.strerror or type(error).__name__
    hint = " (is it open in another program?)" if isinstance(error, PermissionError) else ""
    return CsvFileError(f"Cannot write {path}: {reason}{hint}. Nothing was written.")


# --- reading the file -------------------------------------------------------------------


def check_readable(path: Path) -> None:
    """Raise ``CsvFileError`` unless ``path`` is readable UTF-8 (before opening a database)."""
    _read_text(path)


def check_writable(path: Path) -> None:
    """Raise ``CsvFileError`` when ``path`` cannot be written because its folder is missing."""
    if path.is_dir():
        raise CsvFileError(f"Cannot write {path}: it is a folder.")
    if not path.parent.is_dir():
        raise CsvFileError(f"Cannot write {path}: the folder {path.parent} does not exist.")


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise CsvFileError(f"{path}: no such file.") from error
    except IsADirectoryError as error:
        raise CsvFileError(f"{path} is a folder, not a CSV file.") from error
    except OSError as error:
        raise CsvFileError(f"Cannot read {path}: {error.strerror}.") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CsvFileError(
            f"{path} is not UTF-8 text (line {line}). Save it as 'CSV UTF-8' and try again; "
            "nothing was imported."
        ) from error


def _read_records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank data rows, each with the line number it starts on."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, None)
        previous = reader.line_num
        for values in reader:
            line, previous = previous + 1, reader.line_num
            if any(v.strip() for v in values):
                records.append((line, values))
    except csv.Error as error:
        raise CsvFileError(
            f"{path}, line {reader.line_num}: not a valid CSV file ({error})."
        ) from error
    if not header or not any(h.strip() for h in header):
        raise CsvFileError(f"{path} is empty: the first line should name the columns.")
    return header, records


def _columns(header: list[str], path: Path) -> list[str]:
    """Normalised column names ('' for a nameless column); refuses an unusable header."""
    names = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
    unknown = [h.strip() for h, n in zip(header, names, strict=True) if n and n not in COLUMNS]
    if unknown:
        listed = ", ".join(f"'{u}'" for u in unknown)
        raise CsvFileError(
            f"{path}: unknown column(s) {listed} on line 1. Known columns: {', '.join(COLUMNS)}."
        )
    repeated = sorted({n for n in names if n and names.count(n) > 1})
    if repeated:
        raise CsvFileError(f"{path}: column(s) {', '.join(repeated)} appear more than once.")
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise CsvFileError(
            f"{path}: the header (line 1) has no {' or '.join(missing)} column; "
            "first_name and last_name are required."
        )
    return names


# --- one row ----------------------------------------------------------------------------


def _parse_row(line: int, columns: list[str], values: list[str], today: dt.date) -> _Row:
    errors: list[FieldError] = []
    if len(values) > len(columns):
        errors.append(
            FieldError("", f"has {len(values)} values but the header has {len(columns)} columns")
        )
    cells = dict(zip(columns, values, strict=False))
    if cells.pop("", "").strip():
        errors.append(FieldError("", "has a value in a column with no name in the header"))

    def get(name: str) -> str:
        return cells.get(name, "").strip()

    status = _enum(MemberStatus, "status", get("status"), errors) or MemberStatus.MEMBER
    draft = clean_draft(
        MemberDraft(
            first_name=get("first_name"),
            last_name=get("last_name"),
            preferred_name=get("preferred_name"),
            pronouns=get("pronouns"),
            date_of_birth=_date("date_of_birth", get("date_of_birth"), errors),
            phone=get("phone"),
            email=get("email"),
            address=cells.get("address", ""),
            focus=_enum(Focus, "focus", get("focus"), errors),
            pathways=_pathways(get("pathways"), errors),
            recovery_start=_date("recovery_start", get("recovery_start"), errors),
            joined_on=_date("joined_on", get("joined_on"), errors),
            status=status,
            desk_note=get("desk_note"),
            peer_wants_to_see=_yes_no(get("peer_wants_to_see"), errors),
            emergency_contacts=_contacts(cells.get("emergency_contacts", ""), errors),
        )
    )
    errors.extend(validate_member(draft, today))
    reason = clean_text(get("archived_reason"))
    errors.extend(_reason_errors(reason, status))
    code = normalize_code(get("member_code"))
    errors.extend(_code_errors(code))
    return _Row(line=line, draft=draft, code=code, archived_reason=reason, errors=errors)


def _date(name: str, text: str, errors: list[FieldError]) -> dt.date | None:
    try:
        return parse_date(text)
    except ValueError as error:
        errors.append(FieldError(name, str(error)))
        return None


def _lookup(enum_cls: type[_E]) -> dict[str, _E]:
    table: dict[str, _E] = {}
    for member in enum_cls:
        table[member.value.casefold()] = member
        table[str(getattr(member, "label", member.value)).casefold()] = member
    return table


def _enum(enum_cls: type[_E], name: str, text: str, errors: list[FieldError]) -> _E | None:
    if not text:
        return None
    found = _lookup(enum_cls).get(" ".join(text.split()).casefold())
    if found is None:
        allowed = ", ".join(m.value for m in enum_cls)
        errors.append(FieldError(name, f"'{text}' is not one of {allowed}"))
    return found


def _pathways(text: str, errors: list[FieldError]) -> frozenset[Pathway]:
    found = (_enum(Pathway, "pathways", part.strip(), errors) for part in text.split(";"))
    return frozenset(p for p in found if p is not None)


def _yes_no(text: str, errors: list[FieldError]) -> bool:
    folded = text.casefold()
    if folded not in _TRUE | _FALSE:
        errors.append(FieldError("peer_wants_to_see", f"'{text}' should be yes or no"))
    return folded in _TRUE


def _contacts(text: str, errors: list[FieldError]) -> tuple[EmergencyContact, ...]:
    contacts = []
    for entry in (e for e in text.splitlines() if e.strip()):
        parts = [p.strip() for p in entry.split("|")]
        if len(parts) > 3:
            errors.append(
                FieldError(
                    "emergency_contacts",
                    f"'{entry.strip()}' should be: name | relationship | phone",
                )
            )
            continue
        name, relationship, phone = (parts + ["", ""])[:3]
        contacts.append(EmergencyContact(name, relationship, phone))
    return tuple(contacts)


def _reason_errors(reason: str, status: MemberStatus) -> list[FieldError]:
    if status is MemberStatus.ARCHIVED and not reason:
        return [FieldError("archived_reason", "An archived member needs a reason")]
    if status is not MemberStatus.ARCHIVED and reason:
        return [
            FieldError(
                "archived_reason", f"Only archived members have a reason (status is {status.value})"
            )
        ]
    problem = check_length("archived_reason", "Reason", reason, REASON_MAX)
    return [problem] if problem else []


def _code_errors(code: str) -> list[FieldError]:
    if not code:
        return []
    if looks_like_code(code):
        if is_valid_code(code):
            return []
        return [FieldError("member_code", f"{code} has a wrong check digit (mistyped?)")]
    if len(code) > CODE_MAX or not all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in code):
        return [
            FieldError(
                "member_code",
                f"'{code}' is not a member code (letters, digits and -, at most {CODE_MAX})",
            )
        ]
    return []


# --- rows against each other and the database --------------------------------------------


def _person_key(draft: MemberDraft) -> tuple[str, dt.date] | None:
    if draft.date_of_birth is None or not draft.first_name or not draft.last_name:
        return None
    return sort_key(draft.first_name, draft.last_name), draft.date_of_birth


def _check_within_file(rows: Sequence[_Row]) -> None:
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


def _check_against_database(session: Session, rows: Sequence[_Row]) -> None:
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


# --- writing ----------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.value if isinstance(value, StrEnum) else str(value)


def _cells(member: Member) -> list[str]:
    """One member as the values of ``COLUMNS``."""
    special = {
        "member_code": member.code,
        "pathways": ";".join(sorted(p.value for p in member.pathways)),
        "emergency_contacts": "\n".join(
            f"{c.name} | {c.relationship} | {c.phone}" for c in member.emergency_contacts
        ),
    }
    return [_cell(special[c] if c in special else getattr(member, c)) for c in COLUMNS]
