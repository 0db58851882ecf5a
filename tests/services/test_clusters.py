"""Clusters of a year (app.services.clusters): entering them, what the rules read, the import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db.models import Cluster, ClusterMember
from app.domain.clusters import ClusterInput, result_from_text
from app.domain.errors import ConflictError, ValidationError
from app.domain.units import UnitInput
from app.excel.cluster_import import read_cluster_file
from app.services import clusters as svc
from app.services import units as unit_svc

Y = 2025


@pytest.fixture
def units(database) -> dict[str, int]:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        out = {"SO": root.id}
        for code, name in (("CCKL", "Chi cục Kiểm lâm"), ("CCTL", "Chi cục Thủy lợi")):
            out[code] = unit_svc.create_unit(
                s, UnitInput(code=code, full_name=name, parent_id=root.id, kind="CHI_CUC")
            ).id
        gone = unit_svc.create_unit(
            s, UnitInput(code="CU", full_name="Phòng Cũ", parent_id=root.id)
        )
        unit_svc.dissolve_unit(s, gone.id, date(Y - 1, 1, 1), expected_version=gone.version)
        out["CU"] = gone.id
    return out


def test_enter_a_cluster_its_members_and_results(database, units) -> None:
    with database.session_factory.begin() as s:
        bloc = svc.create_cluster(s, Y, ClusterInput("  Khối các sở kinh tế ", "KHOI", "UBND_TINH"))
        assert bloc.name == "Khối các sở kinh tế"
        with pytest.raises(ValidationError, match="đã có cụm, khối thi đua"):
            svc.create_cluster(s, Y, ClusterInput("KHỐI CÁC SỞ KINH TẾ", "KHOI", "UBND_TINH"))
        with pytest.raises(ValidationError, match="Cơ quan tổ chức"):
            svc.create_cluster(s, Y, ClusterInput("Cụm khác", "CUM", "HUYEN"))
        svc.create_cluster(s, Y + 1, ClusterInput("Khối các sở kinh tế", "KHOI", "UBND_TINH"))
        bloc = svc.add_members(s, bloc.id, [units["SO"], units["CCKL"], units["SO"]])
        assert [m.unit_name for m in bloc.members] == [
            "Chi cục Kiểm lâm",
            "Sở Nông nghiệp và Môi trường",
        ]
        with pytest.raises(ValidationError, match="không hoạt động trong năm 2025"):
            svc.add_members(s, bloc.id, [units["CU"]])
        member = next(m for m in bloc.members if m.unit_id == units["SO"])
        assert member.result is None
        svc.set_result(s, member.id, "DAN_DAU", note="Biên bản họp khối ngày 10/12")
        with pytest.raises(ValidationError, match="không hợp lệ"):
            svc.set_result(s, member.id, "NHAT")
    with database.session_factory() as s:
        listed = svc.list_clusters(s, Y)
        by_unit, entered = svc.cluster_results(s, Y)
    assert [c.name for c in listed] == ["Khối các sở kinh tế"]
    assert listed[0].results_entered == 1
    assert entered == {(Y, "UBND_TINH")}
    assert [(r.cluster, r.organiser, r.result) for r in by_unit[units["SO"]]] == [
        ("Khối các sở kinh tế", "UBND_TINH", "DAN_DAU")
    ]
    assert by_unit[units["CCKL"]][0].result is None


def test_edit_with_a_stale_version_is_refused(database, units) -> None:
    with database.session_factory.begin() as s:
        cluster = svc.create_cluster(s, Y, ClusterInput("Cụm 1", "CUM", "SO"))
    with database.session_factory.begin() as s:
        svc.update_cluster(
            s, cluster.id, ClusterInput("Cụm số 1", "CUM", "SO"), expected_version=cluster.version
        )
    with database.session_factory.begin() as s, pytest.raises(ConflictError):
        svc.update_cluster(
            s, cluster.id, ClusterInput("Cụm một", "CUM", "SO"), expected_version=cluster.version
        )
    with database.session_factory() as s:
        assert svc.get_cluster(s, cluster.id).name == "Cụm số 1"


def test_delete_removes_members_and_copy_starts_next_year_without_results(database, units) -> None:
    with database.session_factory.begin() as s:
        a = svc.create_cluster(s, Y, ClusterInput("Cụm các Chi cục", "CUM", "SO"))
        a = svc.add_members(s, a.id, [units["CCKL"], units["CCTL"]])
        svc.set_result(s, a.members[0].id, "DAN_DAU")
        b = svc.create_cluster(s, Y, ClusterInput("Khối kinh tế", "KHOI", "UBND_TINH"))
        assert svc.copy_clusters(s, Y, Y + 1) == 2
        assert svc.copy_clusters(s, Y, Y + 1) == 0  # already there
        svc.delete_cluster(s, b.id)
    with database.session_factory() as s:
        assert [c.name for c in svc.list_clusters(s, Y)] == ["Cụm các Chi cục"]
        copied = svc.list_clusters(s, Y + 1)
        assert {c.name for c in copied} == {"Cụm các Chi cục", "Khối kinh tế"}
        chi_cuc = next(c for c in copied if c.name == "Cụm các Chi cục")
        assert len(chi_cuc.members) == 2 and chi_cuc.results_entered == 0
        assert s.scalar(select(func.count()).select_from(ClusterMember)) == 4


# --- import ----------------------------------------------------------------------------------


def write(path: Path, rows: list[list], title: str | None = "DANH SÁCH CỤM, KHỐI THI ĐUA") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Cum khoi"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["STT", "Cụm, khối thi đua", "Cơ quan tổ chức", "Tên đơn vị", "Kết quả", "Ghi chú"]
GOOD = [
    HEADER,
    [1, "Khối các sở kinh tế", "UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Dẫn đầu", None],
    [2, "Cụm các Chi cục", "Sở", "Chi cục Kiểm lâm", "Suy tôn", None],
    [3, "Cụm các Chi cục", None, "chi cuc thuy loi", None, "chưa bình xét"],
]


def _import(database, path: Path, *, dry_run: bool = False):
    data = read_cluster_file(path)
    with database.session_factory.begin() as s:
        return svc.import_clusters(s, data, Y, dry_run=dry_run)


def test_import_a_good_file(database, units, tmp_path) -> None:
    path = write(tmp_path / "cum.xlsx", GOOD)
    report = _import(database, path, dry_run=True)
    assert not report.blocked and not report.written
    assert (report.clusters_added, report.members_added, report.results_set) == (2, 3, 2)
    with database.session_factory() as s:
        assert not svc.list_clusters(s, Y)
    report = _import(database, path)
    assert report.written and report.lines()[-1].startswith("Đã thêm 2 cụm, khối")
    with database.session_factory() as s:
        listed = {c.name: c for c in svc.list_clusters(s, Y)}
    assert listed["Khối các sở kinh tế"].organiser == "UBND_TINH"
    assert listed["Khối các sở kinh tế"].kind == "KHOI"
    chi_cuc = listed["Cụm các Chi cục"]
    assert (chi_cuc.kind, chi_cuc.organiser) == ("CUM", "SO")
    assert {m.unit_name: m.result for m in chi_cuc.members} == {
        "Chi cục Kiểm lâm": "SUY_TON",
        "Chi cục Thủy lợi": None,
    }
    # again, with a result for Thủy lợi and none for Kiểm lâm: the entered one is kept
    again = [HEADER, [1, "Cụm các Chi cục", "Sở", "Chi cục Thủy lợi", "Không", None]]
    again.append([2, "Cụm các Chi cục", "Sở", "Chi cục Kiểm lâm", None, None])
    report = _import(database, write(tmp_path / "lai.xlsx", again))
    assert (report.clusters_added, report.members_added, report.results_set) == (0, 0, 1)
    with database.session_factory() as s:
        chi_cuc = next(c for c in svc.list_clusters(s, Y) if c.name == "Cụm các Chi cục")
    assert {m.unit_name: m.result for m in chi_cuc.members} == {
        "Chi cục Kiểm lâm": "SUY_TON",
        "Chi cục Thủy lợi": "KHONG",
    }


def test_a_file_with_group_rows_for_its_clusters(database, units, tmp_path) -> None:
    rows = [
        ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Kết quả bình xét"],
        ["I", "Khối thi đua các sở kinh tế"],
        [1, "Sở Nông nghiệp và Môi trường", None, "Dẫn đầu"],
        ["II", "Cụm thi đua các Chi cục"],
        [1, "Chi cục Kiểm lâm", "Sở Nông nghiệp và Môi trường", "x dẫn đầu"],
    ]
    path = write(tmp_path / "nhom.xlsx", rows, title=None)
    with database.session_factory.begin() as s:
        svc.create_cluster(s, Y, ClusterInput("Cụm thi đua các Chi cục", "CUM", "SO"))
    report = _import(database, path)
    # the bloc is new and no row says who organises it: nothing is written
    assert report.blocked and not report.written
    assert [i.text() for i in report.issues] == [
        "dòng 3: Chưa ghi cơ quan tổ chức của 'Khối thi đua các sở kinh tế' (UBND tỉnh, Bộ, Sở)"
    ]
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ClusterMember)) == 0
    with database.session_factory.begin() as s:  # the clerk enters the bloc, then imports again
        svc.create_cluster(s, Y, ClusterInput("Khối thi đua các sở kinh tế", "KHOI", "UBND_TINH"))
    report = _import(database, path)
    assert report.written, report.lines()
    with database.session_factory() as s:
        results = {
            (c.name, m.unit_name): m.result for c in svc.list_clusters(s, Y) for m in c.members
        }
    assert results == {
        ("Khối thi đua các sở kinh tế", "Sở Nông nghiệp và Môi trường"): "DAN_DAU",
        ("Cụm thi đua các Chi cục", "Chi cục Kiểm lâm"): "DAN_DAU",
    }


def test_a_refused_file_changes_nothing_and_names_its_columns(database, units, tmp_path) -> None:
    rows = [
        HEADER,
        [1, "Khối các sở kinh tế", "UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Dẫn đầu", None],
        [2, "Cụm các Chi cục", "Huyện", "Chi cục Kiểm lâm", "Suy tôn", None],
        [3, "Cụm các Chi cục", "Sở", "Chi cục Chăn nuôi", "Nhất", None],
        [4, None, "Sở", "Chi cục Thủy lợi", None, None],
    ]
    report = _import(database, write(tmp_path / "sai.xlsx", rows))
    assert report.blocked and not report.written
    assert [i.text() for i in report.issues] == [
        "dòng 4, cột C (Cơ quan tổ chức): Cơ quan tổ chức 'Huyện' không hợp lệ (UBND tỉnh, Bộ, Sở)",
        "dòng 5, cột D (Tên đơn vị): Không tìm thấy đơn vị 'Chi cục Chăn nuôi' trong cây đơn vị",
        "dòng 5, cột E (Kết quả): Kết quả 'Nhất' không hợp lệ (Dẫn đầu, Suy tôn, Không hoặc để "
        "trống khi chưa bình xét)",
        "dòng 6, cột B (Cụm, khối thi đua): Thiếu tên cụm, khối thi đua của đơn vị này",
    ]
    assert report.lines()[-1] == "KHÔNG ghi gì vào CSDL: sửa các lỗi trên rồi nhập lại."
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Cluster)) == 0


def test_a_file_without_rows_is_refused(database, units, tmp_path) -> None:
    report = _import(database, write(tmp_path / "rong.xlsx", [HEADER]))
    assert report.blocked and report.total_rows == 0
    assert "Tệp không có dòng dữ liệu nào" in "\n".join(report.lines())


@pytest.mark.parametrize(
    ("text", "code"),
    [("Dẫn đầu", "DAN_DAU"), ("DAN DAU", "DAN_DAU"), ("suy tôn", "SUY_TON"), ("Không", "KHONG")],
)
def test_result_words(text, code) -> None:
    assert result_from_text(text) == code
    assert result_from_text("Giải nhất") is None
