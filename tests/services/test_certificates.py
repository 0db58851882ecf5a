"""What goes on each certificate of a decision, the layouts a clerk overrides, the wording of a
decision, and the printer offsets and scans kept per machine."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.config import local_settings_file, resources_root
from app.domain.certificate_layout import Calibration
from app.domain.errors import ValidationError
from app.services import certificate_settings as machine
from app.services import certificates as svc
from app.services.database import Database
from app.services.settings import get_setting
from certificate_factory import LONG_HOUSEHOLD, NUMBER, CertificateWorld, build_certificate_decision
from decision_factory import add_decision


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def world(database: Database) -> CertificateWorld:
    with database.session_factory.begin() as s:
        return build_certificate_decision(s)


def batch(database: Database, decision_id: int, **kw) -> svc.CertificateBatch:  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        return svc.certificate_batch(s, decision_id, **kw)


def test_each_line_gets_its_values_in_the_decisions_order(database, world) -> None:  # type: ignore[no-untyped-def]
    got = batch(database, world.decision_id)
    assert [s.label for s in got.sheets] == [
        "1. Bà Nguyễn Thị Hà",
        "2. Ông Trần Văn Nam",
        "3. Chi cục Kiểm lâm",
        f"4. {LONG_HOUSEHOLD}",
    ]
    assert got.skipped == ("5. Ông Phạm Đức Minh: khen thưởng đã bị thu hồi, không in",)
    assert set(got.layouts) == {"GK_SO"} and {s.layout_code for s in got.sheets} == {"GK_SO"}
    ha = got.sheets[0].values
    assert ha["recipient"] == "Bà Nguyễn Thị Hà" and ha["name"] == "Nguyễn Thị Hà"
    assert (ha["position"], ha["unit"]) == ("Chánh Văn phòng", "Văn phòng Sở")
    assert ha["golden_book_no"] == "1" and got.sheets[1].values["golden_book_no"] == "2"
    assert ha["decision_number"] == NUMBER and ha["decision_date"] == "15/01/2026"
    assert ha["place_date"] == "Tuyên Quang, ngày 15 tháng 01 năm 2026"
    assert (ha["signer_authority"], ha["signer_title"]) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert ha["signer_name"] == "Nguyễn Văn Thành"
    assert ha["authority"] == "Giám đốc Sở Nông nghiệp và Môi trường"
    assert ha["award"] == "Giấy khen của Giám đốc Sở" and ha["period"] == "năm 2025"
    # the layout's wording, with the period put in
    assert ha["achievement"] == "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025"
    branch = got.sheets[2].values
    assert branch["recipient"] == "Chi cục Kiểm lâm" and branch["salutation"] == ""


def test_one_recipient_or_a_selection(database, world) -> None:  # type: ignore[no-untyped-def]
    one = batch(database, world.decision_id, recipient_ids=[world.lines["nam"]])
    assert [s.recipient_id for s in one.sheets] == [world.lines["nam"]]
    two = batch(
        database, world.decision_id, recipient_ids=[world.lines["branch"], world.lines["ha"]]
    )
    assert [s.label[:2] for s in two.sheets] == ["1.", "3."]  # still in the decision's order
    with pytest.raises(ValidationError, match="Không có giấy khen nào để in.*thu hồi"):
        batch(database, world.decision_id, recipient_ids=[world.lines["minh"]])


def test_the_wording_of_the_decision_wins_over_the_layouts(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        saved = svc.save_decision_wording(
            s, world.decision_id, "  Đã hoàn thành xuất sắc nhiệm vụ {period}  "
        )
    assert saved == "Đã hoàn thành xuất sắc nhiệm vụ {period}"
    with database.session_factory() as s:
        assert svc.decision_wording(s, world.decision_id) == saved
        assert get_setting(s, f"certificate_wording:{world.decision_id}") == saved
        assert svc.certificate_source(s, world.decision_id).wording == saved
    got = batch(database, world.decision_id)
    assert got.sheets[0].values["achievement"] == "Đã hoàn thành xuất sắc nhiệm vụ năm 2025"
    # typed in the dialog for this print only
    once = batch(database, world.decision_id, wording="Vì thành tích {award}")
    assert once.sheets[0].values["achievement"] == "Vì thành tích Giấy khen của Giám đốc Sở"
    with database.session_factory.begin() as s, pytest.raises(ValidationError, match="{ho_ten}"):
        svc.save_decision_wording(s, world.decision_id, "Đã {ho_ten}")
    with database.session_factory.begin() as s:
        assert svc.save_decision_wording(s, world.decision_id, "") == ""
    assert (
        batch(database, world.decision_id)
        .sheets[0]
        .values["achievement"]
        .startswith("Đã có thành tích xuất sắc trong phong trào thi đua")
    )


def test_only_issued_decisions_print(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        draft = add_decision(
            s,
            number="",
            day=None,
            code="GK_SO",
            lines=[("CA_NHAN", world.agency.people["ha"], "")],
            status="DRAFT",
        )
        revoked = add_decision(
            s,
            number="20/QĐ-SNNMT",
            day=date(2026, 3, 1),
            code="GK_SO",
            lines=[("CA_NHAN", world.agency.people["ha"], "")],
            status="REVOKED",
        )
    with database.session_factory() as s:
        assert "dự thảo" in (svc.certificate_source(s, draft).problem or "")
        assert "thu hồi" in (svc.certificate_source(s, revoked).problem or "")
        assert svc.certificate_source(s, world.decision_id).problem is None
    with pytest.raises(ValidationError, match="ban hành quyết định trước"):
        batch(database, draft)


def test_a_line_without_a_layout_needs_one_chosen(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        titles = add_decision(
            s,
            number="30/QĐ-SNNMT",
            day=date(2026, 1, 20),
            code="CSTDCS",
            lines=[("CA_NHAN", world.agency.people["ha"], "")],
            golden=True,
        )
    with pytest.raises(ValidationError, match="Không có mẫu phôi cho .*Chiến sĩ thi đua cơ sở"):
        batch(database, titles)
    chosen = batch(database, titles, layout_code="GK_SO")  # printed on the Giấy khen blank
    assert chosen.sheets[0].values["award"] == "Chiến sĩ thi đua cơ sở"
    assert chosen.sheets[0].layout_code == "GK_SO"
    with pytest.raises(ValidationError, match="Không có mẫu phôi 'XYZ'"):
        batch(database, titles, layout_code="XYZ")


def test_a_layout_file_in_the_data_folder_replaces_and_adds_layouts(
    database, world, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((resources_root() / "data" / svc.LAYOUTS_FILE).read_text(encoding="utf-8"))
    gk = data["layouts"][0]
    gk["achievement"] = "Đã có thành tích trong công tác {period}"
    gk["achievement_by_award"] = {"LDTT": "Đạt danh hiệu {award} {period}"}
    title = json.loads(json.dumps(gk))
    title.update(code="GCN_CSTDCS", name="Giấy chứng nhận CSTĐCS", awards=["CSTDCS"])
    title.update(achievement="", achievement_by_award={})  # the catalogue's wording then
    (private_data_dir / svc.LAYOUTS_FILE).write_text(
        json.dumps({"layouts": [gk, title]}, ensure_ascii=False), encoding="utf-8"
    )
    layouts = svc.certificate_layouts()
    assert list(layouts) == ["GK_SO", "BK_TINH", "BK_BO", "GCN_CSTDCS"]
    got = batch(database, world.decision_id)
    assert got.sheets[0].values["achievement"] == "Đã có thành tích trong công tác năm 2025"
    with database.session_factory.begin() as s:
        titles = add_decision(
            s,
            number="31/QĐ-SNNMT",
            day=date(2026, 1, 20),
            code="CSTDCS",
            lines=[("CA_NHAN", world.agency.people["nam"], "")],
            golden=True,
        )
        ldtt = add_decision(
            s,
            number="32/QĐ-SNNMT",
            day=date(2026, 1, 20),
            code="LDTT",
            lines=[("CA_NHAN", world.agency.people["nam"], "")],
            golden=True,
        )
    sheet = batch(database, titles).sheets[0]
    assert sheet.layout_code == "GCN_CSTDCS"
    assert sheet.values["achievement"] == 'Đã đạt danh hiệu "Chiến sĩ thi đua cơ sở" năm 2025'
    sheet = batch(database, ldtt, layout_code="GK_SO").sheets[0]
    assert sheet.values["achievement"] == "Đạt danh hiệu Lao động tiên tiến năm 2025"
    # a mistake in the clerk's file is named with the file
    gk["fields"][0]["x_mm"] = -5
    (private_data_dir / svc.LAYOUTS_FILE).write_text(
        json.dumps({"layouts": [gk]}), encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="certificate_layouts.json: mẫu GK_SO"):
        svc.certificate_layouts()


def test_editable_copy_of_the_layouts(private_data_dir: Path) -> None:
    path = svc.editable_layouts_file()
    assert path == private_data_dir / svc.LAYOUTS_FILE and path.is_file()
    path.write_text('{"layouts": []}', encoding="utf-8")
    assert svc.editable_layouts_file().read_text(encoding="utf-8") == '{"layouts": []}'  # kept


def test_offsets_are_kept_per_printer_in_the_machines_settings_file(tmp_path: Path) -> None:
    assert machine.get_calibration("HP LaserJet") == Calibration()
    machine.save_calibration("HP LaserJet", Calibration(1.25, -2))
    machine.save_calibration(machine.PDF_TARGET, Calibration(0.5, 0))
    assert machine.get_calibration("HP LaserJet") == Calibration(1.25, -2)
    assert machine.get_calibration("Canon") == Calibration()
    saved = json.loads(local_settings_file().read_text(encoding="utf-8"))
    assert saved["certificates"]["calibration"] == {
        "HP LaserJet": {"x_mm": 1.25, "y_mm": -2.0},
        "(PDF)": {"x_mm": 0.5, "y_mm": 0.0},
    }
    with pytest.raises(ValidationError, match="±30"):
        machine.save_calibration("HP LaserJet", Calibration(45, 0))
    assert machine.get_calibration("HP LaserJet") == Calibration(1.25, -2)  # nothing saved


def test_scans_of_the_blanks_are_kept_per_machine(tmp_path: Path, private_data_dir: Path) -> None:
    from app.services.certificates import certificate_layouts

    layout = certificate_layouts()["GK_SO"]
    assert machine.background_file(layout) is None
    with pytest.raises(ValidationError, match="Không tìm thấy"):
        machine.save_background("GK_SO", str(tmp_path / "khong-co.png"))
    (tmp_path / "phoi.txt").write_text("x")
    with pytest.raises(ValidationError, match="không phải ảnh"):
        machine.save_background("GK_SO", str(tmp_path / "phoi.txt"))
    (private_data_dir / "phoi.png").write_bytes(b"png")
    machine.save_background("GK_SO", "phoi.png")  # relative: from the data folder
    assert machine.background_file(layout) == private_data_dir / "phoi.png"
    machine.save_background("GK_SO", "")
    assert machine.get_background("GK_SO") == ""
