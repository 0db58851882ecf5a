"""Qt's own file dialog in Vietnamese: our qtbase_vi covers it (Qt ships no Vietnamese), and on
Linux the program uses Qt's dialog rather than the desktop's, which speaks the desktop's
language."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QToolButton, QTreeView

from app.ui.application import create_application


def test_the_save_dialog_reads_vietnamese(qtbot, vietnamese_qt, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Lưu biểu mẫu", str(tmp_path), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    label = dialog.labelText
    assert label(QFileDialog.DialogLabel.LookIn) == "&Tìm trong:"
    assert label(QFileDialog.DialogLabel.FileName) == "&Tên tệp:"
    assert label(QFileDialog.DialogLabel.FileType) == "&Loại tệp:"
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Lưu", "Hủy"}
    tips = {b.toolTip() for b in dialog.findChildren(QToolButton)}
    assert {"Lùi", "Tiến", "Thư mục cha", "Tạo thư mục mới", "Danh sách", "Chi tiết"} <= tips
    view = dialog.findChild(QTreeView)
    assert view is not None
    model = view.model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktops only")
def test_the_program_uses_qt_file_dialogs_on_linux(qapp) -> None:  # type: ignore[no-untyped-def]
    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    before = QCoreApplication.testAttribute(attribute)
    try:
        QCoreApplication.setAttribute(attribute, False)
        create_application()
        assert QCoreApplication.testAttribute(attribute)
    finally:
        QCoreApplication.setAttribute(attribute, before)
