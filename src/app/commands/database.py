"""`tdkt demo`, `check`, `backup`, `restore`: the database itself."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.commands.common import EXIT_DATA, EXIT_OK, one_line, print_err
from app.config import resolve_db_url, sqlite_path, sqlite_url


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the demo database. An SQLite file is built under a temporary name and moved into
    place only when whole: a failure (too few people, a full disk...) leaves no file, and
    ``--force`` replaces the old file only then."""
    from app.config import display_db
    from app.db.files import Partial, remove_with_side_files
    from app.db.migrate import DatabaseError
    from app.services.database import open_database
    from app.services.demo import DemoError, DemoOptions, build_demo

    url = resolve_db_url(getattr(args, "db", None), demo=getattr(args, "db", None) is None)
    path = sqlite_path(url)
    if path is not None and path.exists() and not args.force:
        print_err(f"Lỗi: tệp {path} đã có. Dùng --force để xóa và tạo lại.")
        return EXIT_DATA
    options = DemoOptions(
        people=args.people,
        years=args.years,
        seed=args.seed,
        end_year=args.end_year,
        review_year=args.review_year,
    )

    def progress(message: str, fraction: float) -> None:
        print_err(f"[{fraction:4.0%}] {message}")

    def build(target_url: str) -> Any:
        try:
            db = open_database(target_url)  # a new file: no copy before its schema
        except DatabaseError as exc:
            raise DemoError(str(exc)) from exc
        try:
            with db.session_factory.begin() as session:
                return build_demo(session, options, progress)
        finally:
            db.dispose()

    try:
        if path is None:  # a server database: one transaction, nothing kept if it fails
            summary = build(url)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            with Partial(path) as partial:
                summary = build(sqlite_url(partial.path))
                _single_file(partial.path)
                remove_with_side_files(path)
                partial.commit()
    except DemoError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(
        f"Đã tạo CSDL mẫu {display_db(url)}: {summary.units} đơn vị, {summary.people} cán bộ, "
        f"{summary.grades} xếp loại, {summary.initiatives} sáng kiến, {summary.awards} khen thưởng "
        f"(năm {summary.first_year}-{summary.last_year})."
    )
    return EXIT_OK


def _single_file(path: Path) -> None:
    """Fold the WAL into the database file so the file alone holds everything."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def cmd_backup(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.backup import backup_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        made = backup_database(url, Path(args.output) if args.output else None)
    except DomainError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(f"Đã sao lưu vào {made}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore from a backup, also on a computer that has no database yet."""
    from app.config import display_db
    from app.domain.errors import DomainError
    from app.services.backup import restore_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        result = restore_database(url, Path(args.file))
    except DomainError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(f"Đã phục hồi từ {result.restored_from} vào {display_db(url)}")
    if result.previous_copy is not None:
        print(f"Dữ liệu trước khi phục hồi được giữ ở {result.previous_copy}")
    else:
        print("Máy này chưa có cơ sở dữ liệu: đã tạo mới từ bản sao lưu.")
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
