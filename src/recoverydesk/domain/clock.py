"""Time, in one place: UTC for storage, the site's local date for "today".

Services take a ``Clock`` so tests can control time.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field


@dataclass
class Clock:
    """The real clock, in a site's time zone."""

    time_zone: str = "UTC"
    _zone: zoneinfo.ZoneInfo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._zone = zoneinfo.ZoneInfo(self.time_zone)

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
