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
    field: str
    message: str

    def text(self) -> str:
        where = f"dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        label = f" ({self.field})" if self.field else ""
        return f"{where}{label}: {self.message}"


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    skip_invalid: bool = False
    create_units: bool = False
    # folded unit text (app.domain.vntext.fold_key) -> unit id, chosen by the clerk
    unit_mapping: dict[str, int] = field(default_factory=dict)
    # date from which a changed unit or position takes effect (default: today)
    effective: date | None = None


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
    written: bool = False
    dry_run: bool = False
    # True when problems stop the import under the options given (nothing is or would be written)
    blocked: bool = False

    def lines(self) -> list[str]:
        title = KIND_NAMES.get(self.kind, self.kind)
        out = [
            f"Nhập {title} từ {self.file} (trang '{self.sheet}'): {self.total_rows} dòng dữ liệu."
        ]
        if self.issues:
            out.append(f"Lỗi ({len(self.issues)}):")
            out.extend(f"  - {issue.text()}" for issue in self.issues)
        if self.unknown_units:
            out.append("Đơn vị chưa có trong cây đơn vị (cần ánh xạ hoặc tạo mới, --create-units):")
            out.extend(f"  - {name}" for name in self.unknown_units)
        if self.created_units:
            out.append("Đơn vị đã tạo mới:")
            out.extend(f"  - {name}" for name in self.created_units)
        if self.skipped:
            out.append(f"Bỏ qua ({len(self.skipped)}):")
            out.extend(f"  - dòng {row}: {reason}" for row, reason in self.skipped)
        verb = "Sẽ" if not self.written else "Đã"
        out.append(
            f"{verb} thêm {self.added}, cập nhật {self.updated}, giữ nguyên {self.unchanged}, bỏ qua {len(self.skipped)}."
        )
        if self.dry_run:
            out.append("Chạy thử (--dry-run): không ghi gì vào CSDL.")
        if self.blocked:
            out.append(
                "KHÔNG ghi gì vào CSDL: sửa các lỗi trên hoặc dùng --skip-invalid để bỏ qua dòng lỗi."
            )
        return out
