"""Read-only fields are drawn as read-only (the window's colour, not a field's white), the
same way everywhere: one application style rule, re-applied when a field is locked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.ui.application import create_application
from app.ui.screens.decisions.form import DecisionForm
from app.ui.widgets.read_only import READ_ONLY_STYLE, set_read_only


@pytest.fixture
def styled(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    before = qapp.styleSheet()
    create_application()
    try:
        yield qapp
    finally:
        qapp.setStyleSheet(before)


def _fill(widget: QWidget) -> str:
    """The colour in the middle of the widget as drawn (no text there)."""
    image = widget.grab().toImage()
    return image.pixelColor(image.width() - 6, image.height() // 2).name()


def test_the_application_installs_the_rule_once(styled: QApplication) -> None:
    assert styled.styleSheet().count(READ_ONLY_STYLE) == 1
    create_application()
    assert styled.styleSheet().count(READ_ONLY_STYLE) == 1


def test_read_only_fields_look_read_only_and_follow_their_state(qtbot, styled) -> None:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    editable, fixed = QLineEdit(holder), QLineEdit(holder)
    fixed.setReadOnly(True)
    fixed.move(0, 40)
    holder.show()
    qtbot.waitExposed(holder)
    window = holder.palette().color(QPalette.ColorRole.Window).name()
    base = holder.palette().color(QPalette.ColorRole.Base).name()
    assert window != base
    assert _fill(editable) == base
    assert _fill(fixed) == window
    set_read_only(editable, True)
    assert editable.isReadOnly() and _fill(editable) == window
    set_read_only(fixed, False)
    assert not fixed.isReadOnly() and _fill(fixed) == base


def test_a_locked_decision_draws_its_fields_read_only(qtbot, styled) -> None:  # type: ignore[no-untyped-def]
    form = DecisionForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    window = form.palette().color(QPalette.ColorRole.Window).name()
    base = form.palette().color(QPalette.ColorRole.Base).name()
    assert _fill(form.summary) == base
    form.set_read_only(True)
    assert form.summary.isReadOnly()
    assert _fill(form.summary) == window
    assert _fill(form.number.edit) == window
