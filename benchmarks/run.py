"""Run every benchmark at 5,000 and 50,000 people and write benchmarks/RESULTS.md.

    python benchmarks/run.py            # both sizes (the 50,000 run takes several minutes)
    python benchmarks/run.py --quick    # 5,000 people only, fewer repetitions (developers)
    python benchmarks/run.py --only startup people --sizes 5000

Each benchmark script runs in its own process (so its peak memory is its own) with
``--json FILE``; this module also defines that JSON format (``measure``, ``write_results``),
which the scripts import. The table in RESULTS.md gives, for every measure: the figure, the
target from the issues (#2 start-up and demo, #3 staff directory and import, #4 registration
list export, #5 eligibility, #11 the staff import preview, #13 eligibility against the plain
read and its memory, #17 point 4 where a clerk waits: start-up showing the database, the staff
screen, the staff import and the export against their baselines), the baseline measured in
the same run and the ratio to it, and whether the target is met (pass / FAIL); then the
machine it ran on.

    python benchmarks/run.py --only eligibility --sizes 50000   # one benchmark, one size
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "RESULTS.md"
SIZES = (5_000, 50_000)

# --- the JSON the benchmark scripts write (``--json FILE``) ------------------------------------


def measure(
    name: str,
    value: float,
    unit: str,
    *,
    target: float | None = None,
    op: str = "<=",
    ratio_target: float | None = None,
    baseline: tuple[str, float] | None = None,
    source: str = "",
    note: str = "",
) -> dict[str, Any]:
    """One measure: ``value`` in ``unit`` (s, ms, MB, x); a target on the value and/or on the
    ratio to the baseline (a figure measured the same way in the same run); ``source`` names the
    issue the target comes from."""
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "op": op,
        "ratio_target": ratio_target,
        "baseline": {"name": baseline[0], "value": baseline[1]} if baseline else None,
        "source": source,
        "note": note,
    }


def write_results(path: str | Path, benchmark: str, size: int, measures: list[dict]) -> None:
    data = {"benchmark": benchmark, "size": size, "measures": measures}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# --- what to run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    key: str
    script: str
    title: str

    def args(self, size: int, quick: bool) -> list[str]:
        if self.key == "startup":
            return ["--people", str(size), "--years", "10", "--runs", "3" if quick else "5"]
        if self.key == "people":
            return ["--people", str(size), "--rows", "5000"]
        if self.key == "registrations":
            return ["--people", str(size), "--runs", "2" if quick else "3"]
        if self.key == "eligibility":
            runs = "0" if quick or size > 5_000 else "2"  # warm alternated runs at 5,000
            return ["--sizes", str(size), "--years", "10", "--runs", runs]
        if self.key == "staff-import":
            return ["--people", str(size), "--rows", "5000", "--runs", "3" if quick else "5"]
        raise ValueError(self.key)


BENCHES = (
    Bench("startup", "bench_startup.py", "Start-up and demo (#2, #17)"),
    Bench("people", "bench_people.py", "Staff directory and import (#3, #17)"),
    Bench("registrations", "bench_registrations.py", "Registration list export (#4, #17)"),
    Bench("eligibility", "bench_eligibility.py", "Eligibility for a year (#5, #13)"),
    Bench("staff-import", "bench_staff_import.py", "Staff import preview (#11)"),
)


@dataclass
class Outcome:
    bench: Bench
    size: int
    seconds: float
    measures: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""
    error: str | None = None


def run_one(bench: Bench, size: int, quick: bool, data_dir: Path) -> Outcome:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(HERE / bench.script), *bench.args(size, quick)]
        command += ["--json", str(out)]
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "TDKT_DATA_DIR": str(data_dir),
            "PYTHONIOENCODING": "utf-8",
        }
        env.pop("TDKT_DB", None)
        start = time.perf_counter()
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        seconds = time.perf_counter() - start
        outcome = Outcome(bench, size, seconds, output=done.stdout.strip())
        if done.returncode != 0 or not out.is_file():
            tail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-15:]
            outcome.error = f"exit code {done.returncode}\n" + "\n".join(tail)
            return outcome
        outcome.measures = json.loads(out.read_text(encoding="utf-8"))["measures"]
        return outcome


# --- the machine -------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        try:
            return subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True
            ).stdout.strip()
        except OSError:
            pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    if sys.platform == "win32":
        import ctypes

        class MemoryStatus(ctypes.Structure):
            _fields_ = [
                ("length", ctypes.c_ulong),
                ("load", ctypes.c_ulong),
                ("total", ctypes.c_ulonglong),
                ("avail", ctypes.c_ulonglong),
                ("total_page", ctypes.c_ulonglong),
                ("avail_page", ctypes.c_ulonglong),
                ("total_virtual", ctypes.c_ulonglong),
                ("avail_virtual", ctypes.c_ulonglong),
                ("avail_extended", ctypes.c_ulonglong),
            ]

        status = MemoryStatus()
        status.length = ctypes.sizeof(MemoryStatus)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):  # type: ignore[attr-defined]
            return status.total / 1024**3
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        return None


def _version(*names: str) -> str:
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def _git_commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' + uncommitted changes' if dirty else ''}" if head else "unknown"


def machine() -> list[tuple[str, str]]:
    ram = _ram_gb()
    cores = os.cpu_count() or 0
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = cores
    load = ""
    if hasattr(os, "getloadavg"):
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    rows = [
        ("CPU", _cpu_model()),
        ("Cores", f"{cores} logical ({usable} usable by this process)"),
        ("RAM", f"{ram:.1f} GB" if ram else "unknown"),
        ("OS", platform.platform()),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("PySide6", _version("PySide6-Essentials", "PySide6")),
        ("SQLAlchemy", _version("SQLAlchemy")),
        ("openpyxl", _version("openpyxl")),
        ("TĐKT", f"{_version('tdkt')} (commit {_git_commit()})"),
    ]
    if load:
        rows.append(("Load average at start (1, 5, 15 min)", load))
    return rows


# --- the report --------------------------------------------------------------------------------


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "s":
        return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    return f"{value:.0f} {unit}"


def verdict(m: dict[str, Any]) -> tuple[str, str, str, str]:
    """(target text, baseline text, ratio text, result) of one measure."""
    targets, results = [], []
    base = m.get("baseline")
    ratio = m["value"] / base["value"] if base and base["value"] else None
    if m.get("target") is not None:
        op = m.get("op", "<=")
        targets.append(f"{op.replace('<=', '≤')} {_number(m['target'], m['unit'])}")
        results.append(m["value"] < m["target"] if op == "<" else m["value"] <= m["target"])
    if m.get("ratio_target") is not None:
        targets.append(f"ratio ≤ {m['ratio_target']:g}x")
        results.append(ratio is not None and ratio <= m["ratio_target"])
    target = "; ".join(targets)
    if m.get("source"):
        target = f"{target} ({m['source']})" if target else m["source"]
    baseline = f"{base['name']}: {_number(base['value'], m['unit'])}" if base else ""
    ratio_text = f"{ratio:.2f}x" if ratio is not None else ""
    result = "" if not results else ("pass" if all(results) else "**FAIL**")
    return target, baseline, ratio_text, result


def load_note(loads: list[float]) -> str:
    """A warning when other work shared the CPUs during the run (figures then run slow)."""
    cores = os.cpu_count() or 1
    if not loads or max(loads) <= cores:
        return ""
    return (
        f"**The machine was shared during this run** (1-minute load average up to "
        f"{max(loads):.1f} on {cores} cores): absolute figures are slower than on an idle "
        "machine, and a missed time target may be the load rather than the program. The ratios "
        "to the baselines, measured under the same load, are the more reliable column."
    )


def render(
    outcomes: list[Outcome],
    machine_rows: list[tuple[str, str]],
    args: str,
    note: str = "",
    notes: str = "",
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py{args}` on "
        f"{datetime.now():%Y-%m-%d %H:%M}. Every figure is measured on the machine below; each "
        "baseline is measured the same way in the same run, so the ratio says more than the "
        "figure on another machine. Targets come from the issues (#2 start-up and demo, #3 staff "
        "directory and import, #4 registration list export, #5 eligibility, #11 staff import "
        "preview, #13 eligibility against the plain read of the same history and its peak "
        "memory, #17 point 4 where a clerk waits). Where an issue "
        "states its target at one size only, the table says so (for example the demo target is "
        "for 5,000 people x 10 years, the people-screen targets for 50,000 people and the "
        "export target for 10,000 rows, scaled to the rows exported).",
        "",
        "How the start-up is timed: the timed processes (TĐKT and the bare PySide6 window) "
        "write and read compiled modules in the benchmark's temporary folder "
        "(`PYTHONPYCACHEPREFIX`, with `PYTHONDONTWRITEBYTECODE` removed for them, as this "
        "environment sets it), and each command runs once untimed first, so no run pays for "
        "compiling the program's modules, as no start of an installed program does. The "
        "target of #17 is put on the moment the window shows the database, counted from the "
        "operating system's start of the process, against the moment the bare window is "
        "painted, counted the same way; the whole processes (including the exit, when TĐKT "
        "waits for its background reads) are shown too, with their ratio.",
        "",
        *([note, ""] if note else []),
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in machine_rows]
    lines += [
        "",
        "## Results",
        "",
        "| Benchmark | People | Measure | Figure | Target | Baseline (same run) | Ratio | Result |",
        "|---|---:|---|---:|---|---|---:|---|",
    ]
    failed = []
    for o in outcomes:
        if o.error is not None:
            lines.append(f"| {o.bench.title} | {o.size:,} | **did not run** | | | | | **ERROR** |")
            failed.append(o)
            continue
        for m in o.measures:
            target, baseline, ratio, result = verdict(m)
            name = m["name"] + (f" ({m['note']})" if m.get("note") else "")
            lines.append(
                f"| {o.bench.title} | {o.size:,} | {name} | {_number(m['value'], m['unit'])} "
                f"| {target} | {baseline} | {ratio} | {result} |"
            )
    misses = [(o, m) for o in outcomes for m in o.measures if verdict(m)[3] == "**FAIL**"]
    lines += ["", "## Summary", ""]
    total = sum(o.seconds for o in outcomes)
    checked = sum(1 for o in outcomes for m in o.measures if verdict(m)[3])
    lines.append(
        f"{checked - len(misses)} of {checked} targets met; {len(failed)} benchmark run(s) "
        f"failed; the suite took {total / 60:.1f} min."
    )
    for o, m in misses:
        lines.append(f"- missed: {o.bench.title}, {o.size:,} people: {m['name']}")
    for o in failed:
        lines.append(f"- error in {o.bench.script} at {o.size:,} people:")
        lines += ["", "```", o.error or "", "```", ""]
    if notes.strip():  # the reasons for the misses, written by whoever ran it (--notes)
        lines += ["", notes.strip()]
    lines += ["", "## Output of each run", ""]
    for o in outcomes:
        lines += [
            f"### {o.bench.script}, {o.size:,} people ({o.seconds:.0f} s)",
            "",
            "```",
            o.output or "(no output)",
            "```",
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="5,000 people only, fewer runs")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of people (default both)")
    parser.add_argument("--only", nargs="+", choices=[b.key for b in BENCHES])
    parser.add_argument("-o", "--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--notes",
        type=Path,
        help="a Markdown file added after the summary (why targets are missed)",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([SIZES[0]] if args.quick else list(SIZES))
    benches = [b for b in BENCHES if not args.only or b.key in args.only]
    machine_rows = machine()
    loads: list[float] = []
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="tdkt-bench-") as tmp:
        for size in sizes:
            for bench in benches:
                print(f"{bench.script} at {size:,} people…", flush=True)
                if hasattr(os, "getloadavg"):
                    loads.append(os.getloadavg()[0])
                outcome = run_one(bench, size, args.quick, Path(tmp) / f"{bench.key}-{size}")
                state = "error" if outcome.error else "done"
                print(f"  {state} in {outcome.seconds:.0f} s", flush=True)
                if outcome.error:
                    print(outcome.error, file=sys.stderr)
                outcomes.append(outcome)
    if hasattr(os, "getloadavg"):  # other work on the machine makes every figure slower
        loads.append(os.getloadavg()[0])
        end_load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
        machine_rows.append(("Load average at the end (1, 5, 15 min)", end_load))
    shown = " ".join(argv if argv is not None else sys.argv[1:])
    args_text = f" {shown}" if shown else ""
    notes = args.notes.read_text(encoding="utf-8") if args.notes else ""
    report = render(outcomes, machine_rows, args_text, load_note(loads), notes)
    args.output.write_text(report, encoding="utf-8")
    print(f"Wrote {args.output}")
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
