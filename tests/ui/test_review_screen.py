"""The "Bình xét" screen driven as a clerk would, on a temporary database."""

from __future__ import annotations

from datetime import date

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
)

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, PersonGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.ui.screens.review import ReviewScreen
from app.ui.screens.review.candidate_model import (
    COL_NAME,
    COL_PROPOSED,
    COL_REGISTERED,
    COL_UNIT,
    FIRST_TITLE_COL,
)
from app.ui.sections import section_title

YEAR = 2025


@pytest.fixture
def org(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def build(s):  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        star = people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Thị", ten="Hà", birth_date=date(1985, 4, 2), gender="NU"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        plain = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Văn", ten="Đức", birth_date=date(1990, 1, 1), gender="NAM"),
            unit_id=kl.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=star, year=year, grade="HTXSNV", months_worked=12))
            s.add(PersonGrade(person_id=plain, year=year, grade="HTNV", months_worked=12))
        for year in (2023, 2024):
            for code in ("LDTT", "CSTDCS"):
                s.add(
                    AwardRecord(
                        subject_kind="CA_NHAN", person_id=star, catalogue_code=code, year=year
                    )
                )
        ini = Initiative(
            title="Số hóa hồ sơ đất đai",
            kind="SANG_KIEN",
            scope="PV_TINH",
            year=YEAR,
            decision_date=date(YEAR, 6, 1),
        )
        s.add(ini)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=ini.id, person_id=star))
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        reg.register_person(s, campaign.id, star, "CSTDCS")
        return {"vp": vp.id, "kl": kl.id, "star": star, "plain": plain}

    return ctx.write(build)


@pytest.fixture
def screen(qtbot, ctx, runner, org) -> ReviewScreen:  # type: ignore[no-untyped-def]
    page = ReviewScreen(ctx, YEAR)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    return page


def cell(view: QTableView, row: int, column: int) -> str:
    return str(view.model().index(row, column).data() or "")


def row_of(view: QTableView, name: str) -> int:
    names = [cell(view, r, COL_NAME) for r in range(view.model().rowCount())]
    return names.index(name)


def test_title_and_unit_filter(screen: ReviewScreen) -> None:
    assert screen.title() == section_title("review")
    combo = screen.unit_combo
    assert [combo.itemText(i).strip() for i in range(combo.count())] == [
        "Toàn cơ quan",
        "Văn phòng Sở",
        "Chi cục Kiểm lâm",
    ]
    assert screen.people_model.rowCount() == 0
    assert "F5" in screen.counts_label.text()


def test_f5_evaluates_and_fills_the_tables(qtbot, screen: ReviewScreen, runner) -> None:
    screen.people_table.setFocus()
    qtbot.keyClick(screen.people_table, Qt.Key.Key_F5)
    assert runner.titles == ["Đang xét điều kiện năm 2025"]
    assert runner.reports and runner.reports[-1][1] == 1.0
    view = screen.people_table
    assert view.model().rowCount() == 2
    headers = [
        view.model().headerData(c, Qt.Orientation.Horizontal)
        for c in range(view.model().columnCount())
    ]
    assert headers == [
        "Họ và tên",
        "Đơn vị",
        "Danh hiệu đăng ký",
        "Đề xuất",
        "LĐTT",
        "CSTĐCS",
        "CSTĐ tỉnh",
    ]
    ha, duc = row_of(view, "Nguyễn Thị Hà"), row_of(view, "Trần Văn Đức")
    assert [cell(view, ha, c) for c in range(7)] == [
        "Nguyễn Thị Hà",
        "Văn phòng Sở",
        "CSTĐCS",
        "CSTĐCS",  # CSTĐ tỉnh is also met, but above the registration
        "Đủ",
        "Đủ",
        "Đủ",
    ]
    assert cell(view, duc, COL_UNIT) == "Chi cục Kiểm lâm"
    assert cell(view, duc, COL_REGISTERED) == "—"
    assert cell(view, duc, COL_PROPOSED) == "—"
    assert cell(view, duc, FIRST_TITLE_COL) == "Chưa đủ"
    assert screen.counts_label.text().startswith(
        "Đủ điều kiện LĐTT: 1 · CSTĐCS: 1 · CSTĐ tỉnh: 1 · TTLĐTT: "
    )
    units = screen.units_table
    assert {cell(units, r, COL_NAME) for r in range(units.model().rowCount())} == {
        "Sở Nông nghiệp và Môi trường",  # the agency itself, its members are everyone
        "Văn phòng Sở",
        "Chi cục Kiểm lâm",
    }
    assert units.model().headerData(FIRST_TITLE_COL, Qt.Orientation.Horizontal) == "TTLĐTT"


def test_details_explain_an_unmet_condition(qtbot, screen: ReviewScreen) -> None:
    qtbot.mouseClick(screen.evaluate_button, Qt.MouseButton.LeftButton)
    view = screen.people_table
    screen.select_row(row_of(view, "Trần Văn Đức"))
    text = screen.details.toPlainText()
    assert "Trần Văn Đức" in text and "Lao động tiên tiến" in text  # no proposal: LĐTT shown
    assert "Chưa đủ điều kiện" in text
    assert (
        "✗ Chưa đạt LĐTT: xếp loại năm 2025 là Hoàn thành nhiệm vụ, cần Hoàn thành tốt nhiệm vụ "
        "trở lên (Luật TĐKT 2022, Điều 24)" in text
    )
    # the proposal of the other person, then a chosen title
    screen.select_row(row_of(view, "Nguyễn Thị Hà"))
    text = screen.details.toPlainText()
    assert "Chiến sĩ thi đua cơ sở: Đủ điều kiện" in text
    assert "✓" in text and "✗" not in text
    screen.title_combo.setCurrentIndex(screen.title_combo.findData("CSTD_TINH"))
    assert "Chiến sĩ thi đua cấp tỉnh: Đủ điều kiện" in screen.details.toPlainText()
    # manual conditions say so
    candidate = screen.current_row()
    assert candidate is not None and candidate.name == "Nguyễn Thị Hà"
    manual = [c for c in candidate.verdicts["CSTD_TINH"].conditions if c.manual]
    assert screen.details.toPlainText().count("(đánh giá thủ công)") == len(manual)


def test_search_ignores_diacritics(qtbot, screen: ReviewScreen) -> None:
    screen.evaluate()
    screen.people_table.setFocus()  # the clerk works in the table
    qtbot.keyClick(screen.people_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.search_box.hasFocus()
    qtbot.keyClicks(screen.search_box, "duc")
    view = screen.people_table
    assert view.model().rowCount() == 1
    assert cell(view, 0, COL_NAME) == "Trần Văn Đức"
    screen.search_box.clear()
    assert view.model().rowCount() == 2


def test_unit_filter_re_evaluates(screen: ReviewScreen, runner, org) -> None:
    screen.evaluate()
    screen.unit_combo.setCurrentIndex(screen.unit_combo.findData(org["kl"]))
    assert len(runner.titles) == 2
    view = screen.people_table
    assert [cell(view, r, COL_NAME) for r in range(view.model().rowCount())] == ["Trần Văn Đức"]
    assert screen.counts_label.text().startswith("Đủ điều kiện LĐTT: 0 · CSTĐCS: 0")


def test_year_change_clears(screen: ReviewScreen) -> None:
    screen.evaluate()
    screen.set_year(YEAR - 1)
    assert screen.people_model.rowCount() == 0
    assert "2024" in screen.counts_label.text()


# --- the clerk's decisions: overrides, manual conditions, quotas, the Council tab ------------


def _when_dialog_opens(qtbot, act) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``act(dialog)`` on the next modal dialog once it is shown; returns its title."""
    seen: list[str] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, step)
            return
        seen.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(0, step)
    return seen


def test_override_needs_a_reason_then_shows_in_the_table(qtbot, screen: ReviewScreen) -> None:
    screen.evaluate()
    view = screen.people_table
    screen.select_row(row_of(view, "Nguyễn Thị Hà"))
    errors: list[str] = []

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        combo = dialog.findChild(QComboBox, "overrideTitle")
        combo.setCurrentIndex(combo.findData("LDTT"))
        ok = dialog.ok_button
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # no reason yet: refused, stays open
        errors.append(dialog.findChild(QLabel, "overrideError").text())
        type_text(dialog.findChild(QLineEdit, "overrideReason"), "Đơn vị đề nghị hạ mức")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    titles = _when_dialog_opens(qtbot, fill)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert titles == ["Đổi danh hiệu đề nghị"]
    assert errors == ["Cần ghi lý do khi đổi danh hiệu đề nghị."]
    row = row_of(view, "Nguyễn Thị Hà")
    assert cell(view, row, COL_PROPOSED) == "LĐTT ✎"
    tip = view.model().index(row, COL_PROPOSED).data(Qt.ItemDataRole.ToolTipRole)
    assert "CSTĐCS" in tip and "Đơn vị đề nghị hạ mức" in tip
    # stored: a fresh evaluation shows it too, and the reset button brings the computed one back
    screen.evaluate()
    row = row_of(view, "Nguyễn Thị Hà")
    assert cell(view, row, COL_PROPOSED) == "LĐTT ✎"
    screen.select_row(row)
    _when_dialog_opens(qtbot, lambda d: qtbot.mouseClick(d.reset_button, Qt.MouseButton.LeftButton))
    assert screen.change_proposal()
    assert cell(view, row_of(view, "Nguyễn Thị Hà"), COL_PROPOSED) == "CSTĐCS"


def test_marking_a_manual_condition_unmet_changes_the_verdict(qtbot, screen: ReviewScreen) -> None:
    screen.evaluate()
    view = screen.people_table
    screen.select_row(row_of(view, "Nguyễn Thị Hà"))
    before = screen.current_row()
    assert before is not None and before.verdicts["LDTT"].eligible
    key = next(c.key for c in before.verdicts["LDTT"].conditions if c.manual)

    def tick(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.findChild(QCheckBox, f"unmet_{key}").setChecked(True)
        type_text(dialog.findChild(QLineEdit, f"note_{key}"), "Chưa gương mẫu")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    titles = _when_dialog_opens(qtbot, tick)
    qtbot.mouseClick(screen.marks_button, Qt.MouseButton.LeftButton)
    assert titles == ["Tiêu chí đánh giá thủ công"]
    after = screen.current_row()  # re-evaluated, same person still selected
    assert after is not None and after.name == "Nguyễn Thị Hà"
    assert after.verdicts["LDTT"].verdict == "not_eligible"
    assert key in after.marked
    assert cell(view, row_of(view, "Nguyễn Thị Hà"), FIRST_TITLE_COL) == "Chưa đủ"


def test_quota_is_shown_as_used_over_allowed(qtbot, screen: ReviewScreen) -> None:
    screen.evaluate()
    assert "không có" in screen.quota_label.text()

    def add(dialog) -> None:  # type: ignore[no-untyped-def]
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        spin = dialog.table.cellWidget(0, 2)
        spin.setValue(10.0)  # 10% of 1 person in the Văn phòng: 0 allowed
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    titles = _when_dialog_opens(qtbot, add)
    qtbot.mouseClick(screen.quota_button, Qt.MouseButton.LeftButton)
    assert titles == ["Hạn mức đề nghị khen thưởng"]
    text = screen.quota_label.text()
    assert "CSTĐCS ≤ 10.0% số cán bộ: 1/0" in text
    assert "vượt ở 1 đơn vị (cảnh báo): Văn phòng Sở" in text
    assert "Văn phòng Sở: CSTĐCS ≤ 10.0% số cán bộ — 1/0" in screen.quota_label.toolTip()


def test_members_results_and_council_tab(screen: ReviewScreen) -> None:
    screen.evaluate()
    units = screen.units_table
    column = screen.units_model.members_column
    assert units.model().headerData(column, Qt.Orientation.Horizontal) == "Thành viên đủ LĐTT"
    values = {
        cell(units, r, COL_NAME): cell(units, r, column) for r in range(units.model().rowCount())
    }
    assert values == {
        "Sở Nông nghiệp và Môi trường": "1/2 (50%)",
        "Văn phòng Sở": "1/1 (100%)",
        "Chi cục Kiểm lâm": "0/1 (0%)",
    }
    screen.pages.setCurrentWidget(screen.council_panel)
    assert screen.pages.tabText(1) == "Hội đồng TĐKT"


def test_counts_carry_thousands_separators(screen: ReviewScreen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import app.ui.screens.review.screen as review_screen

    screen.evaluate()
    monkeypatch.setattr(
        review_screen.review, "eligible_counts", lambda rows, titles: {"LDTT": 1036}
    )
    monkeypatch.setattr(screen.people_model, "rowCount", lambda *_a: 1200)
    screen._show_counts()
    text = screen.counts_label.text()
    assert "LĐTT: 1.036" in text and "(1.200 cá nhân," in text, text


def test_two_criteria_worded_alike_name_their_titles(qtbot, screen: ReviewScreen) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from PySide6.QtWidgets import QLabel

    from app.domain.eligibility.model import Condition, Verdict
    from app.ui.screens.review.review_dialogs import ConditionMarksDialog

    screen.evaluate()
    screen.select_row(row_of(screen.people_table, "Nguyễn Thị Hà"))
    row = screen.current_row()
    assert row is not None
    words = "Gương mẫu chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước"
    verdicts = {
        code: Verdict(code, "eligible", (Condition(key, words, True, "", manual=True),))
        for code, key in (("BK_TINH", "BK_GUONG_MAU"), ("BK_TTG", "BK_TTG_GUONG_MAU"))
    }
    dialog = ConditionMarksDialog(replace(row, verdicts=verdicts), {}, screen)
    qtbot.addWidget(dialog)
    texts = [
        label.text() for label in dialog.findChildren(QLabel) if label.text().startswith(words)
    ]
    assert len(texts) == 2 and len(set(texts)) == 2, texts
    assert sorted(t.removeprefix(words) for t in texts) == [" (BK Thủ tướng)", " (BK UBND tỉnh)"]
