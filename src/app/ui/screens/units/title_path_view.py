"""The "Lộ trình" of a person or a collective: for a year to come, what is still lacking for
each higher title (:mod:`app.services.title_path`), in the person record's tab and the unit
panel's "Lộ trình…" dialog. Read when shown, again when the year changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.context import AppContext
from app.services.title_path import TitlePath, person_title_path, unit_title_path

_CONTEXT = "TitlePathView"
YEARS_AHEAD = 5


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def path_html(path: TitlePath) -> str:
    """The path as the clerk reads it: one title per line, ✓ reachable, ✗ blocked."""
    parts = [
        "<p>"
        + escape(
            _tr("Theo kết quả đã có đến năm {year}; các năm chưa có kết quả được giả định đạt.")
        ).format(year=path.year)
        + "</p>"
    ]
    if path.note:
        parts.append(f"<p><i>{escape(path.note)}</i></p>")
    for line in path.lines:
        head = f"<b>{escape(line.name)} {line.year}</b>"
        if not line.reachable:
            body = "✗ " + escape(_tr("chưa thể đạt")) + ": " + escape("; ".join(line.blockers))
        elif not line.needs:
            body = "✓ " + escape(_tr("đã đủ điều kiện"))
        else:
            items = "".join(f"<li>{escape(n)}</li>" for n in line.needs)
            body = escape(_tr("cần")) + f":<ul style='margin-top:0'>{items}</ul>"
        parts.append(f"<p style='margin-bottom:2px'>{head}: {body}</p>")
    return "".join(parts)


class TitlePathView(QWidget):
    """A year box and the path of one subject, read through ``load(ctx, year, target)``."""

    def __init__(
        self,
        ctx: AppContext,
        read: Callable[[AppContext, int, int], TitlePath],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._read = read
        self.year = (today or date.today()).year  # the record read: up to this year
        self.path: TitlePath | None = None
        self.target_spin = QSpinBox()
        self.target_spin.setRange(self.year, self.year + YEARS_AHEAD)
        self.target_spin.setValue(self.year + 1)
        self.target_spin.setToolTip(_tr("Năm xét danh hiệu"))
        self.target_spin.valueChanged.connect(lambda _v: self.refresh())
        label = QLabel(_tr("Danh hiệu &năm:"))
        label.setBuddy(self.target_spin)
        self.browser = QTextBrowser()
        self.browser.setObjectName("titlePath")
        self.browser.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.target_spin)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.browser)

    def refresh(self) -> None:
        target = self.target_spin.value()
        try:
            self.path = self._read(self.ctx, self.year, target)
        except DomainError as exc:
            self.path = None
            self.browser.setHtml(f"<p>{escape(str(exc))}</p>")
            return
        self.browser.setHtml(path_html(self.path))

    def text(self) -> str:
        return self.browser.toPlainText()


def person_reader(person_id: int) -> Callable[[AppContext, int, int], TitlePath]:
    return lambda ctx, year, target: ctx.read(person_title_path, person_id, year, target)


def unit_reader(unit_id: int) -> Callable[[AppContext, int, int], TitlePath]:
    return lambda ctx, year, target: ctx.read(unit_title_path, unit_id, year, target)


class UnitPathDialog(QDialog):
    """ "Lộ trình…" of the unit panel: the collective's path to next year's titles."""

    def __init__(
        self, ctx: AppContext, unit_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Lộ trình của tập thể: {name}").format(name=name))
        self.resize(720, 480)
        self.view = TitlePathView(ctx, unit_reader(unit_id), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Đóng"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.view.refresh()
