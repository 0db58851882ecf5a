"""Names, wording, organisation and decision numbering of the demo database (``demo.py``).

Surname weights follow the usual published shares of Vietnamese family names (Nguyễn about
38 %, Trần 11 %, Lê 9.5 %...); the other lists are drawn uniformly. Authorities and decision
number abbreviations change on 01/3/2025, when the Sở Tài nguyên và Môi trường became the
Sở Nông nghiệp và Môi trường.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any, NamedTuple

from app.domain.units import END_MERGE, END_RENAME


def _nfc_words(text: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", text).split())


def _weighted(text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """``"Nguyễn:380 Trần:110"`` -> (("Nguyễn", "Trần"), (380.0, 110.0))."""
    pairs = [word.split(":") for word in _nfc_words(text)]
    return tuple(p[0] for p in pairs), tuple(float(p[1]) for p in pairs)


SURNAMES, SURNAME_WEIGHTS = _weighted(
    "Nguyễn:380 Trần:110 Lê:95 Phạm:70 Hoàng:30 Huỳnh:21 Phan:45 Vũ:26 Võ:20 Đặng:21 Bùi:20"
    " Đỗ:14 Hồ:13 Ngô:13 Dương:10 Lý:5 Đinh:8 Đào:6 Đoàn:5 Cao:5 Mai:4 Trịnh:5 Lương:4 Hà:4"
    " Lưu:3 Phùng:3 Tạ:3 Lâm:2 Chu:2 Vương:2 Tô:2 Thái:2 Triệu:2 Kiều:1 Quách:1 Tăng:1 La:1"
)

MIDDLE_MALE, MIDDLE_MALE_WEIGHTS = _weighted(
    "Văn:30 Đức:10 Minh:12 Quang:8 Hữu:8 Công:6 Đình:6 Xuân:5 Thanh:5 Quốc:5 Ngọc:4 Thế:4"
    " Duy:4 Trọng:4 Tuấn:3 Anh:3 Mạnh:3 Hoàng:3 Tiến:3 Việt:3 Bá:2 Gia:2 Trung:2 Khắc:2 Kim:1"
)

MIDDLE_FEMALE, MIDDLE_FEMALE_WEIGHTS = _weighted(
    "Thị:45 Ngọc:7 Thu:6 Thanh:6 Thùy:4 Minh:4 Hồng:4 Phương:3 Kim:3 Mai:2 Bích:2 Hải:2"
    " Khánh:2 Mỹ:2 Hoài:2 Diệu:1 Lan:1 Quỳnh:1 Tuyết:1 Vân:1"
)

# Second middle names after "Thị" ("Nguyễn Thị Thu Hà").
MIDDLE_FEMALE_SECOND = _nfc_words("Thu Minh Thanh Ngọc Hồng Kim Phương Thúy Mai Bích Lan Hải")

GIVEN_MALE = _nfc_words(
    "An Anh Bảo Bình Cảnh Chiến Công Cường Dũng Đạt Định Đức Dương Giang Hải Hào Hậu Hiếu"
    " Hiệp Hòa Hoàng Hùng Huy Hưng Khang Khánh Khoa Kiên Lâm Long Lộc Lợi Luân Mạnh Minh Nam"
    " Nghĩa Nhân Phong Phúc Phương Quân Quang Quý Sơn Tài Tâm Tân Thắng Thành Thiện Thịnh"
    " Thông Thuận Tiến Toàn Trí Trung Trường Tú Tuấn Tùng Tuyên Việt Vinh Vũ Vượng"
)

GIVEN_FEMALE = _nfc_words(
    "An Anh Bích Châu Chi Diệp Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Hường"
    " Huyền Lan Liên Linh Loan Ly Mai Nga Ngân Ngọc Nhàn Nhung Oanh Phương Quyên Quỳnh Tâm"
    " Thảo Thanh Thơm Thu Thúy Thủy Trang Trâm Tuyết Uyên Vân Vy Xuân Yến"
)

# Province codes that open a 12-digit citizen ID; the first one is "ours" and most common.
PROVINCE_CODES = ("019", "001", "004", "008", "010", "020", "022", "024", "025", "026", "027")

INITIATIVE_PATTERNS = (
    "Giải pháp nâng cao hiệu quả {task}",
    "Ứng dụng {tech} trong {task}",
    "Xây dựng quy trình {task} trên {tech}",
    "Đổi mới phương pháp {task} tại {unit}",
    "Số hóa và chuẩn hóa dữ liệu phục vụ {task}",
)
INITIATIVE_TASKS = (
    "quản lý hồ sơ địa chính",
    "theo dõi diễn biến rừng",
    "quan trắc chất lượng nước mặt",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "phòng cháy, chữa cháy rừng",
    "kiểm soát dịch bệnh gia súc, gia cầm",
    "quản lý vận hành công trình thủy lợi",
    "giám sát chất lượng nông sản",
    "lưu trữ văn bản điện tử",
    "thẩm định báo cáo đánh giá tác động môi trường",
    "quản lý cấp phép khai thác khoáng sản",
    "tiếp công dân và giải quyết đơn thư",
    "lập và giao dự toán ngân sách",
    "chuyển giao kỹ thuật canh tác lúa",
    "phát triển hợp tác xã nông nghiệp",
    "cấp nước sạch nông thôn",
    "sản xuất giống cây trồng",
    "thống kê, kiểm kê đất đai",
)
INITIATIVE_TECHS = (
    "hệ thống thông tin địa lý (GIS)",
    "ảnh viễn thám",
    "thiết bị bay không người lái",
    "phần mềm quản lý văn bản",
    "bản đồ số",
    "cơ sở dữ liệu dùng chung",
    "ứng dụng trên điện thoại di động",
    "mã QR",
    "trí tuệ nhân tạo",
)


# -- organisation -------------------------------------------------------------------------


class UnitSpec(NamedTuple):
    code: str
    full_name: str
    short_name: str
    kind: str
    collective_category: str
    parent: str | None
    weight: float  # share of the staff (0: nobody directly in the unit)
    staff: str  # key of STAFF_TITLES
    display_order: int
    new: bool = False  # valid from 01/3/2025
    successor: str | None = None  # ended 28/02/2025, replaced by this unit
    end_reason: str | None = None
    note: str | None = None


_SU_NGHIEP = ("TRUNG_TAM", "CHI_NHANH", "BAN_QUAN_LY", "KHAC")


def _units(rows: str) -> tuple[UnitSpec, ...]:
    """One unit per line: ``code|full name|short|kind|parent|weight|staff[|new]``."""
    out = []
    for n, line in enumerate(unicodedata.normalize("NFC", rows).strip().splitlines(), start=1):
        code, full, short, kind, parent, weight, staff, *flag = (x.strip() for x in line.split("|"))
        category = "TT_SU_NGHIEP" if kind in _SU_NGHIEP else "TT_HANH_CHINH"
        out.append(
            UnitSpec(
                code,
                full,
                short,
                kind,
                category,
                parent or None,
                float(weight),
                staff,
                n * 10,
                bool(flag),
            )
        )
    return tuple(out)


# Current structure (after 01/3/2025), in the usual display order; parents before children.
UNITS = _units("""
SNNMT|Sở Nông nghiệp và Môi trường|Sở NN&MT|CO_QUAN||0||new
BGD|Ban Giám đốc|Ban Giám đốc|BAN_GIAM_DOC|SNNMT|0|
VP|Văn phòng Sở|Văn phòng|VAN_PHONG|SNNMT|6|VP
TTRA|Thanh tra Sở|Thanh tra|THANH_TRA|SNNMT|3|TTRA
P-KHTC|Phòng Kế hoạch - Tài chính|Phòng KH-TC|PHONG|SNNMT|2.5|PHONG
P-QLDD|Phòng Quản lý đất đai|Phòng QLĐĐ|PHONG|SNNMT|2.5|PHONG
P-MT|Phòng Môi trường|Phòng MT|PHONG|SNNMT|2.5|PHONG
P-TNKS|Phòng Tài nguyên nước - Khoáng sản|Phòng TNN-KS|PHONG|SNNMT|2.5|PHONG|new
P-TTBVTV|Phòng Trồng trọt và Bảo vệ thực vật|Phòng TT&BVTV|PHONG|SNNMT|2.5|PHONG
P-CNTY|Phòng Chăn nuôi và Thú y|Phòng CN&TY|PHONG|SNNMT|2.5|PHONG
P-KTHT|Phòng Kinh tế hợp tác và Phát triển nông thôn|Phòng KTHT&PTNT|PHONG|SNNMT|2.5|PHONG
P-DDBD|Phòng Đo đạc, Bản đồ và Viễn thám|Phòng ĐĐBĐ&VT|PHONG|SNNMT|2|PHONG
CCKL|Chi cục Kiểm lâm|CC Kiểm lâm|CHI_CUC|SNNMT|4|KIEMLAM
CCKL-HAT1|Hạt Kiểm lâm khu vực I|Hạt KL KV I|HAT|CCKL|4|KIEMLAM
CCKL-HAT2|Hạt Kiểm lâm khu vực II|Hạt KL KV II|HAT|CCKL|4|KIEMLAM
CCKL-HAT3|Hạt Kiểm lâm khu vực III|Hạt KL KV III|HAT|CCKL|3.5|KIEMLAM
CCKL-HAT4|Hạt Kiểm lâm khu vực IV|Hạt KL KV IV|HAT|CCKL|3.5|KIEMLAM
CCKL-DOI|Đội Kiểm lâm cơ động và Phòng cháy, chữa cháy rừng|Đội KLCĐ|DOI|CCKL|3|KIEMLAM
CCTL|Chi cục Thủy lợi|CC Thủy lợi|CHI_CUC|SNNMT|3|CHICUC
CCQLCL|Chi cục Quản lý chất lượng nông lâm sản và thủy sản|CC QLCL|CHI_CUC|SNNMT|3|CHICUC
CCTS|Chi cục Thủy sản|CC Thủy sản|CHI_CUC|SNNMT|3|CHICUC
TTKN|Trung tâm Khuyến nông|TT Khuyến nông|TRUNG_TAM|SNNMT|5|SUNGHIEP
TTQT|Trung tâm Quan trắc tài nguyên và môi trường|TT Quan trắc|TRUNG_TAM|SNNMT|3|SUNGHIEP
TTCNTT|Trung tâm Công nghệ thông tin và Chuyển đổi số|TT CNTT&CĐS|TRUNG_TAM|SNNMT|2.5|SUNGHIEP|new
TTPTQD|Trung tâm Phát triển quỹ đất|TT PTQĐ|TRUNG_TAM|SNNMT|3|SUNGHIEP
TTGIONG|Trung tâm Giống cây trồng, vật nuôi và thủy sản|TT Giống|TRUNG_TAM|SNNMT|4|SUNGHIEP
TTNS|Trung tâm Nước sạch và Vệ sinh môi trường nông thôn|TT Nước sạch|TRUNG_TAM|SNNMT|3.5|SUNGHIEP
VPDK|Văn phòng Đăng ký đất đai|VPĐK đất đai|KHAC|SNNMT|4|SUNGHIEP
VPDK-CN1|Chi nhánh Văn phòng Đăng ký đất đai khu vực I|CN VPĐK KV I|CHI_NHANH|VPDK|3|SUNGHIEP
VPDK-CN2|Chi nhánh Văn phòng Đăng ký đất đai khu vực II|CN VPĐK KV II|CHI_NHANH|VPDK|3|SUNGHIEP
VPDK-CN3|Chi nhánh Văn phòng Đăng ký đất đai khu vực III|CN VPĐK KV III|CHI_NHANH|VPDK|2.5|SUNGHIEP
BQLRPH|Ban Quản lý rừng phòng hộ đầu nguồn|BQL RPH|BAN_QUAN_LY|SNNMT|5|SUNGHIEP
""")

# Fields of activity (lĩnh vực, domain.md §10: names in use, practice); units not named take the
# field of the unit above.
SECTORS = {
    "SNNMT": "Nông nghiệp - Nông thôn",
    "STNMT": "Tài nguyên - Môi trường",
    "P-QLDD": "Tài nguyên - Môi trường",
    "P-MT": "Tài nguyên - Môi trường",
    "P-TNKS": "Tài nguyên - Môi trường",
    "P-DDBD": "Tài nguyên - Môi trường",
    "TTQT": "Tài nguyên - Môi trường",
    "TTPTQD": "Tài nguyên - Môi trường",
    "VPDK": "Tài nguyên - Môi trường",
    "CCKL": "Lâm nghiệp",
    "BQLRPH": "Lâm nghiệp",
    "CCTL": "Thủy lợi",
    "CCTS": "Thủy sản",
}

_OLD = "từ 01/3/2025"
# Rows ended by the 2025 restructuring (valid to 28/02/2025); they keep old records' names.
OLD_UNITS = (
    UnitSpec(
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "Sở TN&MT",
        "CO_QUAN",
        "TT_HANH_CHINH",
        None,
        0,
        "",
        5,
        successor="SNNMT",
        end_reason=END_RENAME,
        note="Tổ chức lại thành Sở Nông nghiệp và Môi trường " + _OLD,
    ),
    UnitSpec(
        "STNMT-P-TNN",
        "Phòng Tài nguyên nước",
        "Phòng TNN",
        "PHONG",
        "TT_HANH_CHINH",
        "STNMT",
        0,
        "",
        81,
        successor="P-TNKS",
        end_reason=END_MERGE,
        note="Hợp nhất vào Phòng Tài nguyên nước - Khoáng sản " + _OLD,
    ),
    UnitSpec(
        "STNMT-P-KS",
        "Phòng Khoáng sản",
        "Phòng KS",
        "PHONG",
        "TT_HANH_CHINH",
        "STNMT",
        0,
        "",
        82,
        successor="P-TNKS",
        end_reason=END_MERGE,
        note="Hợp nhất vào Phòng Tài nguyên nước - Khoáng sản " + _OLD,
    ),
    UnitSpec(
        "STNMT-TTCNTT",
        "Trung tâm Công nghệ thông tin tài nguyên và môi trường",
        "TT CNTT TN&MT",
        "TRUNG_TAM",
        "TT_SU_NGHIEP",
        "STNMT",
        0,
        "",
        241,
        successor="TTCNTT",
        end_reason=END_RENAME,
        note="Đổi tên thành Trung tâm Công nghệ thông tin và Chuyển đổi số " + _OLD,
    ),
)

LEADER_TITLES = {
    "BAN_GIAM_DOC": ("Giám đốc", "Phó Giám đốc"),
    "VAN_PHONG": ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    "THANH_TRA": ("Chánh Thanh tra", "Phó Chánh Thanh tra"),
    "PHONG": ("Trưởng phòng", "Phó Trưởng phòng"),
    "CHI_CUC": ("Chi cục trưởng", "Phó Chi cục trưởng"),
    "HAT": ("Hạt trưởng", "Phó Hạt trưởng"),
    "DOI": ("Đội trưởng", "Phó Đội trưởng"),
    "TRUNG_TAM": ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"),
    "CHI_NHANH": ("Giám đốc Chi nhánh", "Phó Giám đốc Chi nhánh"),
    "BAN_QUAN_LY": ("Trưởng ban", "Phó Trưởng ban"),
    "KHAC": ("Giám đốc Văn phòng Đăng ký đất đai", "Phó Giám đốc Văn phòng Đăng ký đất đai"),
}

STAFF_TITLES: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "VP": (
        ("Chuyên viên chính", "Chuyên viên", "Kế toán viên", "Nhân viên", "Lái xe"),
        (2, 5, 1, 2, 1),
    ),
    "TTRA": (("Thanh tra viên", "Chuyên viên chính", "Chuyên viên"), (4, 1, 2)),
    "PHONG": (("Chuyên viên chính", "Chuyên viên", "Cán sự"), (3, 6, 1)),
    "CHICUC": (("Chuyên viên chính", "Chuyên viên", "Kỹ sư", "Kế toán viên"), (2, 5, 2, 1)),
    "KIEMLAM": (("Kiểm lâm viên chính", "Kiểm lâm viên", "Chuyên viên", "Nhân viên"), (2, 7, 1, 1)),
    "SUNGHIEP": (("Kỹ sư", "Chuyên viên", "Kế toán viên", "Nhân viên"), (4, 3, 1, 2)),
}

DISCIPLINE_REASONS = (
    "Vi phạm quy chế làm việc của cơ quan",
    "Chậm giải quyết hồ sơ của tổ chức, công dân",
    "Vi phạm quy định về quản lý tài sản công",
    "Thiếu trách nhiệm trong thực hiện nhiệm vụ được giao",
)

UNITS = (
    UNITS[0]._replace(
        note="Tổ chức lại từ Sở Tài nguyên và Môi trường và Sở Nông nghiệp và Phát triển nông thôn "
        + _OLD
    ),
    *UNITS[1:],
)


# -- people and authorities ------------------------------------------------------------------

RESTRUCTURED = date(2025, 3, 1)
SO, UBND, BO = "SO", "UBND", "BO"  # issuers: the Sở, the provincial chairman, the ministry


def person_name(rng: random.Random, female: bool) -> tuple[str, str]:
    """(họ đệm, tên) drawn with realistic frequencies."""
    ho = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
    if female:
        dem = rng.choices(MIDDLE_FEMALE, MIDDLE_FEMALE_WEIGHTS)[0]
        if dem == "Thị" and rng.random() < 0.25:
            dem += " " + rng.choice(MIDDLE_FEMALE_SECOND)
        return f"{ho} {dem}", rng.choice(GIVEN_FEMALE)
    dem = rng.choices(MIDDLE_MALE, MIDDLE_MALE_WEIGHTS)[0]
    return f"{ho} {dem}", rng.choice(GIVEN_MALE)


def citizen_id(rng: random.Random, birth_year: int, female: bool) -> str:
    """12 digits: province, gender and century, year of birth, six random digits."""
    province = PROVINCE_CODES[0 if rng.random() < 0.7 else rng.randrange(len(PROVINCE_CODES))]
    gender_century = (0 if birth_year < 2000 else 2) + female
    return f"{province}{gender_century}{birth_year % 100:02d}{rng.randrange(1_000_000):06d}"


def _body(day: date) -> str:
    return "Tài nguyên và Môi trường" if day < RESTRUCTURED else "Nông nghiệp và Môi trường"


def suffix(issuer: str, day: date) -> str:
    """Abbreviation after "QĐ-" in a decision of ``issuer`` dated ``day``."""
    if issuer == UBND:
        return "UBND"
    old = day < RESTRUCTURED
    if issuer == BO:
        return "BTNMT" if old else "BNNMT"
    return "STNMT" if old else "SNNMT"


def authority(issuer: str, day: date) -> str:
    if issuer == UBND:
        return "Chủ tịch UBND tỉnh"
    return f"Bộ trưởng Bộ {_body(day)}" if issuer == BO else f"Giám đốc Sở {_body(day)}"


def council(scope: str, day: date) -> str:
    """Who recognised an initiative of ``scope`` on ``day``."""
    if scope == "PV_TINH":
        return "Hội đồng sáng kiến cấp tỉnh"
    return f"Hội đồng sáng kiến {'Bộ' if scope == 'PV_BO' else 'Sở'} {_body(day)}"


RATE = {SO: 2.0, UBND: 9.0, BO: 12.0}  # decisions a day in each register (for numbering)


class DecisionRegister:
    """Decisions of the demo, numbered per issuer abbreviation and calendar year, rising with the date."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._index: dict[tuple[Any, ...], int] = {}
        self.issuer: list[str] = []
        self.dates: list[date] = []
        self.numbers: list[str] = []

    def get(self, key: tuple[Any, ...], issuer: str, when: date | Callable[[], date]) -> int:
        """The decision for ``key``; a new one is dated ``when`` (a callable is drawn lazily)."""
        idx = self._index.get(key)
        if idx is None:
            idx = self._index[key] = len(self.dates)
            self.issuer.append(issuer)
            self.dates.append(when if isinstance(when, date) else when())
        return idx

    def assign_numbers(self) -> None:
        groups: dict[tuple[str, int], list[int]] = {}
        for idx, (issuer, day) in enumerate(zip(self.issuer, self.dates, strict=True)):
            groups.setdefault((suffix(issuer, day), day.year), []).append(idx)
        self.numbers = [""] * len(self.dates)
        for (abbr, _year), idxs in groups.items():
            n = 0
            for k in sorted(idxs, key=lambda k: (self.dates[k], k)):
                floor = int(self.dates[k].timetuple().tm_yday * RATE[self.issuer[k]] * 0.9)
                n = max(n + self._rng.randint(1, 3), floor)
                self.numbers[k] = f"{n:02d}/QĐ-{abbr}"
