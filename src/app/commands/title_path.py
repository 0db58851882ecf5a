"""``tdkt path (--person CÁN_BỘ | --unit MÃ) [--year NĂM] [--target NĂM] [--json]``: the Lộ
trình of a person or a collective (issue 13), the same service as the "Lộ trình" tab of their
records (:mod:`app.services.title_path`)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from app.commands.common import EXIT_OK, read_database

HELP = "Lộ trình: còn thiếu gì cho từng danh hiệu cao hơn của năm tới"


def add_parser(sub: Any, db_help: str) -> None:
    p = sub.add_parser("path", help=HELP, description=HELP)
    p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="CÁN_BỘ", help="Mã cán bộ, số CCCD hoặc họ tên")
    who.add_argument("--unit", metavar="MÃ", help="Mã đơn vị (tập thể)")
    p.add_argument("--year", type=int, metavar="NĂM", help="Năm có kết quả (mặc định: năm nay)")
    p.add_argument(
        "--target", type=int, metavar="NĂM", help="Năm xét danh hiệu (mặc định: năm sau)"
    )
    p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")


def cmd_path(args: argparse.Namespace) -> int:
    from app.services.reports import resolve_person, resolve_unit
    from app.services.title_path import TitlePath, person_title_path, unit_title_path

    year = args.year or date.today().year

    def work(session: Any) -> TitlePath:
        if args.person:
            return person_title_path(
                session, resolve_person(session, args.person), year, args.target
            )
        return unit_title_path(session, resolve_unit(session, args.unit).id, year, args.target)

    code, found = read_database(args, work)
    if found is None:
        return code
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Lộ trình của {found.subject} (theo kết quả đến năm {found.year}):")
    if found.note:
        print(found.note)
    for line in found.lines:
        print(f"  {'✓' if line.reachable and not line.needs else '•'} {line.text}")
    return EXIT_OK
