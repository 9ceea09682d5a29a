"""``checkin``: a durable check-in at the door, from Enter to a committed visit.

Measures ``VisitService.check_in(member_id)`` (visit rules, the member, the once-a-day
check, the insert in a savepoint, and a ``COMMIT`` in WAL mode with ``synchronous=FULL``,
so the visit survives a power cut) on a scratch copy of the benchmark database (100,000
members, about a million visits; 20,000 with ``--quick``). Each call checks in a member
who is not in yet today, so each one creates a visit. The baseline is plain ``sqlite3`` on
the same file with the same settings (WAL, ``synchronous=FULL``, foreign keys): ``BEGIN
IMMEDIATE``, one ``INSERT`` of a visit row, ``COMMIT``.

Goal: a median of 5 ms or less.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from common import Metric, demo_database, median_ms, scratch_copy
from recoverydesk.services.container import Services, open_services

GOAL_MS = 5.0
WARMUP = 3

_FRESH = """
SELECT id FROM members
WHERE status = 'member'
  AND id NOT IN (SELECT member_id FROM visits WHERE visit_date = ? AND member_id IS NOT NULL)
ORDER BY id LIMIT ?
"""
_INSERT = """
INSERT INTO visits (member_id, guest_label, visit_date, seq, checked_in_at, source,
                    recorded_by, override_reason)
VALUES (?, '', ?, 1, ?, 'desk', '', '')
"""


def fresh_members(path: Path, day: dt.date, count: int) -> list[int]:
    """Members with no visit on ``day`` (so a check-in creates one)."""
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute(_FRESH, (day.isoformat(), count))]
    finally:
        conn.close()


def raw_connection(path: Path) -> sqlite3.Connection:
    """``sqlite3`` with the app's durability settings; we issue BEGIN and COMMIT ourselves."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def service_timing(services: Services, members: Iterator[int], runs: int) -> float:
    def check_in() -> None:
        if not services.visits.check_in(next(members)).created:
            raise AssertionError("a fresh member's check-in created no visit")

    return median_ms(check_in, runs, warmup=WARMUP)


def raw_timing(conn: sqlite3.Connection, members: Iterator[int], day: dt.date, runs: int) -> float:
    def check_in() -> None:
        moment = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(_INSERT, (next(members), day.isoformat(), moment))
        conn.execute("COMMIT")

    return median_ms(check_in, runs, warmup=WARMUP)


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    members = 20_000 if quick else 100_000
    runs = 30 if quick else 100
    path = scratch_copy(demo_database(members), "checkin.sqlite3")
    services = open_services(path)
    conn = raw_connection(path)
    try:
        today = services.clock.today()
        fresh = fresh_members(path, today, 2 * (runs + WARMUP))
        ours = service_timing(services, iter(fresh[: runs + WARMUP]), runs)
        raw = raw_timing(conn, iter(fresh[runs + WARMUP :]), today, runs)
    finally:
        conn.close()
        services.close()
        for scratch in path.parent.glob(path.name + "*"):
            scratch.unlink()
    met = ours <= GOAL_MS
    print(
        f"# checkin on {members:,} members: median {ours:.2f} ms, raw {raw:.2f} ms "
        f"(goal <= {GOAL_MS:g} ms): {'met' if met else 'MISSED'}",
        file=sys.stderr,
    )
    return [Metric("checkin", ours, "ms", raw)]
