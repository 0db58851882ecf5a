"""`tdkt demo`, `check`, `backup`, `restore`: the database itself."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import EXIT_DATA, EXIT_OK, print_err
from app.config import resolve_db_url, sqlite_path

if TYPE_CHECKING:
    pass


def cmd_demo(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.services.database import open_database
    from app.services.demo import DemoError, DemoOptions, build_demo

    url = resolve_db_url(getattr(args, "db", None), demo=getattr(args, "db", None) is None)
    path = sqlite_path(url)
    if path is not None and path.exists():
        if not args.force:
            print_err(f"Lỗi: tệp {path} đã có. Dùng --force để xóa và tạo lại.")
            return EXIT_DATA
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    options = DemoOptions(
        people=args.people,
        years=args.years,
        seed=args.seed,
        end_year=args.end_year,
        review_year=args.review_year,
    )

    def progress(message: str, fraction: float) -> None:
        print_err(f"[{fraction:4.0%}] {message}")

    try:
        db = open_database(url)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    try:
        with db.session_factory.begin() as session:
            summary = build_demo(session, options, progress)
    except DemoError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    print(
        f"Đã tạo CSDL mẫu {db.display_name}: {summary.units} đơn vị, {summary.people} cán bộ, "
        f"{summary.grades} xếp loại, {summary.initiatives} sáng kiến, {summary.awards} khen thưởng "
        f"(năm {summary.first_year}-{summary.last_year})."
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.backup import backup_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        made = backup_database(url, Path(args.output) if args.output else None)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã sao lưu vào {made}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.backup import restore_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        result = restore_database(url, Path(args.file))
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã phục hồi từ {result.restored_from}")
    print(f"Dữ liệu trước khi phục hồi được giữ ở {result.previous_copy}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.integrity import check_database

    url = resolve_db_url(getattr(args, "db", None))
    report = check_database(url)
    if args.json:
        print(
            json.dumps(
                {
                    "database": report.database,
                    "ok": report.ok,
                    "revision": report.revision,
                    "head": report.head,
                    "problems": report.problems,
                    "counts": report.counts,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"CSDL: {report.database}")
        print(
            f"Phiên bản lược đồ: {report.revision or '-'} (phiên bản chương trình: {report.head})"
        )
        if report.counts:
            c = report.counts
            print(
                f"Số liệu: {c.get('don_vi', 0)} đơn vị, {c.get('can_bo', 0)} cán bộ, {c.get('khen_thuong', 0)} khen thưởng"
            )
        if report.ok:
            print("Kết quả: ĐẠT - không phát hiện lỗi.")
        else:
            print("Kết quả: KHÔNG ĐẠT")
            for problem in report.problems:
                print(f"  - {problem}")
    return EXIT_OK if report.ok else EXIT_DATA
