"""The audit log read back (issue 7): filters, keyset paging, readable changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import make_engine, make_session_factory
from app.db.models import AuditLog, AwardRecord, PersonGrade, Registration
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import audit_log as svc
from app.services.audit_log import AuditFilter
from app.services.campaigns import ensure_regular_campaign
from app.services.database import Database
from app.services.person_record import (
    add_discipline,
    create_person,
    delete_discipline,
    set_grade,
    update_person,
)
from app.services.registrations import register_person
from app.services.units import create_unit
from server_roles import login_role


def as_user(database: Database, user: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """Run ``fn(session, ...)`` in one transaction as the OS user ``user`` (SQLite) or signed in
    as the database role ``user`` (PostgreSQL, where the signed-in role is the one recorded)."""
    if database.engine.dialect.name != "postgresql":
        with database.session_factory(info={"user": user}) as session, session.begin():
            return fn(session, *args, **kw)
    engine = make_engine(login_role(database.url, user, superuser=True))
    try:
        with make_session_factory(engine).begin() as session:
            return fn(session, *args, **kw)
    finally:
        engine.dispose()


def read(database: Database, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    with database.session_factory() as session:
        return fn(session, *args, **kw)


@pytest.fixture
def org(database: Database) -> dict[str, int]:
    """Two people in a unit, changed by two clerks: 'kiemthu' (the default) and 'thuky'."""

    def build(s: Session) -> dict[str, int]:
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
        return {"vp": vp.id, "an": an, "binh": binh, "campaign": campaign.id}

    ids = as_user(database, "kiemthu", build)
    as_user(database, "thuky", set_grade, ids["an"], 2024, "HTTNV", expected_version=0)
    as_user(database, "thuky", set_grade, ids["binh"], 2024, "HTNV", expected_version=0)
    as_user(  # an UPDATE of the grade
        database, "thuky", set_grade, ids["an"], 2024, "HTXSNV", expected_version=1
    )
    as_user(database, "kiemthu", register_person, ids["campaign"], ids["an"], "LDTT")
    ids["discipline"] = as_user(
        database, "kiemthu", add_discipline, ids["an"], "KHIEN_TRACH", date(2023, 2, 1)
    )
    as_user(database, "kiemthu", delete_discipline, ids["discipline"], expected_version=1)
    rename = PersonInput(
        ho_dem="Nguyễn Văn", ten="Ân", birth_date=date(1980, 3, 15), subject_category="TRUC_TIEP"
    )
    as_user(database, "thuky", update_person, ids["an"], rename, expected_version=1)
    return ids


def entries(database: Database, flt: AuditFilter | None = None) -> list[svc.AuditEntry]:
    out: list[svc.AuditEntry] = []
    before: int | None = None
    while True:
        page = read(database, svc.list_entries, flt, before_id=before, limit=7)
        out += page.entries
        if not page.has_more:
            return out
        before = page.last_id


def test_an_update_names_table_action_record_and_changed_fields(
    database: Database, org: dict[str, int]
) -> None:
    found = entries(database, AuditFilter(table="person", record_id=str(org["an"])))
    assert [e.action_label for e in found] == ["Sửa", "Thêm"]  # newest first
    rename, insert = found
    assert rename.table_label == "Cán bộ"
    assert rename.user == "thuky"
    assert rename.record_label == "Cán bộ · Nguyễn Văn Ân"
    assert {(c.label, c.before, c.after) for c in rename.changes} == {
        ("Họ và tên", "Nguyễn Văn An", "Nguyễn Văn Ân"),
        ("Tên", "An", "Ân"),
    }
    assert rename.summary == "Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân; Tên: An → Ân"
    # An insert shows the values the record was created with, readable.
    created = {c.label: c.after for c in insert.changes}
    assert created["Họ và tên"] == "Nguyễn Văn An"
    assert created["Ngày sinh"] == "15/03/1980"
    assert created["Đang công tác"] == "Có"
    assert "name_key" not in {c.field for c in insert.fields}  # bookkeeping stays hidden
    assert insert.at.tzinfo is not None


def test_person_filter_finds_the_person_and_everything_pointing_to_them(
    database: Database, org: dict[str, int]
) -> None:
    found = entries(database, AuditFilter(person_id=org["an"]))
    seen = {(e.table, e.action) for e in found}
    assert seen == {
        ("person", "INSERT"),
        ("person", "UPDATE"),
        ("assignment", "INSERT"),
        ("person_grade", "INSERT"),
        ("person_grade", "UPDATE"),  # its JSON has no person_id: found through the record id
        ("registration", "INSERT"),
        ("discipline", "INSERT"),
        ("discipline", "DELETE"),  # the row is gone: found through the log
    }
    assert {e.table_label for e in found} >= {"Đăng ký thi đua", "Xếp loại cán bộ", "Kỷ luật"}
    grade_update = next(e for e in found if (e.table, e.action) == ("person_grade", "UPDATE"))
    assert [(c.label, c.before, c.after) for c in grade_update.changes] == [
        ("Xếp loại", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ")
    ]
    registration = next(e for e in found if e.table == "registration")
    fields = {c.label: c.after for c in registration.changes}
    assert fields["Cán bộ"] == "Nguyễn Văn Ân"
    assert fields["Danh hiệu / hình thức"] == "Lao động tiên tiến"
    assert fields["Đơn vị"] == "Văn phòng Sở"
    # Nothing of Trần Thị Bình.
    binh = entries(database, AuditFilter(person_id=org["binh"]))
    assert {e.id for e in binh}.isdisjoint({e.id for e in found})
    assert {(e.table, e.action) for e in binh} == {
        ("person", "INSERT"),
        ("assignment", "INSERT"),
        ("person_grade", "INSERT"),
    }


def test_user_action_and_date_filters(database: Database, org: dict[str, int]) -> None:
    by_clerk = entries(database, AuditFilter(user="thuky"))
    assert [(e.table, e.action) for e in by_clerk] == [
        ("person", "UPDATE"),
        ("person_grade", "UPDATE"),
        ("person_grade", "INSERT"),
        ("person_grade", "INSERT"),
    ]
    deletes = entries(database, AuditFilter(action="DELETE"))
    assert [(e.table, e.action_label) for e in deletes] == [("discipline", "Xóa")]
    assert deletes[0].summary == ("Cán bộ: Nguyễn Văn Ân; Loại: Khiển trách; Từ ngày: 01/02/2023")
    today = date.today()
    every = entries(database)
    assert entries(database, AuditFilter(date_from=today, date_to=today)) == every
    assert entries(database, AuditFilter(date_from=today + timedelta(days=1))) == []
    assert entries(database, AuditFilter(date_to=today - timedelta(days=1))) == []
    both = entries(database, AuditFilter(user="thuky", table="person"))
    assert [e.action for e in both] == ["UPDATE"]


def test_keyset_pages_and_the_count_agree(database: Database, org: dict[str, int]) -> None:
    def many(s: Session) -> None:
        for n in range(30):
            create_person(s, PersonInput(ho_dem="Lê Văn", ten=f"Tư {n}", birth_year=1990))

    as_user(database, "kiemthu", many)
    flt = AuditFilter(table="person")
    first = read(database, svc.list_entries, flt, limit=10)
    assert len(first.entries) == 10 and first.has_more
    walked = entries(database, flt)
    ids = [e.id for e in walked]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    assert ids[:10] == [e.id for e in first.entries]
    assert read(database, svc.count_entries, flt) == len(walked) == 30 + 2 + 1
    with database.session_factory() as s:
        assert s.scalar(select(AuditLog.id).order_by(AuditLog.id.desc())) == ids[0]


def test_choices_for_the_filter_bar(database: Database, org: dict[str, int]) -> None:
    assert read(database, svc.audit_users) == ["kiemthu", "thuky"]
    tables = dict(read(database, svc.audit_tables))
    assert tables["person"] == "Cán bộ" and tables["registration"] == "Đăng ký thi đua"
    assert tables["unit"] == "Đơn vị"
    actions = read(database, svc.audit_actions)
    assert actions[:3] == [("INSERT", "Thêm"), ("UPDATE", "Sửa"), ("DELETE", "Xóa")]
    people = read(database, svc.find_people, "nguyen an")
    assert [p.id for p in people] == [org["an"]]
    assert people[0].label == "Nguyễn Văn Ân (15/03/1980)"
    assert read(database, svc.find_people, "tran b")[0].label == "Trần Thị Bình (1985)"
    assert read(database, svc.find_people, "  ") == []
    assert read(database, svc.find_people, "%") == []  # LIKE wildcards are text


def test_record_filter_takes_a_hash_and_spaces(database: Database, org: dict[str, int]) -> None:
    with database.session_factory() as s:
        grade_id = s.scalar(select(PersonGrade.id).where(PersonGrade.person_id == org["an"]))
    found = entries(database, AuditFilter(table="person_grade", record_id=f" #{grade_id} "))
    assert [e.action for e in found] == ["UPDATE", "INSERT"]
    # The update logs only the grade: whose grade it is comes from the row itself.
    assert [e.record_label for e in found] == ["Xếp loại cán bộ · Nguyễn Văn Ân · năm 2024"] * 2
    one = read(database, svc.get_entry, found[0].id)
    assert one == found[0]
    assert read(database, svc.get_entry, 10**9) is None


def _log(s: Session, action: str, table: str, record: str, before: dict, after: dict) -> None:
    """A row as the ORM listener writes it (JSON with sorted keys)."""
    import json

    s.add(
        AuditLog(
            at=datetime.now(UTC),
            user="kiemthu",
            action=action,
            table_name=table,
            record_id=record,
            before=json.dumps(before, sort_keys=True),
            after=json.dumps(after, sort_keys=True),
        )
    )


def test_references_read_as_names_and_internal_columns_stay_hidden(
    database: Database, org: dict[str, int]
) -> None:
    def award(s: Session) -> int:
        record = AwardRecord(
            subject_kind="CA_NHAN", person_id=org["an"], catalogue_code="LDTT", year=2024
        )
        s.add(record)
        s.flush()
        _log(
            s,
            "UPDATE",
            "decision_recipient",
            "999",
            {"award_record_id": None},
            {"award_record_id": record.id},
        )
        _log(
            s,
            "UPDATE",
            "assignment",
            "998",
            {"position_rank": 60, "position_title": "A"},
            {"position_rank": 90, "position_title": "Phó Chánh Văn phòng"},
        )
        _log(s, "UPDATE", "registration", "997", {"person_id": 10**6}, {"person_id": org["an"]})
        return record.id

    as_user(database, "kiemthu", award)
    found = entries(database)
    texts = [
        f"{e.record_label} {e.summary} "
        + " ".join(f"{c.label} {c.before} {c.after}" for c in e.fields)
        for e in found
    ]
    assert not [t for t in texts if "#" in t or "5530" in t], texts
    line = next(e for e in found if e.table == "decision_recipient")
    assert [(c.label, c.before, c.after) for c in line.changes] == [
        ("Khen thưởng đã ghi vào hồ sơ", "", "Lao động tiên tiến năm 2024 (Nguyễn Văn Ân)")
    ]
    post = next(e for e in found if e.table == "assignment" and e.record_id == "998")
    assert [c.label for c in post.fields] == ["Chức vụ"]  # the rank is the program's own
    moved = next(e for e in found if e.record_id == "997")
    assert moved.summary == "Cán bộ: (đã xóa) → Nguyễn Văn Ân"


def test_updates_that_change_nothing_visible_are_not_listed(
    database: Database, org: dict[str, int]
) -> None:
    shown = entries(database)

    def noise(s: Session) -> None:
        for n in range(20):  # more than a page (entries() reads 7 at a time)
            _log(s, "UPDATE", "person", str(org["an"]), {"version": n}, {"version": n + 1})
        _log(s, "UPDATE", "person", str(org["an"]), {"updated_at": "x"}, {"updated_at": "y"})

    as_user(database, "kiemthu", noise)
    assert [e.id for e in entries(database)] == [e.id for e in shown]
    first = read(database, svc.list_entries, None, limit=3)
    assert [e.id for e in first.entries] == [e.id for e in shown[:3]] and first.has_more
    assert all(e.changes or e.note for e in entries(database) if e.action == "UPDATE")


def test_two_criteria_with_the_same_words_say_which_title(
    database: Database, org: dict[str, int]
) -> None:
    from app.services.review import mark_condition

    for key in ("BK_GUONG_MAU", "BK_TTG_GUONG_MAU"):
        as_user(database, "kiemthu", mark_condition, 2025, "person", org["an"], key, unmet=True)
    marks = entries(database, AuditFilter(table="condition_mark"))
    labels = [e.record_label for e in marks]
    assert len(set(labels)) == 2, labels
    assert any(label.endswith("(Bằng khen Thủ tướng)") for label in labels)
    assert any(label.endswith("(Bằng khen cá nhân)") for label in labels)
    assert all(
        label.startswith("Đánh giá điều kiện · Nguyễn Văn Ân · Gương mẫu") for label in labels
    )


def test_a_catalogue_item_reads_in_words(database: Database, org: dict[str, int]) -> None:
    def add(s: Session) -> None:
        values = {
            "code": "LDTT",
            "kind": "DANH_HIEU",
            "level": "CO_SO",
            "name": "Lao động tiên tiến",
            "rank": 10,
            "subjects": "CA_NHAN,TAP_THE",
        }
        _log(s, "INSERT", "catalogue_item", "LDTT", {}, values)
        coefficient = {"code": "BK_TINH", "effective_from": "2025-07-01", "coef_ca_nhan": "1.0"}
        _log(s, "INSERT", "catalogue_coefficient", "77", {}, coefficient)

    as_user(database, "kiemthu", add)
    entry = entries(database, AuditFilter(table="catalogue_item", record_id="LDTT"))[0]
    assert entry.record_label == "Danh mục danh hiệu · Lao động tiên tiến"
    shown = {c.label: c.after for c in entry.fields}
    assert shown == {
        "Tên": "Lao động tiên tiến",
        "Loại": "Danh hiệu thi đua",
        "Cấp": "Cơ sở",
        "Đối tượng": "Cá nhân, Tập thể",
    }, shown
    # (the seeded catalogue's own coefficient rows are in the log too: this one is record 77)
    (coefficient,) = entries(database, AuditFilter(table="catalogue_coefficient", record_id="77"))
    assert coefficient.record_label == (
        "Hệ số tiền thưởng · Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh · từ 01/07/2025"
    )
    assert {c.label: c.after for c in coefficient.fields}["Danh hiệu / hình thức"] == (
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )


def test_recomputed_warnings_alone_write_no_entry(database: Database, org: dict[str, int]) -> None:
    from app.services.registrations import recompute_flags

    def flag(s: Session) -> None:
        add_discipline(s, org["an"], "CANH_CAO", date(2025, 3, 1))
        recompute_flags(s, org["campaign"])

    as_user(database, "kiemthu", flag)
    with database.session_factory() as s:
        flagged = s.scalars(select(Registration.flags).where(Registration.person_id == org["an"]))
        assert any(flagged)  # the warnings did change
        rows = s.scalars(
            select(AuditLog).where(
                AuditLog.table_name == "registration", AuditLog.action == "UPDATE"
            )
        ).all()
    assert rows == []


def test_a_setting_is_named_in_words(database: Database, org: dict[str, int]) -> None:
    from app.services.settings import AGENCY_KEY

    def add(s: Session) -> None:
        _log(s, "UPDATE", "app_setting", AGENCY_KEY, {"value": "{}"}, {"value": '{"a": 1}'})
        _log(s, "UPDATE", "app_setting", "review.nomination_order.2025.CSTDCS", {}, {"value": "1"})

    as_user(database, "kiemthu", add)
    labels = [e.record_label for e in entries(database, AuditFilter(table="app_setting"))][:2]
    assert labels == ["Cài đặt · Thứ tự đề nghị khen thưởng", "Cài đặt · Thông tin cơ quan"]


def test_every_audited_table_and_column_has_words() -> None:
    from app.db.base import Base
    from app.services.audit_labels import FIELD_LABELS, HIDDEN, HIDDEN_IN, TABLE_NAMES

    missing = []
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if not getattr(model, "__audited__", False):
            continue
        table = model.__tablename__
        if table not in TABLE_NAMES:
            missing.append(table)
        hidden = HIDDEN | HIDDEN_IN.get(table, frozenset())
        missing += [
            f"{table}.{c.key}" for c in mapper.columns if c.key not in {*FIELD_LABELS, *hidden}
        ]
    assert missing == []
