"""Command line: ``tdkt`` opens the GUI; subcommands do the same work headless.

Exit codes: 0 success; 1 data or validation error (message printed, nothing written);
2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

from app import APP_TITLE, __version__
from app.config import resolve_db_url

if TYPE_CHECKING:  # the database layer is imported only by the commands that use it
    pass

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, date_arg  # noqa: F401  (public)

# subcommands that only read: (module in app.commands, function) by command name
PLAIN_COMMANDS: dict[str, tuple[str, str]] = {
    "admin": ("admin", "cmd_admin"),
    "calendar": ("calendar", "cmd_calendar"),
    "path": ("title_path", "cmd_path"),
    "search": ("search", "cmd_search"),
    "eligibility": ("review", "cmd_eligibility"),
}

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


def _rows_arg(text: str) -> frozenset[int]:
    """ "5,7, 12" -> {5, 7, 12}: row numbers of the sheet, as the report prints them."""
    try:
        rows = frozenset(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' không phải danh sách số dòng (ví dụ: 5,7,12)"
        ) from None
    if not rows or min(rows) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' không phải danh sách số dòng (ví dụ: 5,7,12)")
    return rows


def _identity_options(p: argparse.ArgumentParser, *, staff: bool) -> None:
    """The clerk's answers to the identity questions of a preview (app.domain.identity)."""
    p.add_argument(
        "--accept-suggestion",
        type=_rows_arg,
        default=frozenset(),
        metavar="DÒNG[,DÒNG…]",
        help="Chấp nhận gợi ý của các dòng này (họ tên gần giống một người đã có: là người đó)",
    )
    if staff:
        p.add_argument(
            "--as-new",
            type=_rows_arg,
            default=frozenset(),
            metavar="DÒNG[,DÒNG…]",
            help="Các dòng có gợi ý nhưng là người mới (thêm mới, không ghép)",
        )
        p.add_argument(
            "--update-identity",
            action="store_true",
            help="Xác nhận đổi họ tên, ngày sinh, CCCD, mã cán bộ đã liệt kê trong báo cáo",
        )


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
    demo.add_argument(
        "--review-year",
        action="store_true",
        help="Thêm năm kế tiếp đang bình xét: xếp loại và đăng ký thi đua, chưa có quyết định",
    )

    imp = sub.add_parser(
        "import",
        help="Nhập dữ liệu từ Excel (cán bộ, xếp loại, kỷ luật, khen thưởng, sáng kiến)",
        description="Nhập từ tệp Excel: tự tìm dòng tiêu đề, kiểm tra từng dòng; chỉ ghi khi mọi dòng hợp lệ "
        "(hoặc khi chọn --skip-invalid).",
    )
    sheet_help = (
        "Tên trang tính (mặc định: trang dữ liệu đầu tiên có dòng tiêu đề; trang hướng dẫn, ví "
        "dụ, danh mục chỉ đọc khi chọn ở đây)"
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
        p.add_argument("--sheet", help=sheet_help)
        p.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
        )
        p.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua các dòng lỗi (liệt kê trong báo cáo)",
        )
        _identity_options(p, staff=name == "staff")
        if name == "staff":
            p.add_argument(
                "--create-units",
                action="store_true",
                help="Tạo đơn vị chưa có trong cây (trực thuộc cơ quan)",
            )
            p.add_argument(
                "--effective",
                type=date_arg,
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
        p.add_argument("--sheet", help=sheet_help)
        p.add_argument(
            "--year",
            type=int,
            metavar="NĂM",
            help="Năm dùng cho các dòng không ghi năm"
            + (" (khi tệp không có cột 'Năm')" if name == "unit-grades" else ""),
        )
        if name != "unit-grades":
            _identity_options(p, staff=False)
        p.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
        )
        p.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Bỏ qua các dòng lỗi (liệt kê trong báo cáo)",
        )
        if name != "initiatives":
            p.add_argument(
                "--create-units",
                action="store_true",
                help="Tạo tập thể chưa có trong cây, trực thuộc đơn vị cấp trên ghi trong tệp",
            )
        if name == "awards":
            p.add_argument(
                "--decision",
                metavar="SỐ",
                help="Số quyết định khen thưởng cho các dòng không ghi số (bắt buộc với danh "
                "sách đề nghị), đi kèm --date",
            )
            p.add_argument(
                "--date",
                type=date_arg,
                metavar="NGÀY",
                help="Ngày của quyết định --decision (dd/mm/yyyy)",
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
        "--sheet",
        help="Trang cá nhân cần đọc (mặc định: các trang dữ liệu; trang hướng dẫn, ví dụ, danh "
        "mục chỉ đọc khi chọn ở đây)",
    )
    reg.add_argument(
        "--dry-run", action="store_true", help="Chỉ kiểm tra và in thay đổi, không ghi gì"
    )
    clusters = imp_sub.add_parser(
        "clusters",
        help="Cụm, khối thi đua của một năm: đơn vị thành viên và kết quả (dẫn đầu, suy tôn)",
        description="Nhập cụm, khối thi đua của năm (tên, loại, cơ quan tổ chức), đơn vị thành "
        "viên (tìm theo tên và đơn vị cấp trên, không tạo đơn vị mới) và kết quả bình xét; chỉ "
        "ghi khi mọi dòng hợp lệ.",
    )
    clusters.add_argument("file", metavar="TỆP", help="Tệp .xlsx")
    clusters.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    clusters.add_argument("--year", type=int, required=True, metavar="NĂM", help="Năm thi đua")
    clusters.add_argument("--sheet", help=sheet_help)
    clusters.add_argument(
        "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
    )
    votes = imp_sub.add_parser(
        "votes",
        help="Bảng kiểm phiếu của một phiên họp Hội đồng (tệp xuất bằng export vote-tally)",
        description="Đọc lại bảng kiểm phiếu Ban kiểm phiếu đã điền: tìm từng dòng theo STT "
        "(hoặc họ tên và ngày sinh), kiểm tra số phiếu; chỉ ghi khi mọi dòng hợp lệ.",
    )
    votes.add_argument("file", metavar="TỆP", help="Tệp .xlsx")
    votes.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    votes.add_argument(
        "--session", type=int, required=True, metavar="SỐ", help="Số (id) của phiên họp Hội đồng"
    )
    votes.add_argument("--sheet", help=sheet_help)
    votes.add_argument(
        "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
    )
    for p in imp_sub.choices.values():  # every import: legacy text only with the clerk's consent
        p.add_argument(
            "--convert-legacy",
            action="store_true",
            help="Chuyển chữ gõ bằng bảng mã cũ (TCVN3/ABC, VNI) sang Unicode khi nhập; các ô "
            "đã chuyển được liệt kê trong báo cáo",
        )
    from app.commands.rules import add_parser as add_rules_parser

    add_rules_parser(imp_sub, db_help)  # a rule-set file (JSON): no legacy text to convert

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
    from app.commands.search import add_parser as add_search_parser

    add_search_parser(sub, db_help)
    for module in ("calendar", "title_path", "admin"):
        import_module(f"app.commands.{module}").add_parser(sub, db_help)
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
        type=date_arg,
        metavar="NGÀY",
        help="Ngày lập, số liệu tính đến ngày (dd/mm/yyyy; mặc định hôm nay)",
    )
    export.add_argument(
        "--title", metavar="MÃ", help="Mã danh hiệu / hình thức (với danh sách đề nghị...)"
    )
    export.add_argument(
        "--session", type=int, metavar="SỐ_HIỆU", help="Số hiệu phiên họp Hội đồng TĐKT"
    )
    export.add_argument(
        "--decision",
        metavar="SỐ_QĐ",
        help='Số quyết định, ví dụ "05/QĐ-SNNMT" (thêm --year nếu số trùng giữa các năm)',
    )
    export.add_argument("--person", metavar="CÁN_BỘ", help="Mã cán bộ, số CCCD hoặc họ tên")
    export.add_argument(
        "--order",
        choices=("chuan", "thu-cong"),
        help="Thứ tự danh sách: chuan (thứ tự chuẩn, mặc định) hoặc thu-cong (do chuyên viên sắp)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="TỆP",
        help="Tệp sẽ ghi (.xlsx, .docx hoặc .pdf); với dossier: thư mục hoặc tệp .zip",
    )
    export.add_argument(
        "--format",
        choices=("docx", "xlsx", "pdf"),
        help="Định dạng: văn bản Word mặc định .docx, biên bản họp mặc định .xlsx; pdf qua "
        "LibreOffice (mặc định theo phần mở rộng của -o)",
    )
    export.add_argument(
        "--to",
        choices=("so", "tinh", "bo"),
        help="Với submission: trình Giám đốc Sở (so), Chủ tịch UBND tỉnh qua Sở Nội vụ (tinh) "
        "hoặc Bộ trưởng (bo); mặc định theo các đề nghị",
    )
    export.add_argument(
        "--submission",
        metavar="TỜ_TRÌNH",
        help='Với decision: tờ trình được đề nghị, ví dụ "12/TTr-HĐTĐKT ngày 16/12/2025"',
    )
    export.add_argument(
        "--all",
        action="store_true",
        help="Với registration-form: mỗi đơn vị một tệp (đặt tên theo mã đơn vị) vào thư mục -o",
    )
    export.add_argument(
        "--layout",
        metavar="MẪU",
        help="Với certificates: mã mẫu phôi (GK_SO, BK_TINH, BK_BO...; mặc định theo hình thức)",
    )
    export.add_argument(
        "--printer",
        metavar="MÁY_IN",
        help="Với certificates: dùng độ lệch đã căn cho máy in này trên máy tính này",
    )
    export.add_argument(
        "--test-page",
        action="store_true",
        help="Với certificates: xuất trang thử căn lề (lưới, thước, khung các trường)",
    )


def _locked(
    url: str, command: Callable[[argparse.Namespace], int], args: argparse.Namespace
) -> int:
    """Run a command that writes an SQLite file while holding its lock (``app.db.lock``);
    exit 1 with the Vietnamese message when another program has the file open."""
    from app.commands.common import one_line, print_err
    from app.db.lock import DatabaseLockedError, acquire_for

    try:
        lock = acquire_for(url)
    except DatabaseLockedError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    try:
        return command(args)
    finally:
        if lock is not None:
            lock.release()


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is not None:
        sys.unraisablehook = _unraisable_to_log
    _clean_partial_files(args)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        from app.commands.common import print_err

        print_err("Lỗi: đã dừng theo yêu cầu.")
        return EXIT_DATA
    except Exception as exc:  # a fault (full disk, no server...) or a bug: one line, no traceback
        return _fault(exc, args)


def _unraisable_to_log(unraisable: Any) -> None:
    """An error Python cannot raise (a file closed twice after a full disk...) goes to the log,
    never as a traceback on the clerk's screen."""
    import logging

    logging.getLogger("app").debug(
        "Ignored: %s in %r", unraisable.exc_value, unraisable.object, exc_info=False
    )


def _db_url_of(args: argparse.Namespace) -> str | None:
    try:
        db_arg = getattr(args, "db", None)
        return resolve_db_url(db_arg, demo=args.command == "demo" and db_arg is None)
    except Exception:
        return None


def _clean_partial_files(args: argparse.Namespace) -> None:
    """Remove the ``*.dang-ghi`` files a killed backup, restore or demo left behind."""
    try:
        from app.config import BACKUP_SUBDIR, configured_backup_dir, data_dir, sqlite_path
        from app.db.files import clean_partials

        url = _db_url_of(args)
        path = sqlite_path(url) if url else None
        data = data_dir()  # the folders as they are: none is created for this
        backups = [data / BACKUP_SUBDIR, configured_backup_dir()]
        clean_partials([data, *[f for f in backups if f], *([path.parent] if path else [])])
    except Exception:  # a read-only or missing data folder: the command says so itself
        pass


def _fault(exc: Exception, args: argparse.Namespace) -> int:
    """Print one Vietnamese line for ``exc`` (passwords masked) and keep the traceback in the
    log file when it can be written."""
    import traceback

    from app.commands.common import one_line, print_err
    from app.config import mask_secrets
    from app.db.faults import describe_fault

    url = _db_url_of(args)
    known = describe_fault(exc, url=url)
    if known is not None:  # a fault of the disk, a file or the server: the line says it all
        print_err(f"Lỗi: {known}")
        return EXIT_DATA
    detail = one_line(str(exc)) or type(exc).__name__
    print_err(mask_secrets(f"Lỗi không mong muốn ({type(exc).__name__}): {detail}", url))
    try:  # a bug: its traceback goes to the log file for whoever fixes it
        from app.config import log_file
        from app.db.files import create_private

        path = log_file()
        create_private(path)
        stamp = traceback.format_exception(type(exc), exc, exc.__traceback__)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(mask_secrets(f"tdkt {args.command}: {''.join(stamp)}", url))
    except Exception:
        pass
    return EXIT_DATA


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in ("demo", "check", "backup", "restore"):
        from app.commands import database

        commands = {"demo": database.cmd_demo, "check": database.cmd_check}
        commands.update(backup=database.cmd_backup, restore=database.cmd_restore)
        if args.command in ("demo", "restore"):  # they write the file: one program at a time
            db_arg = getattr(args, "db", None)
            url = resolve_db_url(db_arg, demo=args.command == "demo" and db_arg is None)
            return _locked(url, commands[args.command], args)
        return commands[args.command](args)
    if args.command == "import":
        from app.commands.imports import cmd_import

        command = cmd_import
        if args.what == "clusters":
            from app.commands.clusters import cmd_import_clusters

            command = cmd_import_clusters
        if args.what == "votes":
            from app.commands.votes import cmd_import_votes

            command = cmd_import_votes
        if args.what == "rules":
            from app.commands.rules import cmd_import_rules

            command = cmd_import_rules
        if getattr(args, "dry_run", False):
            return command(args)
        return _locked(resolve_db_url(getattr(args, "db", None)), command, args)
    if args.command in PLAIN_COMMANDS:
        module, name = PLAIN_COMMANDS[args.command]
        command: Callable[[argparse.Namespace], int] = getattr(
            import_module(f"app.commands.{module}"), name
        )
        return command(args)
    if args.command == "export" and args.form == "fund-summary":
        from app.commands.fund import cmd_fund_summary

        return cmd_fund_summary(args)
    if args.command == "export":
        from app.commands.exports import cmd_export

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
