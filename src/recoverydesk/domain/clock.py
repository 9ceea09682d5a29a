"""Time, in one place: UTC for storage, the site's local date for "today".

Services take a ``Clock`` so tests can control time.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Clock:
    """The real clock, in a site's time zone."""

    time_zone: str = "UTC"
    _zone: zoneinfo.ZoneInfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._zone = zoneinfo.ZoneInfo(self.time_zone)

    def set_time_zone(self, name: str) -> None:
        """Follow a new site time zone from now on (every service shares this clock)."""
        self._zone = zoneinfo.ZoneInfo(name)
        self.time_zone = name

    def now(self) -> dt.datetime:
        """The current moment, timezone-aware UTC."""
        return dt.datetime.now(dt.UTC)

    def today(self) -> dt.date:
        """The site's local date now."""
        return self.now().astimezone(self._zone).date()

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The site's time zone."""
        return self._zone

    def local(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` in the site's time zone."""
        return moment.astimezone(self._zone)


@dataclass
class FixedClock(Clock):
    """A clock that says what it is told; for tests and paper catch-up."""

    moment: dt.datetime = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


def detect_local_zone(localtime: Path = Path("/etc/localtime")) -> str:
    """This computer's IANA time zone where it can be told (TZ, /etc/localtime), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and _known(name):
            return name
    return "UTC"


def _known(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
