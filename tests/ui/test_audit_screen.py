"""The "Nhật ký thay đổi" screen driven as a clerk would, on a temporary database."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services.campaigns import ensure_regular_campaign
from app.services.context import AppContext
from app.services.person_record import create_person, set_grade, update_person
from app.services.registrations import register_person
from app.services.units import create_unit
from app.ui.screens.audit import AuditScreen
from app.ui.screens.audit.entry_model import (
    COL_ACTION,
    COL_CHANGES,
    COL_RECORD,
    COL_TIME,
    COL_USER,
)
from app.ui.sections import screen_class, section_title


def as_user(ctx: AppContext, user: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """One service call in one transaction, as another OS user than the test's 'kiemthu'."""
    with ctx.session_factory(info={"user": user}) as session, session.begin():
        return fn(session, *args, **kw)


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    def build(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
        root = create_unit(s, UnitInput(code="SO", full_name="Sở Nông nghiệp", kind="CO_QUAN"))
        vp = create_unit(s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id))
        an = create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 3, 15)),
            unit_id=vp.id,
            position_title="Chuyên viên",
        )
        binh = create_person(
            s, PersonInput(ho_dem="Trần Thị", ten="Bình", birth_year=1985), unit_id=vp.id
        )
        campaign, _ = ensure_regular_campaign(s, 2025)
        return {"an": an, "binh": binh, "campaign": campaign.id}

    ids = ctx.write(build)
    as_user(ctx, "thuky", set_grade, ids["an"], 2024, "HTTNV", expected_version=0)
    as_user(ctx, "thuky", set_grade, ids["binh"], 2024, "HTNV", expected_version=0)
    ctx.write(register_person, ids["campaign"], ids["an"], "LDTT")
    rename = PersonInput(
        ho_dem="Nguyễn Văn", ten="Ân", birth_date=date(1980, 3, 15), subject_category="TRUC_TIEP"
    )
    as_user(ctx, "thuky", update_person, ids["an"], rename, expected_version=1)
    return ids


@pytest.fixture
def screen(qtbot, ctx: AppContext, org: dict[str, int]) -> AuditScreen:  # type: ignore[no-untyped-def]
    page = AuditScreen(ctx, 2025)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()  # the page reads the log when it is shown
    return page


def cells(page: AuditScreen, column: int) -> list[str]:
    model = page.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_is_the_audit_section(qapp) -> None:  # type: ignore[no-untyped-def]
    assert screen_class("audit") is AuditScreen
    assert section_title("audit") == "Nhật ký thay đổi" == AuditScreen.title()


def test_lists_every_change_newest_first_in_local_time(screen: AuditScreen) -> None:
    actions = cells(screen, COL_ACTION)
    assert actions[0] == "Sửa" and set(actions) == {"Thêm", "Sửa"}
    assert cells(screen, COL_USER)[0] == "thuky"
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", t) for t in cells(screen, COL_TIME))
    assert cells(screen, COL_TIME)[0].startswith(f"{date.today():%d/%m/%Y}")
    records = cells(screen, COL_RECORD)
    assert records[0] == "Cán bộ · Nguyễn Văn Ân"
    assert any(r.startswith("Đăng ký thi đua · Nguyễn Văn Ân") for r in records)
    assert "Đơn vị · Văn phòng Sở" in records
    assert not any("#" in r for r in records)  # names, never ids
    assert "Tên: An → Ân" in cells(screen, COL_CHANGES)[0]
    assert screen.counts_label.text() == f"{len(actions)} thay đổi"
    # The newest entry is selected and shown whole below.
    assert "Nguyễn Văn An" in screen.details.toPlainText()
    assert "Nguyễn Văn Ân" in screen.details.toPlainText()


def test_filter_by_person_typed_with_diacritics(qtbot, screen: AuditScreen, org) -> None:  # type: ignore[no-untyped-def]
    bar = screen.filter_bar
    type_text(bar.person_edit, "Nguyễn Văn Â")
    assert bar.completer.model().rowCount() == 1  # the directory answers as one types
    qtbot.keyClick(bar.person_edit, Qt.Key.Key_Return)
    assert bar.person is not None and bar.person.id == org["an"]
    assert bar.person_edit.text() == "Nguyễn Văn Ân (15/03/1980)"
    records = cells(screen, COL_RECORD)
    # Each record under the name it had then: the first insert still says "An".
    assert all(re.search(r"^[^·]+ · Nguyễn Văn (An|Ân)( · [^#]+)?$", r) for r in records), records
    kinds = {r.split(" · ")[0] for r in records}
    assert kinds == {"Cán bộ", "Quá trình công tác", "Xếp loại cán bộ", "Đăng ký thi đua"}
    assert not any("Bình" in r for r in records)
    # Emptying the box shows everyone again.
    bar.person_edit.selectAll()
    qtbot.keyClick(bar.person_edit, Qt.Key.Key_Backspace)
    assert bar.person is None
    assert any("Trần Thị Bình" in r for r in cells(screen, COL_RECORD))


def test_filter_by_user_and_see_before_and_after(qtbot, screen: AuditScreen, org) -> None:  # type: ignore[no-untyped-def]
    bar = screen.filter_bar
    bar.user_combo.setFocus()
    qtbot.keyClicks(bar.user_combo, "thuky")  # keyboard search in the list
    assert bar.user_combo.currentText() == "thuky"
    assert set(cells(screen, COL_USER)) == {"thuky"}
    assert cells(screen, COL_ACTION) == ["Sửa", "Thêm", "Thêm"]
    assert screen.counts_label.text() == "3 thay đổi"
    # The rename: the details pane holds the values before and after.
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Home)
    details = screen.details.toHtml()
    text = screen.details.toPlainText()
    assert "Sửa · Cán bộ · Nguyễn Văn Ân" in text and "người dùng thuky" in text
    assert "Trước" in text and "Sau" in text
    row = re.search(r"Tên\s+An\s+Ân", text)
    assert row is not None, text
    assert "<b>" in details or "font-weight" in details  # changed fields stand out
    # A grade entered by the same clerk, further down: its values, readable.
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    text = screen.details.toPlainText()
    assert "Thêm · Xếp loại cán bộ · Trần Thị Bình · năm 2024" in text
    assert "Hoàn thành nhiệm vụ" in text or "Hoàn thành tốt nhiệm vụ" in text  # words, not codes
    assert "Trước (chưa có)" in text


def test_other_filters_and_clearing(qtbot, screen: AuditScreen, org) -> None:  # type: ignore[no-untyped-def]
    bar = screen.filter_bar
    total = len(cells(screen, COL_TIME))
    bar.table_combo.setCurrentIndex(bar.table_combo.findText("Đăng ký thi đua"))
    assert cells(screen, COL_ACTION) == ["Thêm"]
    bar.table_combo.setCurrentIndex(bar.table_combo.findText("Cán bộ"))
    type_text(bar.record_edit, str(org["binh"]))
    qtbot.keyClick(bar.record_edit, Qt.Key.Key_Return)
    assert cells(screen, COL_RECORD) == ["Cán bộ · Trần Thị Bình"]
    bar.action_combo.setCurrentIndex(bar.action_combo.findText("Sửa"))
    assert cells(screen, COL_RECORD) == []
    assert screen.counts_label.text() == "Không có thay đổi nào khớp với bộ lọc."
    assert "Chọn một dòng" in screen.details.toPlainText()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert len(cells(screen, COL_TIME)) == total
    tomorrow = date.today() + timedelta(days=1)
    type_date(qtbot, bar.from_date, tomorrow.strftime("%d/%m/%Y"))  # applies on leaving it
    assert cells(screen, COL_TIME) == []
    type_date(qtbot, bar.from_date, "")  # empty: no limit
    type_date(qtbot, bar.to_date, date.today().strftime("%d/%m/%Y"))
    assert len(cells(screen, COL_TIME)) == total


def type_date(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the field's text, type over it (nothing: delete it) and Tab out of it."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_new_changes_appear_when_shown_again_and_pages_load_on_scroll(
    qtbot,  # type: ignore[no-untyped-def]
    screen: AuditScreen,
    ctx: AppContext,
) -> None:
    def many(s) -> None:  # type: ignore[no-untyped-def]
        for n in range(230):
            create_person(s, PersonInput(ho_dem="Lê Văn", ten=f"Tư {n}", birth_year=1990))

    as_user(ctx, "ketoan", many)
    qtbot.keyClick(screen, Qt.Key.Key_F5)
    assert screen.filter_bar.user_combo.findText("ketoan") > 0  # a new user in the list
    model = screen.table.model()
    assert model.rowCount() == 200  # the first page
    assert "đang hiện 200 mới nhất" in screen.counts_label.text()
    total = int(screen.counts_label.text().split()[0].replace(".", ""))
    screen.table.scrollToBottom()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.rowCount() > 200, timeout=2000)
    screen.table.scrollToBottom()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.rowCount() == total, timeout=2000)
    times = [model.index(r, COL_TIME).data() for r in range(model.rowCount())]
    assert len(times) == total
    ids = [screen.model.row_at(r).id for r in range(screen.model.rowCount())]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)


def test_keyboard_reaches_every_filter(qtbot, screen: AuditScreen) -> None:  # type: ignore[no-untyped-def]
    bar = screen.filter_bar
    with qtbot.waitActive(screen):
        screen.activateWindow()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is bar.person_edit
    visited: list[object] = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if not visited or visited[-1] is not widget:
            visited.append(widget)
        if widget is bar.clear_button:
            break
    assert visited == [
        bar.table_combo,
        bar.record_edit,
        bar.user_combo,
        bar.action_combo,
        bar.from_date,
        bar.to_date,
        bar.clear_button,
    ]
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is bar.user_combo
