"""Issues 5 and 13 benchmark: eligibility for one year over a whole department.

Targets: 5,000 people with 10 years of history in at most 2 s; 50,000 in at most 20 s (#5);
at most 1.8x the plain SQL read of the same history at both sizes, and a peak memory of at
most 500 MB at 50,000 people (#13), read once the engine's results are in (the plain read
fetches whole tables at once and would count too: the process's peak with it is shown apart).
Baseline measured in the same run: reading the same history rows with plain SQL (what any
approach must at least do), so the ratio shows the cost of the rules themselves. As in the
figures the issues quote, the engine runs first (its first run in the process, as a clerk's
first review of the day) and the plain read right after it, with the engine's results still
held. A second figure repeats both warm and alternated (median of ``--runs``, results
released before each plain read), without a target, to show what the order does.

Usage: python benchmarks/bench_eligibility.py [--sizes 5000 50000] [--years 10]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ENV, peak_rss_mb, report

HISTORY_TABLES = (
    "person",
    "assignment",
    "person_grade",
    "award_record",
    "discipline",
    "initiative_author",
)


def _plain_read(path: Path) -> float:
    """Seconds to read every row of the history tables with the sqlite3 module."""
    con = sqlite3.connect(path)
    try:
        start = time.perf_counter()
        for table in HISTORY_TABLES:
            con.execute(f"SELECT * FROM {table}").fetchall()
        return time.perf_counter() - start
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=0, help="warm alternated runs (default none)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run.py)")
    args = parser.parse_args()

    from app.config import sqlite_url
    from app.services.database import open_database
    from app.services.eligibility import evaluate_year

    rows_out: list[tuple[str, str, str, str]] = []
    measures: list[dict] = []
    targets = {5000: 2.0, 50000: 20.0}
    ratio_target = 1.8  # issue 13, at 5,000 and at 50,000 people
    memory_target = 500.0  # issue 13, at 50,000 people
    warm: list[tuple[int, float, float]] = []
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
            verdicts = len(results)
            # the engine's own peak: the plain read below fetches whole tables at once and
            # would count in the process's peak (ru_maxrss only grows)
            engine_rss = peak_rss_mb()
            db.dispose()
            raw = _plain_read(path)
            if args.runs:
                del results  # the warm runs hold no earlier results
                engine_runs, raw_runs = [], []
                db = open_database(sqlite_url(path), backup_folder=Path(tmp) / "bk")
                ctx = db.context()
                for _ in range(args.runs):
                    start = time.perf_counter()
                    found = ctx.read(evaluate_year, 2025)
                    engine_runs.append(time.perf_counter() - start)
                    del found
                    raw_runs.append(_plain_read(path))
                db.dispose()
                warm.append((size, statistics.median(engine_runs), statistics.median(raw_runs)))
            target = targets.get(size)
            rows_out.append(
                (
                    f"eligibility for 2025, {size} people x {args.years} years ({verdicts} verdicts)",
                    f"{seconds:.2f} s",
                    f"<= {target:.0f} s" if target else "",
                    ("yes" if seconds <= target else "NO") if target else "",
                )
            )
            rows_out.append(
                (f"plain SQL read of the same history ({size})", f"{raw:.2f} s", "", "")
            )
            ratio = seconds / raw
            rows_out.append(
                (
                    f"ratio engine / plain read ({size})",
                    f"{ratio:.2f}x",
                    f"<= {ratio_target:g}x",
                    "yes" if ratio <= ratio_target else "NO",
                )
            )
            for _size, engine_s, raw_s in [w for w in warm if w[0] == size]:
                rows_out.append(
                    (
                        f"warm, alternated: engine {engine_s:.2f} s / plain read {raw_s:.2f} s "
                        f"({size}, median of {args.runs})",
                        f"{engine_s / raw_s:.2f}x",
                        "",
                        "",
                    )
                )
            if args.json:
                from run import measure

                measures.append(
                    measure(
                        f"eligibility for 2025, {size} people x {args.years} years "
                        f"({verdicts} verdicts)",
                        seconds,
                        "s",
                        target=target,
                        ratio_target=ratio_target,
                        baseline=("plain SQL read of the same history", raw),
                        source="#5, #13" if target else "#13",
                    )
                )
                for _size, engine_s, raw_s in [w for w in warm if w[0] == size]:
                    measures.append(
                        measure(
                            f"warm, alternated with the plain read (median of {args.runs})",
                            engine_s,
                            "s",
                            baseline=("plain SQL read, results released", raw_s),
                        )
                    )
    rss = peak_rss_mb()
    big = max(args.sizes) >= 50_000
    rows_out.append(
        (
            "peak memory of the process until the engine's results are read",
            f"{engine_rss:.0f} MB",
            f"<= {memory_target:.0f} MB (at 50,000)" if big else "",
            ("yes" if engine_rss <= memory_target else "NO") if big else "",
        )
    )
    rows_out.append(("peak memory of the process, plain reads included", f"{rss:.0f} MB", "", ""))
    report("Eligibility (bình xét) for one year", rows_out)
    if args.json:
        from run import measure, write_results

        measures.append(
            measure(
                "peak memory of the process until the engine's results are read",
                engine_rss,
                "MB",
                target=memory_target if big else None,
                source="#13" if big else "",
                note="" if big else "#13 sets it for 50,000 people",
            )
        )
        measures.append(
            measure(
                "peak memory of the process, the plain reads of whole tables included", rss, "MB"
            )
        )
        write_results(args.json, "eligibility", max(args.sizes), measures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
