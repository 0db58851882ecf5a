"""GUI fixtures: private QSettings, stubbed message boxes, Vietnamese Qt texts, a demo database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app.config import sqlite_url
from app.services.context import AppContext
from app.services.database import Database, open_database
from app.ui.application import install_translators, remove_translators
from app.ui.tasks import SyncTaskRunner


@pytest.fixture(autouse=True)
def _private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any QSettings built from organisation/application names lands in a temporary folder."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, folder)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The GUI settings of one test (window geometry...), in a temporary INI file."""
    return QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat)


@dataclass
class ShownMessage:
    kind: str  # critical, warning, information, question, or "exec" for a QMessageBox object
    title: str
    text: str
    informative: str = ""
    details: str = ""


@dataclass
class MessageBoxes:
    """Records every message box instead of showing it; ``answer`` is what the clerk clicks."""

    shown: list[ShownMessage] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok

    @property
    def texts(self) -> list[str]:
        return [f"{m.title}\n{m.text}\n{m.informative}" for m in self.shown]


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    boxes = MessageBoxes()

    def static(kind: str):  # type: ignore[no-untyped-def]
        def show(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            boxes.shown.append(ShownMessage(kind, title, text))
            return boxes.answer

        return show

    def exec_(box: QMessageBox) -> int:
        boxes.shown.append(
            ShownMessage(
                "exec", box.windowTitle(), box.text(), box.informativeText(), box.detailedText()
            )
        )
        return int(boxes.answer.value)

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes


@pytest.fixture
def vietnamese_qt(qapp) -> Iterator[list[Path]]:  # type: ignore[no-untyped-def]
    """Qt's own texts (standard buttons...) in Vietnamese for the test."""
    loaded = install_translators(qapp)
    try:
        yield loaded
    finally:
        remove_translators()


@pytest.fixture
def ctx(database: Database) -> AppContext:
    """An empty, migrated database (from tests/conftest.py) as the GUI sees it."""
    return database.context()


@pytest.fixture
def runner() -> SyncTaskRunner:
    return SyncTaskRunner()


# A small demo: the demo generator needs a few dozen people to staff every unit.
SMALL_DEMO_PEOPLE = 80
SMALL_DEMO_YEARS = 3


@pytest.fixture
def small_demo_options(monkeypatch: pytest.MonkeyPatch) -> int:
    """``tdkt --demo`` builds the default demo; under test it builds a small one.

    Returns the number of people it will hold.
    """
    import app.services.demo as demo_module

    real = demo_module.DemoOptions
    monkeypatch.setattr(
        demo_module,
        "DemoOptions",
        lambda **kw: real(people=SMALL_DEMO_PEOPLE, years=SMALL_DEMO_YEARS, **kw),
    )
    return SMALL_DEMO_PEOPLE


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A small demo database, built once per test session. Read only!"""
    from app.services.demo import DemoOptions, build_demo

    folder = tmp_path_factory.mktemp("demo")
    db = open_database(sqlite_url(folder / "demo.sqlite"), backup_folder=folder / "backups")
    with db.session_factory.begin() as session:
        build_demo(session, DemoOptions(people=SMALL_DEMO_PEOPLE, years=SMALL_DEMO_YEARS))
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def demo_ctx(demo_database: Database) -> AppContext:
    return demo_database.context()
