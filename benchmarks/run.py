"""Run every benchmark and print ``name  value  unit  baseline  ratio``, one line per metric.

Usage: ``python benchmarks/run.py [--quick] [--verbose] [--only NAME ...]``. ``--quick`` uses
smaller databases; ``--verbose`` adds a line per query; ``--only`` runs the named
benchmarks. Whether each goal was met goes to stderr. Benchmarks are measurements, not
tests: nothing here fails on a slow number.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import checkin  # noqa: E402
import desk_search  # noqa: E402
import member_search  # noqa: E402
import peer_work  # noqa: E402
import plan_handout  # noqa: E402
import signin_sheet  # noqa: E402
from common import Metric, print_table  # noqa: E402

BENCHMARKS = {
    "member_search": member_search.run,
    "desk_search": desk_search.run,
    "checkin": checkin.run,
    "signin_sheet": signin_sheet.run,
    "peer_work": peer_work.run,
    "plan_handout": plan_handout.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller databases (20k members, 200k visits)"
    )
    parser.add_argument("--verbose", action="store_true", help="a line per query as well")
    parser.add_argument(
        "--only", nargs="+", choices=sorted(BENCHMARKS), metavar="NAME", help="run only these"
    )
    args = parser.parse_args(argv)
    metrics: list[Metric] = []
    for name, run in BENCHMARKS.items():
        if not args.only or name in args.only:
            metrics.extend(run(quick=args.quick, verbose=args.verbose))
    print_table(metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
