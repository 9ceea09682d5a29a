"""``member_search``: from typed text to the rows a member list shows.

Measures ``MemberService.search(text, limit=100)`` (query, rows, ``MemberRow`` DTOs) on a
demo database of 100,000 members (20,000 with ``--quick``), against the same query written
by hand and run with the standard library's ``sqlite3`` on the same file. Queries are
2-4 letter name prefixes (Latin, accented and Cyrillic), one member code and one set of
last-4 phone digits.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from common import Metric, demo_database, median_ms
from recoverydesk.db.repositories.members import TOP, SearchQuery
from recoverydesk.services.container import open_services

PREFIXES = ("jo", "ma", "sa", "mar", "ngu", "gar", "kow", "zoe", "юл", "smit", "okaf", "con")
PHONE4 = "0142"
LIMIT = 100

_RAW = """
SELECT m.id, m.code, m.first_name, m.last_name, m.preferred_name, m.pronouns,
       m.phone_last4, m.status, m.joined_on, m.recovery_start, m.peer_wants_to_see
FROM members AS m
WHERE m.status != 'archived'
  AND m.id IN (SELECT t.member_id FROM member_search_terms AS t
               WHERE t.term >= :low AND t.term < :high {phone_union})
ORDER BY CASE WHEN m.code = :code THEN 0 {phone_rank}
              WHEN EXISTS (SELECT 1 FROM member_search_terms AS e
                           WHERE e.member_id = m.id AND e.term = :low) THEN 2
              ELSE 3 END,
         m.sort_key, m.id
LIMIT :limit
"""


@dataclass(frozen=True)
class Timing:
    """One query's median times: through the service and raw."""

    text: str
    service_ms: float
    raw_ms: float
    rows: int


def raw_search(conn: sqlite3.Connection, text: str, limit: int) -> list[tuple[object, ...]]:
    """The service's single-word query, hand-written for ``sqlite3``."""
    query = SearchQuery.parse(text)
    phone = bool(query.phone4)
    sql = _RAW.format(
        phone_union="UNION SELECT member_id FROM member_search_terms WHERE term = :phone"
        if phone
        else "",
        phone_rank="WHEN m.phone_last4 = :phone4 THEN 1" if phone else "",
    )
    low = query.prefixes[0]
    params = {
        "low": low,
        "high": low + TOP,
        "code": query.code,
        "limit": limit,
        "phone": "#" + query.phone4,
        "phone4": query.phone4,
    }
    return conn.execute(sql, params).fetchall()


def measure(path: Path, texts: list[str], runs: int) -> list[Timing]:
    services = open_services(path)
    conn = sqlite3.connect(path)
    try:
        timings = []
        for text in texts:
            ours = [r.id for r in services.members.search(text, limit=LIMIT).rows]
            raw = [r[0] for r in raw_search(conn, text, LIMIT + 1)][:LIMIT]
            if ours != raw:
                raise AssertionError(f"raw query disagrees with the service for {text!r}")
            service_ms = median_ms(lambda t=text: services.members.search(t, limit=LIMIT), runs)
            raw_ms = median_ms(lambda t=text: raw_search(conn, t, LIMIT + 1), runs)
            timings.append(Timing(text, service_ms, raw_ms, len(ours)))
        return timings
    finally:
        conn.close()
        services.close()


def some_code(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        (count,) = conn.execute("SELECT count(*) FROM members").fetchone()
        (code,) = conn.execute("SELECT code FROM members WHERE id = ?", (count // 2,)).fetchone()
        return str(code)
    finally:
        conn.close()


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    members = 20_000 if quick else 100_000
    path = demo_database(members)
    texts = [*PREFIXES, some_code(path), PHONE4]
    timings = measure(path, texts, runs=30 if quick else 100)
    mean_ours = sum(t.service_ms for t in timings) / len(timings)
    mean_raw = sum(t.raw_ms for t in timings) / len(timings)
    worst = max(timings, key=lambda t: t.service_ms)
    metrics = [
        Metric("member_search", mean_ours, "ms", mean_raw),
        Metric(f"member_search_worst[{worst.text}]", worst.service_ms, "ms", worst.raw_ms),
    ]
    if verbose:
        metrics.extend(
            Metric(f"  member_search[{t.text}] ({t.rows} rows)", t.service_ms, "ms", t.raw_ms)
            for t in timings
        )
    return metrics
