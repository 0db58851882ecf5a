"""Issue 5 benchmark: eligibility for one year over a whole department.

Targets: 5,000 people with 10 years of history in at most 2 s; 50,000 in at most 20 s.
Baseline measured in the same run: reading the same history rows with plain SQL (what any
approach must at least do), so the ratio shows the cost of the rules themselves.

Usage: python benchmarks/bench_eligibility.py [--sizes 5000 50000] [--years 10]
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ENV, peak_rss_mb, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run.py)")
    args = parser.parse_args()

    from app.config import sqlite_url
    from app.services.database import open_database
    from app.services.eligibility import evaluate_year

    rows_out: list[tuple[str, str, str, str]] = []
    measures: list[dict] = []
    targets = {5000: 2.0, 50000: 20.0}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            path = Path(tmp) / f"e{size}.sqlite"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "app",
                    "demo",
                    "--db",
                    str(path),
                    "--people",
                    str(size),
                    "--years",
                    str(args.years),
                    "--end-year",
                    "2025",
                ],
                check=True,
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            db = open_database(sqlite_url(path), backup_folder=Path(tmp) / "bk")
            ctx = db.context()
            start = time.perf_counter()
            results = ctx.read(evaluate_year, 2025)
            seconds = time.perf_counter() - start
            db.dispose()
            con = sqlite3.connect(path)
            start = time.perf_counter()
            for table in (
                "person",
                "assignment",
                "person_grade",
                "award_record",
                "discipline",
                "initiative_author",
            ):
                con.execute(f"SELECT * FROM {table}").fetchall()
            raw = time.perf_counter() - start
            con.close()
            target = targets.get(size)
            rows_out.append(
                (
                    f"eligibility for 2025, {size} people x {args.years} years ({len(results)} verdicts)",
                    f"{seconds:.2f} s",
                    f"<= {target:.0f} s" if target else "",
                    ("yes" if seconds <= target else "NO") if target else "",
                )
            )
            rows_out.append(
                (f"plain SQL read of the same history ({size})", f"{raw:.2f} s", "", "")
            )
            rows_out.append(
                (f"ratio engine / plain read ({size})", f"{seconds / raw:.1f}x", "", "")
            )
            if args.json:
                from run import measure

                measures.append(
                    measure(
                        f"eligibility for 2025, {size} people x {args.years} years "
                        f"({len(results)} verdicts)",
                        seconds,
                        "s",
                        target=target,
                        baseline=("plain SQL read of the same history", raw),
                        source="#5" if target else "",
                    )
                )
    rows_out.append(("peak memory of this process", f"{peak_rss_mb():.0f} MB", "", ""))
    report("Eligibility (bình xét) for one year", rows_out)
    if args.json:
        from run import measure, write_results

        measures.append(measure("peak memory of the process", peak_rss_mb(), "MB"))
        write_results(args.json, "eligibility", max(args.sizes), measures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
