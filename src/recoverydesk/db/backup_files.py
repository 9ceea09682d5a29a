"""Backup files on disk: named by time and kind, checked, with what the check found beside.

Each copy ``<db>-<UTC stamp>-<kind>.sqlite3`` has a small ``.json`` note of its check
(integrity, schema revision, row counts), so listing backups never re-reads them all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from pathlib import Path

from recoverydesk.db import sqlite_file
from recoverydesk.domain.backups import BackupInfo, BackupKind

STAMP = "%Y%m%dT%H%M%SZ"


def write_backup(
    source: Path, folder: Path, kind: BackupKind, now: dt.datetime, *, create_folder: bool = True
) -> BackupInfo:
    """A verified copy of ``source`` in ``folder``, recorded with its check.

    ``create_folder=False`` for a folder the person chose (a USB stick): if it is gone, the
    copy must fail rather than land in a new folder on this PC.
    """
    with sqlite_file.file_faults("Backing up", folder):
        if create_folder:
            folder.mkdir(parents=True, exist_ok=True)
        elif not folder.is_dir():
            raise FileNotFoundError(2, "No such folder", str(folder))
        destination = free_name(folder, f"{source.stem}-{now.strftime(STAMP)}-{kind.value}")
        sqlite_file.backup_to(source, destination)
    return record(destination, now, kind)


def free_name(folder: Path, stem: str) -> Path:
    """``folder/stem.sqlite3``, or ``stem-2`` … when two copies fall in the same second."""
    candidate, number = folder / f"{stem}.sqlite3", 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}.sqlite3"
    return candidate


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first (without re-checking them)."""
    if not folder.is_dir():
        return []
    found = [_read(path) for path in folder.glob("*.sqlite3") if path.is_file()]
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def check_backup(path: Path) -> BackupInfo:
    """Check ``path`` now and store the result beside it."""
    with sqlite_file.file_faults("Checking the backup", path):
        known = _read(path)
        problems, schema, counts = sqlite_file.file_report(path)
    return _store(
        BackupInfo(
            path=path,
            created_at=known.created_at,
            kind=known.kind,
            size=path.stat().st_size,
            verified=not problems,
            schema=schema,
            counts=counts,
            problems=tuple(problems),
        )
    )


def keep_damaged_file(target: Path, folder: Path, now: dt.datetime) -> BackupInfo:
    """Set a damaged database file aside, byte for byte, as a dated before-restore copy.

    Its write-ahead log, if any, goes beside it as ``<copy>-wal``: the newest changes may
    live only there, and SQLite reads it with the copy.
    """
    kept = folder / f"{target.stem}-{now.strftime(STAMP)}-{BackupKind.BEFORE_RESTORE}.damaged"
    log = Path(f"{target}-wal")
    with sqlite_file.file_faults("Keeping the damaged file", folder):
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, kept)
        if log.is_file():
            shutil.copy2(log, Path(f"{kept}-wal"))
    return BackupInfo(
        path=kept,
        created_at=now,
        kind=BackupKind.BEFORE_RESTORE,
        size=kept.stat().st_size,
        verified=False,
        problems=("damaged",),
    )


def record(path: Path, created: dt.datetime, kind: BackupKind) -> BackupInfo:
    problems, schema, counts = sqlite_file.file_report(path)
    return _store(
        BackupInfo(
            path=path,
            created_at=created,
            kind=kind,
            size=path.stat().st_size,
            verified=not problems,
            schema=schema,
            counts=counts,
            problems=tuple(problems),
        )
    )


def sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _store(info: BackupInfo) -> BackupInfo:
    data = {
        "created_at": info.created_at.isoformat(),
        "kind": info.kind.value,
        "size": info.size,
        "verified": info.verified,
        "schema": info.schema,
        "counts": info.counts,
        "problems": list(info.problems),
    }
    # the copy itself is what matters; without its note the list shows it as not checked
    with contextlib.suppress(OSError):
        sidecar(info.path).write_text(json.dumps(data, indent=1), encoding="utf-8")
    return info


def _read(path: Path) -> BackupInfo:
    size = path.stat().st_size
    try:
        data = json.loads(sidecar(path).read_text(encoding="utf-8"))
        return BackupInfo(
            path=path,
            created_at=dt.datetime.fromisoformat(data["created_at"]),
            kind=BackupKind(data["kind"]),
            size=size,
            verified=bool(data["verified"]) and data.get("size") == size,
            schema=str(data.get("schema", "")),
            counts={k: int(v) for k, v in data.get("counts", {}).items()},
            problems=tuple(data.get("problems", ())),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return BackupInfo(
            path=path,
            created_at=_created_from_name(path),
            kind=_kind_of(path),
            size=size,
            verified=False,
        )


def _created_from_name(path: Path) -> dt.datetime:
    for part in path.stem.split("-"):
        try:
            return dt.datetime.strptime(part, STAMP).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)


def _kind_of(path: Path) -> BackupKind:
    for kind in BackupKind:
        if f"-{kind.value}" in path.stem:
            return kind
    return BackupKind.MANUAL
