"""``desk_search``: a keystroke at the front desk, to the result rows the desk shows.

Measures ``FrontDeskService.find(text, limit=12)`` (member search, then last visit, guest
visit counts and desk notes of the rows: the ``DeskRow`` list the check-in pane shows) on
a demo database of 100,000 members and about a million visits (20,000 and 200,000 with
``--quick``). Queries are 2-4 letter name prefixes as typed at the door, one member code
and one set of last-4 phone digits. The baseline is the same member query plus the
last-visit lookup, written by hand and run with ``sqlite3`` on the same file.

Goal: a median of 16 ms or less (one frame), and at most 3x the raw baseline.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from common import Metric, demo_database, median_ms
from member_search import PHONE4, raw_search, some_code
from recoverydesk.services.container import open_services

PREFIXES = ("jo", "ma", "sam", "mik", "ngu", "gar", "kow", "olu", "chr", "юл")
LIMIT = 12
GOAL_MS, GOAL_RATIO = 16.0, 3.0

_LAST_VISITS = """
SELECT member_id, max(visit_date) FROM visits
WHERE member_id IN ({marks}) GROUP BY member_id
"""


@dataclass(frozen=True)
class Timing:
    """One query's median times: through the service and raw."""

    text: str
    service_ms: float
    raw_ms: float
    rows: int


def raw_desk(conn: sqlite3.Connection, text: str) -> list[tuple[int, str | None]]:
    """Member ids and last visit dates, as the desk would show them, with plain ``sqlite3``."""
    ids = [row[0] for row in raw_search(conn, text, LIMIT + 1)][:LIMIT]
    if not ids:
        return []
    sql = _LAST_VISITS.format(marks=",".join("?" * len(ids)))
    last = dict(conn.execute(sql, ids).fetchall())
    return [(member_id, last.get(member_id)) for member_id in ids]


def measure(path: Path, texts: list[str], runs: int) -> list[Timing]:
    services = open_services(path)
    conn = sqlite3.connect(path)
    try:
        timings = []
        for text in texts:
            ours = services.front_desk.find(text, limit=LIMIT)
            shown = [(r.member_id, r.last_visit and r.last_visit.isoformat()) for r in ours]
            if shown != raw_desk(conn, text):
                raise AssertionError(f"raw query disagrees with the desk search for {text!r}")
            service_ms = median_ms(lambda t=text: services.front_desk.find(t, limit=LIMIT), runs)
            raw_ms = median_ms(lambda t=text: raw_desk(conn, t), runs)
            timings.append(Timing(text, service_ms, raw_ms, len(ours)))
        return timings
    finally:
        conn.close()
        services.close()


def visit_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM visits").fetchone()[0])
    finally:
        conn.close()


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    members = 20_000 if quick else 100_000
    path = demo_database(members)
    texts = [*PREFIXES, some_code(path), PHONE4]
    timings = measure(path, texts, runs=30 if quick else 100)
    ours = statistics.median(t.service_ms for t in timings)
    raw = statistics.median(t.raw_ms for t in timings)
    worst = max(timings, key=lambda t: t.service_ms)
    met = ours <= GOAL_MS and ours / raw <= GOAL_RATIO
    print(
        f"# desk_search on {members:,} members and {visit_count(path):,} visits: median "
        f"{ours:.2f} ms, {ours / raw:.1f}x raw (goal <= {GOAL_MS:g} ms and <= {GOAL_RATIO:g}x): "
        f"{'met' if met else 'MISSED'}",
        file=sys.stderr,
    )
    metrics = [
        Metric("desk_search", ours, "ms", raw),
        Metric(f"desk_search_worst[{worst.text}]", worst.service_ms, "ms", worst.raw_ms),
    ]
    if verbose:
        metrics.extend(
            Metric(f"  desk_search[{t.text}] ({t.rows} rows)", t.service_ms, "ms", t.raw_ms)
            for t in timings
        )
    return metrics
