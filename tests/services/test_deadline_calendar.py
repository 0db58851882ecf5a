"""The deadlines calendar (issue 26, domain.md §6.3): campaigns' dates, provincial deadlines
with defaults the clerk edits per year, units late with their sign-ups, what is due in 14 days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.db.models import Campaign, UnitRegistration
from app.domain.errors import ConflictError, ValidationError
from app.domain.units import UnitInput
from app.services import deadline_calendar as cal
from app.services import units as unit_svc

Y = 2026


@pytest.fixture
def campaign(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        ids = {}
        for code in ("A", "B", "C", "D"):
            ids[code] = unit_svc.create_unit(
                s, UnitInput(code=code, full_name=f"Phòng {code}", parent_id=root.id)
            ).id
        c = Campaign(
            name="Phong trào thi đua năm 2026",
            kind="PT_THUONG_XUYEN",
            scope="SO",
            year=Y,
            start_date=date(Y, 1, 1),
            end_date=date(Y, 12, 31),
            registration_deadline=date(Y, 3, 31),
        )
        s.add(c)
        s.flush()
        for code, status, submitted in (
            ("A", "CHUA_GUI", None),
            ("B", "DA_NOP", date(Y, 3, 20)),
            ("C", "DA_DUYET", date(Y, 4, 5)),
            ("D", "TRA_LAI", date(Y, 3, 25)),
        ):
            s.add(
                UnitRegistration(
                    campaign_id=c.id, unit_id=ids[code], status=status, submitted_on=submitted
                )
            )
    return {"units": ids, "campaign": c.id}


def test_the_calendar_lists_late_units(database, campaign) -> None:
    with database.session_factory() as s:
        items = cal.calendar(s, Y, date(Y, 4, 10))
    late = {i.unit_id: i.note for i in items if i.kind == cal.KIND_LATE_UNIT}
    u = campaign["units"]
    assert set(late) == {u["A"], u["C"], u["D"]}
    assert late[u["C"]].startswith("Nộp muộn 5 ngày")
    assert late[u["D"]].startswith("Bị trả lại")
    kinds = {i.kind for i in items}
    assert kinds == {cal.KIND_CAMPAIGN, cal.KIND_PROVINCE, cal.KIND_LATE_UNIT}
    assert [i.day for i in items] == sorted(i.day for i in items)


def test_before_the_deadline_nobody_is_late(database, campaign) -> None:
    with database.session_factory() as s:
        items = cal.calendar(s, Y, date(Y, 3, 31))
    assert [i for i in items if i.kind == cal.KIND_LATE_UNIT] == []


def test_due_within_14_days_and_edited_entries(database, campaign) -> None:
    today = date(Y, 12, 1)
    with database.session_factory() as s:
        due = cal.due_within(s, today)
    province = sorted(i.what for i in due if i.kind == cal.KIND_PROVINCE)
    expected = sorted(
        what
        for _k, what, month, day, _b in cal.DEFAULT_ENTRIES
        if 0 <= (date(Y, month, day) - today).days <= 14
    )
    assert province == expected and len(expected) == 4
    with database.session_factory.begin() as s:
        entries, version = cal.provincial_entries(s, Y)
        moved = [replace(e, day=date(Y, 12, 20)) if e.key == "HO_SO_TINH" else e for e in entries]
        cal.save_provincial_entries(s, Y, moved, expected_version=version)
        with pytest.raises(ConflictError):
            cal.save_provincial_entries(s, Y, moved, expected_version=version)
        with pytest.raises(ValidationError):
            cal.save_provincial_entries(s, Y, [*moved, moved[0]], expected_version=version + 1)
    with database.session_factory() as s:
        due = cal.due_within(s, today)
    assert "Gửi hồ sơ đề nghị khen thưởng tổng kết năm lên tỉnh" not in {i.what for i in due}
