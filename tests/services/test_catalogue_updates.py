"""One catalogue: the database's table is used at run time, the shipped file seeds and updates
it (a changed shipped coefficient reaches the amounts, a clerk's own change survives the
update), and a decision is priced by the coefficients in force on its date."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, CatalogueCoefficient, CatalogueItemRow
from app.domain.catalogue_edits import CoefficientEdit, ItemEdit, NewForm
from app.domain.errors import ConflictError, ValidationError
from app.services import catalogue_items as items
from app.services import money, reference
from app.services.reference import catalogue, ensure_catalogue, shipped_catalogue
from decision_factory import add_decision, build_agency

SALARY_2024 = 2_340_000  # NĐ 73/2024, from 01/7/2024 (and until 30/6/2026)


@pytest.fixture
def agency(database):
    with database.session_factory.begin() as s:
        return build_agency(s)


@pytest.fixture
def shipped(monkeypatch):
    """The shipped catalogue file, changed by the test as a new version would ship it."""
    original = reference.load_json_resource
    data = copy.deepcopy(original("data", "catalogue.json"))

    def load(*parts: str):  # type: ignore[no-untyped-def]
        if parts == ("data", "catalogue.json"):
            return copy.deepcopy(data)
        return original(*parts)

    monkeypatch.setattr(reference, "load_json_resource", load)
    shipped_catalogue.cache_clear()
    yield data
    shipped_catalogue.cache_clear()
    reference.reset_catalogue()


def _item(data: dict, code: str) -> dict:
    return next(i for i in data["items"] if i["code"] == code)


def _update(database) -> None:
    """What opening the database with a new version does."""
    shipped_catalogue.cache_clear()
    with database.session_factory.begin() as s:
        ensure_catalogue(s)


def _amounts(database, did: int) -> list[int]:
    with database.session_factory() as s:
        return [line.amount for line in money.decision_amounts(s, did).lines]


def _decision(database, agency, code: str, day: date, number: str) -> int:
    with database.session_factory.begin() as s:
        return add_decision(
            s,
            number=number,
            day=day,
            code=code,
            lines=[("CA_NHAN", agency.people["nam"], code)],
            period=(day.year - 1, day.year - 1),
        )


def test_the_database_is_the_catalogue_in_use(database) -> None:
    with database.session_factory.begin() as s:
        row = s.get(CatalogueItemRow, "GK_SO")
        row.name = "Giấy khen của Giám đốc Sở (tên trong CSDL)"
    with database.session_factory() as s:
        assert catalogue(s).get("GK_SO").name.endswith("(tên trong CSDL)")
    assert catalogue().get("GK_SO").name.endswith("(tên trong CSDL)")  # kept for the callers
    assert shipped_catalogue().get("GK_SO").name == "Giấy khen của Giám đốc Sở"
    reference.reset_catalogue()


def test_every_item_is_seeded_with_its_dated_coefficients(database) -> None:
    with database.session_factory() as s:
        rows = s.scalars(
            select(CatalogueCoefficient).where(CatalogueCoefficient.code == "LDTT")
        ).all()
        cat = catalogue(s)
    assert [(r.effective_from, r.source) for r in sorted(rows, key=lambda r: r.effective_from)] == [
        (date(2024, 1, 1), "SHIPPED"),
        (date(2025, 7, 1), "SHIPPED"),
    ]
    ldtt = cat.get("LDTT")
    assert ldtt.coefficients_on(date(2024, 5, 1))["CA_NHAN"] == Decimal("0.3")
    assert ldtt.step_on(date(2024, 5, 1)).legal_basis.startswith("Nghị định 98/2023")
    assert ldtt.step_on(date(2024, 5, 1)).verified
    assert not cat.get("TTLDTT").step_on(date(2024, 5, 1)).verified  # NĐ 98/2023: UNVERIFIED
    assert cat.get("LDTT").coefficients_on(date(2023, 12, 31)) == {}


def test_a_changed_shipped_coefficient_reaches_the_amounts(database, agency, shipped) -> None:
    did = _decision(database, agency, "GK_SO", date(2026, 1, 20), "05/QĐ-SNNMT")
    assert _amounts(database, did) == [710_000]  # 0.3 x 2,340,000, rounded up
    _item(shipped, "GK_SO")["coefficients"]["CA_NHAN"] = "0.4"
    assert _amounts(database, did) == [710_000]  # the database's until the update
    _update(database)
    assert _amounts(database, did) == [940_000]  # 0.4 x 2,340,000 = 936,000, rounded up
    with database.session_factory() as s:
        row = s.get(CatalogueItemRow, "GK_SO")
        assert row.coef_ca_nhan == Decimal("0.4") and row.clerk_changed is None


def test_a_clerks_change_survives_the_update(database, agency, shipped) -> None:
    did = _decision(database, agency, "LDTT", date(2026, 1, 20), "06/QĐ-SNNMT")
    with database.session_factory() as s:
        shown = next(r for r in items.list_catalogue(s) if r.code == "LDTT")
    with database.session_factory.begin() as s:
        items.set_coefficients(
            s,
            "LDTT",
            CoefficientEdit(date(2025, 7, 1), {"CA_NHAN": Decimal("0.35")}, "QĐ 86/2025 của tỉnh"),
            expected_version=shown.version,
        )
        changed = items.update_item(
            s,
            "LDTT",
            ItemEdit("Lao động tiên tiến (tỉnh)", "LĐTT", ("LĐ tiên tiến",), False, "Giám đốc Sở"),
            expected_version=shown.version + 1,
        )
    assert changed.clerk_changed == ("name", "synonyms", "legal_basis")
    assert changed.shipped["name"] == "Lao động tiên tiến"
    assert _amounts(database, did) == [820_000]  # 0.35 x 2,340,000 = 819,000
    _item(shipped, "LDTT")["coefficients"]["CA_NHAN"] = "0.5"
    _item(shipped, "LDTT")["name"] = "Danh hiệu Lao động tiên tiến"
    _item(shipped, "LDTT")["short"] = "LĐTT (mới)"
    _update(database)
    assert _amounts(database, did) == [820_000]  # the clerk's coefficient of that date stays
    with database.session_factory() as s:
        ldtt = catalogue(s).get("LDTT")
        assert ldtt.name == "Lao động tiên tiến (tỉnh)"  # the clerk's name stays
        assert ldtt.short == "LĐTT (mới)"  # a field the clerk did not change follows
        assert ldtt.coefficients_on(date(2025, 1, 1))["CA_NHAN"] == Decimal("0.5")  # shipped
        log = s.scalars(
            select(AuditLog).where(
                AuditLog.table_name.in_(("catalogue_coefficient", "catalogue_item"))
            )
        ).all()
    assert any(
        e.action == "UPDATE" and e.record_id == "LDTT" and "(tỉnh)" in (e.after or "") for e in log
    )
    assert any(e.user == "kiemthu" and "0.35" in (e.after or "") for e in log)


def test_a_2024_decision_is_priced_by_the_2024_coefficients(database, agency, shipped) -> None:
    _item(shipped, "GK_SO")["coefficient_steps"] = [
        {
            "effective_from": "2024-01-01",
            "coefficients": {"CA_NHAN": "0.15", "TAP_THE": "0.3"},
            "legal_basis": "Nghị định 98/2023/NĐ-CP (thử)",
            "status": "verified",
        }
    ]
    _update(database)
    old = _decision(database, agency, "GK_SO", date(2024, 10, 10), "07/QĐ-SNNMT")
    new = _decision(database, agency, "GK_SO", date(2025, 7, 1), "08/QĐ-SNNMT")
    assert _amounts(database, old) == [360_000]  # 0.15 x 2,340,000 = 351,000, rounded up
    assert _amounts(database, new) == [710_000]  # NĐ 152/2025 from 01/7/2025: 0.3
    with database.session_factory() as s:
        line = money.decision_amounts(s, old).lines[0]
    assert line.coefficient == Decimal("0.15")


def test_a_clerk_dates_coefficients_and_takes_them_back(database, agency) -> None:
    did = _decision(database, agency, "GK_SO", date(2024, 10, 10), "09/QĐ-SNNMT")
    assert _amounts(database, did) == [710_000]  # shipped 2024 step (UNVERIFIED): 0.3
    with database.session_factory() as s:
        shown = next(r for r in items.list_catalogue(s) if r.code == "GK_SO")
    edit = CoefficientEdit(date(2024, 1, 1), {"CA_NHAN": Decimal("0.2")}, "Nghị định 98/2023")
    with database.session_factory.begin() as s:
        row = items.set_coefficients(s, "GK_SO", edit, expected_version=shown.version)
    assert _amounts(database, did) == [470_000]  # 0.2 x 2,340,000 = 468,000
    step = next(x for x in row.steps if x.effective_from == date(2024, 1, 1))
    assert step.by_clerk and step.shipped == {
        "CA_NHAN": Decimal("0.3"),
        "TAP_THE": Decimal("0.6"),
        "HO_GIA_DINH": Decimal("0.45"),
    }
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        items.set_coefficients(s, "GK_SO", edit, expected_version=shown.version)  # stale
    with database.session_factory.begin() as s:
        items.delete_coefficients(s, "GK_SO", date(2024, 1, 1), expected_version=row.version)
    assert _amounts(database, did) == [710_000]


def test_bad_coefficients_are_refused(database) -> None:
    with database.session_factory() as s:
        shown = next(r for r in items.list_catalogue(s) if r.code == "GK_SO")
    for edit, fragment in (
        (CoefficientEdit(None, {"CA_NHAN": Decimal("0.3")}, "X"), "ngày áp dụng"),
        (CoefficientEdit(date(2027, 1, 1), {}, "X"), "Chưa nhập hệ số"),
        (CoefficientEdit(date(2027, 1, 1), {"CA_NHAN": Decimal("-1")}, "X"), "không hợp lệ"),
        (CoefficientEdit(date(2027, 1, 1), {"CA_NHAN": Decimal("0.3")}, " "), "căn cứ pháp lý"),
    ):
        with pytest.raises(ValidationError, match=fragment), database.session_factory.begin() as s:
            items.set_coefficients(s, "GK_SO", edit, expected_version=shown.version)
    with (
        pytest.raises(ValidationError, match="không dành cho"),
        database.session_factory.begin() as s,
    ):
        items.set_coefficients(
            s,
            "LDTT",
            CoefficientEdit(date(2027, 1, 1), {"TAP_THE": Decimal("1")}, "X"),
            expected_version=1,
        )


def test_a_local_form_is_added_priced_and_deleted_while_unused(database, agency) -> None:
    form = NewForm(
        "Giấy khen của Giám đốc Sở Tư pháp",
        "GK Sở Tư pháp",
        ("CA_NHAN", "TAP_THE"),
        decided_by="Giám đốc Sở Tư pháp",
        synonyms=("Giấy khen Sở Tư pháp",),
        coefficients=CoefficientEdit(
            date(2025, 7, 1),
            {"CA_NHAN": Decimal("0.3"), "TAP_THE": Decimal("0.6")},
            "Nghị định 152/2025, Điều 54 khoản 1 điểm e",
        ),
    )
    with database.session_factory.begin() as s:
        added = items.add_form(s, form)
    assert added.code == "GK_SO_TU_PHAP" and added.local
    with database.session_factory() as s:
        assert catalogue(s).match("giay khen so tu phap").code == "GK_SO_TU_PHAP"
    with database.session_factory.begin() as s:
        items.delete_form(s, "GK_SO_TU_PHAP", expected_version=added.version)
        items.add_form(s, form)
    did = _decision(database, agency, "GK_SO_TU_PHAP", date(2026, 1, 20), "10/QĐ-SNNMT")
    assert _amounts(database, did) == [710_000]
    with database.session_factory() as s:
        version = next(r.version for r in items.list_catalogue(s) if r.code == "GK_SO_TU_PHAP")
    with (
        pytest.raises(ValidationError, match="đã được dùng"),
        database.session_factory.begin() as s,
    ):
        items.delete_form(s, "GK_SO_TU_PHAP", expected_version=version)
    with pytest.raises(ValidationError, match="có sẵn"), database.session_factory.begin() as s:
        items.delete_form(s, "GK_SO", expected_version=1)
    # an update of the shipped catalogue leaves a local form alone
    _update(database)
    with database.session_factory() as s:
        assert catalogue(s).get("GK_SO_TU_PHAP").name == "Giấy khen của Giám đốc Sở Tư pháp"


def test_history_only_and_reset(database) -> None:
    with database.session_factory() as s:
        shown = next(r for r in items.list_catalogue(s) if r.code == "GK_XA")
    edit = ItemEdit(
        shown.name, shown.short, shown.synonyms, True, shown.decided_by, shown.legal_basis
    )
    with database.session_factory.begin() as s:
        row = items.update_item(s, "GK_XA", edit, expected_version=shown.version)
    assert row.history_only and row.clerk_changed == ("history_only",)
    with database.session_factory.begin() as s:
        back = items.reset_item(s, "GK_XA", expected_version=row.version)
    assert not back.history_only and back.clerk_changed == ()
    with database.session_factory() as s:
        assert s.get(CatalogueItemRow, "GK_XA").clerk_changed is None
        assert json.loads(s.get(CatalogueItemRow, "GK_XA").synonyms or "[]")
