"""``radar``, ``caseload`` and ``plans_list``: the coordinator's lists on a big database.

Measures the first page (100 rows) of ``ContactService.radar()`` for everyone,
``PeerService.caseload()`` of the busiest peer, and ``PlanService.list_plans`` with
"needs attention", on the benchmark database (100,000 members; 20,000 with ``--quick``;
peer work — caseloads, a year of contacts, plans, BARC-10s — covers 3,000 of them, as the
demo does). The baseline replays the very SQL statements the service ran, with the same
parameters, through plain ``sqlite3``: the ratio is what the service, SQLAlchemy and the
DTOs add on top of the database's own work.

Goal: each list's first page in 50 ms or less.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

from common import Metric, demo_database, median_ms
from recoverydesk.services.container import Services, open_services

GOAL_MS = 50.0


def captured(services: Services, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL statements (and parameters) ``action`` sends to the database."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(services.db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(services.db.engine, "before_cursor_execute", record)
    return seen


def replay(conn: sqlite3.Connection, statements: list[tuple[str, Any]]) -> None:
    for statement, params in statements:
        conn.execute(statement, params).fetchall()


def measure(
    name: str, services: Services, conn: sqlite3.Connection, action: Callable[[], object], runs: int
) -> Metric:
    statements = captured(services, action)
    ours = median_ms(action, runs)
    raw = median_ms(lambda: replay(conn, statements), runs)
    met = ours <= GOAL_MS
    print(
        f"# {name}: median {ours:.1f} ms, the same SQL raw {raw:.1f} ms "
        f"(goal <= {GOAL_MS:g} ms): {'met' if met else 'MISSED'}",
        file=sys.stderr,
    )
    return Metric(name, ours, "ms", raw)


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    members = 20_000 if quick else 100_000
    runs = 10 if quick else 30
    path = demo_database(members)
    services = open_services(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        roster = services.peers.roster(sort="caseload", descending=True, limit=1).rows
        busiest = roster[0].id
        return [
            measure("radar", services, conn, lambda: services.contacts.radar(limit=100), runs),
            measure(
                "caseload",
                services,
                conn,
                lambda: services.peers.caseload(busiest, limit=100),
                runs,
            ),
            measure(
                "plans_list",
                services,
                conn,
                lambda: services.plans.list_plans(attention_only=True, limit=100),
                runs,
            ),
        ]
    finally:
        conn.close()
        services.close()
