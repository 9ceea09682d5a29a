"""Helpers shared by the benchmarks: cached demo databases, timing, the output table.

Databases are built once through the demo generator (members and a year of visits: about
ten visits per member at these sizes) and kept under ``$RECOVERYDESK_BENCH_DIR`` (default:
``<temp>/recoverydesk-benchmarks``), keyed by size, days, seed and schema revision, so a
second run starts measuring at once. Their visits end on the day they were built.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db.migrate import head_revision
from recoverydesk.services.demo import create_demo_database

CACHE = Path(
    os.environ.get("RECOVERYDESK_BENCH_DIR")
    or Path(tempfile.gettempdir()) / "recoverydesk-benchmarks"
)


@dataclass(frozen=True)
class Metric:
    """One measured number and the raw baseline it is compared with."""

    name: str
    value: float
    unit: str
    baseline: float

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")


def demo_database(members: int, seed: int = 1, days: int = 365) -> Path:
    """A demo database of ``members`` people and ``days`` of visits, built once and cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"members-{members}-days{days}-seed{seed}-schema{head_revision()}.sqlite3"
    path = CACHE / name
    done = path.with_name(path.name + ".done")
    if path.exists() and done.exists():
        return path
    for stale in CACHE.glob(path.name + "*"):
        stale.unlink()
    started = time.perf_counter()
    create_demo_database(path, members=members, days=days, seed=seed)
    elapsed = time.perf_counter() - started
    done.write_text(f"{elapsed:.1f}\n", encoding="utf-8")
    print(f"# built {path} ({members} members, {days} days) in {elapsed:.1f} s", file=sys.stderr)
    return path


def scratch_copy(path: Path, name: str) -> Path:
    """A throw-away copy of a cached database, for benchmarks that write."""
    copy = CACHE / "scratch" / name
    copy.parent.mkdir(exist_ok=True)
    for stale in copy.parent.glob(copy.name + "*"):
        stale.unlink()
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    try:
        source.backup(target)  # a consistent copy, WAL and all
    finally:
        source.close()
        target.close()
    return copy


def median_ms(action: Callable[[], object], runs: int, warmup: int = 3) -> float:
    """Median wall time of ``action`` in milliseconds, after a few warm-up calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def print_table(metrics: Sequence[Metric]) -> None:
    """One line per metric: ``name  value  unit  baseline  ratio``."""
    width = max([len("name"), *(len(m.name) for m in metrics)])
    print(f"{'name':<{width}}  {'value':>9}  unit  {'baseline':>9}  {'ratio':>6}")
    for m in metrics:
        print(
            f"{m.name:<{width}}  {m.value:>9.3f}  {m.unit:<4}  {m.baseline:>9.3f}  {m.ratio:>6.2f}"
        )
