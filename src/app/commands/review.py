"""`tdkt eligibility`: the year's verdicts with their reasons."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err
from app.config import resolve_db_url, sqlite_path

if TYPE_CHECKING:
    pass


VERDICT_NAMES = {
    "eligible": "Đủ điều kiện",
    "not_eligible": "Chưa đủ",
    "needs_review": "Cần xem xét",
}


def cmd_eligibility(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.domain.eligibility import PERSON_TITLES, UNIT_TITLES
    from app.domain.errors import DomainError
    from app.services import reports
    from app.services.database import open_database
    from app.services.eligibility import evaluate_year

    if args.title and args.title not in PERSON_TITLES + UNIT_TITLES:
        print_err(
            f"tdkt eligibility: lỗi cú pháp: mã '{args.title}' không được xét; các mã: "
            + ", ".join(PERSON_TITLES + UNIT_TITLES)
        )
        return EXIT_USAGE
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    try:
        with db.session_factory() as session:
            unit_id = reports.resolve_unit(session, args.unit).id if args.unit else None
            rows = evaluate_year(session, args.year, unit_id=unit_id, title=args.title)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([row.as_json() for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        who = "Cá nhân" if row.subject == "person" else "Tập thể"
        born = f" ({row.birth_date:%d/%m/%Y})" if row.birth_date else ""
        print(
            f"{who} | {row.name}{born} | {row.unit} | {row.title} | "
            f"{VERDICT_NAMES.get(row.verdict.verdict, row.verdict.verdict)} | {row.verdict.explanation}"
        )
    counts = {v: sum(1 for r in rows if r.verdict.verdict == v) for v in VERDICT_NAMES}
    print(
        f"Tổng: {len(rows)} kết quả; đủ điều kiện {counts['eligible']}, chưa đủ {counts['not_eligible']}, "
        f"cần xem xét {counts['needs_review']}."
    )
    return EXIT_OK
