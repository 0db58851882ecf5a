"""Stable ASCII codes used across the application (domain.md §1).

The database stores these codes; the screens and forms show the Vietnamese names, which live
in ``resources/data/codes.json`` and ``resources/data/catalogue.json``.
"""

from __future__ import annotations

from enum import StrEnum


class Grade(StrEnum):
    """Yearly grade of a person or a collective (domain.md §1.3)."""

    HTXSNV = "HTXSNV"
    HTTNV = "HTTNV"
    HTNV = "HTNV"
    KHTNV = "KHTNV"
    KXL = "KXL"  # not graded: a software state, not a legal grade


GRADE_LEVEL: dict[Grade, int] = {
    Grade.HTXSNV: 4,
    Grade.HTTNV: 3,
    Grade.HTNV: 2,
    Grade.KHTNV: 1,
    Grade.KXL: 0,
}


class SubjectKind(StrEnum):
    CA_NHAN = "CA_NHAN"
    TAP_THE = "TAP_THE"
    HO_GIA_DINH = "HO_GIA_DINH"


class AwardType(StrEnum):
    """Loại hình khen thưởng (Luật 06/2022 Điều 8, plus KHANG_CHIEN for statistics)."""

    CONG_TRANG = "CONG_TRANG"
    CHUYEN_DE = "CHUYEN_DE"
    DOT_XUAT = "DOT_XUAT"
    CONG_HIEN = "CONG_HIEN"
    NIEN_HAN = "NIEN_HAN"
    DOI_NGOAI = "DOI_NGOAI"
    KHANG_CHIEN = "KHANG_CHIEN"


class Gender(StrEnum):
    NAM = "NAM"
    NU = "NU"


class InitiativeScope(StrEnum):
    PV_CO_SO = "PV_CO_SO"
    PV_XA = "PV_XA"
    PV_TINH = "PV_TINH"
    PV_BO = "PV_BO"
    PV_TOAN_QUOC = "PV_TOAN_QUOC"


class InitiativeKind(StrEnum):
    SANG_KIEN = "SANG_KIEN"
    DE_TAI = "DE_TAI"
    DE_AN = "DE_AN"
    CONG_TRINH = "CONG_TRINH"


class HoldOutcome(StrEnum):
    """How a hold (under review, investigation, inspection) ended (domain.md X1)."""

    KHONG_VI_PHAM = "KHONG_VI_PHAM"  # no violation: it never bars
    CO_VI_PHAM = "CO_VI_PHAM"  # a violation: the penalty that resulted applies


class AwardSource(StrEnum):
    """Where an award record came from."""

    MANUAL = "MANUAL"
    IMPORT = "IMPORT"
    DEMO = "DEMO"
    DECISION = "DECISION"
