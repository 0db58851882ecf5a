"""A GUI that cannot start says why, in Vietnamese, with the fix, in tdkt.log and on stderr.

Qt ends the process (``abort()``, exit code 134, nothing in the log) when no platform plugin
can be loaded: on Linux, typically the system libraries xcb needs are missing
(``libxcb-cursor0``...), or ``QT_QPA_PLATFORM`` names a platform that does not exist.
:func:`guard_gui_start` installs a Qt message handler while the ``QApplication`` is created;
a fatal message is logged with the fix and printed to stderr, then the process exits with
code 1 (no abort, no traceback). :func:`report_start_failure` does the same for a Qt library
that cannot even be imported (``libEGL.so.1`` missing).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger("app")

LINUX_LIBRARIES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 "
    "libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 "
    "libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3"
)


def start_failure_text(detail: str, log_path: object) -> str:
    """The Vietnamese explanation and fix of a GUI that cannot start."""
    lines = [
        "TĐKT không mở được giao diện: thư viện Qt không khởi động được phần hiển thị.",
        f"Lỗi của Qt: {detail.strip()}",
        "",
        "Cách khắc phục:",
    ]
    platform = os.environ.get("QT_QPA_PLATFORM")
    if platform:
        lines.append(
            f"- Biến môi trường QT_QPA_PLATFORM đang là “{platform}”: bỏ biến này "
            "(unset QT_QPA_PLATFORM) hoặc đặt một giá trị đúng (xcb, wayland, windows)."
        )
    if sys.platform.startswith("linux"):
        lines.append(
            "- Trên Linux (Debian, Ubuntu), cài các thư viện hệ thống Qt cần rồi chạy lại:\n"
            f"  sudo apt install {LINUX_LIBRARIES}"
        )
    lines.append("- Hoặc cài lại chương trình.")
    lines.append(f"Chi tiết đã ghi vào tệp nhật ký {log_path}.")
    return "\n".join(lines)


def report_start_failure(detail: str, log_path: object) -> None:
    """Log the failure and print the explanation with its fix on stderr."""
    text = start_failure_text(detail, log_path)
    log.error("The GUI cannot start: %s\n%s", detail.strip(), text)
    for handler in logging.getLogger().handlers:
        handler.flush()
    try:
        print(text, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # no console (the windowed launcher): the log holds it
        pass


@contextmanager
def guard_gui_start(log_path: object) -> Iterator[None]:
    """While the ``QApplication`` is created: a fatal Qt message ends the process with exit
    code 1 after :func:`report_start_failure`; Qt's other messages go to the log and stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    seen: list[str] = []

    def handler(kind: Any, _context: Any, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            report_start_failure("\n".join([*seen, message]), log_path)
            os._exit(1)
        seen.append(message)
        log.warning("Qt: %s", message)
        try:
            print(message, file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
