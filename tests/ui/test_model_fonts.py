"""Fonts of Qt models are made once, never in ``data()`` (issue 14): a view asks for them on
every paint of every cell, and a QFont built there each time leaks in PySide6 6.12."""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app.services.dashboard import Deadline
from app.services.units import UnitDTO
from app.ui.screens.home.deadline_model import COL_WHEN, DeadlineModel
from app.ui.screens.units.unit_tree_model import UnitTreeModel
from app.ui.widgets.fonts import bold_font, italic_font, struck_font

UI = Path(__file__).resolve().parents[2] / "src" / "app" / "ui"
FONT = Qt.ItemDataRole.FontRole


def _is_data_method(name: str) -> bool:
    return name in ("data", "headerData") or name.endswith("_data")


def _font_calls(node: ast.AST) -> list[int]:
    lines = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name == "QFont":
                lines.append(inner.lineno)
    return lines


def test_no_model_builds_a_font_in_data() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _is_data_method(node.name):
                rel = path.relative_to(UI).as_posix()
                found += [f"{rel}:{line} ({node.name})" for line in _font_calls(node)]
    assert found == []


def test_the_checker_finds_a_font_built_in_data() -> None:
    source = "class M:\n    def data(self, i, r):\n        f = QFont()\n        return f\n"
    method = ast.parse(source).body[0].body[0]  # type: ignore[attr-defined]
    assert _is_data_method(method.name) and _font_calls(method) == [3]


def test_the_shared_fonts_change_one_attribute_and_are_made_once(qapp) -> None:  # type: ignore[no-untyped-def]
    assert bold_font() is bold_font() and bold_font().bold()
    assert italic_font() is italic_font() and italic_font().italic()
    assert struck_font() is struck_font() and struck_font().strikeOut()
    assert not italic_font().bold() and not bold_font().italic()


def test_deadlines_due_soon_share_one_bold_font(qapp) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    model = DeadlineModel()
    model.set_rows(
        [
            Deadline(1, "Phong trào", "DEADLINE_REGISTRATION", "Đăng ký", today + timedelta(d), d)
            for d in (-3, 2, 5)
        ]
    )
    fonts = [model.data(model.index(row, COL_WHEN), FONT) for row in range(3)]
    assert all(font is bold_font() for font in fonts)


def test_ended_units_share_one_italic_font(qapp) -> None:  # type: ignore[no-untyped-def]
    def unit(uid: int, ended: date | None) -> UnitDTO:
        return UnitDTO(uid, f"U{uid}", f"Đơn vị {uid}", None, None, "CHI_CUC", None, uid, None,
                       ended, None, None, None)  # fmt: skip

    model = UnitTreeModel()
    model.set_show_ended(True)
    model.set_units([unit(1, date(2020, 1, 1)), unit(2, date(2021, 1, 1)), unit(3, None)])
    all_units, first, second, current = (model.index(row, 0) for row in range(4))
    assert model.data(all_units, FONT) is bold_font()
    assert model.data(first, FONT) is italic_font()
    assert model.data(second, FONT) is italic_font()
    assert model.data(current, FONT) is None
