"""Reading a list of emulation clusters and their member units (``tdkt import clusters`` and
the Bình xét screen's "Nhập từ Excel…").

One row per member unit: the cluster (a column, or a group row above the units such as
"I. Khối các sở kinh tế"), its kind and organiser (optional columns), the unit and its parent,
the year's result ("Dẫn đầu", "Suy tôn", "Không"; empty while not decided) and a note. The
header row is found by :func:`app.excel.table.read_table`; matching the units and writing is
:func:`app.services.clusters.import_clusters`. Nothing here touches the database.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.clusters import ClusterFile, ClusterFileRow, FileCell
from app.domain.imports import RowIssue
from app.excel.header import FieldSpec, TableSpec
from app.excel.table import TableRow, read_table

__all__ = ["CLUSTER_SPEC", "read_cluster_file"]

CLUSTER_SPEC = TableSpec(
    fields=(
        FieldSpec(
            "cluster",
            "Cụm, khối thi đua",
            (
                "Cụm, khối thi đua",
                "Tên cụm, khối thi đua",
                "Tên cụm, khối",
                "Cụm, khối",
                "Cụm/khối",
                "Cụm thi đua",
                "Khối thi đua",
                "Tên cụm",
                "Tên khối",
            ),
        ),
        FieldSpec("kind", "Loại", ("Loại", "Cụm hay khối", "Loại cụm, khối"), exact_only=True),
        FieldSpec(
            "organiser",
            "Cơ quan tổ chức",
            (
                "Cơ quan tổ chức",
                "Đơn vị tổ chức",
                "Cấp tổ chức",
                "Tổ chức bởi",
                "Do cơ quan nào tổ chức",
            ),
        ),
        FieldSpec(
            "unit",
            "Đơn vị",
            (
                "Tên đơn vị",
                "Đơn vị",
                "Đơn vị thành viên",
                "Tên đơn vị thành viên",
                "Tập thể",
                "Tên tập thể",
                "Cơ quan, đơn vị",
                "Thành viên",
            ),
            required=True,
        ),
        FieldSpec(
            "parent",
            "Đơn vị cấp trên",
            ("Đơn vị cấp trên", "Trực thuộc", "Cơ quan cấp trên", "Thuộc đơn vị"),
        ),
        FieldSpec(
            "result",
            "Kết quả",
            (
                "Kết quả",
                "Kết quả bình xét",
                "Kết quả thi đua",
                "Kết quả suy tôn",
                "Kết quả bình xét, suy tôn",
            ),
        ),
        FieldSpec("note", "Ghi chú", ("Ghi chú",)),
    ),
    anchor="unit",
    section_words=("Cụm", "Khối"),
)


def _cell(row: TableRow, name: str) -> FileCell:
    cell = row.cells.get(name)
    if cell is None:
        return FileCell()
    return FileCell(cell.text, cell.column, cell.header)


def read_cluster_file(
    path: str | Path, *, sheet: str | None = None, convert_legacy: bool = False
) -> ClusterFile:
    """Read ``path``. A file that cannot be read at all (missing, damaged, no header row with a
    unit column) raises :class:`~app.excel.workbook.ImportFileError` (Vietnamese message);
    text typed in TCVN3/VNI raises :class:`~app.excel.legacy.LegacyEncodingError` unless
    ``convert_legacy`` (the clerk's consent)."""
    path = Path(path)
    table = read_table(path, CLUSTER_SPEC, sheet=sheet, convert_legacy=convert_legacy)
    rows = tuple(
        ClusterFileRow(
            row=r.row,
            unit=_cell(r, "unit"),
            cluster=_cell(r, "cluster"),
            kind=_cell(r, "kind"),
            organiser=_cell(r, "organiser"),
            parent=_cell(r, "parent"),
            result=_cell(r, "result"),
            note=_cell(r, "note"),
            section=r.section or "",
        )
        for r in table.rows
    )
    issues = tuple(RowIssue(i.row, i.column, i.field, i.message, i.header) for i in table.issues)
    skipped = tuple(
        (s.row, s.reason) for s in table.skipped if not s.reason.startswith("Dòng tiêu đề nhóm")
    )
    return ClusterFile(path.name, table.sheet, rows, issues, skipped, table.conversions)
