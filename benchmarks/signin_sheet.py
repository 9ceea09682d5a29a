"""``signin_sheet``: a sign-in sheet of 500 regulars, from rows to a finished PDF file.

Measures ``recoverydesk.reports.signin.render_signin_sheet`` (font runs per name, bidi and
Arabic shaping, a Code 128 barcode per row, one table per page, "Page x of y", embedded
font subsets, the atomic write) for 500 regulars in several scripts. The database query
is left out: it is one indexed ``EXISTS`` query, measured by the desk benchmarks' kind.
The baseline is a bare ReportLab document with the same text: the same rows in a table,
no barcodes, Helvetica, no page template.

Goal: 1 s or less.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from common import Metric, median_ms
from recoverydesk.domain.handouts import SignInRow, SignInSheetData, SiteInfo
from recoverydesk.reports.signin import render_signin_sheet

GOAL_MS = 1000.0
REGULARS = 500
NAMES = (
    "Zoë Ødegaard",
    "Nguyễn Thị Minh Khai",
    "Łukasz Żółć",
    "Αλέξανδρος Παπαδόπουλος",
    "Юлия Сергеевна",
    "محمد الأحمد",
    "דוד כהן",
    "Alex Rivera",
)


def sheet(count: int) -> SignInSheetData:
    rows = tuple(
        SignInRow(f"{NAMES[i % len(NAMES)]} {i}", f"M{100000 + i * 10}") for i in range(count)
    )
    return SignInSheetData(day=dt.date(2026, 3, 10), rows=rows)


def bare(data: SignInSheetData, out: Path) -> None:
    rows = [["", "Name", "Code", "Time in", "Time out"]]
    rows += [["", row.display_name, row.code, "", ""] for row in data.rows]
    SimpleDocTemplate(str(out), pagesize=A4).build([Table(rows, repeatRows=1)])


def run(quick: bool = False, verbose: bool = False) -> list[Metric]:
    runs = 3 if quick else 7
    data = sheet(REGULARS)
    site = SiteInfo(name="Harbour Street Centre", printed_on=data.day)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder, "sheet.pdf")
        ours = median_ms(lambda: render_signin_sheet(data, site, out), runs, warmup=1)
        raw = median_ms(lambda: bare(data, Path(folder, "bare.pdf")), runs, warmup=1)
        pages = out.read_bytes().count(b"/Type /Page\n")
    met = ours <= GOAL_MS
    print(
        f"# signin_sheet of {REGULARS} regulars: median {ours:.0f} ms, bare ReportLab "
        f"{raw:.0f} ms (goal <= {GOAL_MS:g} ms): {'met' if met else 'MISSED'}",
        file=sys.stderr,
    )
    if verbose:
        print(f"#   {pages} pages", file=sys.stderr)
    return [Metric("signin_sheet_500", ours, "ms", raw)]
