"""Backups as values, and the rule that decides which automatic backups to keep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

OFF_PC_REMINDER_DAYS = 7


class BackupKind(StrEnum):
    """Why a backup was taken (part of its file name)."""

    DAILY = "daily"
    MANUAL = "manual"
    BEFORE_UPGRADE = "before-upgrade"
    BEFORE_RESTORE = "before-restore"

    @property
    def label(self) -> str:
        return {
            "daily": "Daily (automatic)",
            "manual": "Backed up by hand",
            "before-upgrade": "Before an upgrade",
            "before-restore": "Before a restore",
        }[self.value]


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what its check found."""

    path: Path
    created_at: dt.datetime
    kind: BackupKind
    size: int
    verified: bool
    schema: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def members(self) -> int:
        return self.counts.get("members", 0)

    @property
    def visits(self) -> int:
        return self.counts.get("visits", 0)


@dataclass(frozen=True)
class Retention:
    """How many automatic backups to keep: the newest of each recent day, week and month."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backups_to_delete(
    backups: Sequence[BackupInfo], retention: Retention = Retention()
) -> list[BackupInfo]:
    """Automatic daily backups that fall outside the retention (others are never deleted)."""
    daily = sorted(
        (b for b in backups if b.kind is BackupKind.DAILY), key=lambda b: b.created_at, reverse=True
    )
    keep: set[Path] = set()
    keep |= _newest_per(daily, lambda d: d.isoformat(), retention.daily)
    keep |= _newest_per(daily, _iso_week, retention.weekly)
    keep |= _newest_per(daily, lambda d: f"{d.year}-{d.month:02d}", retention.monthly)
    return [b for b in daily if b.path not in keep]


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _newest_per(
    newest_first: Iterable[BackupInfo], period: Callable[[dt.date], str], count: int
) -> set[Path]:
    kept: dict[str, Path] = {}
    for backup in newest_first:
        key = period(backup.created_at.date())
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = backup.path
    return set(kept.values())


def off_pc_reminder(last_off_pc: dt.datetime | None, now: dt.datetime) -> str | None:
    """A gentle reminder when no copy has left this PC for a week, else None."""
    if last_off_pc is None:
        return (
            "No backup has been copied off this PC yet. Use 'Back up to…' with a USB "
            "stick or another folder, and keep it somewhere safe."
        )
    days = (now - last_off_pc).days
    if days >= OFF_PC_REMINDER_DAYS:
        return (
            f"The last copy off this PC was {days} days ago. Use 'Back up to…' to make a fresh one."
        )
    return None
