"""Helpers shared by the benchmark scripts: timing, medians, table printing, memory."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def compiled_env(folder: Path) -> dict[str, str]:
    """The environment for timed child processes: compiled modules are written and read.

    With ``PYTHONDONTWRITEBYTECODE`` set (some shells and CI set it) every start would compile
    each module of the program again, which an installed program never does. The compiled
    files go to ``folder`` (``PYTHONPYCACHEPREFIX``, inside the benchmark's temporary folder,
    so the source tree is left alone); run each command once before timing it to fill it.
    """
    env = {**ENV, "PYTHONPYCACHEPREFIX": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def machine() -> str:
    return f"{platform.node()} {platform.machine()} {os.cpu_count()} CPU, Python {platform.python_version()}"


def time_command(args: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    """Wall seconds of one run of a command; fails loudly if it fails."""
    start = time.perf_counter()
    subprocess.run(
        list(args), check=True, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return time.perf_counter() - start


def median_of(fn: Callable[[], float], runs: int) -> tuple[float, list[float]]:
    values = [fn() for _ in range(runs)]
    return statistics.median(values), values


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux/macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / (1024 * 1024)


def report(title: str, rows: list[tuple[str, str, str, str]]) -> None:
    """Print a table: measure, figure, target, verdict."""
    print(f"\n## {title}\n")
    print(f"Machine: {machine()}\n")
    print("| measure | figure | target | within target |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
