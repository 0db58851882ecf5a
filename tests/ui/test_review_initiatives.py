"""Bình xét: the initiatives a proposal rests on (Ctrl+K), chosen by clicks and by keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, InitiativeUse, PersonGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import initiative_uses as iu
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.ui.screens.review import ReviewScreen
from app.ui.screens.review.candidate_model import COL_NAME

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform's own note when a window is shown, not the screen's
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

YEAR = 2025


@pytest.fixture
def org(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Hà: HTTNV in 2025 (CSTĐCS rests on an initiative), registered CSTĐCS, with three
    initiatives, one of which a Bằng khen of 2024 already rests on. Đức: nothing."""

    def build(s):  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        ha = people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Thị", ten="Hà", gender="NU"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        duc = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Văn", ten="Đức", gender="NAM"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        s.add(PersonGrade(person_id=ha, year=YEAR, grade="HTTNV", months_worked=12))
        s.add(PersonGrade(person_id=duc, year=YEAR, grade="HTNV", months_worked=12))
        ids = {}
        for key, title, scope in (
            ("so_hoa", "Số hóa hồ sơ đất đai", "PV_CO_SO"),
            ("ban_do", "Bản đồ số rừng", "PV_TINH"),
            ("cu", "Quy trình một cửa", "PV_CO_SO"),
        ):
            ini = Initiative(title=title, kind="SANG_KIEN", scope=scope, year=YEAR)
            s.add(ini)
            s.flush()
            s.add(InitiativeAuthor(initiative_id=ini.id, person_id=ha))
            ids[key] = ini.id
        record = AwardRecord(
            subject_kind="CA_NHAN", person_id=ha, catalogue_code="BK_TINH", year=2024
        )
        s.add(record)
        s.flush()
        s.add(
            InitiativeUse(
                initiative_id=ids["cu"],
                person_id=ha,
                catalogue_code="BK_TINH",
                year=2024,
                award_record_id=record.id,
            )
        )
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        reg.register_person(s, campaign.id, ha, "CSTDCS")
        return {"ha": ha, "duc": duc, **ids}

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
    page.evaluate()
    return page


def select(screen: ReviewScreen, name: str) -> None:
    view = screen.people_table
    names = [view.model().index(r, COL_NAME).data() for r in range(view.model().rowCount())]
    screen.select_row(names.index(name))


def when_dialog_opens(act) -> list[str]:  # type: ignore[no-untyped-def]
    """Run ``act(dialog)`` on the next modal dialog once it is shown; returns its title. A
    failing ``act`` closes the dialog (the test then fails instead of waiting for ever)."""
    seen: list[str] = []
    # a modal window another test left open is not the dialog this test waits for
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or id(dialog) in before:
            QTimer.singleShot(10, step)
            return
        seen.append(dialog.windowTitle())
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, step)
    return seen


def stored(ctx) -> list[tuple[int, str, int, int | None]]:  # type: ignore[no-untyped-def]
    def read(s):  # type: ignore[no-untyped-def]
        from sqlalchemy import select as sql_select

        rows = s.scalars(sql_select(InitiativeUse).where(InitiativeUse.year == YEAR)).all()
        return sorted((r.initiative_id, r.catalogue_code, r.year, r.award_record_id) for r in rows)

    return ctx.read(read)


def click(qtbot, box: QCheckBox) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def test_tick_an_initiative_by_clicks(qtbot, screen: ReviewScreen, ctx, org) -> None:
    select(screen, "Nguyễn Thị Hà")
    row = screen.current_row()
    assert row is not None and row.proposed == "CSTDCS"
    assert row.verdicts["CSTDCS"].initiatives == (org["so_hoa"],)
    seen: dict[str, object] = {}

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        boxes = {iid: dialog.findChild(QCheckBox, f"initiative_{iid}") for iid in org.values()}
        so_hoa, ban_do, cu = boxes[org["so_hoa"]], boxes[org["ban_do"]], boxes[org["cu"]]
        seen["intro"] = dialog.findChild(QLabel, "initiativeIntro").text()
        seen["start"] = (so_hoa.isChecked(), ban_do.isChecked(), cu.isChecked())
        seen["cu"] = (
            cu.isEnabled(),
            dialog.findChild(QLabel, f"initiativeNote_{org['cu']}").text(),
        )
        seen["texts"] = so_hoa.text()
        click(qtbot, ban_do)  # tick the provincial one
        click(qtbot, so_hoa)  # untick the one the engine had counted
        click(qtbot, cu)  # disabled: stays unticked
        seen["end"] = (so_hoa.isChecked(), ban_do.isChecked(), cu.isChecked())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    titles = when_dialog_opens(choose)
    qtbot.mouseClick(screen.initiatives_button, Qt.MouseButton.LeftButton)
    assert titles == ["Sáng kiến của đề nghị"]
    assert "Nguyễn Thị Hà" in seen["intro"] and "Chiến sĩ thi đua cơ sở" in seen["intro"]
    assert seen["start"] == (True, False, False)  # the engine's choice ticked to start with
    assert seen["cu"] == (
        False,
        "<i>Không dùng được: sáng kiến đã dùng cho Bằng khen tỉnh 2024.</i>",
    )
    assert seen["texts"] == "Số hóa hồ sơ đất đai (Sáng kiến, Cấp cơ sở, 2025)"
    assert seen["end"] == (False, True, False)
    # stored as a choice without an award, and the re-evaluated verdict rests on it
    assert stored(ctx) == [(org["ban_do"], "CSTDCS", YEAR, None)]
    after = screen.current_row()
    assert after is not None and after.name == "Nguyễn Thị Hà"
    assert after.verdicts["CSTDCS"].initiatives == (org["ban_do"],)
    assert "sáng kiến 'Bản đồ số rừng'" in screen.details.toPlainText()


def test_tick_by_keyboard(qtbot, screen: ReviewScreen, ctx, org) -> None:
    select(screen, "Nguyễn Thị Hà")
    focus: list[str] = []

    def keys(dialog) -> None:  # type: ignore[no-untyped-def]
        focus.append(dialog.focusWidget().objectName())  # the first free initiative
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        focus.append(dialog.focusWidget().objectName())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)  # tick "Bản đồ số rừng"
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # OK

    when_dialog_opens(keys)
    qtbot.keyClick(screen.people_table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert focus == [f"initiative_{org['so_hoa']}", f"initiative_{org['ban_do']}"]
    assert stored(ctx) == [
        (org["so_hoa"], "CSTDCS", YEAR, None),
        (org["ban_do"], "CSTDCS", YEAR, None),
    ]


def test_cancel_saves_nothing(qtbot, screen: ReviewScreen, ctx) -> None:
    select(screen, "Nguyễn Thị Hà")
    when_dialog_opens(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert screen.choose_initiatives() is False
    assert stored(ctx) == []


def test_no_proposal_says_so(screen: ReviewScreen, message_boxes, ctx) -> None:
    select(screen, "Trần Văn Đức")
    assert screen.choose_initiatives() is False
    assert message_boxes.texts == [
        "Sáng kiến của đề nghị\nTrần Văn Đức chưa có danh hiệu đề nghị: đổi đề nghị (Ctrl+D) "
        "trước.\n"
    ]


def test_a_refused_choice_is_shown(qtbot, screen: ReviewScreen, ctx, org, message_boxes) -> None:
    """Another clerk issued an award on the initiative meanwhile: the save is refused."""
    select(screen, "Nguyễn Thị Hà")

    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        def take(s):  # type: ignore[no-untyped-def]
            record = AwardRecord(
                subject_kind="CA_NHAN", person_id=org["ha"], catalogue_code="CSTDCS", year=2024
            )
            s.add(record)
            s.flush()
            iu.record_uses(s, record.id, [org["ban_do"]])

        ctx.write(take)
        click(qtbot, dialog.findChild(QCheckBox, f"initiative_{org['ban_do']}"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_dialog_opens(choose)
    assert screen.choose_initiatives() is False
    assert message_boxes.texts == [
        "Sáng kiến của đề nghị\nSáng kiến 'Bản đồ số rừng' đã dùng cho CSTĐCS 2024\n"
    ]
    assert stored(ctx) == []
