"""An import reads its workbook once: one open_workbook, one openpyxl load (issue 11, point 9)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

import app.excel.workbook as workbook_module
from app.cli import main
from app.domain.units import UnitInput
from app.services import units as unit_svc

sys.path.insert(0, str(Path(__file__).resolve().parent / "excel"))
from xlsx_factory import STAFF_DATA, STAFF_HEADER, TITLE


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        for code, name in (
            ("BGD", "Ban Giám đốc"),
            ("KHTC", "Phòng Kế hoạch - Tài chính"),
            ("VP", "Văn phòng"),
        ):
            unit_svc.create_unit(s, UnitInput(code=code, full_name=name, parent_id=root.id))
    url = database.url
    database.dispose()
    return url


class Loads:
    def __init__(self) -> None:
        self.opened: list[Path] = []
        self.loaded: list[Path] = []


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loads]:
    """Counts the project's open_workbook, wherever a module imported it, and openpyxl's
    load_workbook as open_workbook calls it."""
    seen = Loads()
    original_open = workbook_module.open_workbook
    original_load = workbook_module.load_workbook

    def counting_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.opened.append(Path(path))
        return original_open(path, *args, **kwargs)

    def counting_load(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.loaded.append(Path(path))
        return original_load(path, *args, **kwargs)

    for name in ("app.commands.imports", "app.excel.history_files", "app.excel.people_import"):
        importlib.import_module(name)  # the importers are loaded before patching

    patched = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("app.") and getattr(module, "open_workbook", None) is original_open:
            monkeypatch.setattr(module, "open_workbook", counting_open)
            patched += 1
    assert patched >= 2  # app.excel.workbook itself and the table reader at least
    monkeypatch.setattr(workbook_module, "load_workbook", counting_load)
    yield seen


def staff_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append([TITLE])
    ws.append([])
    ws.append(list(STAFF_HEADER))
    for row in STAFF_DATA:
        ws.append(list(row))
    wb.save(path)
    return path


def awards_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH KHEN THƯỞNG"])
    ws.append(["STT", "Họ và tên", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"])
    ws.append([1, "Văn phòng", 2024, "Tập thể lao động tiên tiến", "3/QĐ-SNN", "10/01/2025"])
    ws.append([2, "Ban Giám đốc", 2024, "Tập thể lao động tiên tiến", "3/QĐ-SNN", "10/01/2025"])
    wb.save(path)
    return path


@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "import"])
def test_staff_import_loads_the_workbook_once(
    db: str, tmp_path: Path, loads: Loads, capsys, dry_run: bool
) -> None:
    path = staff_file(tmp_path / "ds.xlsx")
    args = ["import", "staff", str(path), "--db", db, *(["--dry-run"] if dry_run else [])]
    assert main(args) == 0, capsys.readouterr()
    assert loads.opened == [path]
    assert loads.loaded == [path]


@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "import"])
def test_awards_import_loads_the_workbook_once(
    db: str, tmp_path: Path, loads: Loads, capsys, dry_run: bool
) -> None:
    path = awards_file(tmp_path / "kt.xlsx")
    args = ["import", "awards", str(path), "--db", db, *(["--dry-run"] if dry_run else [])]
    assert main(args) == 0, capsys.readouterr()
    assert loads.opened == [path]
    assert loads.loaded == [path]
