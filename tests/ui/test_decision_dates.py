"""Decision dates that cannot go wrong (issue 14), through the decisions and reports screens:
a draft from the Council made while another decision is selected is dated today; a date before
the Council met warns; the base salary in force is shown beside the date and a date across a
salary change shows the new total before saving; the bonus list's "Ngày lập" is the decision's
date and the reports screen offers the decision just issued."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.domain.council import Ballots
from app.domain.money import SalaryStep
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.domain.vnformat import format_date, format_money
from app.excel.forms.registry import FORMS
from app.services import council, money
from app.services import decisions as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.decisions.screen import DecisionsScreen
from app.ui.screens.reports.screen import ReportsScreen
from app.ui.widgets.date_edit import DateEdit

TODAY = date.today()
YEAR = TODAY.year
MEETING = date(YEAR, 12, 31)  # the Council meets at the end of the year
EARLY = date(YEAR, 1, 20)  # the date of decision 162/QĐ-UBND, before the Council met
SALARY_NOW = 7_770_000  # a base salary from today: any earlier date crosses a change


@pytest.fixture
def org(ctx):  # type: ignore[no-untyped-def]
    def build(s):  # type: ignore[no-untyped-def]
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        ids = {
            key: people_svc.create_person(s, PersonInput(ho_dem=ho, ten=ten), unit_id=vp.id)
            for key, (ho, ten) in {"an": ("Nguyễn Văn", "An"), "binh": ("Lê Thị", "Bình")}.items()
        }
        sid = council.create_session(s, council.SessionInput(YEAR, MEETING, 10, 9, 1, "Phòng họp"))
        for pid in ids.values():
            council.record_vote(s, sid, "CSTDCS", Ballots(10, 10, 10, 9), person_id=pid)
        money.add_salary_step(s, SalaryStep(TODAY, SALARY_NOW, "Thử nghiệm"))
        # a decision of the register, dated early in the year
        data = svc.decision_defaults(s, YEAR, "LDTT")
        old = svc.create_draft(
            s,
            svc.DecisionInput(**{**data.__dict__, "number": "162/QĐ-UBND", "decision_date": EARLY}),
            [
                svc.RecipientInput(
                    subject_kind=svc.CA_NHAN, catalogue_code="LDTT", person_id=ids["an"]
                )
            ],
        )
        ids["old"] = old.id
        return ids

    return ctx.write(build)


def make_screen(qtbot, ctx, runner) -> DecisionsScreen:  # type: ignore[no-untyped-def]
    screen = DecisionsScreen(ctx, YEAR)
    qtbot.addWidget(screen)
    screen.set_runner(runner)
    screen.resize(1200, 800)
    with qtbot.waitExposed(screen):
        screen.show()
    return screen


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def test_a_council_draft_is_dated_today_whatever_decision_is_selected(
    qtbot, ctx, org, runner, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx, runner)
    screen.select_decision(org["old"])
    assert screen.pane.form.date.edit.text() == format_date(EARLY)
    qtbot.mouseClick(screen.council_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    field = dialog.date
    assert field.edit.text() == format_date(TODAY)  # not 20/01 of the decision behind
    assert field.salary_label.text() == (
        f"Lương cơ sở {format_money(SALARY_NOW)} đ (từ {format_date(TODAY)})"
    )

    # a date before the Council met warns, and shows what the draft pays then
    type_date(qtbot, field.edit, format_date(EARLY))
    notes = field.note_label.text()
    assert field.note_label.isVisible()
    assert f"trước ngày họp Hội đồng Thi đua - Khen thưởng {format_date(MEETING)}" in notes
    assert f"trước khi kết thúc năm xét {YEAR}" in notes
    then = ctx.read(money.salary_in_force, EARLY)
    assert then is not None and then.amount != SALARY_NOW
    assert (
        f"tổng tiền thưởng {format_money(2 * SALARY_NOW)} → {format_money(2 * then.amount)}"
        in notes
    )

    # back to today: the draft is created with today's date
    type_date(qtbot, field.edit, format_date(TODAY))
    assert (
        f"trước ngày họp Hội đồng Thi đua - Khen thưởng {format_date(MEETING)}"
        in (field.note_label.text())
        or TODAY >= MEETING
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert screen.dialog is None and message_boxes.shown == []
    detail = screen.pane.detail
    assert detail is not None and detail.id != org["old"]
    assert detail.decision_date == TODAY
    assert [r.name for r in detail.recipients] == ["Nguyễn Văn An", "Lê Thị Bình"]
    form = screen.pane.form
    assert form.date.edit.text() == format_date(TODAY)
    assert form.date.salary_label.text().startswith(f"Lương cơ sở {format_money(SALARY_NOW)}")

    # in the draft's form: a date across the salary change shows the new total before saving
    type_date(qtbot, form.date.edit, format_date(EARLY))
    assert (
        f"tổng tiền thưởng {format_money(2 * SALARY_NOW)} → {format_money(2 * then.amount)}"
        in form.date.note_label.text()
    )
    assert ctx.read(svc.get_decision, detail.id).decision_date == TODAY  # nothing saved yet


def test_a_blank_draft_is_dated_today_whatever_decision_is_selected(
    qtbot, ctx, org, runner, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx, runner)
    screen.select_decision(org["old"])
    assert screen.pane.form.date.edit.text() == format_date(EARLY)
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    assert message_boxes.shown == []
    detail = screen.pane.detail
    assert detail is not None and detail.is_draft and detail.id != org["old"]
    assert detail.decision_date == TODAY  # stored, not empty and not 20/01
    assert ctx.read(svc.get_decision, detail.id).decision_date == TODAY
    form = screen.pane.form
    assert form.date.edit.text() == format_date(TODAY)
    assert form.date.salary_label.text() == (
        f"Lương cơ sở {format_money(SALARY_NOW)} đ (từ {format_date(TODAY)})"
    )

    # "Quyết định mới" clicked with the mouse while the old decision is selected again
    screen.select_decision(org["old"])
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    second = screen.pane.detail
    assert second is not None and second.id not in (org["old"], detail.id)
    assert second.decision_date == TODAY

    # a date before the Council met warns in the draft's form, nothing saved meanwhile
    type_date(qtbot, form.date.edit, format_date(EARLY))
    assert form.date.note_label.isVisible()
    assert (
        f"trước ngày họp Hội đồng Thi đua - Khen thưởng {format_date(MEETING)}"
        in form.date.note_label.text()
    )
    assert ctx.read(svc.get_decision, second.id).decision_date == TODAY


def test_an_impossible_signing_date_is_refused_with_a_message(
    qtbot, ctx, org, runner, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx, runner)
    screen.select_decision(org["old"])
    edit = screen.pane.form.date.edit
    type_date(qtbot, edit, f"31/02/{YEAR}")
    assert edit.problem() == f"Ngày không hợp lệ: 31/02/{YEAR}"
    assert edit.toolTip() == edit.problem()
    qtbot.mouseClick(screen.pane.save_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown and f"Ngày ký: Ngày không hợp lệ: 31/02/{YEAR}" in (
        message_boxes.shown[-1].text
    )
    assert ctx.read(svc.get_decision, org["old"]).decision_date == EARLY


def test_the_bonus_list_follows_the_decision_just_issued(
    qtbot, ctx, org, runner, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    def other(s):  # type: ignore[no-untyped-def]
        data = svc.decision_defaults(s, YEAR, "LDTT")
        later = svc.create_draft(
            s,
            svc.DecisionInput(
                **{**data.__dict__, "number": "7/QĐ-SNNMT", "decision_date": date(YEAR, 3, 2)}
            ),
            [
                svc.RecipientInput(
                    subject_kind=svc.CA_NHAN, catalogue_code="LDTT", person_id=org["binh"]
                )
            ],
        )
        return later.id

    later = ctx.write(other)
    page = ReportsScreen(ctx, YEAR)
    qtbot.addWidget(page)
    page.set_runner(runner)
    with qtbot.waitExposed(page):
        page.show()
    bonus = next(i for i, f in enumerate(FORMS) if f.code == "bonus-list")
    page.form_list.setFocus()
    page.form_list.setCurrentRow(bonus)
    assert page.decision_combo.currentData() == org["old"]  # nothing issued yet: the first
    assert page.date_edit.text() == format_date(EARLY)  # "Ngày lập" = the decision's date

    # the later decision is issued; the page shown again offers it, with its date
    page.hide()
    ctx.write(svc.issue, later)
    with qtbot.waitExposed(page):
        page.show()
    assert page.decision_combo.currentData() == later
    assert page.date_edit.text() == f"02/03/{YEAR}"
    # the clerk picks the other one: its date follows
    page.decision_combo.setFocus()
    qtbot.keyClick(page.decision_combo, Qt.Key.Key_Home)
    assert page.decision_combo.currentData() == org["old"]
    assert page.date_edit.text() == format_date(EARLY)
