"""The first start on a computer without a database: create an empty one, restore it from a
backup (a dead PC, a new one, the copy on a USB stick), or quit.

``run_gui`` asks before it opens a missing SQLite file. The restore goes through the same
service as ``tdkt restore`` (``app.services.restore``): the backup is checked before anything
is written, an older one is upgraded, and a refused file leaves the folder as it was, so the
clerk can pick another file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.config import backup_dir
from app.domain.errors import DomainError

NEW, RESTORE, QUIT = "new", "restore", "quit"


def _tr(text: str) -> str:
    return QCoreApplication.translate("FirstStart", text)


def ask_first_start(parent: QWidget | None, path: Path) -> str:
    """The clerk's choice: :data:`NEW`, :data:`RESTORE` or :data:`QUIT`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Chưa có cơ sở dữ liệu"))
    box.setText(
        _tr(
            "Máy này chưa có cơ sở dữ liệu TĐKT ({path}).\n\n"
            "Nếu đã có bản sao lưu (từ máy cũ, ổ USB...), hãy chọn Phục hồi từ bản sao lưu; "
            "nếu bắt đầu từ đầu, hãy chọn Tạo cơ sở dữ liệu mới."
        ).format(path=path)
    )
    restore = box.addButton(_tr("&Phục hồi từ bản sao lưu…"), QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton(_tr("&Tạo cơ sở dữ liệu mới"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_tr("&Thoát"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RESTORE
    if clicked is new:
        return NEW
    return QUIT


def choose_backup(parent: QWidget | None) -> Path | None:
    try:
        start = str(backup_dir())
    except OSError:
        start = ""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _tr("Chọn bản sao lưu để phục hồi"),
        start,
        _tr("CSDL SQLite (*.sqlite *.db);;Mọi tệp (*)"),
    )
    return Path(chosen) if chosen else None


def offer_restore(parent: QWidget | None, url: str, path: Path) -> bool:
    """Ask until the clerk creates a database, restores one, or quits; False: quit."""
    from app.services.backup import restore_database

    while True:
        choice = ask_first_start(parent, path)
        if choice == NEW:
            return True
        if choice == QUIT:
            return False
        source = choose_backup(parent)
        if source is None:
            continue
        try:
            result = restore_database(url, source)
        except (DomainError, OSError) as exc:
            QMessageBox.warning(
                parent,
                _tr("Không phục hồi được"),
                _tr("Không phục hồi được từ {file}; chưa ghi gì.\n\n{reason}").format(
                    file=source, reason=exc
                ),
            )
            continue
        QMessageBox.information(
            parent,
            _tr("Đã phục hồi dữ liệu"),
            _tr("Đã phục hồi dữ liệu từ {file} vào {path}.").format(
                file=result.restored_from, path=path
            ),
        )
        return True
