"""Command line: ``tdkt`` opens the GUI; subcommands do the same work headless.

Exit codes: 0 success; 1 data or validation error (message printed, nothing written);
2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from app import APP_TITLE, __version__
from app.config import resolve_db_url, sqlite_path

if TYPE_CHECKING:  # the database layer is imported only by the commands that use it
    from app.services.database import Database

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


_ARGPARSE_MESSAGES = (
    ("the following arguments are required", "thiếu tham số bắt buộc"),
    ("unrecognized arguments", "tham số không nhận ra"),
    ("invalid choice", "lựa chọn không hợp lệ"),
    ("expected one argument", "cần một giá trị"),
    ("invalid int value", "không phải số nguyên"),
    ("argument ", "tham số "),
)


class VietnameseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(
            usage, actions, groups, "Cách dùng: " if prefix is None else prefix
        )


class Parser(argparse.ArgumentParser):
    """argparse with Vietnamese section titles and error prefix."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        want_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "Tham số"
        self._optionals.title = "Tùy chọn"
        if want_help:
            self.add_argument("-h", "--help", action="help", help="Hiện hướng dẫn này rồi thoát")

    def error(self, message: str) -> NoReturn:
        for english, vietnamese in _ARGPARSE_MESSAGES:
            message = message.replace(english, vietnamese)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi cú pháp: {message}\n")


def _positive(limit: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' không phải số nguyên") from None
        if not 1 <= value <= limit:
            raise argparse.ArgumentTypeError(f"phải từ 1 đến {limit}, nhận được {value}")
        return value

    return parse


def build_parser() -> Parser:
    db_help = "Tệp SQLite hoặc URL SQLAlchemy (mặc định: biến TDKT_DB, rồi tdkt.sqlite trong thư mục dữ liệu)"

    parser = Parser(
        prog="tdkt",
        description=f"{APP_TITLE}. Không có lệnh con: mở giao diện đồ họa.",
        epilog="Mã thoát: 0 thành công; 1 lỗi dữ liệu (không ghi gì); 2 sai cú pháp lệnh.",
    )
    parser.add_argument("--db", default=None, help=db_help)
    parser.add_argument(
        "--demo", action="store_true", help="Mở giao diện trên CSDL mẫu trong thư mục dữ liệu"
    )
    parser.add_argument(
        "--version", action="version", version=f"tdkt {__version__}", help="In phiên bản rồi thoát"
    )
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", title="Lệnh", metavar="LỆNH", parser_class=Parser)

    demo = sub.add_parser(
        "demo",
        help="Tạo CSDL mẫu của một Sở",
        description="Tạo CSDL mẫu có tính tất định (cùng --seed, cùng dữ liệu).",
    )
    demo.add_argument(
        "--db", default=argparse.SUPPRESS, help=db_help + "; với demo mặc định là demo.sqlite"
    )
    demo.add_argument(
        "--people", type=_positive(200_000), default=1200, help="Số cán bộ (mặc định 1200)"
    )
    demo.add_argument("--years", type=_positive(30), default=5, help="Số năm lịch sử (mặc định 5)")
    demo.add_argument("--seed", type=int, default=2026, help="Hạt giống ngẫu nhiên (mặc định 2026)")
    demo.add_argument(
        "--end-year",
        type=int,
        default=None,
        help="Năm cuối có xếp loại, khen thưởng (mặc định: năm ngoái)",
    )
    demo.add_argument("--force", action="store_true", help="Xóa tệp đã có rồi tạo lại")

    imp = sub.add_parser(
        "import",
        help="Nhập dữ liệu từ Excel (cán bộ, xếp loại, kỷ luật, khen thưởng, sáng kiến)",
        description="Nhập từ tệp Excel: tự tìm dòng tiêu đề, kiểm tra từng dòng; chỉ ghi khi mọi dòng hợp lệ "
        "(hoặc khi chọn --skip-invalid).",
    )
    imp_sub = imp.add_subparsers(
        dest="what", title="Loại dữ liệu", metavar="LOẠI", parser_class=Parser, required=True
    )
    for name, text in (
        ("staff", "Danh sách cán bộ (thêm mới hoặc cập nhật người đã có)"),
        ("grades", "Kết quả xếp loại của một năm"),
        ("discipline", "Kỷ luật và các trường hợp tạm chưa khen"),
    ):
        p = imp_sub.add_parser(name, help=text, description=text)
        p.add_argument("file", metavar="TỆP", help="Tệp .xlsx")
        p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
        p.add_argument("--sheet", help="Tên trang tính (mặc định: trang đầu tiên có dòng tiêu đề)")
        p.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
        )
        p.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua các dòng lỗi (liệt kê trong báo cáo)",
        )
        if name == "staff":
            p.add_argument(
                "--create-units",
                action="store_true",
                help="Tạo đơn vị chưa có trong cây (trực thuộc cơ quan)",
            )
            p.add_argument(
                "--effective",
                type=_date_arg,
                help="Ngày hiệu lực khi đổi đơn vị/chức vụ (dd/mm/yyyy)",
            )
        if name == "grades":
            p.add_argument("--year", type=int, required=True, help="Năm xếp loại")

    for name, text in (
        ("awards", "Khen thưởng đã có (danh hiệu, hình thức của cá nhân và tập thể)"),
        ("initiatives", "Sáng kiến, đề tài đã được công nhận (kèm tác giả)"),
        ("unit-grades", "Xếp loại tập thể (đơn vị) theo năm"),
    ):
        p = imp_sub.add_parser(name, help=text, description=text)
        p.add_argument("file", metavar="TỆP", help="Tệp .xlsx")
        p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
        p.add_argument("--sheet", help="Tên trang tính (mặc định: trang đầu tiên có dòng tiêu đề)")
        p.add_argument(
            "--year",
            type=int,
            metavar="NĂM",
            help="Năm dùng cho các dòng không ghi năm"
            + (" (khi tệp không có cột 'Năm')" if name == "unit-grades" else ""),
        )
        p.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
        )
        p.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua các dòng lỗi (liệt kê trong báo cáo)",
        )

    reg = imp_sub.add_parser(
        "registrations",
        help="Bản đăng ký thi đua của một đơn vị (tệp xuất bằng export registration-form)",
        description="Nhập bản đăng ký thi đua (cá nhân và tập thể) của đơn vị vào phong trào "
        "thường xuyên của năm: so sánh với dữ liệu đã lưu; chỉ ghi khi mọi dòng hợp lệ.",
    )
    reg.add_argument("file", metavar="TỆP", help="Tệp .xlsx")
    reg.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    reg.add_argument("--year", type=int, required=True, metavar="NĂM", help="Năm đăng ký")
    reg.add_argument(
        "--dry-run", action="store_true", help="Chỉ kiểm tra và in thay đổi, không ghi gì"
    )

    backup = sub.add_parser(
        "backup",
        help="Sao lưu CSDL (SQLite) ra một tệp",
        description="Sao lưu CSDL SQLite bằng cơ chế sao lưu trực tuyến (an toàn khi chương trình đang mở); "
        "bản sao được kiểm tra toàn vẹn.",
    )
    backup.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    backup.add_argument(
        "-o", "--output", help="Tệp sao lưu (mặc định: thư mục backups trong thư mục dữ liệu)"
    )
    restore = sub.add_parser(
        "restore",
        help="Phục hồi CSDL từ một bản sao lưu",
        description="Kiểm tra bản sao lưu, sao lưu CSDL hiện tại rồi phục hồi.",
    )
    restore.add_argument("file", metavar="TỆP", help="Tệp sao lưu .sqlite")
    restore.add_argument("--db", default=argparse.SUPPRESS, help=db_help)

    elig = sub.add_parser(
        "eligibility",
        help="Xét điều kiện danh hiệu, hình thức khen thưởng của một năm",
        description="Xét từng cán bộ, tập thể theo quy định đang áp dụng cho năm; mỗi điều kiện ghi rõ đạt/"
        "chưa đạt và căn cứ pháp lý. Không ghi gì vào CSDL.",
    )
    elig.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    elig.add_argument("--year", type=int, required=True, help="Năm xét")
    elig.add_argument("--unit", help="Mã đơn vị (kể cả đơn vị trực thuộc)")
    elig.add_argument("--title", help="Mã danh hiệu/hình thức (LDTT, CSTDCS, CSTD_TINH, TTLDTT...)")
    elig.add_argument("--json", action="store_true", help="In kết quả dạng JSON")

    check = sub.add_parser(
        "check",
        help="Kiểm tra toàn vẹn và phiên bản lược đồ (không sửa tệp)",
        description="Kiểm tra toàn vẹn CSDL và phiên bản lược đồ; không thay đổi tệp.",
    )
    check.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    check.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
    _add_export_parser(sub, db_help)
    return parser


def _add_export_parser(sub, db_help: str) -> None:  # type: ignore[no-untyped-def]
    export = sub.add_parser(
        "export",
        help="Xuất biểu mẫu ra Excel (danh sách cán bộ...)",
        description="Xuất một biểu mẫu ra tệp Excel theo thể thức Nghị định 30/2020/NĐ-CP. "
        "Xem danh sách biểu mẫu: tdkt export --list",
        epilog="Ví dụ: tdkt export staff-list --unit VP -o danh-sach.xlsx",
    )
    export.add_argument("form", nargs="?", metavar="BIỂU_MẪU", help="Mã biểu mẫu (xem --list)")
    export.add_argument(
        "--list", action="store_true", help="Liệt kê mã và tên các biểu mẫu rồi thoát"
    )
    export.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    export.add_argument("--year", type=int, metavar="NĂM", help="Năm (với biểu mẫu theo năm)")
    export.add_argument(
        "--unit",
        metavar="ĐƠN_VỊ",
        help="Mã (hoặc số hiệu) đơn vị, gồm cả các đơn vị trực thuộc; bỏ trống: toàn cơ quan",
    )
    export.add_argument(
        "--date",
        type=_date_arg,
        metavar="NGÀY",
        help="Ngày lập, số liệu tính đến ngày (dd/mm/yyyy; mặc định hôm nay)",
    )
    export.add_argument("-o", "--output", metavar="TỆP", help="Tệp .xlsx sẽ ghi")
    export.add_argument(
        "--all",
        action="store_true",
        help="Với registration-form: mỗi đơn vị một tệp (đặt tên theo mã đơn vị) vào thư mục -o",
    )


def _print_err(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_demo(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.services.database import open_database
    from app.services.demo import DemoError, DemoOptions, build_demo

    url = resolve_db_url(getattr(args, "db", None), demo=getattr(args, "db", None) is None)
    path = sqlite_path(url)
    if path is not None and path.exists():
        if not args.force:
            _print_err(f"Lỗi: tệp {path} đã có. Dùng --force để xóa và tạo lại.")
            return EXIT_DATA
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    options = DemoOptions(
        people=args.people, years=args.years, seed=args.seed, end_year=args.end_year
    )

    def progress(message: str, fraction: float) -> None:
        _print_err(f"[{fraction:4.0%}] {message}")

    try:
        db = open_database(url)
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    try:
        with db.session_factory.begin() as session:
            summary = build_demo(session, options, progress)
    except DemoError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    print(
        f"Đã tạo CSDL mẫu {db.display_name}: {summary.units} đơn vị, {summary.people} cán bộ, "
        f"{summary.grades} xếp loại, {summary.initiatives} sáng kiến, {summary.awards} khen thưởng "
        f"(năm {summary.first_year}-{summary.last_year})."
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if args.what == "registrations":
        return cmd_import_registrations(args)
    if args.what in ("awards", "initiatives", "unit-grades"):
        return cmd_import_history(args)
    from app.db.migrate import DatabaseError
    from app.domain.imports import ImportOptions
    from app.excel.people_import import parse_discipline, parse_grades, parse_staff
    from app.excel.workbook import ImportFileError
    from app.services import people_import as svc
    from app.services.database import open_database
    from app.services.reference import codes

    path = Path(args.file)
    try:
        if args.what == "staff":
            result = parse_staff(path, codes(), sheet=args.sheet)
        elif args.what == "grades":
            result = parse_grades(path, codes(), year=args.year, sheet=args.sheet)
        else:
            result = parse_discipline(path, codes(), sheet=args.sheet)
    except (ImportFileError, ValueError) as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    parsed = svc.ParsedFile(
        kind=args.what,
        file=str(path),
        sheet=result.sheet,
        issues=result.issues,
        columns=svc.columns_of(result.column_map),
    )
    options = ImportOptions(
        dry_run=args.dry_run,
        skip_invalid=args.skip_invalid,
        create_units=getattr(args, "create_units", False),
        effective=getattr(args, "effective", None),
    )
    service = {
        "staff": svc.import_staff,
        "grades": svc.import_grades,
        "discipline": svc.import_discipline,
    }[args.what]
    try:
        db = open_database(resolve_db_url(getattr(args, "db", None)))
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    if not options.dry_run and db.file is not None:
        from app.services.backup import backup_database

        backup_database(db.url, reason="truoc-nhap")
    try:
        with db.session_factory.begin() as session:
            report = service(session, parsed, list(result.rows), options)  # type: ignore[operator]
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    return EXIT_DATA if report.blocked else EXIT_OK


def cmd_import_history(args: argparse.Namespace) -> int:
    """``tdkt import awards|initiatives|unit-grades``: history in, all or nothing."""
    from app.db.migrate import DatabaseError
    from app.domain.imports import ImportOptions
    from app.excel import history_import as xl
    from app.excel.workbook import ImportFileError
    from app.services import history_import as svc
    from app.services.database import open_database
    from app.services.reference import catalogue, codes

    if args.year is not None and not 1900 <= args.year <= 2100:
        _print_err(f"tdkt import: lỗi cú pháp: năm {args.year} không hợp lệ")
        return EXIT_USAGE
    path = Path(args.file)
    result: xl.HistoryParse[object]
    try:
        if args.what == "awards":
            result = xl.parse_awards(path, catalogue(), codes(), sheet=args.sheet, year=args.year)  # type: ignore[assignment]
            kind, service = svc.KIND_AWARDS, svc.import_awards
        elif args.what == "initiatives":
            result = xl.parse_initiatives(path, codes(), sheet=args.sheet, year=args.year)  # type: ignore[assignment]
            kind, service = svc.KIND_INITIATIVES, svc.import_initiatives  # type: ignore[assignment]
        else:
            result = xl.parse_unit_grades(path, codes(), sheet=args.sheet, year=args.year)  # type: ignore[assignment]
            kind, service = svc.KIND_UNIT_GRADES, svc.import_unit_grades  # type: ignore[assignment]
    except (ImportFileError, ValueError) as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    parsed = svc.ParsedFile(
        kind=kind,
        file=str(path),
        sheet=result.sheet,
        issues=result.issues,
        columns=dict(result.columns),
    )
    options = ImportOptions(dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    url = resolve_db_url(getattr(args, "db", None))
    db_path = sqlite_path(url)
    if db_path is not None and not db_path.exists():
        _print_err(f"Lỗi: không tìm thấy CSDL {db_path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    if not options.dry_run and db.file is not None:
        from app.services.backup import backup_database

        backup_database(db.url, reason="truoc-nhap")
    try:
        with db.session_factory.begin() as session:
            report = service(session, parsed, list(result.rows), options)  # type: ignore[arg-type]
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    return EXIT_DATA if report.blocked else EXIT_OK


def cmd_import_registrations(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.excel.registration_import import parse_registration_workbook
    from app.excel.workbook import ImportFileError
    from app.services.database import open_database
    from app.services.reference import catalogue, codes
    from app.services.registration_import import import_registrations

    if not 1900 <= args.year <= 2100:
        _print_err(f"tdkt import: lỗi cú pháp: năm {args.year} không hợp lệ")
        return EXIT_USAGE
    try:
        book = parse_registration_workbook(Path(args.file), catalogue(), codes())
    except (ImportFileError, ValueError) as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        _print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    if not args.dry_run and db.file is not None:  # as the other imports: a copy first
        from app.services.backup import backup_database

        backup_database(db.url, reason="truoc-nhap")
    try:
        with db.session_factory.begin() as session:
            report = import_registrations(session, book, args.year, dry_run=args.dry_run)
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    return EXIT_DATA if report.blocked else EXIT_OK


def _export_each_unit(args: argparse.Namespace, db: Database, form_code: str) -> int:
    """``export registration-form --all -o FOLDER``: one workbook per registering unit."""
    from app.domain.errors import DomainError
    from app.excel.forms.registry import export_form
    from app.excel.forms.save import ExportFileError
    from app.services import reports
    from app.services.people import filter_people, list_people
    from app.services.registrations import registering_units
    from app.services.units import list_units

    folder = Path(args.output)
    if folder.suffix.lower() in (".xlsx", ".xlsm") or folder.is_file():
        _print_err("tdkt export: lỗi cú pháp: với --all, -o là một thư mục")
        return EXIT_USAGE
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with db.session_factory() as session:
            units = registering_units(list_units(session))
            below = [u for u in units if u.parent_id is not None]
            for root in [u for u in units if u.parent_id is None] if below else []:
                direct = filter_people(list_people(session), unit_ids={root.id})
                if direct:  # the agency's own file would repeat everybody below it
                    _print_err(
                        f"Lưu ý: {len(direct)} cán bộ xếp trực tiếp vào '{root.full_name}' "
                        f"không có tệp riêng; xuất bằng: --unit {root.code} (gồm cả cơ quan)"
                    )
            for unit in below or units:
                params = reports.ReportParams(unit_id=unit.id, year=args.year, on=args.date)
                data = reports.gather(session, form_code, params)
                if not data.people and not data.units:  # type: ignore[attr-defined]
                    continue
                name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in unit.code)
                result = export_form(form_code, data, folder / f"{name}.xlsx")
                print(f"{unit.code}: {result.path} ({data.count} người)")  # type: ignore[attr-defined]
                written += 1
    except (DomainError, ExportFileError) as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã xuất {written} bản đăng ký thi đua năm {args.year} vào {folder}")
    return EXIT_OK


def _date_arg(text: str) -> date:
    from app.domain.vnformat import parse_date

    try:
        value = parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("thiếu ngày")
    return value


def cmd_export(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.excel.forms.registry import (
        FORMS,
        PARAM_DATE,
        PARAM_UNIT,
        PARAM_YEAR,
        UnknownFormError,
        export_form,
        get_form,
    )
    from app.excel.forms.save import ExportFileError
    from app.services import reports
    from app.services.database import open_database

    REGISTRATION_FORM = "registration-form"

    def usage(message: str) -> int:
        _print_err(f"tdkt export: lỗi cú pháp: {message}")
        return EXIT_USAGE

    if args.list:
        width = max(len(form.code) for form in FORMS)
        for form in FORMS:
            print(f"{form.code.ljust(width)}  {form.name}")
        return EXIT_OK
    if not args.form:
        return usage("thiếu mã biểu mẫu (xem: tdkt export --list)")
    try:
        form = get_form(args.form)
    except UnknownFormError as exc:
        return usage(str(exc))
    given = (("--year", PARAM_YEAR, args.year), ("--unit", PARAM_UNIT, args.unit))
    given += (("--date", PARAM_DATE, args.date),)
    unused = [flag for flag, param, value in given if value is not None and not form.takes(param)]
    if unused:
        return usage(f"biểu mẫu {form.code} không dùng tham số {', '.join(unused)}")
    if form.takes(PARAM_YEAR) and args.year is None:
        return usage(f"biểu mẫu {form.code} cần --year NĂM")
    if args.year is not None and not 1900 <= args.year <= 2100:
        return usage(f"năm {args.year} không hợp lệ")
    each_unit = form.code == REGISTRATION_FORM
    if args.all and not each_unit:
        return usage(f"--all chỉ dùng với biểu mẫu {REGISTRATION_FORM}")
    if each_unit and args.all == bool(args.unit):
        return usage(f"biểu mẫu {form.code} cần --unit ĐƠN_VỊ hoặc --all (không dùng cả hai)")
    if not args.output:
        return usage("thiếu -o TỆP (tệp .xlsx sẽ ghi)")
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        _print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    if args.all:
        try:
            return _export_each_unit(args, db, form.code)
        finally:
            db.dispose()
    try:
        with db.session_factory() as session:
            unit_id = reports.resolve_unit(session, args.unit).id if args.unit else None
            params = reports.ReportParams(unit_id=unit_id, year=args.year, on=args.date)
            data = reports.gather(session, form.code, params)
    except DomainError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    try:
        result = export_form(form.code, data, Path(args.output))
    except ExportFileError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    count = getattr(data, "count", None)
    label = getattr(data, "count_label", "người")
    rows = f", {count} {label}" if isinstance(count, int) else ""
    print(f"Đã xuất '{form.name}'{rows} ra {result.path}")
    print(f"Mẫu: {result.template.describe()}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.backup import backup_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        made = backup_database(url, Path(args.output) if args.output else None)
    except DomainError as exc:
        _print_err(f"Lỗi: {exc}")
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
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã phục hồi từ {result.restored_from}")
    print(f"Dữ liệu trước khi phục hồi được giữ ở {result.previous_copy}")
    return EXIT_OK


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
        _print_err(
            f"tdkt eligibility: lỗi cú pháp: mã '{args.title}' không được xét; các mã: "
            + ", ".join(PERSON_TITLES + UNIT_TITLES)
        )
        return EXIT_USAGE
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        _print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        _print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    try:
        with db.session_factory() as session:
            unit_id = reports.resolve_unit(session, args.unit).id if args.unit else None
            rows = evaluate_year(session, args.year, unit_id=unit_id, title=args.title)
    except DomainError as exc:
        _print_err(f"Lỗi: {exc}")
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


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        return cmd_demo(args)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "import":
        return cmd_import(args)
    if args.command == "eligibility":
        return cmd_eligibility(args)
    if args.command == "backup":
        return cmd_backup(args)
    if args.command == "restore":
        return cmd_restore(args)
    if args.command == "export":
        return cmd_export(args)
    from app.bootstrap import run_gui

    url = resolve_db_url(args.db, demo=args.demo)
    return run_gui(
        url,
        demo=args.demo,
        exit_after_paint=args.exit_after_paint,
        exit_when_ready=args.exit_when_ready,
    )


def gui_main() -> int:
    """Entry point of the windowed launcher (no console window on Windows)."""
    return main()
