"""Faults on a real tiny or read-only disk, made in a private mount namespace (Linux).

``python mounted_faults.py launch SCENARIO WORKDIR`` mounts a small tmpfs at
``WORKDIR/disk`` inside a new mount namespace (``unshare``; as root, or through a user
namespace otherwise), runs the scenario there and prints one JSON line of what the app did.
The mount exists only inside that namespace and vanishes with the process, so nothing is
left mounted whatever happens. Exit status 77 means "cannot make mounts here": skip.

Scenarios:
  data-full          the database's own disk fills up (another file took the space)
  check-in-full      the same, at the front desk
  stick-full         a backup to a "USB stick" smaller than the database
  read-only-data     the data folder is read-only when the app opens the database
  read-only-stick    a backup to a write-protected stick
  pdf-full           saving a sign-in sheet PDF onto a disk too small for it
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recoverydesk.domain.clock import FixedClock
from recoverydesk.domain.members import MemberDraft
from recoverydesk.services.container import Services, open_services

SKIP = 77
SIZES_KB = {
    "data-full": 8192,
    "check-in-full": 8192,
    "stick-full": 64,
    "read-only-data": 1024,
    "read-only-stick": 256,
    "pdf-full": 8,
}
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


def launch(scenario: str, workdir: Path) -> int:
    """Run ``scenario`` in a namespace with a tmpfs at ``workdir/disk``; its exit status."""
    disk = workdir / "disk"
    disk.mkdir(parents=True, exist_ok=True)
    if shutil.which("unshare") is None or not sys.platform.startswith("linux"):
        print("unshare is not available")
        return SKIP
    if os.geteuid() == 0:
        prefix = ["unshare", "--mount", "--propagation", "private"]
    else:
        prefix = ["unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"]
    mount = (
        f"mount -t tmpfs -o size={SIZES_KB[scenario]}k recoverydesk-fault {shlex.quote(str(disk))}"
    )
    probe = subprocess.run([*prefix, "sh", "-c", mount], capture_output=True, text=True)
    if probe.returncode != 0:
        print(f"cannot mount a tmpfs in a private namespace: {probe.stderr.strip()}")
        return SKIP
    inside = [sys.executable, __file__, "inside", scenario, str(workdir)]
    command = f"{mount} && exec {shlex.join(inside)}"
    return subprocess.run([*prefix, "sh", "-c", command], check=False).returncode


def inside(scenario: str, workdir: Path) -> None:
    report = SCENARIOS[scenario](workdir / "disk", workdir / "local")
    print(json.dumps(report))


def data_full(disk: Path, _local: Path) -> dict[str, Any]:
    database = disk / "site.sqlite3"
    services = _open(database)
    for i in range(10):
        services.members.create(MemberDraft("Test", f"Person{i}"))
    _truncate_wal(database)
    filler = disk / "filler.bin"
    _fill(filler)
    report: dict[str, Any] = {}
    report["member"], report["member_unchanged"] = _until_full(
        database, lambda i: services.members.create(_long_draft(i))
    )
    filler.unlink()
    report["after_freeing"] = services.members.create(_long_draft(999)).last_name
    services.close()
    report["integrity"] = _integrity(database)
    return report


def check_in_full(disk: Path, _local: Path) -> dict[str, Any]:
    database = disk / "site.sqlite3"
    services = _open(database)
    members = [services.members.create(MemberDraft("Test", f"Person{i}")).id for i in range(100)]
    _truncate_wal(database)
    filler = disk / "filler.bin"
    _fill(filler)
    report: dict[str, Any] = {}
    report["check_in"], report["unchanged"] = _until_full(
        database, lambda i: services.visits.check_in(members[i])
    )
    filler.unlink()
    report["after_freeing"] = services.visits.check_in(members[-1]).created
    report["checked_in"] = services.visits.day_counts().visits
    services.close()
    report["integrity"] = _integrity(database)
    return report


def stick_full(stick: Path, local: Path) -> dict[str, Any]:
    services = _open(local / "site.sqlite3")
    for i in range(60):
        services.members.create(_long_draft(i))
    before = _digest(local / "site.sqlite3")
    report = {"backup": _error_of(lambda: services.backups.back_up_to(stick))}
    report["left_on_stick"] = sorted(p.name for p in stick.iterdir())
    report["reminder"] = services.backups.reminder() or ""
    services.close()
    report["unchanged"] = _digest(local / "site.sqlite3") == before
    return report


def read_only_data(disk: Path, _local: Path) -> dict[str, Any]:
    database = disk / "site.sqlite3"
    services = _open(database)
    services.members.create(MemberDraft("Test", "Person"))
    services.close()
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    _remount_read_only(disk)
    report = {"open": _error_of(lambda: _open(database).close())}
    report["unchanged"] = hashlib.sha256(database.read_bytes()).hexdigest() == before
    return report


def read_only_stick(stick: Path, local: Path) -> dict[str, Any]:
    services = _open(local / "site.sqlite3")
    services.members.create(_long_draft(1))
    _remount_read_only(stick)
    report = {"backup": _error_of(lambda: services.backups.back_up_to(stick))}
    report["out"] = _error_of(lambda: services.backups.back_up_file(stick / "copy.sqlite3"))
    report["left_on_stick"] = sorted(p.name for p in stick.iterdir())
    services.close()
    return report


def pdf_full(disk: Path, local: Path) -> dict[str, Any]:
    services = _open(local / "site.sqlite3")
    for i in range(40):
        member = services.members.create(_long_draft(i))
        services.visits.check_in(member.id)
    out = disk / "sheet.pdf"
    report = {"sheet": _error_of(lambda: services.handouts.signin_sheet(None, out))}
    report["left_on_disk"] = sorted(p.name for p in disk.iterdir())
    services.close()
    return report


SCENARIOS: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "data-full": data_full,
    "check-in-full": check_in_full,
    "stick-full": stick_full,
    "read-only-data": read_only_data,
    "read-only-stick": read_only_stick,
    "pdf-full": pdf_full,
}


def _open(database: Path) -> Services:
    return open_services(database, clock=FixedClock(moment=NOW))


def _long_draft(i: int) -> MemberDraft:
    return MemberDraft(f"Test{'x' * 70}", f"Person{i:03d}", address="y" * 390, desk_note="z" * 200)


def _truncate_wal(database: Path) -> None:
    """Empty the write-ahead log, so that the next write must grow a file on the full disk."""
    with contextlib.closing(sqlite3.connect(database)) as conn:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    assert busy == 0, "the log could not be emptied"


def _fill(filler: Path) -> None:
    """Take every free byte of the disk (writing until ENOSPC, as another program would)."""
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 4096, 512):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise


def _until_full(database: Path, attempt: Callable[[int], object]) -> tuple[list[str], bool]:
    """Repeat ``attempt`` until it fails: the error, and whether that left the data alone."""
    for i in range(100):
        before = _digest(database)
        error = _error_of(lambda i=i: attempt(i))
        if error:
            return error, _digest(database) == before
    return ["nothing failed", ""], True


def _error_of(action: Callable[[], object]) -> list[str]:
    try:
        action()
    except Exception as error:
        return [type(error).__name__, str(error)]
    return []


def _digest(database: Path) -> str:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def _integrity(database: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]


def _remount_read_only(disk: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


if __name__ == "__main__":
    if sys.argv[1] == "launch":
        sys.exit(launch(sys.argv[2], Path(sys.argv[3])))
    inside(sys.argv[2], Path(sys.argv[3]))
