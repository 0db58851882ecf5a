"""Issue 11 benchmark: previewing a 5,000-row staff import, against a bare openpyxl read.

The file has 5,000 rows: half of them people already in the database (same name, birth date
and staff code, some with a new position), half new people, all in existing units. Measured:

- the preview a clerk waits for: the file read and checked (``parse_staff``, which opens the
  workbook once), then matched against the database without writing (``import_staff`` with
  ``dry_run``), as ``tdkt import staff FILE --dry-run`` and the import wizard do;
- its two halves, the Excel layer (``parse_staff``) and the matching (the dry run);
- the baseline: a bare openpyxl read of the same file (``read_only``, every value once).

Target (issue 11): at most 5 s and at most 6x the baseline. Each figure is the median of
``--runs`` runs.

Usage: python benchmarks/bench_staff_import.py [--people 5000] [--rows 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _common import peak_rss_mb, report
from bench_people import build_demo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Mã cán bộ"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Quang", "Ngọc", "Đức", "Thanh", "Hữu", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng"]


def write_file(path: Path, rows: int, people: list, units: list[str]) -> None:
    """``rows`` rows: the first half people of the database, the rest new people."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"])
    ws.append([])
    ws.append(HEADER)
    known = [p for p in people if p.birth_date is not None and p.unit_name][: rows // 2]
    for i, p in enumerate(known):
        position = "Chuyên viên chính" if i % 5 == 0 else p.position_title
        gender = "Nam" if p.gender == "NAM" else "Nữ"
        ws.append(
            [
                i + 1,
                p.full_name,
                p.birth_date.strftime("%d/%m/%Y"),
                gender,
                position,
                p.unit_name,
                p.staff_code,
            ]
        )
    for j in range(rows - len(known)):
        name = f"{FAMILY[j % 10]} {MIDDLE[(j // 10) % 10]} {GIVEN[(j // 100) % len(GIVEN)]}"
        ws.append(
            [
                len(known) + j + 1,
                name,
                f"{1 + j % 28:02d}/{1 + j % 12:02d}/{1970 + j % 30}",
                "Nam",
                "Chuyên viên",
                units[j % len(units)],
                f"BM{j:05d}",
            ]
        )
    wb.save(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON (run.py)")
    args = parser.parse_args()

    from openpyxl import load_workbook

    from app.config import sqlite_url
    from app.domain.imports import ImportOptions
    from app.excel.people_import import parse_staff
    from app.services import people_import
    from app.services.database import open_database
    from app.services.people import list_people
    from app.services.reference import codes
    from app.services.units import list_units

    codes()  # the code tables are read once per process, not per import
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "people.sqlite"
        build_demo(db_path, args.people)
        db = open_database(sqlite_url(db_path), backup_folder=Path(tmp) / "bk")
        ctx = db.context()
        units = [u.full_name for u in ctx.read(list_units, include_history=False)]
        xlsx = Path(tmp) / "staff.xlsx"
        write_file(xlsx, args.rows, ctx.read(list_people), units)

        def bare() -> float:
            start = time.perf_counter()
            wb = load_workbook(xlsx, read_only=True)
            for _ in wb.active.iter_rows(values_only=True):
                pass
            wb.close()
            return time.perf_counter() - start

        def preview() -> tuple[float, float, object]:
            start = time.perf_counter()
            result = parse_staff(xlsx, codes())
            parsed_s = time.perf_counter() - start
            parsed = people_import.ParsedFile(
                "staff",
                str(xlsx),
                result.sheet,
                result.issues,
                people_import.columns_of(result.column_map),
                people_import.headers_of(result.column_map),
            )
            with db.session_factory.begin() as session:
                found = people_import.import_staff(
                    session, parsed, list(result.rows), ImportOptions(dry_run=True)
                )
            return time.perf_counter() - start, parsed_s, found

        bare_runs, total_runs, parse_runs = [], [], []
        found = None
        for _ in range(args.runs):  # interleaved: a slow moment of the machine hits both
            bare_runs.append(bare())
            total_s, parse_s, found = preview()
            total_runs.append(total_s)
            parse_runs.append(parse_s)
        db.dispose()

    bare_s = statistics.median(bare_runs)
    total_s = statistics.median(total_runs)
    parse_s = statistics.median(parse_runs)
    match_s = statistics.median(t - p for t, p in zip(total_runs, parse_runs, strict=True))
    ratio = total_s / bare_s
    rss = peak_rss_mb()
    counts = f"would add {found.added}, update {found.updated}, keep {found.unchanged}"  # type: ignore[attr-defined]
    rows_out = [
        (
            f"preview a {args.rows}-row staff import ({counts})",
            f"{total_s:.2f} s",
            "<= 5 s",
            "yes" if total_s <= 5 else "NO",
        ),
        ("  of which parse_staff (Excel layer)", f"{parse_s:.2f} s", "", ""),
        ("  of which matching, dry run (service)", f"{match_s:.2f} s", "", ""),
        ("bare openpyxl read of the same file (baseline)", f"{bare_s:.2f} s", "", ""),
        ("ratio preview / bare read", f"{ratio:.1f}x", "<= 6x", "yes" if ratio <= 6 else "NO"),
        ("ratio parse_staff / bare read", f"{parse_s / bare_s:.1f}x", "", ""),
        ("peak memory of this process", f"{rss:.0f} MB", "", ""),
    ]
    report(f"Staff import preview ({args.rows} rows, {args.people} people stored)", rows_out)
    print(
        "\nruns preview: "
        + str([round(v, 2) for v in total_runs])
        + " s; bare: "
        + str([round(v, 2) for v in bare_runs])
        + " s"
    )
    if args.json:
        from run import measure, write_results

        measures = [
            measure(
                f"preview a {args.rows}-row staff import (parse + dry run)",
                total_s,
                "s",
                target=5.0 if args.rows <= 5000 else None,
                ratio_target=6.0,
                baseline=("bare openpyxl read of the file", bare_s),
                source="#11",
            ),
            measure(
                "parse_staff alone (Excel layer)",
                parse_s,
                "s",
                baseline=("bare openpyxl read of the file", bare_s),
            ),
            measure("matching alone (dry run)", match_s, "s"),
            measure("peak memory of the process", rss, "MB"),
        ]
        write_results(args.json, "staff-import", args.people, measures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
