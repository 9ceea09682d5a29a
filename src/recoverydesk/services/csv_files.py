"""Writing CSV exports: whole or not at all, private, safe to open in a spreadsheet.

``write_csv`` is the one CSV writer of RecoveryDesk (members, the audit trail, peer work).
The rows go to a temporary file beside the target, created readable by its owner only
(0600), flushed to disk and renamed over the target only when complete: a failure never
leaves a half-written export, and the export keeps those private permissions. UTF-8 with a
byte-order mark, so spreadsheets read accents right. Each value goes through a cell
function, by default ``csv_cell`` (dates ISO, enums by label, yes/no, text guarded against
spreadsheet formulas). A file that cannot be written is a ``CsvFileError`` naming it.

``every_row`` reads a paged list to its end, a page of ``EXPORT_PAGE`` rows at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from recoverydesk.services.csv_format import CsvFileError, guard

EXPORT_PAGE = 1000
"""Rows read per page while exporting a paged list."""

T_co = TypeVar("T_co", covariant=True)


class _Page(Protocol[T_co]):
    """One page of a list: its rows and whether more follow."""

    @property
    def rows(self) -> tuple[T_co, ...]: ...

    @property
    def has_more(self) -> bool: ...


def every_row(fetch: Callable[[int], _Page[T_co]]) -> Iterator[T_co]:
    """Every row of a paged list: ``fetch(offset)`` gives the page from ``offset`` on."""
    offset = 0
    while True:
        page = fetch(offset)
        yield from page.rows
        if not page.has_more:
            return
        offset += EXPORT_PAGE


def csv_cell(value: object) -> str:
    """One exported value: dates ISO, enums by label, yes/no, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date | int):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, StrEnum):
        return str(getattr(value, "label", value.value))
    return guard(str(value))


def check_writable(path: Path) -> None:
    """Raise ``CsvFileError`` when ``path`` cannot be written because its folder is missing."""
    if path.is_dir():
        raise CsvFileError(f"Cannot write {path}: it is a folder.")
    if not path.parent.is_dir():
        raise CsvFileError(f"Cannot write {path}: the folder {path.parent} does not exist.")


def write_csv(
    path: str | Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    cell: Callable[[Any], str] = csv_cell,
) -> int:
    """Write ``header`` and ``rows`` (each value through ``cell``) to ``path`` atomically.

    Returns how many rows were written. ``rows`` may be a generator reading the database:
    it is read while the file is written, and an ``OSError`` it raises fails the export.
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
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for row in rows:
                writer.writerow([cell(v) for v in row])
                count += 1
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as error:
        raise _write_error(path, error) from error
    finally:
        temp.unlink(missing_ok=True)
    return count


def _write_error(path: Path, error: OSError) -> CsvFileError:
    reason = error.strerror or type(error).__name__
    hint = " (is it open in another program?)" if isinstance(error, PermissionError) else ""
    return CsvFileError(f"Cannot write {path}: {reason}{hint}. Nothing was written.")
