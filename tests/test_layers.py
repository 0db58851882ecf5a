"""Layers point one way: domain <- db <- services <- excel/cli/ui (architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "app"
QT_ALLOWED = {"bootstrap.py", "cli.py", "__main__.py"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules() -> list[tuple[Path, str, set[str]]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        out.append((path, rel, _imports(path)))
    return out


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def test_modules_are_found() -> None:
    rels = {rel for _, rel, _ in _modules()}
    assert {"cli.py", "bootstrap.py", "db/models.py"} <= rels


def test_pyside6_only_in_ui_and_composition_root() -> None:
    offenders = [
        rel
        for _, rel, names in _modules()
        if "PySide6" in _top(names) and not (rel.startswith("ui/") or rel in QT_ALLOWED)
    ]
    assert offenders == []


def test_ui_never_imports_sqlalchemy() -> None:
    offenders = [
        rel for _, rel, names in _modules() if rel.startswith("ui/") and "sqlalchemy" in _top(names)
    ]
    assert offenders == []


def test_domain_is_pure_python() -> None:
    banned = {"sqlalchemy", "PySide6", "openpyxl", "alembic"}
    offenders = {
        rel: sorted(_top(names) & banned)
        for _, rel, names in _modules()
        if rel.startswith("domain/") and _top(names) & banned
    }
    assert offenders == {}


def test_lower_layers_do_not_import_upper_ones() -> None:
    order = {"domain": 0, "db": 1, "services": 2, "excel": 3, "word": 3, "ui": 4}
    offenders = []
    for _, rel, names in _modules():
        layer = rel.split("/")[0]
        if layer not in order:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "app" and len(parts) > 1 and parts[1] in order:
                if order[parts[1]] > order[layer] or (
                    layer in ("excel", "word") and parts[1] == "db"
                ):
                    offenders.append(f"{rel} imports {name}")
            if (
                parts[0] == "app"
                and len(parts) > 1
                and parts[1] in {"bootstrap", "cli"}
                and layer != "ui"
            ):
                offenders.append(f"{rel} imports {name}")
    assert offenders == []


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The parser really finds imports (guards against a checker that can never fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    assert _top(_imports(bad)) == {"sqlalchemy", "PySide6"}
