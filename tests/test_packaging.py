"""The package installs with its resources and migrations (a non-editable install must work)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from app.config import load_json_resource, resources_root

ROOT = Path(__file__).resolve().parent.parent


def _declared_packages() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(data["tool"]["setuptools"]["packages"])


def test_every_source_package_is_declared() -> None:
    found = {
        init.parent.relative_to(ROOT / "src").as_posix().replace("/", ".")
        for init in (ROOT / "src" / "app").rglob("__init__.py")
    }
    assert "app.db.migrations.versions" in found
    assert found - _declared_packages() == set()


def test_resources_are_reachable() -> None:
    assert (resources_root() / "data" / "catalogue.json").is_file()
    catalogue = load_json_resource("data", "catalogue.json")
    assert any(item["code"] == "CSTDCS" for item in catalogue["items"])


@pytest.mark.slow
def test_wheel_contains_resources_and_migrations(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(tmp_path.glob("tdkt-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in (ROOT / "resources").rglob("*"):
        if resource.is_file() and resource.suffix in {".json", ".qm", ".xlsx", ".html"}:
            rel = resource.relative_to(ROOT / "resources").as_posix()
            assert f"app/resources/{rel}" in names, rel
    for migration in (ROOT / "src" / "app" / "db" / "migrations").rglob("*.py"):
        rel = migration.relative_to(ROOT / "src").as_posix()
        assert rel in names, rel
    assert "app/db/migrations/script.py.mako" in names


def test_installed_version_is_the_package_version() -> None:
    from importlib.metadata import version

    from app import __version__

    assert version("tdkt") == __version__
