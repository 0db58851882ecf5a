"""Build the program folder with PyInstaller and, on Windows, the installer with Inno Setup.

    python packaging/build.py                 # dist/tdkt/ (+ dist/tdkt-<version>-setup.exe on
                                              #  Windows when Inno Setup 6 is installed)
    python packaging/build.py --zip           # also dist/tdkt-<version>-portable.zip
    python packaging/build.py --installer no  # never run Inno Setup

Needs the packaging extra: ``pip install -e ".[packaging]"`` (PyInstaller). The same spec builds
on Linux (used by the CI smoke test, packaging/smoke_test.py).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "tdkt.spec"
ISS = HERE / "tdkt.iss"
NAME = "tdkt"
PORTABLE_MARKER = "portable.txt"
PORTABLE_NOTE = (
    "Bản di động (portable) của TĐKT.\n"
    "Khi có tệp này bên cạnh tdkt-gui.exe, dữ liệu (CSDL, sao lưu, nhật ký, cài đặt) nằm trong\n"
    "thư mục data bên cạnh chương trình thay vì thư mục dữ liệu của người dùng.\n"
    "Xóa tệp này để dùng thư mục dữ liệu của người dùng.\n"
)


def app_version() -> str:
    text = (ROOT / "src" / "app" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("Không đọc được __version__ trong src/app/__init__.py")
    return found.group(1)


def run_pyinstaller(dist: Path, work: Path, *, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the program folder (``dist/tdkt``)."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    print("$ " + " ".join(command), flush=True)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"PyInstaller thất bại (mã {done.returncode})")
    folder = dist / NAME
    print(f"Đã đóng gói {folder} trong {time.perf_counter() - start:.0f} s", flush=True)
    return folder


def find_iscc(explicit: str | None = None) -> Path | None:
    """Inno Setup's command-line compiler, if installed (Windows)."""
    if explicit:
        return Path(explicit)
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return Path(found)
    for base in (
        os.environ.get("ProgramFiles(x86)"),
        os.environ.get("ProgramFiles"),
        os.path.join(os.environ.get("LOCALAPPDATA", ""), "Programs"),
    ):
        if base:
            candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def run_inno_setup(iscc: Path, folder: Path, output: Path, version: str) -> Path:
    command = [
        str(iscc),
        f"/DAppVersion={version}",
        f"/DDistDir={folder}",
        f"/O{output}",
        str(ISS),
    ]
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(command, cwd=HERE)
    if done.returncode != 0:
        raise SystemExit(f"Inno Setup thất bại (mã {done.returncode})")
    setup = output / f"{NAME}-{version}-setup.exe"
    print(f"Đã tạo bộ cài {setup}", flush=True)
    return setup


def portable_zip(folder: Path, output: Path, version: str) -> Path:
    """The program folder plus ``portable.txt`` in a zip: unzip on a USB stick and run."""
    target = output / f"{NAME}-{version}-portable.zip"
    top = f"TDKT-{version}"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():  # a symbolic link (Linux builds) is stored as a copy
                rel = path.relative_to(folder)
                if rel.parts[0] == "data":  # never ship someone's data
                    continue
                archive.write(path, f"{top}/{rel.as_posix()}")
        archive.writestr(f"{top}/{PORTABLE_MARKER}", PORTABLE_NOTE)
    print(f"Đã tạo bản di động {target}", flush=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đóng gói TĐKT (PyInstaller, Inno Setup).")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="Thư mục kết quả")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="Thư mục tạm"
    )
    parser.add_argument("--clean", action="store_true", help="Xóa bộ nhớ đệm của PyInstaller")
    parser.add_argument(
        "--installer",
        choices=("auto", "yes", "no"),
        default="auto",
        help="Tạo bộ cài Inno Setup: auto = trên Windows khi có ISCC (mặc định)",
    )
    parser.add_argument("--iscc", help="Đường dẫn ISCC.exe (nếu không tự tìm được)")
    parser.add_argument("--zip", action="store_true", help="Tạo thêm bản di động .zip")
    args = parser.parse_args(argv)

    version = app_version()
    dist = args.dist.resolve()
    folder = run_pyinstaller(dist, args.work.resolve(), clean=args.clean)
    if args.zip:
        portable_zip(folder, dist, version)
    if args.installer != "no":
        iscc = find_iscc(args.iscc) if sys.platform == "win32" or args.iscc else None
        if iscc is not None:
            run_inno_setup(iscc, folder, dist, version)
        elif args.installer == "yes":
            print("Lỗi: không tìm thấy ISCC.exe của Inno Setup 6 (dùng --iscc).", file=sys.stderr)
            return 1
        elif sys.platform == "win32":
            print("Không có Inno Setup 6: bỏ qua bước tạo bộ cài.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
