"""Emulation clusters and blocs (cụm, khối thi đua, domain.md §15): codes, names, the clerk's
input and its checks, and the words a file may use for them (pure Python).

A cluster belongs to one year: its name, its kind (``CUM`` cụm / ``KHOI`` khối), who organises
it (``UBND_TINH``, ``BO``, ``SO``) and its member units, each with the year's result
(``DAN_DAU`` dẫn đầu, ``SUY_TON`` suy tôn, ``KHONG`` neither, None while not entered). Cờ thi
đua tỉnh reads only the clusters the province organises (rule 7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from app.domain.imports import RowIssue
from app.domain.legacy_text import TextConversion
from app.domain.vntext import clean, fold_key

__all__ = [
    "KINDS",
    "ORGANISERS",
    "RESULTS",
    "ClusterFile",
    "ClusterFileRow",
    "ClusterImportReport",
    "ClusterInput",
    "FileCell",
    "kind_from_text",
    "kind_of_name",
    "organiser_from_text",
    "result_from_text",
    "result_name",
    "validate_cluster",
]

KINDS: Final = {"CUM": "Cụm thi đua", "KHOI": "Khối thi đua"}
ORGANISERS: Final = {"UBND_TINH": "UBND tỉnh", "BO": "Bộ", "SO": "Sở"}
RESULTS: Final = {"DAN_DAU": "Dẫn đầu", "SUY_TON": "Suy tôn", "KHONG": "Không"}
NOT_ENTERED: Final = "Chưa nhập"

NAME_MAX: Final = 255

# Words a spreadsheet or a clerk uses for each code, compared by fold_key.
_KIND_WORDS: Final = {
    "CUM": ("cum", "cum thi dua", "cụm"),
    "KHOI": ("khoi", "khoi thi dua", "khối"),
}
_ORGANISER_WORDS: Final = {
    "UBND_TINH": (
        "ubnd tinh",
        "ubnd",
        "tinh",
        "uy ban nhan dan tinh",
        "chu tich ubnd tinh",
        "hoi dong thi dua khen thuong tinh",
        "hdtdkt tinh",
        "ubnd_tinh",
    ),
    "BO": ("bo", "bo nganh", "bo nong nghiep va moi truong", "bo nn mt", "bo nnmt"),
    "SO": ("so", "co quan", "so nong nghiep va moi truong", "so nn mt", "so nnmt", "noi bo"),
}
_RESULT_WORDS: Final = {
    "DAN_DAU": ("dan dau", "dan_dau", "dd", "x dan dau", "dan dau cum", "dan dau khoi"),
    "SUY_TON": ("suy ton", "suy_ton", "duoc suy ton", "st"),
    "KHONG": ("khong", "khong dat", "khong dan dau"),
}


def _lookup(text: str | None, words: Mapping[str, tuple[str, ...]]) -> str | None:
    key = fold_key(text)
    if not key:
        return None
    for code, options in words.items():
        if key == fold_key(code) or key in {fold_key(o) for o in options}:
            return code
    return None


def kind_from_text(text: str | None) -> str | None:
    """'Khối' -> KHOI, 'Cụm thi đua' -> CUM; None for anything else."""
    return _lookup(text, _KIND_WORDS)


def kind_of_name(name: str) -> str:
    """A cluster's kind as its name says it ("Khối thi đua ..." is a KHOI), else CUM."""
    return "KHOI" if fold_key(name).startswith("khoi") else "CUM"


def organiser_from_text(text: str | None) -> str | None:
    """'UBND tỉnh' -> UBND_TINH, 'Bộ' -> BO, 'Sở' -> SO; None for anything else."""
    return _lookup(text, _ORGANISER_WORDS)


def result_from_text(text: str | None) -> str | None:
    """'Dẫn đầu' -> DAN_DAU, 'Suy tôn' -> SUY_TON, 'Không' -> KHONG; None for anything else
    (an empty cell is "not entered": the caller tells the two apart)."""
    return _lookup(text, _RESULT_WORDS)


def result_name(code: str | None) -> str:
    return NOT_ENTERED if code is None else RESULTS.get(code, code)


@dataclass(frozen=True)
class ClusterInput:
    """What a clerk types for a cluster (dialog values)."""

    name: str
    kind: str = "CUM"
    organiser: str = "UBND_TINH"
    note: str | None = None

    def normalised(self) -> ClusterInput:
        return ClusterInput(clean(self.name), self.kind, self.organiser, clean(self.note) or None)


def validate_cluster(data: ClusterInput) -> list[str]:
    """Problems with a cluster's fields, in Vietnamese (empty when valid)."""
    data = data.normalised()
    problems: list[str] = []
    if not data.name:
        problems.append("Chưa nhập tên cụm, khối thi đua")
    elif len(data.name) > NAME_MAX:
        problems.append(f"Tên cụm, khối thi đua dài quá {NAME_MAX} ký tự")
    if data.kind not in KINDS:
        problems.append(f"Loại '{data.kind}' không hợp lệ (Cụm hoặc Khối)")
    if data.organiser not in ORGANISERS:
        problems.append(
            f"Cơ quan tổ chức '{data.organiser}' không hợp lệ ({', '.join(ORGANISERS.values())})"
        )
    return problems


# --- a file of clusters (tdkt import clusters, the GUI's import) -----------------------------


@dataclass(frozen=True)
class FileCell:
    """A cell of an imported row: cleaned text, the column letter and the sheet's own header
    ("" for both when the file has no such column)."""

    text: str = ""
    column: str = ""
    header: str = ""


@dataclass(frozen=True)
class ClusterFileRow:
    """One row of a clusters file: a member unit of a cluster and its result. ``section`` is
    the title of the group row above it ("I. Khối các sở kinh tế"), the cluster when the file
    has no cluster column."""

    row: int
    unit: FileCell
    cluster: FileCell = FileCell()
    kind: FileCell = FileCell()
    organiser: FileCell = FileCell()
    parent: FileCell = FileCell()
    result: FileCell = FileCell()
    note: FileCell = FileCell()
    section: str = ""


@dataclass(frozen=True)
class ClusterFile:
    """A clusters file as read: its rows, problems in cells (formulas without a value...)
    and the rows skipped (titles, numbering, signatures)."""

    file: str
    sheet: str
    rows: tuple[ClusterFileRow, ...]
    issues: tuple[RowIssue, ...] = ()
    skipped: tuple[tuple[int, str], ...] = ()
    conversions: tuple[TextConversion, ...] = ()  # cells converted from TCVN3/VNI


@dataclass
class ClusterImportReport:
    """What an import of clusters found and did (or would do, on a dry run)."""

    file: str
    sheet: str
    year: int
    total_rows: int = 0
    clusters_added: int = 0
    clusters_updated: int = 0
    members_added: int = 0
    results_set: int = 0
    unchanged: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False

    @property
    def blocked(self) -> bool:
        """Nothing is (or would be) written: problems in rows, or no row at all."""
        return bool(self.issues) or self.total_rows == 0

    def lines(self) -> list[str]:
        out = [
            f"Nhập cụm, khối thi đua năm {self.year} từ {self.file} (trang '{self.sheet}'): "
            f"{self.total_rows} dòng dữ liệu."
        ]
        if self.total_rows == 0:
            out.append("Tệp không có dòng dữ liệu nào (đơn vị thành viên của cụm, khối).")
        if self.issues:
            out.append(f"Lỗi ({len(self.issues)}):")
            out.extend(f"  - {issue.text()}" for issue in self.issues)
        if self.skipped:
            out.append(f"Bỏ qua ({len(self.skipped)}):")
            out.extend(f"  - dòng {row}: {reason}" for row, reason in self.skipped)
        verb = "Đã" if self.written else "Sẽ"
        out.append(
            f"{verb} thêm {self.clusters_added} cụm, khối, cập nhật {self.clusters_updated}; "
            f"thêm {self.members_added} đơn vị thành viên, ghi {self.results_set} kết quả, giữ "
            f"nguyên {self.unchanged}."
        )
        if self.dry_run and not self.blocked:
            out.append("Chạy thử: không ghi gì vào CSDL.")
        if self.blocked:
            out.append("KHÔNG ghi gì vào CSDL: sửa các lỗi trên rồi nhập lại.")
        return out
