"""Recovery milestones: how long since a member's recovery start, in plain words."""

from __future__ import annotations

import datetime as dt


def months_between(start: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``start`` to ``today`` (0 when ``today`` is earlier)."""
    months = (today.year - start.year) * 12 + today.month - start.month
    if today.day < start.day:
        months -= 1
    return max(months, 0)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def recovery_duration(start: dt.date | None, today: dt.date) -> str:
    """E.g. '2 years 3 months', '5 months', '12 days'; '' with no start or a future start."""
    if start is None or start > today:
        return ""
    months = months_between(start, today)
    if months == 0:
        return _plural((today - start).days, "day")
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(_plural(years, "year"))
    if months:
        parts.append(_plural(months, "month"))
    return " ".join(parts)
