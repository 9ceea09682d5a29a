"""The members CSV format: reading a file into rows, one row into a draft, a member into cells.

File format (what ``MemberCsvService.export_members`` writes and ``import_members`` reads):

* UTF-8, with or without a byte-order mark (exports carry one so Excel reads them right).
* A header line; names are case-insensitive, trimmed, and spaces or ``-`` count as ``_``.
  Only ``first_name`` and ``last_name`` are required; columns may come in any order.
* Columns: ``COLUMNS`` below. Dates are ``YYYY-MM-DD``. ``focus``, ``pathways`` (several,
  separated by ``;``) and ``status`` take the values or labels of the domain enums.
  ``peer_wants_to_see`` is yes/no. ``emergency_contacts`` holds one contact per line of
  the cell, as ``name | relationship | phone``.
* ``member_code`` is kept when given (so an export re-imports with the same codes); rows
  without one get fresh codes, numbered after any imported code of our own format.

Nothing here touches the database: checks against other rows and existing members are the
service's (``csv_io``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

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


@dataclass
class ParsedRow:
    """One data row, parsed; ``errors`` empty when it can be imported."""

    line: int
    draft: MemberDraft
    code: str = ""
    archived_reason: str = ""
    errors: list[FieldError] = field(default_factory=list)


# --- reading the file -------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The whole file as text; ``CsvFileError`` when it is missing or not UTF-8."""
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


def read_records(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank data rows, each with the line number it starts on."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
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


def column_names(header: list[str], path: Path) -> list[str]:
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


def parse_row(line: int, columns: list[str], values: list[str], today: dt.date) -> ParsedRow:
    """One data row as a cleaned draft, with every problem found in the row itself."""
    errors: list[FieldError] = []
    if len(values) > len(columns):
        errors.append(
            FieldError("", f"has {len(values)} values but the header has {len(columns)} columns")
        )
    cells = {name: unguard(value) for name, value in zip(columns, values, strict=False)}
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
    return ParsedRow(line=line, draft=draft, code=code, archived_reason=reason, errors=errors)


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


# --- writing ----------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.value if isinstance(value, StrEnum) else str(value)


def member_cells(member: Member) -> list[str]:
    """One member as the values of ``COLUMNS``."""
    special = {
        "member_code": member.code,
        "pathways": ";".join(sorted(p.value for p in member.pathways)),
        "emergency_contacts": "\n".join(
            f"{c.name} | {c.relationship} | {c.phone}" for c in member.emergency_contacts
        ),
    }
    cells = [_cell(special[c] if c in special else getattr(member, c)) for c in COLUMNS]
    return [v if c in UNGUARDED else guard(v) for c, v in zip(COLUMNS, cells, strict=True)]


# A spreadsheet runs a cell that starts with one of these as a formula; exported text gets a
# leading apostrophe (which spreadsheets hide) and the import takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UNGUARDED = {"phone", "member_code", "date_of_birth", "recovery_start", "joined_on"}


def guard(text: str) -> str:
    """``text`` made safe to open in a spreadsheet."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard(text: str) -> str:
    """Undo ``guard`` on an imported cell."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
