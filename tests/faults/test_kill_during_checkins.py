"""A desk process killed at any moment loses nothing it said was saved, and breaks nothing.

Children (see ``checkin_forkserver.py``) open one real SQLite file with ``open_services``
and check members in one by one, each printing ``committed …`` only after ``check_in`` has
returned. Each is killed with SIGKILL 5–150 ms after it was started (or after it opened the
database), so some die while opening it and most in a check-in, a commit or a checkpoint;
the next child opens the same file and recovers it. Afterwards every promised visit must be
there, the file must pass ``integrity_check``, and nobody is in twice on one day.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from types import TracebackType

import pytest

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import open_services

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX only"),
]

SERVER = Path(__file__).with_name("checkin_forkserver.py")
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
CYCLES = 120
MEMBERS = 400
SEED = 20260310
KILL_AFTER_S = (0.005, 0.150)


class ForkServer:
    """The helper process that forks one check-in child per cycle; its lines are kept."""

    def __init__(self, database: Path, member_ids: list[int], errors: Path) -> None:
        self._errors = errors.open("w")
        self._process = subprocess.Popen(
            [sys.executable, str(SERVER), str(database), str(member_ids[0]), str(member_ids[-1])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
            bufsize=1,
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self._expect("ready", timeout=60)

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._process.kill()
        self._process.wait(timeout=30)
        self._errors.close()

    def start(self, cycle: int) -> int:
        """Fork the child of ``cycle``; its process id."""
        self._send(f"run {cycle}")
        return int(self._expect(f"pid {cycle} ").split()[2])

    def opened(self, cycle: int) -> None:
        """Wait until the child of ``cycle`` has opened the database."""
        self._expect(f"open {cycle}")

    def reap(self, pid: int) -> int:
        """Wait until the child is gone; its wait status."""
        self._send(f"reap {pid}")
        return int(self._expect(f"reaped {pid} ").split()[2])

    def _send(self, line: str) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write(line + "\n")
        self._process.stdin.flush()

    def _read(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put("EOF")

    def _expect(self, prefix: str, timeout: float = 30) -> str:
        while True:
            line = self._queue.get(timeout=timeout)
            assert line != "EOF", "the fork server died; see server.err"
            self.lines.append(line)
            if line.startswith(prefix):
                return line


def make_members(database: Path, count: int) -> list[int]:
    services = open_services(database, clock=FixedClock(moment=NOW))
    try:
        return [
            services.members.create(MemberDraft("Test", f"Person{i:04d}")).id for i in range(count)
        ]
    finally:
        services.close()


def run_cycles(database: Path, member_ids: list[int], errors: Path) -> tuple[list[str], list[int]]:
    """Start and kill CYCLES children; every line they printed, and how each one ended.

    A third of the kills count from the fork and mostly land while the child opens the
    database (and recovers the WAL the last one left); the rest count from the moment it
    has opened it, so they land in check-ins however slow the machine is.
    """
    rng = random.Random(SEED)
    statuses = []
    with ForkServer(database, member_ids, errors) as server:
        for cycle in range(CYCLES):
            pid = server.start(cycle)
            if cycle % 3:
                server.opened(cycle)
            time.sleep(rng.uniform(*KILL_AFTER_S))
            os.kill(pid, signal.SIGKILL)
            statuses.append(server.reap(pid))
        return server.lines, statuses


def promised(lines: list[str]) -> list[tuple[int, int, str]]:
    """(visit id, member id, day) of every check-in a child reported as committed.

    A list, not a dict by id: SQLite hands a lost row's id to the next insert, so a broken
    promise shows up as an id promised twice.
    """
    found = []
    for line in lines:
        if line.startswith("committed "):
            _, _, visit, member, day = line.split()
            found.append((int(visit), int(member), day))
    return found


def stored_visits(database: Path) -> dict[int, tuple[int, str]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        rows = conn.execute("SELECT id, member_id, visit_date FROM visits").fetchall()
    return {visit: (member, str(day)) for visit, member, day in rows}


def integrity(database: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [
            *conn.execute("PRAGMA integrity_check").fetchall(),
            *conn.execute("PRAGMA foreign_key_check").fetchall(),
        ]


def test_every_reported_check_in_survives_sigkill(tmp_path: Path) -> None:
    database = tmp_path / "site.sqlite3"
    member_ids = make_members(database, MEMBERS)
    started = time.monotonic()
    lines, statuses = run_cycles(database, member_ids, tmp_path / "server.err")
    elapsed = time.monotonic() - started

    assert not [line for line in lines if line.startswith(("error", "already"))]
    assert all(os.WIFSIGNALED(s) or os.WEXITSTATUS(s) == 0 for s in statuses)
    assert integrity(database) == [("ok",)]

    reported = promised(lines)
    stored = stored_visits(database)
    lost = [(v, m, d) for v, m, d in reported if stored.get(v) != (m, d)]
    assert lost == [], f"committed check-ins lost after SIGKILL: {lost}"
    assert len({v for v, _, _ in reported}) == len(reported), "a visit id was promised twice"

    by_day: dict[str, list[int]] = defaultdict(list)
    for visit in sorted(stored):
        member, day = stored[visit]
        by_day[day].append(member)
    reported_per_day = defaultdict(int)
    for _visit, _member, day in reported:
        reported_per_day[day] += 1
    for day, members in by_day.items():
        assert len(set(members)) == len(members), f"someone checked in twice on {day}"
        # one child per day checks members in order: what is stored is a prefix of that
        # order, and at most the one check-in in flight at the kill went unreported
        assert members == member_ids[: len(members)], f"a gap in the check-ins of {day}"
        assert len(members) - reported_per_day[day] in (0, 1)

    # the kills must have hit real work, not only start-up
    assert len(reported) >= 2 * CYCLES
    assert sum(1 for day in by_day if reported_per_day[day]) >= CYCLES // 3
    assert sum(1 for s in statuses if os.WIFSIGNALED(s)) >= CYCLES // 2

    services = open_services(database, clock=FixedClock(moment=NOW))
    try:
        days = {dt.date.fromisoformat(day) for day in by_day}
        assert sum(len(services.visits.visits_on(day)) for day in days) == len(stored)
    finally:
        services.close()
    print(f"{CYCLES} kills, {len(reported)} check-ins reported, {elapsed:.1f} s")
