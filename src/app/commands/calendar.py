"""``tdkt calendar --year NĂM [--due NGÀY] [--today dd/mm/yyyy] [--json]``: the deadlines
calendar of a year (issue 26), the same service as the "Lịch thời hạn" dialog
(:mod:`app.services.deadline_calendar`); ``--due`` lists only what falls due within that many
days and the units late with their sign-ups."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from app.commands.common import EXIT_OK, date_arg, read_database

HELP = "Lịch thời hạn của năm: mốc phong trào, thời hạn của tỉnh, đơn vị trễ hạn đăng ký"


def add_parser(sub: Any, db_help: str) -> None:
    p = sub.add_parser("calendar", help=HELP, description=HELP)
    p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    p.add_argument("--year", type=int, metavar="NĂM", help="Năm (mặc định: năm nay)")
    p.add_argument("--due", type=int, metavar="SỐ_NGÀY", help="Chỉ việc đến hạn trong số ngày này")
    p.add_argument("--today", type=date_arg, metavar="NGÀY", help="Tính từ ngày (dd/mm/yyyy)")
    p.add_argument("--json", action="store_true", help="In kết quả dạng JSON")


def cmd_calendar(args: argparse.Namespace) -> int:
    from app.services import deadline_calendar as cal

    today = args.today or date.today()
    year = args.year or today.year

    def work(session: Any) -> list[Any]:
        if args.due is not None:
            return cal.due_within(session, today, args.due)
        return cal.calendar(session, year, today)

    code, items = read_database(args, work)
    if items is None:
        return code
    if args.json:
        print(json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=2))
        return EXIT_OK
    for i in items:
        extra = f" — {i.note}" if i.note else ""
        print(f"{i.day:%d/%m/%Y}  {i.what} — {i.source}{extra}")
    return EXIT_OK
