"""Initiative use on a temporary database: the engine reads the recorded uses, the clerk
chooses initiatives on a proposal, an issued decision keeps them (or records the verdict's)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, InitiativeUse, PersonGrade
from app.domain.errors import ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import decisions as dec
from app.services import initiative_uses as iu
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year

Y = 2025


def _initiative(s, title: str, scope: str, year: int, *authors: int) -> int:
    ini = Initiative(title=title, kind="SANG_KIEN", scope=scope, year=year)
    s.add(ini)
    s.flush()
    for order, pid in enumerate(authors, 1):
        s.add(InitiativeAuthor(initiative_id=ini.id, person_id=pid, author_order=order))
    s.flush()
    return ini.id


@pytest.fixture
def office(database):
    """Two people: Hà (HTTNV in 2025: CSTĐCS needs an initiative; HTXSNV before), and
    Nam, co-author of Hà's first initiative. CSTĐCS of 2023 and 2024 for Hà."""
    with database.session_factory.begin() as s:
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
        nam = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Văn", ten="Nam", gender="NAM"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        for year, grade in ((2023, "HTXSNV"), (2024, "HTXSNV"), (2025, "HTTNV")):
            s.add(PersonGrade(person_id=ha, year=year, grade=grade, months_worked=12))
            s.add(PersonGrade(person_id=nam, year=year, grade="HTTNV", months_worked=12))
        for year in (2023, 2024):
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN", person_id=ha, catalogue_code="CSTDCS", year=year
                )
            )
        so_hoa = _initiative(s, "Số hóa hồ sơ đất đai", "PV_CO_SO", Y, ha, nam)
        ban_do = _initiative(s, "Bản đồ số rừng", "PV_TINH", Y, ha)
        cu = _initiative(s, "Quy trình một cửa", "PV_CO_SO", 2024, ha)
    return {"vp": vp.id, "ha": ha, "nam": nam, "so_hoa": so_hoa, "ban_do": ban_do, "cu": cu}


def _verdicts(database, pid: int, year: int = Y):
    with database.session_factory() as s:
        rows = evaluate_year(s, year, person_ids={pid})
    return {r.title: r.verdict for r in rows}


def _use(s, ini: int, pid: int, code: str, year: int, record: int | None = None) -> None:
    s.add(
        InitiativeUse(
            initiative_id=ini, person_id=pid, catalogue_code=code, year=year, award_record_id=record
        )
    )


def _record(s, pid: int, code: str, year: int, revoked: bool = False) -> int:
    rec = AwardRecord(
        subject_kind="CA_NHAN", person_id=pid, catalogue_code=code, year=year, revoked=revoked
    )
    s.add(rec)
    s.flush()
    return rec.id


# --- the engine reads initiative_use ---------------------------------------------------------


def test_without_uses_cstdcs_counts_the_lowest_scope_initiative(database, office) -> None:
    v = _verdicts(database, office["ha"])
    assert v["CSTDCS"].eligible and v["CSTDCS"].initiatives == (office["so_hoa"],)
    # CSTĐ tỉnh of the same year keeps to the provincial one
    assert v["CSTD_TINH"].eligible and v["CSTD_TINH"].initiatives == (office["ban_do"],)


def test_a_recorded_use_holds_the_initiative_and_is_named(database, office) -> None:
    with database.session_factory.begin() as s:
        rec = _record(s, office["ha"], "BK_TINH", 2024)
        _use(s, office["so_hoa"], office["ha"], "BK_TINH", 2024, rec)
        _use(s, office["ban_do"], office["ha"], "BK_TINH", 2024, rec)
    v = _verdicts(database, office["ha"])
    assert not v["CSTDCS"].eligible
    assert "sáng kiến 'Số hóa hồ sơ đất đai' đã dùng cho Bằng khen tỉnh 2024" in (
        v["CSTDCS"].explanation
    )
    assert "chưa sử dụng" not in v["CSTDCS"].explanation
    # the co-author's use is his own: Nam's own record is untouched
    with database.session_factory() as s:
        nam = evaluate_year(s, Y, person_ids={office["nam"]})
    assert next(r for r in nam if r.title == "CSTDCS").verdict.eligible


def test_a_revoked_award_frees_its_initiatives(database, office) -> None:
    with database.session_factory.begin() as s:
        rec = _record(s, office["ha"], "BK_TINH", 2024, revoked=True)
        _use(s, office["so_hoa"], office["ha"], "BK_TINH", 2024, rec)
    assert _verdicts(database, office["ha"])["CSTDCS"].initiatives == (office["so_hoa"],)


def test_consumed_years_from_the_database(database, office) -> None:
    """A Bằng khen of 2024 used the CSTĐCS of 2023 and 2024: no CSTĐ tỉnh in 2025."""
    with database.session_factory.begin() as s:
        _record(s, office["ha"], "BK_TINH", 2024)
    v = _verdicts(database, office["ha"])["CSTD_TINH"]
    assert not v.eligible
    assert "năm 2023, 2024 đã dùng cho Bằng khen tỉnh 2024" in v.explanation


# --- the clerk's choice on a proposal ---------------------------------------------------------


def test_proposal_lists_the_candidates_initiatives(database, office) -> None:
    with database.session_factory() as s:
        got = iu.proposal_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS")
    assert got.name == "Nguyễn Thị Hà" and got.title_name == "Chiến sĩ thi đua cơ sở"
    by = {i.initiative_id: i for i in got.items}
    assert set(by) == {office["so_hoa"], office["ban_do"], office["cu"]}
    assert by[office["so_hoa"]].counted and not by[office["ban_do"]].counted
    assert by[office["ban_do"]].scope == "Cấp tỉnh" and by[office["ban_do"]].kind == "Sáng kiến"
    assert all(i.free and not i.chosen for i in got.items)


def test_choose_stores_uses_without_an_award_and_the_engine_follows(database, office) -> None:
    with database.session_factory.begin() as s:
        got = iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS", [office["ban_do"]])
    assert got.chosen_ids == (office["ban_do"],)
    with database.session_factory() as s:
        rows = s.scalars(select(InitiativeUse)).all()
    assert [(r.initiative_id, r.catalogue_code, r.year, r.award_record_id) for r in rows] == [
        (office["ban_do"], "CSTDCS", Y, None)
    ]
    v = _verdicts(database, office["ha"])
    assert v["CSTDCS"].initiatives == (office["ban_do"],)
    # the provincial initiative now rests CSTĐCS: CSTĐ tỉnh has none left
    assert not v["CSTD_TINH"].eligible
    assert "sáng kiến 'Bản đồ số rừng' đang dùng cho đề nghị CSTĐCS 2025" in (
        v["CSTD_TINH"].explanation
    )
    # unticking removes the choice
    with database.session_factory.begin() as s:
        assert iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS", []).chosen_ids == ()
        assert s.scalars(select(InitiativeUse)).all() == []


def test_a_choice_moves_from_another_proposal_of_the_year(database, office) -> None:
    with database.session_factory.begin() as s:
        iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "BK_TINH", [office["so_hoa"]])
    with database.session_factory() as s:
        item = next(
            i
            for i in iu.proposal_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS").items
            if i.initiative_id == office["so_hoa"]
        )
    assert item.held_by == "đang dùng cho đề nghị Bằng khen tỉnh 2025" and item.movable
    with database.session_factory.begin() as s:
        iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS", [office["so_hoa"]])
        codes = s.scalars(select(InitiativeUse.catalogue_code)).all()
    assert codes == ["CSTDCS"]


def test_an_issued_use_or_someone_elses_initiative_is_refused(database, office) -> None:
    with database.session_factory.begin() as s:
        rec = _record(s, office["ha"], "CSTDCS", 2024)
        _use(s, office["cu"], office["ha"], "CSTDCS", 2024, rec)
        other = _initiative(s, "Của người khác", "PV_CO_SO", Y, office["nam"])
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError) as err:
            iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "BK_TINH", [office["cu"], other])
    assert err.value.problems == [
        "Sáng kiến 'Quy trình một cửa' đã dùng cho CSTĐCS 2024",
        f"Sáng kiến id={other} không phải của Nguyễn Thị Hà",
    ]
    with database.session_factory() as s:
        assert s.scalars(select(InitiativeUse).where(InitiativeUse.year == Y)).all() == []


def test_choose_checks_the_title_and_subject(database, office) -> None:
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="không dành cho cá nhân"):
            iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "TTLDTT", [])
        with pytest.raises(ValidationError, match="Không có danh hiệu"):
            iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "XYZ", [])


# --- issuing a decision -----------------------------------------------------------------------


def _issue(database, pid: int, code: str, number: str = "01/QĐ-SNNMT") -> int:
    with database.session_factory.begin() as s:
        data = dec.DecisionInput(
            year=Y,
            authority="Sở Nông nghiệp và Môi trường",
            catalogue_code=code,
            period_from_year=Y,
            period_to_year=Y,
        )
        d = dec.create_draft(s, data, [dec.RecipientInput(dec.CA_NHAN, code, person_id=pid)])
        d = dec.issue(s, d.id, number=number, decision_date=date(2025, 12, 20))
        return d.id


def test_issue_links_the_chosen_initiatives(database, office) -> None:
    with database.session_factory.begin() as s:
        iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS", [office["ban_do"]])
    _issue(database, office["ha"], "CSTDCS")
    with database.session_factory() as s:
        rows = s.scalars(select(InitiativeUse)).all()
        record = s.scalar(
            select(AwardRecord).where(AwardRecord.catalogue_code == "CSTDCS", AwardRecord.year == Y)
        )
        assert record is not None
        assert [(r.initiative_id, r.award_record_id) for r in rows] == [
            (office["ban_do"], record.id)
        ]
        # locked: the proposal shows it chosen and it cannot be unticked
        item = next(
            i
            for i in iu.proposal_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS").items
            if i.initiative_id == office["ban_do"]
        )
    assert item.chosen and item.locked
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="quyết định đã ban hành"):
            iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTDCS", [])
    # next year the initiative is used: named in the verdict
    v = _verdicts(database, office["ha"], 2026)["CSTD_TINH"]
    ini = next(c for c in v.conditions if c.key == "INITIATIVE")
    assert ini.met is False
    assert "sáng kiến 'Bản đồ số rừng' đã dùng cho CSTĐCS 2025" in ini.text


def test_issue_records_the_verdicts_initiatives_when_none_was_chosen(database, office) -> None:
    _issue(database, office["ha"], "CSTDCS")
    with database.session_factory() as s:
        rows = s.scalars(select(InitiativeUse)).all()
        assert [(r.initiative_id, r.catalogue_code, r.year) for r in rows] == [
            (office["so_hoa"], "CSTDCS", Y)
        ]
        assert rows[0].award_record_id is not None
        assert rows[0].note == iu.ISSUE_NOTE


def test_issue_of_an_award_that_needs_no_initiative_records_none(database, office) -> None:
    _issue(database, office["ha"], "LDTT")
    with database.session_factory() as s:
        assert s.scalars(select(InitiativeUse)).all() == []


def test_a_superiors_decision_links_the_choice_too(database, office) -> None:
    with database.session_factory.begin() as s:
        iu.choose_initiatives(s, Y, iu.PERSON, office["ha"], "CSTD_TINH", [office["ban_do"]])
        data = dec.DecisionInput(
            year=Y,
            authority="UBND tỉnh",
            catalogue_code="CSTD_TINH",
            number="120/QĐ-UBND",
            decision_date=date(2026, 2, 1),
            period_from_year=2023,
            period_to_year=Y,
        )
        dec.record_superior(
            s, data, [dec.RecipientInput(dec.CA_NHAN, "CSTD_TINH", person_id=office["ha"])]
        )
    with database.session_factory() as s:
        row = s.scalar(select(InitiativeUse))
        assert row is not None and row.award_record_id is not None
        assert s.get(AwardRecord, row.award_record_id).catalogue_code == "CSTD_TINH"
