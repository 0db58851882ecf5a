"""``tdkt search``: awards across years (issue 26), the same service as the "Tra cứu khen
thưởng" screen (:mod:`app.services.award_search`); ``--json`` prints them, ``-o FILE.xlsx``
writes the Excel sheet the screen exports. ``--field`` finds the awards of the units in a field
(lĩnh vực, a unit's own or that of the unit above; part of it, without diacritics, will do)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.commands.common import EXIT_DATA, EXIT_OK, print_err

HELP = (
    "Tra cứu khen thưởng qua các năm (danh hiệu, loại hình, phong trào, đơn vị, lĩnh vực, "
    "quyết định)"
)


def add_parser(sub: Any, db_help: str) -> None:
    p = sub.add_parser(
        "search",
        help=HELP,
        description=HELP + ". Đơn vị gồm cả đơn vị trực thuộc, tên cũ và đơn vị đã sáp nhập vào.",
    )
    p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    p.add_argument("--title", metavar="MÃ", help="Mã danh hiệu/hình thức (BK_TINH, CSTDCS...)")
    p.add_argument("--from", dest="year_from", type=int, metavar="NĂM", help="Từ năm")
    p.add_argument("--to", dest="year_to", type=int, metavar="NĂM", help="Đến năm")
    p.add_argument("--unit", metavar="MÃ", help="Mã đơn vị (kể cả trực thuộc, tên cũ)")
    p.add_argument(
        "--subject", choices=("ca-nhan", "tap-the", "ho-gia-dinh"), help="Loại đối tượng"
    )
    p.add_argument("--type", dest="award_type", metavar="LOẠI_HÌNH", help="CONG_TRANG, DOT_XUAT...")
    p.add_argument("--campaign", type=int, metavar="ID", help="Số hiệu phong trào")
    p.add_argument(
        "--field",
        metavar="LĨNH_VỰC",
        help="Lĩnh vực hoạt động của đơn vị (một phần tên, không cần dấu: lam nghiep)",
    )
    p.add_argument("--decision", metavar="SỐ", help="Một phần số quyết định hoặc cấp quyết định")
    p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
    p.add_argument("-o", "--output", metavar="TỆP.xlsx", help="Ghi kết quả ra tệp Excel")


def _criteria(args: argparse.Namespace) -> str:
    parts = []
    for label, value in (
        ("Danh hiệu", args.title),
        ("Từ năm", args.year_from),
        ("Đến năm", args.year_to),
        ("Đơn vị", args.unit),
        ("Đối tượng", args.subject),
        ("Loại hình", args.award_type),
        ("Phong trào", args.campaign),
        ("Lĩnh vực", args.field),
        ("Quyết định", args.decision),
    ):
        if value not in (None, ""):
            parts.append(f"{label}: {value}")
    return "; ".join(parts)


def cmd_search(args: argparse.Namespace) -> int:
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.services import reports
    from app.services.award_search import SUBJECT_ARGS, AwardSearch, search_awards
    from app.services.database import open_database

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
            query = AwardSearch(
                title=args.title,
                award_type=args.award_type.upper() if args.award_type else None,
                campaign_id=args.campaign,
                year_from=args.year_from,
                year_to=args.year_to,
                unit_id=unit_id,
                subject_kind=SUBJECT_ARGS[args.subject] if args.subject else None,
                decision=args.decision,
                sector=args.field,
            )
            rows = search_awards(session, query)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    if args.output:
        from app.excel.award_search_export import write_search
        from app.excel.forms.save import ExportFileError

        try:
            written = write_search(rows, args.output, criteria=_criteria(args))
        except ExportFileError as exc:
            print_err(f"Lỗi: {exc}")
            return EXIT_DATA
        if not args.json:
            print(f"Đã ghi {len(rows)} dòng vào {written}")
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
    elif not args.output:
        for r in rows:
            print(
                f"{r.year or '':<5} {r.title_code:<10} {r.subject_name} — {r.unit_name} — "
                f"{r.decision_number} {r.authority}"
            )
        print(f"Tổng số: {len(rows)}")
    return EXIT_OK
