"""Smoke test of the packaged program: build it (or take a built folder) and run it for real.

    python packaging/smoke_test.py                  # build into dist/ then test
    python packaging/smoke_test.py --no-build       # test dist/tdkt as it is
    python packaging/smoke_test.py --folder DIR     # test another built folder

What it checks, with the frozen programs only (no Python from the build environment):
- ``tdkt --version`` prints the package version;
- in a temporary data folder (``TDKT_DATA_DIR``): ``tdkt demo`` builds a demo department (schema
  created by the bundled Alembic migrations, catalogue from the bundled resources), ``tdkt check``
  passes, ``tdkt eligibility`` (bundled rules.json), ``tdkt export staff-list`` (bundled
  template, openpyxl) and ``tdkt export submission`` (a Word document: docxtpl, python-docx, the
  bundled .docx templates) work, ``tdkt backup`` then ``tdkt restore`` work and ``tdkt check`` still
  passes;
- the GUI starts (offscreen), opens the demo database and quits (``--exit-when-ready``), with
  the Vietnamese Qt translation loaded and no error in its log; the windowed ``tdkt-gui`` too;
- portable mode: a copy of the folder with ``portable.txt`` keeps its data in ``data/`` beside
  the program (nothing in the user's data folder); ``TDKT_PORTABLE=1`` does the same without the
  file; without either, data goes back to the user's data folder.

Any failure prints the command and its output and exits with code 1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WINDOWS = sys.platform == "win32"
EXE = ".exe" if WINDOWS else ""
DEMO_PEOPLE = 300
DEMO_YEARS = 3


class SmokeFailure(Exception):
    pass


def app_version() -> str:
    text = (ROOT / "src" / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    assert found, "no __version__ in src/app/__init__.py"
    return found.group(1)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any TĐKT setting of the machine running the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(
    args: Sequence[str | Path], env: dict[str, str], *, expect: int = 0, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    command = [str(a) for a in args]
    start = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"quá {timeout:.0f} s: {' '.join(command)}") from exc
    seconds = time.perf_counter() - start
    if done.returncode != expect:
        raise SmokeFailure(
            f"mã thoát {done.returncode} (cần {expect}): {' '.join(command)}\n"
            f"--- stdout ---\n{done.stdout}\n--- stderr ---\n{done.stderr}"
        )
    print(
        f"  ok ({seconds:.1f} s): {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(command))}"
    )
    return done


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def check_database(cli: Path, db: Path, env: dict[str, str], people: int) -> None:
    report = json.loads(run([cli, "check", "--db", db, "--json"], env).stdout)
    check(report["ok"] is True, f"tdkt check không đạt: {report}")
    check(report["revision"] == report["head"], f"lược đồ chưa mới nhất: {report}")
    check(report["counts"].get("can_bo") == people, f"số cán bộ sai: {report['counts']}")


def check_log(log: Path) -> None:
    check(log.is_file(), f"không có tệp nhật ký {log}")
    text = log.read_text(encoding="utf-8", errors="replace")
    for bad in ("Traceback", " ERROR ", "Cannot load translation", "Daily backup failed"):
        check(bad not in text, f"nhật ký {log} có '{bad.strip()}':\n{text}")


def smoke_regular(folder: Path, tmp: Path, version: str) -> None:
    cli = folder / f"tdkt{EXE}"
    gui = folder / f"tdkt-gui{EXE}"
    check(cli.is_file() and gui.is_file(), f"thiếu tdkt{EXE} hoặc tdkt-gui{EXE} trong {folder}")
    data = tmp / "du-lieu"
    env = clean_env(TDKT_DATA_DIR=str(data))

    out = run([cli, "--version"], env).stdout.strip()
    check(out == f"tdkt {version}", f"tdkt --version in '{out}', cần 'tdkt {version}'")

    run([cli, "demo", "--people", DEMO_PEOPLE, "--years", DEMO_YEARS], env)
    db = data / "demo.sqlite"
    check(db.is_file(), f"tdkt demo không tạo {db}")
    check_database(cli, db, env, DEMO_PEOPLE)

    year = date.today().year - 1  # the demo's last year of history
    verdicts = json.loads(
        run([cli, "eligibility", "--db", db, "--year", year, "--json"], env).stdout
    )
    check(isinstance(verdicts, list) and verdicts, "tdkt eligibility không trả kết quả nào")
    check(
        all("verdict" in v and "conditions" in v for v in verdicts),
        "kết quả bình xét thiếu verdict/conditions",
    )

    xlsx = tmp / "danh-sach.xlsx"
    run([cli, "export", "staff-list", "--db", db, "-o", xlsx], env)
    check(xlsx.is_file(), f"tdkt export không ghi {xlsx}")
    with zipfile.ZipFile(xlsx) as archive:
        check("xl/workbook.xml" in archive.namelist(), f"{xlsx} không phải tệp Excel")

    # a Word document: docxtpl, python-docx (its default parts) and the bundled .docx templates
    docx = tmp / "to-trinh.docx"
    run([cli, "export", "submission", "--db", db, "--year", year, "--to", "so", "-o", docx], env)
    with zipfile.ZipFile(docx) as archive:
        check("word/document.xml" in archive.namelist(), f"{docx} không phải tệp Word")

    # certificates are drawn with Qt from the command line (an off-screen QGuiApplication)
    pdf = tmp / "trang-thu.pdf"
    run([cli, "export", "certificates", "--test-page", "-o", pdf], env)
    check(pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", f"tdkt export không ghi {pdf}")

    out = run([cli, "backup", "--db", db], env).stdout
    backups = sorted((data / "backups").glob("demo-thu-cong-*.sqlite"))
    check(len(backups) == 1 and str(backups[0]) in out, f"tdkt backup: {out}")
    run([cli, "restore", backups[0], "--db", db], env)
    check_database(cli, db, env, DEMO_PEOPLE)

    # The GUI, through the console program (its output is visible on every system)...
    out = run([cli, "--db", db, "--exit-when-ready"], env, timeout=120).stdout
    check("ready_ms=" in out, f"giao diện không báo sẵn sàng: {out}")
    # ...and the windowed program the Start menu opens.
    run([gui, "--db", db, "--exit-when-ready"], env, timeout=120)
    check_log(data / "tdkt.log")
    check(
        any(data.glob("backups/demo-hang-ngay-*.sqlite")),
        "giao diện không tạo bản sao lưu hằng ngày",
    )


def smoke_portable(folder: Path, tmp: Path) -> None:
    stick = tmp / "usb" / "TDKT"
    shutil.copytree(folder, stick, symlinks=True)
    cli = stick / f"tdkt{EXE}"
    portable_data = stick / "data"
    check(not portable_data.exists(), f"thư mục chương trình đã có sẵn {portable_data}")
    user_home = tmp / "nguoi-dung"
    # On Linux and macOS the user data folder follows these variables; on Windows it comes from
    # the shell (not redirectable here), so it is only checked elsewhere.
    user_env = {"XDG_DATA_HOME": str(user_home / "share"), "HOME": str(user_home)}
    user_data = user_home / "share" / "TDKT"

    (stick / "portable.txt").write_text("portable\n", encoding="utf-8")
    env = clean_env(**user_env)
    run([cli, "demo", "--people", 100, "--years", 2], env)
    db = portable_data / "demo.sqlite"
    check(db.is_file(), f"chế độ di động: CSDL mẫu không nằm ở {db}")
    check_database(cli, db, env, 100)
    out = run([cli, "backup", "--db", db], env).stdout
    check(str(portable_data / "backups") in out, f"chế độ di động: sao lưu không ở data/: {out}")
    out = run([cli, "--db", db, "--exit-when-ready"], env, timeout=120).stdout
    check("ready_ms=" in out, f"chế độ di động: giao diện không báo sẵn sàng: {out}")
    check_log(portable_data / "tdkt.log")
    if not WINDOWS:
        check(not user_data.exists(), f"chế độ di động vẫn ghi vào {user_data}")

    (stick / "portable.txt").unlink()
    env = clean_env(TDKT_PORTABLE="1", **user_env)
    out = run([cli, "backup", "--db", db], env).stdout
    check(str(portable_data / "backups") in out, f"TDKT_PORTABLE=1: sao lưu không ở data/: {out}")
    check(len(list((portable_data / "backups").glob("demo-thu-cong-*"))) == 2, "thiếu bản sao")

    if not WINDOWS:
        env = clean_env(**user_env)  # neither the file nor the variable: the user's folder
        out = run([cli, "backup", "--db", db], env).stdout
        check(str(user_data / "backups") in out, f"không di động: sao lưu phải vào {user_data}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra nhanh bản đóng gói của TĐKT.")
    parser.add_argument("--folder", type=Path, help="Thư mục chương trình đã đóng gói")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="Thư mục kết quả")
    parser.add_argument("--no-build", action="store_true", help="Không đóng gói lại")
    parser.add_argument("--keep", action="store_true", help="Giữ thư mục tạm để xem")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    folder = args.folder
    if folder is None:
        folder = args.dist / "tdkt"
        if not args.no_build:
            build_start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "build.py"),
                    "--dist",
                    str(args.dist),
                    "--installer",
                    "no",
                ],
                check=True,
            )
            print(f"Đóng gói: {time.perf_counter() - build_start:.0f} s", flush=True)
    folder = folder.resolve()
    if not folder.is_dir():
        print(f"Lỗi: không có thư mục chương trình {folder}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-smoke-"))
    try:
        print(f"Kiểm tra {folder}")
        smoke_regular(folder, tmp, app_version())
        print("Chế độ di động (portable):")
        smoke_portable(folder, tmp)
    except SmokeFailure as exc:
        print(f"\nKIỂM TRA BẢN ĐÓNG GÓI THẤT BẠI: {exc}", file=sys.stderr)
        if args.keep:
            print(f"Thư mục tạm: {tmp}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"Bản đóng gói chạy tốt ({time.perf_counter() - started:.0f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
