"""Child processes for the kill test: each one opens the database and checks people in.

Started once by the test as ``python checkin_forkserver.py DB FIRST_ID LAST_ID``. It imports
the app (the slow part, half a second) a single time and then, for every ``run CYCLE`` line
on stdin, forks a fresh child that opens the database with ``open_services`` and checks
members FIRST_ID…LAST_ID in, one after the other, on a day of its own (one day per cycle).
After each ``check_in`` has returned (committed) the child prints
``committed CYCLE VISIT_ID MEMBER_ID DAY`` and flushes, so every line the test reads is a
promise the database must keep. The test kills children with SIGKILL; ``reap PID`` waits
for one to be gone. The server itself never opens the database, so no SQLite handle or lock
crosses a fork.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback

from recoverydesk.domain.clock import FixedClock
from recoverydesk.services.container import open_services

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def day_of(cycle: int) -> dt.date:
    """The visit day a cycle's child uses: a different past day for every cycle."""
    return NOW.date() - dt.timedelta(days=cycle + 1)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def check_in_until_killed(database: str, cycle: int, member_ids: range) -> None:
    services = open_services(database, clock=FixedClock(moment=NOW))
    day = day_of(cycle)
    say(f"open {cycle}")
    for member_id in member_ids:
        result = services.visits.check_in(member_id, on=day)
        word = "committed" if result.created else "already"
        say(f"{word} {cycle} {result.visit.id} {member_id} {day.isoformat()}")
    services.close()
    say(f"done {cycle}")


def child(database: str, cycle: int, member_ids: range) -> None:
    code = 0
    try:
        check_in_until_killed(database, cycle, member_ids)
    except BaseException:
        say(f"error {cycle} " + traceback.format_exc().replace("\n", " | "))
        code = 1
    finally:
        os._exit(code)


def serve(database: str, member_ids: range) -> None:
    say("ready")
    for line in sys.stdin:
        command, argument = line.split()
        if command == "run":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                child(database, int(argument), member_ids)
            say(f"pid {argument} {pid}")
        elif command == "reap":
            _, status = os.waitpid(int(argument), 0)
            say(f"reaped {argument} {status}")


if __name__ == "__main__":
    serve(sys.argv[1], range(int(sys.argv[2]), int(sys.argv[3]) + 1))
