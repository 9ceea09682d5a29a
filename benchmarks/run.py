"""Run every benchmark and print ``name  value  unit  baseline  ratio``, one line per metric.

Usage: ``python benchmarks/run.py [--quick] [--verbose]``. ``--quick`` uses smaller
databases; ``--verbose`` adds a line per query. Benchmarks are measurements, not tests:
nothing here fails on a slow number.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import member_search  # noqa: E402
from common import print_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller databases (20k members)")
    parser.add_argument("--verbose", action="store_true", help="a line per query as well")
    args = parser.parse_args(argv)
    metrics = member_search.run(quick=args.quick, verbose=args.verbose)
    print_table(metrics)
    return 0


if __name__ == "__main__":
    sys.exit(main())
