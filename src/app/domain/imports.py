"""What an import found and did: a report the CLI prints and the GUI shows (pure Python)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KIND_NAMES = {"staff": "danh sách cán bộ", "grades": "xếp loại", "discipline": "kỷ luật"}


@dataclass(frozen=True)
class RowIssue:
    """A problem in one row (and column, when known) of an imported file. Vietnamese message."""

    row: int
    column: str
    field: str  # the importer's own name of the column: never shown to a clerk
    message: str
    header: str = ""  # the sheet's own column header, shown with the column letter

    def text(self) -> str:
        where = f"dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        label = f" ({self.header})" if self.header else ""
        return f"{where}{label}: {self.message}"


@dataclass(frozen=True)
class Suggestion:
    """A row whose name is near, not equal to, a stored person's (app.domain.identity).

    Nothing is written for the row unless the clerk accepts it (GUI: a tick; CLI:
    ``--accept-suggestion ROW``)."""

    row: int
    name_in_file: str
    person_id: int | None  # None: several people are near, the clerk must fix the file
    candidates: str  # "Nguyễn Văn Hưng (12/03/1980, mã CB01)"

    def text(self) -> str:
        return f"dòng {self.row}: '{self.name_in_file}' có phải {self.candidates}?"


@dataclass(frozen=True)
class IdentityChange:
    """A change a staff import would make to a person's identity fields (name, birth date,
    CCCD, staff code): shown before → after, written only with the clerk's confirmation."""

    row: int
    person_id: int
    person: str
    changes: tuple[tuple[str, str, str], ...]  # (label, before, after)

    def text(self) -> str:
        what = "; ".join(
            f"{label}: {before or '(trống)'} → {after}" for label, before, after in self.changes
        )
        return f"dòng {self.row}: {self.person} - {what}"


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    skip_invalid: bool = False
    create_units: bool = False
    # folded unit text (app.domain.vntext.fold_key) -> unit id, chosen by the clerk
    unit_mapping: dict[str, int] = field(default_factory=dict)
    # date from which a changed unit or position takes effect (default: today)
    effective: date | None = None
    # rows whose suggested person (ImportReport.suggestions) the clerk accepted
    accept_suggestions: frozenset[int] = frozenset()
    # rows of a staff list the clerk confirmed are new people despite a near name
    new_people: frozenset[int] = frozenset()
    # the clerk confirmed the identity changes listed (ImportReport.identity_changes)
    update_identity: bool = False


@dataclass
class ImportReport:
    kind: str
    file: str
    sheet: str
    total_rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    unknown_units: list[str] = field(default_factory=list)
    created_units: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    identity_changes: list[IdentityChange] = field(default_factory=list)
    # ids of the stored people the rows matched (an import refuses to write when one of them
    # changed between its preview and its commit)
    matched: set[int] = field(default_factory=set)
    # what the clerk should look at though nothing stops the import (a cap exceeded)
    warnings: list[str] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    # True when problems stop the import under the options given (nothing is or would be written)
    blocked: bool = False

    def lines(self, *, cli: bool = True) -> list[str]:
        """The report as text; ``cli`` False leaves out the command-line flags (the GUI)."""

        def flag(text: str) -> str:
            return text if cli else ""

        title = KIND_NAMES.get(self.kind, self.kind)
        out = [
            f"Nhập {title} từ {self.file} (trang '{self.sheet}'): {self.total_rows} dòng dữ liệu."
        ]
        if self.issues:
            out.append(f"Lỗi ({len(self.issues)}):")
            out.extend(f"  - {issue.text()}" for issue in self.issues)
        if self.unknown_units:
            out.append(
                "Đơn vị chưa có trong cây đơn vị (cần ánh xạ hoặc tạo mới"
                + flag(", --create-units")
                + "):"
            )
            out.extend(f"  - {name}" for name in self.unknown_units)
        if self.created_units:
            out.append("Đơn vị đã tạo mới:" if self.written else "Đơn vị sẽ tạo mới:")
            out.extend(f"  - {name}" for name in self.created_units)
        if self.suggestions:
            rows = ",".join(str(s.row) for s in self.suggestions if s.person_id is not None)
            out.append(
                f"Gợi ý ({len(self.suggestions)}): họ tên gần giống một người đã có, không tự ghép"
                + (
                    flag(f"; nếu đúng là người đó, chạy lại với --accept-suggestion {rows}")
                    if rows
                    else ""
                )
            )
            out.extend(f"  - {s.text()}" for s in self.suggestions)
        if self.identity_changes:
            out.append(
                f"Thay đổi thông tin định danh ({len(self.identity_changes)}) (họ tên, ngày sinh, "
                "CCCD, mã cán bộ)"
                + (flag(": cần xác nhận bằng --update-identity") if not self.written else "")
            )
            out.extend(f"  - {c.text()}" for c in self.identity_changes)
        if self.warnings:
            out.append(f"Lưu ý ({len(self.warnings)}):")
            out.extend(f"  - {text}" for text in self.warnings)
        if self.skipped:
            out.append(f"Bỏ qua ({len(self.skipped)}):")
            out.extend(f"  - dòng {row}: {reason}" for row, reason in self.skipped)
        verb = "Sẽ" if not self.written else "Đã"
        out.append(
            f"{verb} thêm {self.added}, cập nhật {self.updated}, giữ nguyên {self.unchanged}, bỏ qua {len(self.skipped)}."
        )
        if self.dry_run:
            out.append("Chạy thử" + flag(" (--dry-run)") + ": không ghi gì vào CSDL.")
        if self.blocked:
            out.append(
                "KHÔNG ghi gì vào CSDL: sửa các lỗi trên"
                + flag(" hoặc dùng --skip-invalid để bỏ qua dòng lỗi")
                + "."
            )
        return out
