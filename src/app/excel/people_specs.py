"""The columns of the people imports (staff, grades, discipline) as :class:`TableSpec`.

Part of :mod:`app.excel.people_import`; the import wizard uses them for field names and labels.
"""

from __future__ import annotations

from typing import Final

from app.domain.catalogue import CodeTables
from app.excel.header import FieldSpec, TableSpec

__all__ = [
    "discipline_spec",
    "grade_spec",
    "staff_spec",
]


_IDENTITY_FIELDS: Final = (
    FieldSpec(
        "full_name",
        "Họ và tên",
        (
            "Họ và tên",
            "Họ tên",
            "Họ và tên cán bộ",
            "Họ tên cán bộ",
            "Họ và tên cán bộ, công chức",
            "Họ và tên cán bộ, công chức, viên chức",
            "Họ và tên công chức, viên chức",
            "Họ và tên người lao động",
            "Tên cán bộ",
            "Tên cá nhân",
            "Tên tập thể/cá nhân/hộ gia đình",
            "Tên cá nhân/tập thể",
        ),
        required=True,
    ),
    FieldSpec(
        "ho_dem",
        "Họ, tên đệm",
        ("Họ, tên đệm", "Họ và tên đệm", "Họ tên đệm", "Họ đệm", "Họ và đệm", "Họ", "Họ lót"),
    ),
    FieldSpec("ten", "Tên", ("Tên", "Tên gọi chính"), exact_only=True),
    FieldSpec(
        "gender",
        "Giới tính",
        ("Giới tính", "Giới", "Phái", "Nam/Nữ", "Giới tính (Nam/Nữ)"),
        exact_only=True,
    ),
    FieldSpec("male", "Nam", ("Nam",), accent_sensitive=True),
    FieldSpec("female", "Nữ", ("Nữ",), accent_sensitive=True),
    FieldSpec(
        "birth",
        "Ngày sinh",
        (
            "Ngày sinh",
            "Ngày, tháng, năm sinh",
            "Ngày tháng năm sinh",
            "Năm sinh",
            "Sinh ngày",
            "Ngày/tháng/năm sinh",
            "Ngày sinh (dd/mm/yyyy)",
        ),
    ),
    FieldSpec(
        "position",
        "Chức vụ",
        (
            "Chức vụ",
            "Chức danh",
            "Chức vụ, chức danh",
            "Chức vụ/chức danh",
            "Chức vụ hiện tại",
            "Chức vụ hiện nay",
            "Chức vụ, đơn vị công tác",
        ),
    ),
    FieldSpec(
        "unit",
        "Đơn vị",
        (
            "Đơn vị",
            "Đơn vị công tác",
            "Phòng ban",
            "Phòng, ban",
            "Tên phòng ban",
            "Phòng ban làm việc",
            "Phòng ban công tác",
            "Phòng, đơn vị",
            "Phòng ban, đơn vị",
            "Bộ phận",
            "Bộ phận công tác",
            "Đơn vị trực thuộc",
            "Khoa, phòng",
        ),
    ),
    FieldSpec(
        "agency",
        "Cơ quan",
        (
            "Cơ quan",
            "Cơ quan công tác",
            "Tên cơ quan",
            "Tên cơ quan làm việc",
            "Tên đơn vị/tập thể công tác",
            "Cơ quan, đơn vị",
        ),
    ),
    FieldSpec(
        "staff_code",
        "Mã cán bộ",
        (
            "Mã cán bộ",
            "Mã CB",
            "Mã số cán bộ",
            "Mã CBCCVC",
            "Mã nhân viên",
            "Mã NV",
            "Mã công chức",
            "Mã viên chức",
            "Mã định danh cán bộ",
            "Mã số",
            "Mã",
        ),
    ),
    FieldSpec(
        "citizen_id",
        "Số CCCD",
        (
            "CCCD",
            "Số CCCD",
            "CMND",
            "Số CMND",
            "CCCD/CMND",
            "CMND/CCCD",
            "Số CCCD/CMND",
            "Số CMND/CCCD",
            "Số định danh",
            "Số định danh cá nhân",
            "Mã định danh",
            "Mã định danh cá nhân",
            "Căn cước công dân",
            "Số căn cước công dân",
            "Số căn cước",
            "Căn cước",
            "Chứng minh nhân dân",
            "Số chứng minh nhân dân",
        ),
    ),
    FieldSpec("note", "Ghi chú", ("Ghi chú", "Ghi chu", "Chú thích")),
    FieldSpec(
        "salutation",
        "Tên gọi (Ông/Bà)",
        ("Tên gọi", "Danh xưng", "Ông/Bà", "Tên gọi (Ông/Bà/Chức danh)", "Tên gọi (Ông/Bà)"),
    ),
)

_SECTION_WORDS: Final = (
    "Khối",
    "Tổ",
    "Bộ phận",
    "Lãnh đạo",
    "Ban Giám đốc",
    "Văn phòng",
    "Thanh tra",
    "Phòng",
    "Chi cục",
    "Trung tâm",
    "Ban quản lý",
    "Hạt",
    "Đội",
    "Trạm",
    "Chi nhánh",
)


def _section_words(codes: CodeTables) -> tuple[str, ...]:
    extra = tuple(e.name for e in codes.tables.get("unit_kinds", ()) if e.code != "KHAC")
    return tuple(dict.fromkeys((*_SECTION_WORDS, *extra)))


def _spec(codes: CodeTables, extra: tuple[FieldSpec, ...]) -> TableSpec:
    return TableSpec(
        fields=(*_IDENTITY_FIELDS, *extra),
        anchor="full_name",
        alternatives={"full_name": ("ho_dem", "ten")},
        section_words=_section_words(codes),
    )


def staff_spec(codes: CodeTables) -> TableSpec:
    """Columns of a staff list (for the import wizard: field names and labels)."""
    return _spec(
        codes,
        (
            FieldSpec(
                "subject_category",
                "Phân loại đối tượng",
                ("Phân loại đối tượng", "Phân loại cán bộ", "Đối tượng", "Phân loại"),
            ),
            *SECTOR_FIELDS,
        ),
    )


# Years in the sector (Kỷ niệm chương, issue 12): read by app.excel.sector_cells.
SECTOR_FIELDS: Final = (
    FieldSpec(
        "sector_start",
        "Ngày vào ngành",
        (
            "Ngày vào ngành",
            "Năm vào ngành",
            "Ngày, tháng, năm vào ngành",
            "Tháng, năm vào ngành",
            "Ngày vào ngành (dd/mm/yyyy)",
            "Thời điểm vào ngành",
            "Ngày bắt đầu công tác trong ngành",
            "Năm bắt đầu công tác trong ngành",
        ),
    ),
    FieldSpec(
        "sector_service",
        "Thời gian công tác trong ngành",
        (
            "Thời gian công tác trong ngành",
            "Số năm công tác trong ngành",
            "Thâm niên công tác trong ngành",
            "Thâm niên trong ngành",
            "Thời gian công tác trong ngành (năm)",
            "Quá trình công tác trong ngành",
        ),
    ),
    FieldSpec(
        "sector_break",
        "Thời gian gián đoạn",
        (
            "Thời gian gián đoạn",
            "Thời gian gián đoạn (tháng)",
            "Số tháng gián đoạn",
            "Thời gian gián đoạn công tác",
            "Thời gian không công tác trong ngành",
            "Gián đoạn",
        ),
    ),
    FieldSpec(
        "remote_years",
        "Số năm công tác ở miền núi, hải đảo",
        (
            "Số năm công tác ở miền núi, hải đảo",
            "Số năm liên tục công tác ở miền núi, hải đảo",
            "Số năm công tác liên tục ở miền núi, hải đảo",
            "Thời gian công tác ở miền núi, hải đảo",
            "Số năm công tác tại miền núi, hải đảo",
            "Số năm công tác ở vùng miền núi, hải đảo",
            "Công tác ở miền núi, hải đảo",
            "Miền núi, hải đảo",
        ),
    ),
    FieldSpec(
        "death_date",
        "Ngày mất",
        ("Ngày mất", "Ngày từ trần", "Ngày, tháng, năm mất", "Ngày hy sinh", "Đã mất"),
    ),
)


def grade_spec(codes: CodeTables) -> TableSpec:
    """Columns of a yearly grade list."""
    return _spec(
        codes,
        (
            FieldSpec(
                "grade",
                "Xếp loại",
                (
                    "Xếp loại",
                    "Kết quả đánh giá",
                    "Mức xếp loại",
                    "Kết quả xếp loại",
                    "Xếp loại chất lượng",
                    "Kết quả xếp loại chất lượng",
                    "Kết quả đánh giá, xếp loại",
                    "Kết quả đánh giá xếp loại chất lượng",
                    "Đánh giá, xếp loại",
                    "Mức độ hoàn thành nhiệm vụ",
                    "Mức xếp loại chất lượng",
                ),
                required=True,
            ),
            FieldSpec(
                "months",
                "Số tháng công tác",
                (
                    "Số tháng công tác",
                    "Số tháng làm việc",
                    "Số tháng công tác trong năm",
                    "Số tháng",
                    "Thời gian công tác trong năm (tháng)",
                ),
            ),
        ),
    )


def discipline_spec(codes: CodeTables) -> TableSpec:
    """Columns of a discipline list."""
    return _spec(
        codes,
        (
            FieldSpec(
                "kind",
                "Hình thức kỷ luật",
                (
                    "Hình thức kỷ luật",
                    "Hình thức",
                    "Kỷ luật",
                    "Hình thức xử lý",
                    "Hình thức xử lý kỷ luật",
                    "Loại kỷ luật",
                    "Mức kỷ luật",
                ),
                required=True,
            ),
            FieldSpec(
                "start_date",
                "Từ ngày",
                (
                    "Từ ngày",
                    "Ngày bắt đầu",
                    "Ngày hiệu lực",
                    "Có hiệu lực từ ngày",
                    "Thời gian bắt đầu",
                    "Ngày kỷ luật",
                    "Bắt đầu",
                    "Thời điểm bắt đầu",
                ),
                required=True,
            ),
            FieldSpec(
                "end_date",
                "Đến ngày",
                (
                    "Đến ngày",
                    "Ngày kết thúc",
                    "Thời gian kết thúc",
                    "Ngày hết hiệu lực",
                    "Hết hiệu lực",
                    "Ngày hết hạn",
                    "Kết thúc",
                    "Thời điểm kết thúc",
                ),
            ),
            FieldSpec(
                "decision_number",
                "Số quyết định",
                (
                    "Số quyết định",
                    "Số QĐ",
                    "Quyết định số",
                    "Số, ký hiệu quyết định",
                    "Số hiệu quyết định",
                    "Số, ngày quyết định",
                    "Quyết định",
                ),
            ),
            FieldSpec(
                "decision_date",
                "Ngày quyết định",
                ("Ngày quyết định", "Ngày QĐ", "Ngày ký quyết định", "Ngày ký"),
            ),
            FieldSpec(
                "reason",
                "Lý do",
                ("Lý do", "Lý do kỷ luật", "Nội dung vi phạm", "Hành vi vi phạm"),
            ),
            # how a hold ended (app.excel.hold_cells)
            FieldSpec(
                "outcome",
                "Kết luận",
                (
                    "Kết luận",
                    "Kết quả xem xét",
                    "Kết quả xem xét, xử lý",
                    "Kết luận xem xét",
                    "Kết quả xử lý",
                    "Kết luận thanh tra, kiểm tra",
                    "Kết luận điều tra",
                    "Kết quả",
                ),
            ),
            FieldSpec(
                "concluded_on",
                "Ngày kết luận",
                (
                    "Ngày kết luận",
                    "Ngày có kết luận",
                    "Ngày ban hành kết luận",
                    "Ngày kết thúc xem xét",
                ),
            ),
        ),
    )
