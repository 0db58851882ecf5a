"""Organisation tree with history (issue 3)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import Assignment, AuditLog, AwardRecord, Person, Unit, UnitGrade
from app.domain.errors import ValidationError
from app.domain.units import UnitInput, sector_of
from app.services import units as svc


def _unit(s, code, name, parent=None, kind="PHONG", **kw):
    return svc.create_unit(
        s, UnitInput(code=code, full_name=name, parent_id=parent, kind=kind, **kw)
    )


def _person(s, name, unit_id, start=date(2020, 1, 1), title="Chuyên viên"):
    ho, ten = name.rsplit(" ", 1)
    p = Person(ho_dem=ho, ten=ten, full_name=name, name_key=name.lower())
    s.add(p)
    s.flush()
    s.add(Assignment(person_id=p.id, unit_id=unit_id, position_title=title, start_date=start))
    s.flush()
    return p.id


@pytest.fixture
def tree(database):
    with database.session_factory.begin() as s:
        root = _unit(s, "SNNMT", "Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        vp = _unit(s, "VP", "Văn phòng Sở", root.id, kind="VAN_PHONG")
        a = _unit(s, "P-A", "Phòng Tài nguyên nước", root.id, valid_from=date(2010, 1, 1))
        b = _unit(s, "P-B", "Phòng Khoáng sản", root.id)
        team = _unit(s, "P-A-T1", "Tổ quan trắc", a.id, kind="DOI")
    return {"root": root.id, "vp": vp.id, "a": a.id, "b": b.id, "team": team.id}


def test_create_lists_in_tree_order_with_depth(database, tree) -> None:
    with database.session_factory() as s:
        rows = svc.list_units(s)
    assert [r.code for r in rows] == ["SNNMT", "VP", "P-A", "P-A-T1", "P-B"]
    assert [r.depth for r in rows] == [0, 1, 1, 2, 1]


def test_codes_are_unique_ignoring_case(database, tree) -> None:
    with pytest.raises(ValidationError, match="đã dùng"), database.session_factory.begin() as s:
        _unit(s, "vp", "Văn phòng khác", tree["root"])


def test_invalid_code_and_empty_name_are_refused(database, tree) -> None:
    with pytest.raises(ValidationError) as exc, database.session_factory.begin() as s:
        _unit(s, "Phòng 1", "  ", tree["root"])
    assert len(exc.value.problems) == 2


def test_no_cycles(database, tree) -> None:
    with pytest.raises(ValidationError, match="chính nó"), database.session_factory.begin() as s:
        a = svc.get_unit(s, tree["a"])
        svc.update_unit(
            s,
            a.id,
            UnitInput(**{**a.as_input().__dict__, "parent_id": tree["team"]}),
            expected_version=a.version,
        )
    with database.session_factory() as s:
        assert s.get(Unit, tree["a"]).parent_id == tree["root"]


def test_reorder_moves_among_siblings(database, tree) -> None:
    with database.session_factory.begin() as s:
        svc.move_unit(s, tree["b"], -1, expected_version=1)
    with database.session_factory() as s:
        assert [r.code for r in svc.list_units(s) if r.depth == 1] == ["VP", "P-B", "P-A"]


def test_merge_moves_people_and_keeps_history_on_old_names(database, tree) -> None:
    """A and B become C from 01/03/2025: people move, old records keep the old names."""
    with database.session_factory.begin() as s:
        an = _person(s, "Nguyễn Văn An", tree["a"])
        binh = _person(s, "Trần Thị Bình", tree["b"], title="Trưởng phòng")
        s.add(UnitGrade(unit_id=tree["a"], year=2024, grade="HTXSNV"))
        s.add(
            AwardRecord(
                subject_kind="TAP_THE", unit_id=tree["b"], catalogue_code="TTLDTT", year=2024
            )
        )
        s.add(AwardRecord(subject_kind="CA_NHAN", person_id=an, catalogue_code="LDTT", year=2024))
    with database.session_factory.begin() as s:
        c = svc.merge_units(
            s,
            [tree["a"], tree["b"]],
            UnitInput(code="P-C", full_name="Phòng Tài nguyên nước và Khoáng sản", kind="PHONG"),
            date(2025, 3, 1),
            expected_versions={tree["a"]: 1, tree["b"]: 1},
        )
    with database.session_factory() as s:
        a, b = s.get(Unit, tree["a"]), s.get(Unit, tree["b"])
        assert (a.valid_to, a.end_reason, a.successor_id) == (date(2025, 2, 28), "MERGE", c.id)
        assert (b.valid_to, b.end_reason, b.successor_id) == (date(2025, 2, 28), "MERGE", c.id)
        new = s.get(Unit, c.id)
        assert new.valid_from == date(2025, 3, 1) and new.parent_id == tree["root"]
        # The sub-unit now hangs under the new unit.
        assert s.get(Unit, tree["team"]).parent_id == c.id
        # People: old assignment closed the day before, a new one in C from the date, same position.
        for pid, title in ((an, "Chuyên viên"), (binh, "Trưởng phòng")):
            rows = s.scalars(
                select(Assignment)
                .where(Assignment.person_id == pid)
                .order_by(Assignment.start_date)
            ).all()
            assert [(r.unit_id in (tree["a"], tree["b"]), r.end_date) for r in rows] == [
                (True, date(2025, 2, 28)),
                (False, None),
            ]
            assert rows[1].unit_id == c.id and rows[1].position_title == title
        # History stays on the old rows and prints the old names.
        award = s.scalars(select(AwardRecord).where(AwardRecord.subject_kind == "TAP_THE")).one()
        assert s.get(Unit, award.unit_id).full_name == "Phòng Khoáng sản"
        grade = s.scalars(select(UnitGrade)).one()
        assert s.get(Unit, grade.unit_id).full_name == "Phòng Tài nguyên nước"
        lineage = svc.lineage(s, c.id)
        assert {u.full_name for u in lineage} == {
            "Phòng Tài nguyên nước và Khoáng sản",
            "Phòng Tài nguyên nước",
            "Phòng Khoáng sản",
        }
        current = [u.code for u in svc.list_units(s, include_history=False)]
        assert "P-A" not in current and "P-B" not in current and "P-C" in current
        audited = s.scalars(
            select(AuditLog).where(AuditLog.table_name == "unit", AuditLog.action == "UPDATE")
        ).all()
        assert any(json.loads(r.after).get("end_reason") == "MERGE" for r in audited)


def test_merge_refuses_ended_unit_and_dates_before_start(database, tree) -> None:
    with (
        pytest.raises(ValidationError, match="Ngày hiệu lực"),
        database.session_factory.begin() as s,
    ):
        svc.merge_units(
            s,
            [tree["a"], tree["b"]],
            UnitInput(code="X", full_name="X"),
            date(2009, 1, 1),
            expected_versions={tree["a"]: 1, tree["b"]: 1},
        )
    with database.session_factory.begin() as s:
        svc.rename_unit(
            s,
            tree["b"],
            new_full_name="Phòng Khoáng sản và Biển",
            new_code="P-B2",
            effective=date(2025, 3, 1),
            expected_version=1,
        )
    with pytest.raises(ValidationError, match="đã kết thúc"), database.session_factory.begin() as s:
        svc.merge_units(
            s,
            [tree["a"], tree["b"]],
            UnitInput(code="X", full_name="X"),
            date(2026, 1, 1),
            expected_versions={tree["a"]: 1, tree["b"]: 2},
        )


def test_rename_creates_successor_and_moves_people(database, tree) -> None:
    with database.session_factory.begin() as s:
        pid = _person(s, "Lê Minh Ánh", tree["vp"])
        new = svc.rename_unit(
            s,
            tree["vp"],
            new_full_name="Văn phòng Sở Nông nghiệp và Môi trường",
            new_code="VP2",
            effective=date(2025, 3, 1),
            expected_version=1,
        )
    with database.session_factory() as s:
        old = s.get(Unit, tree["vp"])
        assert (
            old.full_name == "Văn phòng Sở"
            and old.successor_id == new.id
            and old.end_reason == "RENAME"
        )
        units = [
            a.unit_id for a in s.scalars(select(Assignment).where(Assignment.person_id == pid))
        ]
        assert sorted(units) == sorted([tree["vp"], new.id])


def test_dissolve_refuses_while_people_remain(database, tree) -> None:
    with database.session_factory.begin() as s:
        _person(s, "Phạm Văn Cường", tree["b"])
    with (
        pytest.raises(ValidationError, match="cán bộ đang công tác"),
        database.session_factory.begin() as s,
    ):
        svc.dissolve_unit(s, tree["b"], date(2026, 1, 1), expected_version=1)
    with database.session_factory() as s:
        assert s.get(Unit, tree["b"]).valid_to is None


def test_dissolve_refuses_with_current_children(database, tree) -> None:
    with pytest.raises(ValidationError, match="trực thuộc"), database.session_factory.begin() as s:
        svc.dissolve_unit(s, tree["a"], date(2026, 1, 1), expected_version=1)


def test_unit_with_history_is_never_deleted(database, tree) -> None:
    with database.session_factory.begin() as s:
        s.add(UnitGrade(unit_id=tree["b"], year=2024, grade="HTTNV"))
    with (
        pytest.raises(ValidationError, match="chỉ có thể giải thể"),
        database.session_factory.begin() as s,
    ):
        svc.delete_unit(s, tree["b"], expected_version=1)
    with database.session_factory.begin() as s:
        svc.dissolve_unit(s, tree["b"], date(2026, 1, 1), expected_version=1)
    with database.session_factory() as s:
        b = s.get(Unit, tree["b"])
        assert b is not None and b.end_reason == "DISSOLVE" and b.valid_to == date(2025, 12, 31)


def test_unit_without_history_can_be_deleted(database, tree) -> None:
    with database.session_factory.begin() as s:
        extra = _unit(s, "TAM", "Đơn vị nhập nhầm", tree["root"])
    with database.session_factory.begin() as s:
        svc.delete_unit(s, extra.id, expected_version=extra.version)
    with database.session_factory() as s:
        assert s.get(Unit, extra.id) is None


def test_subtree_ids(database, tree) -> None:
    with database.session_factory() as s:
        rows = svc.list_units(s)
    assert svc.subtree_ids(rows, tree["a"]) == {tree["a"], tree["team"]}
    assert svc.subtree_ids(rows, tree["root"]) == {r.id for r in rows}


def test_an_ended_unit_under_an_ended_parent_can_still_be_corrected(database, tree) -> None:
    with database.session_factory.begin() as s:
        svc.rename_unit(
            s,
            tree["root"],
            new_full_name="Sở Nông nghiệp và Môi trường mới",
            new_code="SO2",
            effective=date(2025, 3, 1),
            expected_version=1,
        )
    with database.session_factory.begin() as s:
        s.get(Unit, tree["vp"]).parent_id = tree["root"]  # an ended unit under the ended old root
        s.get(Unit, tree["vp"]).valid_to = date(2025, 2, 28)
    with database.session_factory.begin() as s:
        vp = svc.get_unit(s, tree["vp"])
        fixed = svc.update_unit(
            s,
            vp.id,
            UnitInput(**{**vp.as_input().__dict__, "full_name": "Văn phòng Sở (cũ)"}),
            expected_version=vp.version,
        )
    assert fixed.full_name == "Văn phòng Sở (cũ)"
    with pytest.raises(ValidationError, match="đã kết thúc"), database.session_factory.begin() as s:
        svc.update_unit(
            s,
            tree["b"],
            UnitInput(
                **{**svc.get_unit(s, tree["b"]).as_input().__dict__, "parent_id": tree["root"]}
            ),
            expected_version=svc.get_unit(s, tree["b"]).version,
        )


def test_a_units_field_is_kept_through_corrections_renames_and_mergers(database, tree) -> None:
    with database.session_factory.begin() as s:
        a = svc.get_unit(s, tree["a"])
        svc.update_unit(
            s,
            a.id,
            replace(a.as_input(), sector="  Tài nguyên   -  Môi trường "),
            expected_version=a.version,
        )
        _unit(s, "P-D", "Phòng Đo đạc", tree["root"], sector="Đo đạc - Bản đồ")
        renamed = svc.rename_unit(
            s,
            tree["a"],
            new_full_name="Phòng Quản lý tài nguyên nước",
            new_code="P-A2",
            effective=date(2025, 3, 1),
            expected_version=a.version + 1,
        )
        merged = svc.merge_units(
            s,
            [tree["b"], renamed.id],
            UnitInput(code="P-M", full_name="Phòng Tài nguyên", kind="PHONG"),
            date(2025, 6, 1),
            expected_versions={tree["b"]: 1, renamed.id: renamed.version},
        )
        own = svc.merge_units(
            s,
            [merged.id, svc.get_unit(s, tree["vp"]).id],
            UnitInput(code="P-N", full_name="Phòng Mới", kind="PHONG", sector="Hành chính"),
            date(2025, 9, 1),
            expected_versions={merged.id: merged.version, tree["vp"]: 1},
        )
    with database.session_factory() as s:
        assert svc.get_unit(s, tree["a"]).sector == "Tài nguyên - Môi trường"  # cleaned
        assert svc.get_unit(s, renamed.id).sector == "Tài nguyên - Môi trường"
        assert svc.get_unit(s, merged.id).sector == "Tài nguyên - Môi trường"  # from a merged unit
        assert svc.get_unit(s, own.id).sector == "Hành chính"  # the one typed for the new unit
        assert svc.get_unit(s, tree["team"]).sector is None  # its own: none (it inherits)
        assert svc.unit_sectors(s) == ["Đo đạc - Bản đồ", "Hành chính", "Tài nguyên - Môi trường"]


def test_a_field_longer_than_the_column_is_refused(database, tree) -> None:
    with pytest.raises(ValidationError, match="Lĩnh vực dài quá 120 ký tự"):
        with database.session_factory.begin() as s:
            _unit(s, "P-X", "Phòng X", tree["root"], sector="x" * 121)


def test_sector_of_takes_the_nearest_field_above() -> None:
    own = {1: "Nông nghiệp", 2: None, 3: None, 4: "Thủy lợi", 5: None}
    parents = {1: None, 2: 1, 3: 2, 4: 2, 5: 4}
    assert [sector_of(u, own, parents) for u in (1, 2, 3, 4, 5)] == [
        "Nông nghiệp",
        "Nông nghiệp",
        "Nông nghiệp",
        "Thủy lợi",
        "Thủy lợi",
    ]
    assert sector_of(None, own, parents) is None
    assert sector_of(7, {7: None, 8: None}, {7: 8, 8: 7}) is None  # a loop ends
