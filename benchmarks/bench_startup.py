"""Issue 2 benchmark: the demo build and the main window's start-up.

- `tdkt demo --people 5000 --years 10`: wall time, target under 30 s.
- Start-up to the first paint of the main window on that database, against a bare PySide6
  QMainWindow process measured the same way in the same run (both processes quit right after
  their first paint; the wall time of the whole process is compared). Target: ratio at most 2.
  TĐKT paints its frame first and opens the database right after; the time until the screens
  show the database ("ready") is printed too, as a figure without a target.

Usage: python benchmarks/bench_startup.py [--people 5000] [--years 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import median_of, report, time_command

BARE_WINDOW = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False

window.installEventFilter(FirstPaint(window))
window.show()
sys.exit(app.exec())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run.py)")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        demo_seconds = time_command(
            [
                python,
                "-m",
                "app",
                "demo",
                "--db",
                str(db),
                "--people",
                str(args.people),
                "--years",
                str(args.years),
            ]
        )
        app_median, app_runs = median_of(
            lambda: time_command([python, "-m", "app", "--db", str(db), "--exit-after-paint"]),
            args.runs,
        )
        bare_median, bare_runs = median_of(
            lambda: time_command([python, "-c", BARE_WINDOW]), args.runs
        )
        ready_median, ready_runs = median_of(
            lambda: time_command([python, "-m", "app", "--db", str(db), "--exit-when-ready"]),
            args.runs,
        )
    ratio = app_median / bare_median
    report(
        f"Start-up and demo ({args.people} people x {args.years} years)",
        [
            (
                f"tdkt demo --people {args.people} --years {args.years}",
                f"{demo_seconds:.1f} s",
                "< 30 s",
                "yes" if demo_seconds < 30 else "NO",
            ),
            ("main window to first paint (median)", f"{app_median * 1000:.0f} ms", "", ""),
            ("bare QMainWindow to first paint (median)", f"{bare_median * 1000:.0f} ms", "", ""),
            ("start-up ratio app / bare", f"{ratio:.2f}x", "<= 2x", "yes" if ratio <= 2 else "NO"),
            ("main window showing the database (median)", f"{ready_median * 1000:.0f} ms", "", ""),
        ],
    )
    print(
        f"\nruns app: {[round(v * 1000) for v in app_runs]} ms; bare: {[round(v * 1000) for v in bare_runs]} ms"
    )
    if args.json:
        from run import measure, write_results

        demo_target = (args.people, args.years) == (5000, 10)
        write_results(
            args.json,
            "startup",
            args.people,
            [
                measure(
                    f"tdkt demo --people {args.people} --years {args.years}",
                    demo_seconds,
                    "s",
                    target=30.0 if demo_target else None,
                    op="<",
                    source="#2" if demo_target else "#2 sets it for 5,000 x 10 only",
                ),
                measure(
                    "main window to first paint (median)",
                    app_median * 1000,
                    "ms",
                    ratio_target=2.0,
                    baseline=("bare QMainWindow", bare_median * 1000),
                    source="#2",
                ),
                measure(
                    "main window showing the database (median)",
                    ready_median * 1000,
                    "ms",
                    baseline=("bare QMainWindow", bare_median * 1000),
                ),
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
