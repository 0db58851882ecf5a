"""The deadlines calendar dialog (issue 26): opened from "Phong trào & đăng ký", it lists a
late unit in red, the 14-day view, and saves an edited provincial deadline."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from app.db.models import Campaign, UnitRegistration
from app.domain.units import UnitInput
from app.services import deadline_calendar as cal
from app.services import units as unit_svc
from app.ui.screens.campaigns import CampaignsScreen
from app.ui.screens.campaigns.calendar_dialog import CalendarDialog, EntriesDialog

Y = 2026


def _data(database) -> int:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        late = unit_svc.create_unit(
            s, UnitInput(code="TRE", full_name="Phòng Trễ Hạn", parent_id=root.id)
        )
        c = Campaign(
            name="Phong trào năm 2026",
            kind="PT_THUONG_XUYEN",
            scope="SO",
            year=Y,
            start_date=date(Y, 1, 1),
            registration_deadline=date(Y, 3, 31),
        )
        s.add(c)
        s.flush()
        s.add(UnitRegistration(campaign_id=c.id, unit_id=late.id, status="CHUA_GUI"))
    return late.id


def test_the_calendar_lists_a_late_unit(qtbot, database, ctx) -> None:
    late_id = _data(database)
    dialog = CalendarDialog(ctx, Y, today=date(Y, 4, 10))
    qtbot.addWidget(dialog)
    rows = dialog.model.items
    late = [i for i in rows if i.kind == cal.KIND_LATE_UNIT]
    assert [(i.unit_id, i.source) for i in late] == [(late_id, "Phòng Trễ Hạn")]
    row = rows.index(late[0])
    assert dialog.model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.counts_label.text().endswith("1 đơn vị trễ hạn đăng ký")
    dialog.due_only.setChecked(True)
    assert [i.kind for i in dialog.model.items] == [cal.KIND_LATE_UNIT]  # nothing else in 14 days


def test_an_edited_provincial_deadline_is_saved(qtbot, database, ctx, monkeypatch) -> None:
    _data(database)
    dialog = CalendarDialog(ctx, Y, today=date(Y, 12, 1))
    qtbot.addWidget(dialog)
    entries, _v = ctx.read(cal.provincial_entries, Y)
    edit = EntriesDialog(entries)
    qtbot.addWidget(edit)
    index = [e.key for e in entries].index("HO_SO_TINH")
    edit.edits[index].setDate(QDate(Y, 12, 5))
    monkeypatch.setattr(edit, "exec", lambda: EntriesDialog.DialogCode.Accepted)
    assert dialog.edit_entries(edit)
    saved, _v = ctx.read(cal.provincial_entries, Y)
    assert saved[index].day == date(Y, 12, 5)
    assert any(i.day == date(Y, 12, 5) for i in dialog.model.items)


def test_opened_from_the_campaigns_screen(qtbot, ctx) -> None:
    page = CampaignsScreen(ctx, Y)
    qtbot.addWidget(page)
    dialog = page.open_calendar()
    assert isinstance(dialog, CalendarDialog) and dialog.year == Y
    dialog.close()
