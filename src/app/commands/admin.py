"""``tdkt admin``: clerks' accounts on a shared PostgreSQL database (issue 19).

    tdkt admin roles                          the group roles and their rights (safe to rerun)
    tdkt admin user add TÊN --role VAI_TRÒ    a clerk's account (password asked on the terminal,
                                              or one line on stdin with --password-stdin)
    tdkt admin user disable TÊN               the account can no longer sign in
    tdkt admin user enable TÊN                it can again
    tdkt admin user grant TÊN --role VAI_TRÒ  one more group for an account
    tdkt admin user list                      the accounts and their groups

The same services as the screens (:mod:`app.services.accounts`). On SQLite every subcommand
exits 1: one clerk, one computer, no accounts. A password is never printed nor logged.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, one_line, print_err

HELP = "Quản lý tài khoản và vai trò trên CSDL PostgreSQL dùng chung"
ROLE_HELP = "Vai trò: xem, chuyen-vien, thu-ky, lanh-dao, quan-tri"


def add_parser(sub: Any, db_help: str) -> None:
    admin = sub.add_parser(
        "admin",
        help=HELP,
        description=HELP
        + ". Chỉ dùng với PostgreSQL; chạy 'roles' một lần trên máy chủ mới (và sau mỗi lần "
        "nâng cấp) bằng tài khoản chủ CSDL.",
    )
    what = admin.add_subparsers(
        dest="admin_command", title="Việc", metavar="VIỆC", parser_class=type(admin), required=True
    )
    roles = what.add_parser(
        "roles",
        help="Tạo các vai trò (xem, chuyen-vien, thu-ky, lanh-dao, quan-tri) và cấp quyền",
        description="Tạo các vai trò nhóm và cấp quyền trên từng bảng; chạy lại không sao.",
    )
    roles.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    user = what.add_parser("user", help="Tài khoản của từng người", description="Tài khoản")
    action = user.add_subparsers(
        dest="user_command", title="Việc", metavar="VIỆC", parser_class=type(admin), required=True
    )
    add = action.add_parser("add", help="Tạo tài khoản đăng nhập", description="Tạo tài khoản")
    add.add_argument("name", metavar="TÊN", help="Tên đăng nhập (chữ thường không dấu)")
    add.add_argument("--role", required=True, metavar="VAI_TRÒ", help=ROLE_HELP)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn (không hỏi trên màn hình)",
    )
    grant = action.add_parser("grant", help="Cấp thêm vai trò", description="Cấp thêm vai trò")
    grant.add_argument("name", metavar="TÊN", help="Tên đăng nhập")
    grant.add_argument("--role", required=True, metavar="VAI_TRÒ", help=ROLE_HELP)
    for name, text in (
        ("disable", "Khóa tài khoản (không đăng nhập được nữa; dữ liệu và nhật ký giữ nguyên)"),
        ("enable", "Mở khóa tài khoản"),
    ):
        p = action.add_parser(name, help=text, description=text)
        p.add_argument("name", metavar="TÊN", help="Tên đăng nhập")
    listing = action.add_parser("list", help="Liệt kê tài khoản", description="Liệt kê tài khoản")
    listing.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
    for p in (add, grant, listing, *[action.choices[n] for n in ("disable", "enable")]):
        p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        print_err("Lỗi: hai lần nhập mật khẩu không giống nhau; chưa tạo tài khoản.")
        return None
    return first


def cmd_admin(args: argparse.Namespace) -> int:
    from app.config import resolve_db_url
    from app.db.engine import make_engine, make_session_factory
    from app.db.migrate import DatabaseError
    from app.services import accounts
    from app.services.database import open_database

    url = resolve_db_url(getattr(args, "db", None))
    if url.startswith("sqlite"):
        print_err(
            "Lỗi: tdkt admin chỉ dùng với PostgreSQL (CSDL dùng chung); tệp SQLite có một "
            "người dùng, không có tài khoản."
        )
        return EXIT_DATA
    password: str | None = None
    if args.admin_command == "user" and args.user_command == "add":
        password = _password(args)
        if password is None:
            return EXIT_DATA
    try:
        if args.admin_command == "roles":  # the owner: brings the schema to this version first
            db = open_database(url)
            engine, factory = db.engine, db.session_factory
        else:
            engine = make_engine(url)
            factory = make_session_factory(engine)
    except DatabaseError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    try:
        with factory.begin() as session:
            return _run(args, session, password)
    except accounts.AccountError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    finally:
        engine.dispose()


def _run(args: argparse.Namespace, session: Any, password: str | None) -> int:
    from app.services import accounts

    if args.admin_command == "roles":
        created = accounts.setup_roles(session)
        made = f"đã tạo {', '.join(created)}" if created else "các vai trò đã có"
        print(f"Đã cấp quyền cho các vai trò ({made}).")
        return EXIT_OK
    command = args.user_command
    if command == "add":
        accounts.add_user(session, args.name, args.role, password or "")
        print(f"Đã tạo tài khoản {args.name.strip()} với vai trò {args.role.strip().lower()}.")
    elif command == "grant":
        accounts.grant_role(session, args.name, args.role)
        print(f"Đã cấp vai trò {args.role.strip().lower()} cho {args.name.strip()}.")
    elif command == "disable":
        accounts.disable_user(session, args.name)
        print(f"Đã khóa tài khoản {args.name.strip()}.")
    elif command == "enable":
        accounts.enable_user(session, args.name)
        print(f"Đã mở khóa tài khoản {args.name.strip()}.")
    elif command == "list":
        users = accounts.list_users(session)
        if args.json:
            print(
                json.dumps(
                    [{"name": u.name, "login": u.can_login, "roles": list(u.roles)} for u in users],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        for u in [] if args.json else users:
            state = "" if u.can_login else "  (đã khóa)"
            print(f"{u.name}: {', '.join(u.roles)}{state}")
    else:  # pragma: no cover - argparse refuses it first
        return EXIT_USAGE
    return EXIT_OK
