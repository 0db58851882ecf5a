"""Build the old-version database files tests/data/tdkt-NNNN.sqlite.

A file of revision N is an empty SQLite file brought up with Alembic one revision at a time, the
way a clerk's file grew: after each revision R <= N, the rows a clerk of that version could have
entered are inserted with plain SQL valid at R (rows in the tables R creates, values in the
columns R adds, rows that link old records to new ones). So every file went through the real
migrations with data in it and holds rows in every table that exists at its revision: people
with history (posts in renamed and merged units, grades, awards, discipline and holds,
initiatives), campaigns with sign-ups, a Council session with votes, an issued decision with its
lines and the award records it made, households, clusters...

tests/db/test_migrations.py upgrades each file to head and compares every row of every table.

    .venv/bin/python tests/data/make_old_versions.py          # the files missing
    .venv/bin/python tests/data/make_old_versions.py 0008     # tdkt-0008.sqlite again
    .venv/bin/python tests/data/make_old_versions.py --all    # every revision before head

After adding migration NNNN, run it without arguments: it builds the file of the revision before
NNNN. Add ``step_NNNN`` below too (rows for the tables NNNN creates, values for the columns it
adds): the file of NNNN, built when the next migration comes, needs it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from app.config import sqlite_url
from app.db.engine import make_engine
from app.db.migrate import migrate, script_directory

HERE = Path(__file__).resolve().parent

# Fixed times keep the rows the same from one build to the next (migration 0005 stamps its own).
T1 = "2024-01-15 08:00:00.000000"
T2 = "2025-03-10 09:30:00.000000"
T3 = "2025-12-22 14:00:00.000000"

Row = dict[str, Any]


def insert(conn: Connection, table: str, rows: list[Row]) -> None:
    for row in rows:
        columns = ", ".join(f'"{c}"' for c in row)
        values = ", ".join(f":{c}" for c in row)
        conn.execute(text(f'INSERT INTO "{table}" ({columns}) VALUES ({values})'), row)


def update(conn: Connection, table: str, key: Row, values: Row) -> None:
    sets = ", ".join(f'"{c}" = :set_{c}' for c in values)
    where = " AND ".join(f'"{c}" = :key_{c}' for c in key)
    params = {f"set_{c}": v for c, v in values.items()} | {f"key_{c}": v for c, v in key.items()}
    result = conn.execute(text(f'UPDATE "{table}" SET {sets} WHERE {where}'), params)
    assert result.rowcount == 1, (table, key)


def stamped(rows: list[Row], when: str = T1, by: str | None = "lan") -> list[Row]:
    """Rows with their timestamps (and authors, for tables that have them)."""
    extra: Row = {"created_at": when, "updated_at": when}
    if by is not None:
        extra |= {"created_by": by, "updated_by": by}
    return [row | extra for row in rows]


# ------------------------------------------------------------------------------ revision 0001


def _catalogue_item(code: str, name: str, short: str, kind: str, subjects: str, level: str,
                    decided_by: str, rank: int, order: int, coef: tuple[Any, Any, Any],
                    history_only: int = 0, once: int = 0) -> Row:  # fmt: skip
    return {
        "code": code, "name": name, "short_name": short, "kind": kind, "subjects": subjects,
        "level": level, "decided_by": decided_by, "rank": rank, "coef_ca_nhan": coef[0],
        "coef_tap_the": coef[1], "coef_ho_gia_dinh": coef[2], "history_only": history_only,
        "once_in_lifetime": once, "display_order": order,
        "legal_basis": "Luật Thi đua, khen thưởng 2022",
    }  # fmt: skip


def step_0001(conn: Connection) -> None:
    """Catalogue, units (one merged into the new Sở), people with posts, grades, awards,
    discipline, initiatives, the audit log."""
    insert(conn, "app_meta", [{"key": "created_by_version", "value": "0.1.0"}])
    insert(conn, "catalogue_item", stamped([
        _catalogue_item("LDTT", "Lao động tiên tiến", "LĐTT", "DANH_HIEU", "CA_NHAN", "CO_SO", "Giám đốc Sở", 10, 1, (0.3, None, None)),
        _catalogue_item("CSTDCS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", "DANH_HIEU", "CA_NHAN", "CO_SO", "Giám đốc Sở", 20, 2, (1.0, None, None)),
        _catalogue_item("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", "DANH_HIEU", "TAP_THE", "CO_SO", "Giám đốc Sở", 10, 6, (None, 0.8, None)),
        _catalogue_item("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", "DANH_HIEU", "TAP_THE", "BO_TINH", "Chủ tịch UBND tỉnh", 20, 7, (None, 1.5, None)),
        _catalogue_item("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK UBND tỉnh", "HINH_THUC", "CA_NHAN,TAP_THE,HO_GIA_DINH", "BO_TINH", "Chủ tịch UBND tỉnh", 30, 12, (1.5, 3.0, 2.25)),
        # a clerk's own wording of a catalogue name: kept as it is by every later version
        _catalogue_item("GK_SO", "Giấy khen của Giám đốc Sở Nông nghiệp và Môi trường", "GK Sở", "HINH_THUC", "CA_NHAN,TAP_THE,HO_GIA_DINH", "CO_SO", "Giám đốc Sở", 10, 14, (0.3, 0.6, 0.45)),
        _catalogue_item("KNC_TNMT", 'Kỷ niệm chương "Vì sự nghiệp tài nguyên và môi trường"', "KNC TN&MT", "HINH_THUC", "CA_NHAN", "BO_TINH", "Bộ trưởng Bộ Tài nguyên và Môi trường", 15, 18, (0.6, None, None), history_only=1, once=1),
    ], by=None))  # fmt: skip
    unit_cols = ("id", "code", "full_name", "short_name", "name_key", "parent_id", "kind",
                 "collective_category", "display_order", "valid_from", "valid_to",
                 "successor_id", "end_reason", "note")  # fmt: skip
    units = [
        (1, "SO", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "so nong nghiep va moi truong", None, "CO_QUAN", "TT_HANH_CHINH", 0, "2025-03-01", None, None, None, None),
        (2, "STNMT", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "so tai nguyen va moi truong", None, "CO_QUAN", "TT_HANH_CHINH", 9, None, "2025-02-28", 1, "MERGE", "Hợp nhất vào Sở Nông nghiệp và Môi trường từ 01/3/2025"),
        (3, "VP", "Văn phòng Sở", None, "van phong so", 1, "VAN_PHONG", None, 1, None, None, None, None, None),
        (4, "KHTC", "Phòng Kế hoạch - Tài chính", "Phòng KH-TC", "phong ke hoach tai chinh", 1, "PHONG", None, 2, None, None, None, None, None),
        (5, "CCTL", "Chi cục Thủy lợi", None, "chi cuc thuy loi", 1, "CHI_CUC", "TT_HANH_CHINH", 3, None, None, None, None, None),
        (6, "CCTL_HCTH", "Phòng Hành chính - Tổng hợp", None, "phong hanh chinh tong hop", 5, "PHONG", None, 1, None, None, None, None, None),
        (7, "STNMT_VP", "Văn phòng Sở Tài nguyên và Môi trường", None, "van phong so tai nguyen va moi truong", 2, "VAN_PHONG", None, 1, None, "2025-02-28", 3, "MERGE", None),
    ]  # fmt: skip
    insert(conn, "unit", stamped([dict(zip(unit_cols, u, strict=True)) for u in units], by=None))
    person_cols = ("id", "ho_dem", "ten", "full_name", "name_key", "gender", "birth_date",
                   "birth_year", "staff_code", "citizen_id", "subject_category", "active",
                   "left_date", "left_reason", "note")  # fmt: skip
    people = [
        (1, "Nguyễn Văn", "An", "Nguyễn Văn An", "nguyen van an", "NAM", "1980-04-03", 1980, "CB01", "001080000001", "LD_PHO_PHONG", 1, None, None, None),
        (2, "Trần Thị", "Bình", "Trần Thị Bình", "tran thi binh", "NU", "1990-02-02", 1990, "CB02", None, None, 1, None, None, None),
        (3, "Lê Văn", "Cường", "Lê Văn Cường", "le van cuong", "NAM", "1975-11-20", 1975, "CB03", "001075000003", "LD_PHO_PHONG", 1, None, None, None),
        (4, "Phạm Thị", "Dung", "Phạm Thị Dung", "pham thi dung", "NU", None, 1988, None, None, None, 1, None, None, "Nhập từ danh sách cũ, chưa có ngày sinh"),
        (5, "Hoàng Văn", "Em", "Hoàng Văn Em", "hoang van em", "NAM", "1962-06-15", 1962, "CB05", None, None, 0, "2024-07-01", "Nghỉ hưu", None),
        (6, "Nguyễn Thị", "Hồng", "Nguyễn Thị Hồng", "nguyen thi hong", "NU", "1985-03-04", 1985, "CB06", None, None, 1, None, None, None),
    ]  # fmt: skip
    insert(conn, "person", stamped([dict(zip(person_cols, p, strict=True)) for p in people], by=None))  # fmt: skip
    assignment_cols = ("id", "person_id", "unit_id", "position_title", "position_rank",
                       "start_date", "end_date", "note")  # fmt: skip
    assignments = [
        (1, 1, 3, "Chánh Văn phòng", 30, "2018-01-01", None, None),
        (2, 2, 4, "Chuyên viên", 100, "2015-08-01", None, None),
        (3, 3, 5, "Chi cục trưởng", 30, "2012-05-01", None, None),
        (4, 4, 6, "Chuyên viên", 100, "2019-01-01", None, None),
        (5, 5, 4, "Phó Trưởng phòng", 40, "2000-01-01", "2024-06-30", None),
        (6, 6, 7, "Chuyên viên", 100, "2010-01-01", "2025-02-28", "Trước hợp nhất"),
        (7, 6, 3, "Phó Chánh Văn phòng", 40, "2025-03-01", None, None),
    ]  # fmt: skip
    insert(conn, "assignment", stamped([dict(zip(assignment_cols, a, strict=True)) for a in assignments], by=None))  # fmt: skip
    grades = [
        (1, 1, 2022, "HTXSNV", 12), (2, 1, 2023, "HTXSNV", 12), (3, 1, 2024, "HTXSNV", 12),
        (4, 2, 2023, "HTTNV", 12), (5, 2, 2024, "HTNV", 12),
        (6, 3, 2022, "HTTNV", 12), (7, 3, 2023, "HTXSNV", 12), (8, 3, 2024, "HTXSNV", 12),
        (9, 4, 2024, "HTTNV", 8),
        (10, 5, 2022, "HTTNV", 12), (11, 5, 2023, "HTTNV", 12),
        (12, 6, 2023, "HTTNV", 12), (13, 6, 2024, "HTXSNV", 12),
    ]  # fmt: skip
    insert(conn, "person_grade", stamped([
        {"id": g[0], "person_id": g[1], "year": g[2], "grade": g[3], "months_worked": g[4],
         "note": "Nghỉ thai sản 4 tháng" if g[4] < 12 else None}
        for g in grades
    ]))  # fmt: skip
    insert(conn, "unit_grade", stamped([
        {"id": 1, "unit_id": 3, "year": 2023, "grade": "HTXSNV", "note": None},
        {"id": 2, "unit_id": 3, "year": 2024, "grade": "HTXSNV", "note": None},
        {"id": 3, "unit_id": 4, "year": 2024, "grade": "HTTNV", "note": None},
        {"id": 4, "unit_id": 5, "year": 2024, "grade": "HTXSNV", "note": "Dẫn đầu khối"},
    ]))  # fmt: skip
    award_cols = ("id", "subject_kind", "person_id", "unit_id", "recipient_name",
                  "catalogue_code", "award_type", "year", "period_from_year", "period_to_year",
                  "decision_number", "decision_date", "authority", "subject_category",
                  "unit_text", "posthumous", "revoked", "source", "note")  # fmt: skip
    awards = [
        (1, "CA_NHAN", 1, None, None, "LDTT", "CONG_TRANG", 2022, None, None, "12/QĐ-STNMT", "2023-01-10", "Giám đốc Sở Tài nguyên và Môi trường", None, "Văn phòng Sở", 0, 0, "IMPORT", None),
        (2, "CA_NHAN", 1, None, None, "CSTDCS", "CONG_TRANG", 2023, None, None, "08/QĐ-STNMT", "2024-01-12", "Giám đốc Sở Tài nguyên và Môi trường", None, "Văn phòng Sở", 0, 0, "MANUAL", None),
        (3, "CA_NHAN", 3, None, None, "BK_TINH", "CONG_TRANG", None, 2021, 2022, "1520/QĐ-UBND", "2023-06-05", "Chủ tịch UBND tỉnh", "LD_PHO_PHONG", "Chi cục Thủy lợi", 0, 0, "IMPORT", "Thành tích 2 năm liên tục"),
        (4, "TAP_THE", None, 5, None, "TTLDXS", "CONG_TRANG", 2023, None, None, "205/QĐ-UBND", "2024-02-01", "Chủ tịch UBND tỉnh", "TT_HANH_CHINH", None, 0, 0, "MANUAL", None),
        (5, "CA_NHAN", 5, None, None, "KNC_TNMT", "NIEN_HAN", 2020, None, None, "3012/QĐ-BTNMT", "2020-11-20", "Bộ trưởng Bộ Tài nguyên và Môi trường", None, None, 0, 0, "IMPORT", None),
        (6, "CA_NHAN", 6, None, None, "GK_SO", "DOT_XUAT", 2024, None, None, "61/QĐ-STNMT", "2024-10-02", "Giám đốc Sở Tài nguyên và Môi trường", None, "Văn phòng Sở Tài nguyên và Môi trường", 0, 0, "MANUAL", None),
    ]  # fmt: skip
    insert(conn, "award_record", stamped([dict(zip(award_cols, a, strict=True)) for a in awards]))  # fmt: skip
    insert(conn, "discipline", stamped([
        {"id": 1, "person_id": 2, "kind": "KHIEN_TRACH", "start_date": "2023-05-10",
         "end_date": "2024-05-10", "decision_number": "45/QĐ-STNMT", "conclusion": None,
         "note": None},
        # an open hold, recorded under the code that version used
        {"id": 2, "person_id": 1, "kind": "DANG_XEM_XET", "start_date": "2025-03-01",
         "end_date": None, "decision_number": None, "conclusion": "đang xem xét", "note": None},
    ]))  # fmt: skip
    insert(conn, "initiative", stamped([
        {"id": 1, "title": "Số hóa hồ sơ thi đua, khen thưởng", "kind": "SANG_KIEN",
         "scope": "PV_CO_SO", "unit_id": 3, "year": 2023, "decision_number": "30/QĐ-STNMT",
         "decision_date": "2023-11-20", "recognized_by": "Hội đồng sáng kiến Sở",
         "summary": None},
        {"id": 2, "title": "Quy trình cấp phép khai thác nước mặt", "kind": "DE_TAI",
         "scope": "PV_TINH", "unit_id": 5, "year": 2022, "decision_number": "77/QĐ-UBND",
         "decision_date": "2022-12-15", "recognized_by": "UBND tỉnh",
         "summary": "Đề tài cấp tỉnh"},
    ]))  # fmt: skip
    insert(conn, "initiative_author", [
        {"initiative_id": 1, "person_id": 1, "author_order": 1},
        {"initiative_id": 1, "person_id": 2, "author_order": 2},
        {"initiative_id": 2, "person_id": 3, "author_order": 1},
    ])  # fmt: skip
    insert(conn, "audit_log", [
        {"id": 1, "at": T1, "user": "lan", "action": "INSERT", "table_name": "person",
         "record_id": "1", "before": None, "after": '{"full_name": "Nguyễn Văn An"}',
         "note": None},
        {"id": 2, "at": T1, "user": "lan", "action": "UPDATE", "table_name": "person",
         "record_id": "5", "before": '{"active": true}', "after": '{"active": false}',
         "note": None},
        {"id": 3, "at": T1, "user": "lan", "action": "IMPORT", "table_name": "award_record",
         "record_id": None, "before": None, "after": None,
         "note": "Nhập lịch sử khen thưởng: 3 dòng"},
    ])  # fmt: skip


# ------------------------------------------------------------------------------ revision 0002


def step_0002(conn: Connection) -> None:
    """The agency's settings."""
    agency = (
        '{"abbreviation": "SNNMT", "agency": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", '
        '"parent_body": "UBND TỈNH TUYÊN QUANG", "place": "Tuyên Quang", '
        '"preparer_title": "NGƯỜI LẬP BIỂU", "signer_authority": "KT. GIÁM ĐỐC", '
        '"signer_name": "Nguyễn Văn Thành", "signer_title": "PHÓ GIÁM ĐỐC"}'
    )
    insert(conn, "app_setting", stamped([{"key": "agency", "value": agency}], by="vanthu"))


# ------------------------------------------------------------------------------ revision 0003


def step_0003(conn: Connection) -> None:
    """A regular campaign with sign-ups of people and units, a thematic one with awards and an
    attachment."""
    insert(conn, "campaign", stamped([
        {"id": 1, "name": "Phong trào thi đua thường xuyên năm 2025", "kind": "PT_THUONG_XUYEN",
         "scope": "CO_QUAN_DON_VI", "year": 2025, "launch_number": "05/KH-SNNMT",
         "launch_date": "2025-01-20", "launch_level": "CAP_CO_SO", "start_date": "2025-01-01",
         "end_date": "2025-12-31", "registration_deadline": "2025-03-31",
         "review_until": None, "closed": 0, "for_collectives": 1, "for_individuals": 1,
         "subjects_text": None, "criteria": None, "note": None},
        {"id": 2, "name": "Thi đua chuyển đổi số 2024-2025", "kind": "PT_CHUYEN_DE",
         "scope": "CO_QUAN_DON_VI", "year": 2024, "launch_number": "112/KH-STNMT",
         "launch_date": "2024-03-01", "launch_level": "CAP_CO_SO", "start_date": "2024-03-01",
         "end_date": "2025-06-30", "registration_deadline": None, "review_until": "2025-08-31",
         "closed": 1, "for_collectives": 1, "for_individuals": 1,
         "subjects_text": "Cán bộ, công chức, viên chức", "criteria": "Hoàn thành số hóa 100%",
         "note": "Đã tổng kết"},
    ]))  # fmt: skip
    insert(conn, "campaign_attachment", stamped([
        {"id": 1, "campaign_id": 2, "file_name": "ke-hoach-chuyen-doi-so.pdf", "size": 48213,
         "sha256": "5f" * 32, "note": "Kế hoạch"},
    ]))  # fmt: skip
    insert(conn, "campaign_award", stamped([
        {"id": 1, "campaign_id": 2, "catalogue_code": "BK_TINH", "subject_kind": "CA_NHAN",
         "quantity": 3, "note": None},
        {"id": 2, "campaign_id": 2, "catalogue_code": "GK_SO", "subject_kind": "TAP_THE",
         "quantity": 2, "note": None},
    ]))  # fmt: skip
    insert(conn, "registration", stamped([
        {"id": 1, "campaign_id": 1, "person_id": 1, "unit_id": 3, "catalogue_code": "CSTDCS",
         "note": None, "flags": None, "source": "MANUAL"},
        {"id": 2, "campaign_id": 1, "person_id": 2, "unit_id": 4, "catalogue_code": "LDTT",
         "note": None, "flags": '["KY_LUAT"]', "source": "IMPORT"},
        {"id": 3, "campaign_id": 1, "person_id": 3, "unit_id": 5, "catalogue_code": "CSTDCS",
         "note": "Đăng ký muộn", "flags": None, "source": "MANUAL"},
        {"id": 4, "campaign_id": 1, "person_id": 6, "unit_id": 3, "catalogue_code": "CSTDCS",
         "note": None, "flags": None, "source": "QUICK"},
    ]))  # fmt: skip
    insert(conn, "unit_registration", stamped([
        {"id": 1, "campaign_id": 1, "unit_id": 3, "catalogue_code": "TTLDXS", "note": None,
         "flags": None, "status": "DA_DUYET", "submitted_on": "2025-03-15",
         "returned_on": None, "return_reason": None, "approved_on": "2025-03-20",
         "status_note": None},
        {"id": 2, "campaign_id": 1, "unit_id": 4, "catalogue_code": "TTLDTT", "note": None,
         "flags": None, "status": "TRA_LAI", "submitted_on": "2025-03-25",
         "returned_on": "2025-03-27", "return_reason": "Thiếu chữ ký thủ trưởng",
         "approved_on": None, "status_note": None},
    ]))  # fmt: skip


# ------------------------------------------------------------------------------ revision 0004


def step_0004(conn: Connection) -> None:
    """The Council's session of 2025 and its votes (people and a unit, passed and not)."""
    insert(conn, "council_session", stamped([
        {"id": 1, "year": 2025, "meeting_date": "2025-12-20", "place": "Phòng họp tầng 2",
         "members_total": 9, "present": 8, "written_opinions": 1, "chair": "Giám đốc Sở",
         "secretary": "Chánh Văn phòng", "note": None},
    ], when=T3))  # fmt: skip
    vote_cols = ("id", "session_id", "person_id", "unit_id", "title", "issued", "returned",
                 "valid", "in_favour", "threshold_pct", "majority_rule", "passed", "note")  # fmt: skip
    votes = [
        (1, 1, 1, None, "CSTDCS", 8, 8, 8, 7, 70, 0, 1, None),
        (2, 1, 6, None, "CSTDCS", 8, 8, 8, 6, 70, 0, 1, None),
        (3, 1, 3, None, "CSTDCS", 8, 8, 7, 4, 70, 0, 0, "Một phiếu không hợp lệ"),
        (4, 1, None, 3, "TTLDXS", 8, 8, 8, 8, 50, 1, 1, None),
    ]  # fmt: skip
    insert(conn, "council_vote", stamped([dict(zip(vote_cols, v, strict=True)) for v in votes], when=T3))  # fmt: skip


# ------------------------------------------------------------------------------ revision 0005


def step_0005(conn: Connection) -> None:
    """An issued decision with its lines and the award records it made, a draft with a household
    line, review overrides, condition marks, versions above 1, a household award of the time
    (by name only)."""
    insert(conn, "decision", stamped([
        {"id": 1, "year": 2025, "series": "TDKT", "seq": 1, "number": "15/QĐ-SNNMT",
         "decision_date": "2025-12-25", "authority": "Giám đốc Sở Nông nghiệp và Môi trường",
         "signer_authority_line": "GIÁM ĐỐC", "signer_title": "Giám đốc",
         "signer_name": "Nguyễn Văn Thành", "award_type": "CONG_TRANG",
         "summary": "Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025", "catalogue_code": "CSTDCS",
         "period_from_year": None, "period_to_year": None, "status": "ISSUED", "origin": "OWN",
         "issued_at": T3, "correction_document": None, "correction_date": None,
         "correction_note": None, "revoke_document": None, "revoke_date": None,
         "revoke_reason": None, "note": None, "version": 3},
        {"id": 2, "year": 2025, "series": "TDKT", "seq": 2, "number": None,
         "decision_date": None, "authority": "Giám đốc Sở Nông nghiệp và Môi trường",
         "signer_authority_line": None, "signer_title": None, "signer_name": None,
         "award_type": "DOT_XUAT", "summary": "Khen thưởng đột xuất", "catalogue_code": "GK_SO",
         "period_from_year": None, "period_to_year": None, "status": "DRAFT", "origin": "OWN",
         "issued_at": None, "correction_document": None, "correction_date": None,
         "correction_note": None, "revoke_document": None, "revoke_date": None,
         "revoke_reason": None, "note": "Chờ trình ký", "version": 1},
    ], when=T3))  # fmt: skip
    award_cols = ("id", "subject_kind", "person_id", "unit_id", "recipient_name",
                  "catalogue_code", "award_type", "year", "decision_number", "decision_date",
                  "authority", "unit_text", "posthumous", "revoked", "source", "decision_id")  # fmt: skip
    awards = [
        (7, "CA_NHAN", 1, None, None, "CSTDCS", "CONG_TRANG", 2025, "15/QĐ-SNNMT", "2025-12-25", "Giám đốc Sở Nông nghiệp và Môi trường", "Văn phòng Sở", 0, 0, "DECISION", 1),
        (8, "CA_NHAN", 6, None, None, "CSTDCS", "CONG_TRANG", 2025, "15/QĐ-SNNMT", "2025-12-25", "Giám đốc Sở Nông nghiệp và Môi trường", "Văn phòng Sở", 0, 0, "DECISION", 1),
        # a household named on a provincial decision (before households had a table)
        (9, "HO_GIA_DINH", None, None, "Gia đình ông Lê Văn Hải", "BK_TINH", "DOT_XUAT", 2024, "77/QĐ-UBND", "2024-09-02", "Chủ tịch UBND tỉnh", "Thôn Đông, xã Hải Ninh", 0, 0, "MANUAL", None),
    ]  # fmt: skip
    rows = [dict(zip(award_cols, a, strict=True)) for a in awards]
    rows[2]["subject_category"] = "HO_GIA_DINH"
    insert(conn, "award_record", stamped(rows, when=T3))
    recipient_cols = ("id", "decision_id", "position", "subject_kind", "person_id", "unit_id",
                      "recipient_name", "catalogue_code", "job_title", "unit_text",
                      "golden_book_no", "award_record_id", "note")  # fmt: skip
    recipients = [
        (1, 1, 1, "CA_NHAN", 1, None, None, "CSTDCS", "Chánh Văn phòng", "Văn phòng Sở", 101, 7, None),
        (2, 1, 2, "CA_NHAN", 6, None, None, "CSTDCS", "Phó Chánh Văn phòng", "Văn phòng Sở", 102, 8, None),
        (3, 2, 1, "TAP_THE", None, 5, None, "GK_SO", None, "Chi cục Thủy lợi", None, None, None),
        (4, 2, 2, "HO_GIA_DINH", None, None, "Hộ bà Trần Thị Mai", "GK_SO", None, "Thôn Tây, xã Hải Ninh", None, None, "Hiến đất làm đường"),
    ]  # fmt: skip
    insert(conn, "decision_recipient", stamped([dict(zip(recipient_cols, r, strict=True)) for r in recipients], when=T3))  # fmt: skip
    insert(conn, "review_override", stamped([
        {"id": 1, "year": 2025, "person_id": 3, "unit_id": None, "proposed_title": "LDTT",
         "reason": "Không đủ phiếu CSTĐCS, đề nghị LĐTT", "version": 2},
        {"id": 2, "year": 2025, "person_id": None, "unit_id": 4, "proposed_title": None,
         "reason": "Hồ sơ bị trả lại", "version": 1},
    ], when=T3))  # fmt: skip
    insert(conn, "condition_mark", stamped([
        {"id": 1, "year": 2025, "person_id": 1, "unit_id": None, "condition_key": "GUONG_MAU",
         "note": "ghi chú"},
        {"id": 2, "year": 2025, "person_id": None, "unit_id": 4,
         "condition_key": "NOI_BO_DOAN_KET", "note": None},
    ], when=T3))  # fmt: skip
    insert(conn, "base_salary", stamped([
        {"id": 5, "effective_from": "2027-07-01", "amount": 2_700_000,
         "legal_basis": "Dự kiến (chưa có văn bản)", "verified": 0},
    ], when=T3))  # fmt: skip
    update(conn, "registration", {"id": 2}, {"version": 3})
    update(conn, "unit_registration", {"id": 1}, {"version": 2})
    update(conn, "council_vote", {"id": 3}, {"version": 2})


# ------------------------------------------------------------------------------ revision 0006


def step_0006(conn: Connection) -> None:
    """A household and its award (the older household award keeps its name only)."""
    insert(conn, "household", stamped([
        {"id": 1, "name": "Hộ bà Trần Thị Mai", "address": "Thôn Tây", "commune": "xã Hải Ninh",
         "identity_key": "ho ba tran thi mai|thon tay|xa hai ninh", "note": None},
    ], when=T3))  # fmt: skip
    insert(conn, "award_record", stamped([
        {"id": 10, "subject_kind": "HO_GIA_DINH", "recipient_name": "Hộ bà Trần Thị Mai",
         "household_id": 1, "catalogue_code": "GK_SO", "award_type": "DOT_XUAT", "year": 2025,
         "decision_number": "16/QĐ-SNNMT", "decision_date": "2025-12-28",
         "authority": "Giám đốc Sở Nông nghiệp và Môi trường",
         "unit_text": "Thôn Tây, xã Hải Ninh", "posthumous": 0, "revoked": 0,
         "source": "MANUAL"},
    ], when=T3))  # fmt: skip


# ------------------------------------------------------------------------------ revision 0007


def step_0007(conn: Connection) -> None:
    """Clusters with members' results, initiatives used for awards, a revoked award, a hold
    concluded with a violation and its penalty, years in the sector, a condition met."""
    insert(conn, "cluster", stamped([
        {"id": 1, "year": 2025, "name": "Khối các sở kinh tế", "kind": "KHOI",
         "organiser": "UBND_TINH", "note": None, "version": 1},
        {"id": 2, "year": 2025, "name": "Cụm các chi cục", "kind": "CUM", "organiser": "SO",
         "note": None, "version": 2},
    ], when=T3))  # fmt: skip
    insert(conn, "cluster_member", stamped([
        {"id": 1, "cluster_id": 1, "unit_id": 1, "result": "DAN_DAU", "note": None,
         "version": 1},
        {"id": 2, "cluster_id": 2, "unit_id": 5, "result": None, "note": "Chưa chấm",
         "version": 1},
    ], when=T3))  # fmt: skip
    insert(conn, "initiative_use", stamped([
        {"id": 1, "initiative_id": 1, "person_id": 1, "unit_id": None, "catalogue_code": "CSTDCS",
         "year": 2023, "award_record_id": 2, "note": None, "version": 1},
        {"id": 2, "initiative_id": 2, "person_id": None, "unit_id": 5, "catalogue_code": "TTLDXS",
         "year": 2023, "award_record_id": 4, "note": None, "version": 1},
    ], when=T3))  # fmt: skip
    update(conn, "award_record", {"id": 6}, {
        "revoked": 1, "revocation_number": "99/QĐ-SNNMT", "revocation_date": "2025-04-20"})  # fmt: skip
    insert(conn, "discipline", stamped([
        {"id": 3, "person_id": 4, "kind": "KHIEN_TRACH", "start_date": "2024-07-05",
         "end_date": "2025-07-05", "decision_number": "52/QĐ-SNNMT", "conclusion": None,
         "note": None},
        {"id": 4, "person_id": 4, "kind": "XEM_XET_KY_LUAT", "start_date": "2024-02-01",
         "end_date": "2024-06-30", "decision_number": None, "conclusion": "Có vi phạm",
         "note": None, "outcome": "CO_VI_PHAM", "concluded_on": "2024-06-30", "penalty_id": 3},
        {"id": 5, "person_id": 3, "kind": "KHIEU_NAI_TO_CAO", "start_date": "2025-01-10",
         "end_date": "2025-02-10", "decision_number": None, "conclusion": "Không vi phạm",
         "note": None, "outcome": "KHONG_VI_PHAM", "concluded_on": "2025-02-10",
         "penalty_id": None},
    ], when=T3))  # fmt: skip
    update(conn, "person", {"id": 1}, {"sector_start_date": "2005-09-01", "remote_area_years": 3})
    update(conn, "person", {"id": 2}, {"sector_start_date": "2015-08-01", "sector_break_months": 6})
    update(conn, "person", {"id": 5}, {"sector_start_date": "1985-03-01", "death_date": "2025-10-02"})  # fmt: skip
    insert(conn, "condition_mark", stamped([
        {"id": 3, "year": 2025, "person_id": 6, "unit_id": None, "condition_key": "GUONG_MAU",
         "note": "Đã xác minh", "met": 1},
    ], when=T3))  # fmt: skip


# ------------------------------------------------------------------------------ revision 0008


def step_0008(conn: Connection) -> None:
    """The session's members, candidates in the tally sheet's order, a list approval, times."""
    insert(conn, "council_member", stamped([
        {"id": 1, "session_id": 1, "position": 1, "full_name": "Nguyễn Văn Thành",
         "job_title": "Giám đốc Sở", "role": "CHU_TICH", "present": 1, "written_opinion": 0,
         "note": None},
        {"id": 2, "session_id": 1, "position": 2, "full_name": "Lê Thị Lan",
         "job_title": "Phó Giám đốc Sở", "role": "PHO_CHU_TICH", "present": 1,
         "written_opinion": 0, "note": None},
        {"id": 3, "session_id": 1, "position": 3, "full_name": "Nguyễn Văn An",
         "job_title": "Chánh Văn phòng", "role": "THU_KY", "present": 1, "written_opinion": 0,
         "note": None},
        {"id": 4, "session_id": 1, "position": 4, "full_name": "Phạm Văn Sơn",
         "job_title": "Trưởng phòng Kế hoạch - Tài chính", "role": "UY_VIEN", "present": 0,
         "written_opinion": 1, "note": "Đi công tác, gửi phiếu"},
    ], when=T3))  # fmt: skip
    insert(conn, "council_list_approval", stamped([
        {"id": 1, "session_id": 1, "title": "LDTT", "in_favour": 8, "members_total": 9,
         "passed": 1, "note": None, "version": 1},
    ], when=T3))  # fmt: skip
    candidate_cols = ("id", "session_id", "person_id", "unit_id", "title", "position",
                      "list_approval_id", "note", "version")  # fmt: skip
    candidates = [
        (1, 1, 1, None, "CSTDCS", 1, None, None, 1),
        (2, 1, 6, None, "CSTDCS", 2, None, None, 1),
        (3, 1, 3, None, "CSTDCS", 3, None, None, 2),
        (4, 1, None, 3, "TTLDXS", 1, None, None, 1),
        (5, 1, 2, None, "LDTT", 1, 1, None, 1),
    ]  # fmt: skip
    insert(conn, "council_candidate", stamped([dict(zip(candidate_cols, c, strict=True)) for c in candidates], when=T3))  # fmt: skip
    update(conn, "council_session", {"id": 1}, {
        "started_at": "08:00:00.000000", "ended_at": "10:30:00.000000",
        "public_comment": "Công khai 05 ngày làm việc, không có ý kiến"})  # fmt: skip


# ------------------------------------------------------------------------------ revision 0009


def step_0009(conn: Connection) -> None:
    """Records edited since the upgrade: versions above 1."""
    update(conn, "person", {"id": 1}, {"version": 3, "updated_at": T3})
    update(conn, "unit", {"id": 3}, {"version": 2, "updated_at": T3})
    update(conn, "catalogue_item", {"code": "GK_SO"}, {"version": 2})
    update(conn, "app_setting", {"key": "agency"}, {"version": 4})


# ------------------------------------------------------------------------------ revision 0010


def step_0010(conn: Connection) -> None:
    """A file kept in the database, a rule set read from a file, a coefficient with the date it
    takes effect, a clerk's own catalogue form and changes, a dossier's day of receipt."""
    insert(conn, "attachment", stamped([
        {"id": 1, "owner_kind": "campaign", "owner_id": 2, "file_name": "tong-ket.docx",
         "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "size": 11, "sha256": "ab" * 32, "content": b"PK\x03\x04 tong ket", "note": None},
    ], when=T3))  # fmt: skip
    insert(conn, "rule_set", stamped([
        {"code": "ND152_2025", "name": "Nghị định 152/2025/NĐ-CP", "effective_from": "2025-07-01",
         "effective_to": None, "data": '{"parameters": {}}', "file_name": "nd152.json"},
    ], when=T3))  # fmt: skip
    insert(conn, "catalogue_coefficient", stamped([
        {"id": 1, "code": "GK_SO", "effective_from": "2025-07-01", "coef_ca_nhan": 0.3,
         "coef_tap_the": 0.6, "coef_ho_gia_dinh": 0.45, "source": "CLERK",
         "legal_basis": "Nghị định 152/2025/NĐ-CP, Điều 73"},
    ], when=T3))  # fmt: skip
    insert(conn, "catalogue_item", stamped([
        _catalogue_item("GK_CHI_CUC", "Giấy khen của Chi cục trưởng Chi cục Thủy lợi", "GK Chi cục", "HINH_THUC", "CA_NHAN,TAP_THE", "CO_SO", "Chi cục trưởng", 8, 30, (0.15, 0.3, None)) | {"local": 1, "synonyms": '["GK Chi cục"]'},
    ], when=T3, by=None))  # fmt: skip
    update(conn, "catalogue_item", {"code": "GK_SO"}, {"clerk_changed": '["name"]'})
    update(conn, "council_candidate", {"id": 1}, {"received_on": "2025-12-10"})


def step_0011(conn: Connection) -> None:
    """A unit's field of activity (its sub-units take it)."""
    update(conn, "unit", {"id": 5}, {"sector": "Nông nghiệp - Nông thôn"})


def step_0012(conn: Connection) -> None:
    """Nothing: revision 0012 adds PostgreSQL triggers and functions only."""


STEPS: dict[str, Callable[[Connection], None]] = {
    "0001": step_0001,
    "0002": step_0002,
    "0003": step_0003,
    "0004": step_0004,
    "0005": step_0005,
    "0006": step_0006,
    "0007": step_0007,
    "0008": step_0008,
    "0009": step_0009,
    "0010": step_0010,
    "0011": step_0011,
    "0012": step_0012,
}


def revisions() -> list[str]:
    """Every revision, oldest first."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


def build(revision: str, target: Path) -> None:
    """``target``: an SQLite file at ``revision`` with the rows of every step up to it."""
    chain = revisions()
    missing = [r for r in chain[: chain.index(revision) + 1] if r not in STEPS]
    if missing:
        raise SystemExit(f"no step for revision {', '.join(missing)}: add step_{missing[0]}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    engine = make_engine(sqlite_url(target))
    try:
        for step in chain[: chain.index(revision) + 1]:
            migrate(engine, step)  # as the program upgrades a file
            with engine.begin() as conn:
                STEPS[step](conn)
    finally:
        engine.dispose()
    raw = sqlite3.connect(target)
    try:
        problems = raw.execute("PRAGMA foreign_key_check").fetchall()
        assert not problems, problems
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw.execute("VACUUM")
    finally:
        raw.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", nargs="*", help="revisions to build again")
    parser.add_argument("--all", action="store_true", help="every revision before head")
    parser.add_argument("--out", type=Path, default=HERE, help="folder (default: tests/data)")
    args = parser.parse_args(argv)
    old = revisions()[:-1]
    for revision in args.revision:
        if revision not in old:
            parser.error(f"{revision} is not an old revision ({', '.join(old)})")

    def target(revision: str) -> Path:
        return Path(args.out) / f"tdkt-{revision}.sqlite"

    wanted = old if args.all else args.revision or [r for r in old if not target(r).exists()]
    for revision in wanted:
        build(revision, target(revision))
        print(f"{target(revision).name}: built")
    return 0


if __name__ == "__main__":
    sys.exit(main())
