"""What every section page of the main window shares: a title, the year in use, a scrolling body.

A screen subclasses :class:`SectionPage`, names itself (``title()``, ``description()``) and
fills ``self.body``. Until a section is built, its page says what it will hold; it never shows
invented data.

A page asks for another section by emitting ``sectionRequested`` with a
:class:`SectionRequest` (the section's key, the year, what to show there); the main window
shows that section and hands the target to its page's :meth:`SectionPage.show_target`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.ui.tasks import TaskRunner


@dataclass(frozen=True)
class SectionRequest:
    """Show section ``key`` (``app.ui.sections``), in ``year`` when given, with ``target``
    (what the section's page understands, e.g. a campaign id) selected there."""

    key: str
    year: int | None = None
    target: object = None


class SectionPage(QWidget):
    """Base of a section's page. The main window calls :meth:`set_year` when the year changes.

    A page that is a workspace (tables, trees) sets ``WORKSPACE = True``: its body then fills
    the page, without the reading-width limit and the scroll area of a text page.
    """

    WORKSPACE = False
    sectionRequested = Signal(object)  # a SectionRequest: the main window shows that section

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._year = year
        self._runner: TaskRunner | None = None
        self.setObjectName(type(self).__name__)

        self.title_label = QLabel(self.title())
        self.title_label.setObjectName("sectionTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)

        self.year_label = QLabel()
        self.year_label.setObjectName("sectionYear")
        self.year_label.setWordWrap(True)

        self.description_label = QLabel(self.description())
        self.description_label.setObjectName("sectionDescription")
        self.description_label.setWordWrap(True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        if self.WORKSPACE:
            self.title_label.setWordWrap(False)  # one line beside the year, never broken
            self.body = QVBoxLayout()
            self.body.setSpacing(8)
            heading = QHBoxLayout()
            heading.addWidget(self.title_label)
            heading.addStretch(1)
            heading.addWidget(self.year_label)
            layout = QVBoxLayout(self)
            layout.setContentsMargins(12, 10, 12, 8)
            layout.addLayout(heading)
            layout.addLayout(self.body, 1)
            self.description_label.hide()
            self._show_year()
            return

        content = QWidget()
        content.setObjectName("sectionContent")
        # Lines of about 110 characters at most: a paragraph across a wide screen is hard to read.
        content.setMaximumWidth(content.fontMetrics().averageCharWidth() * 110 + 48)
        self.body = QVBoxLayout()
        self.body.setSpacing(12)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(12)
        outer.addWidget(self.title_label)
        outer.addWidget(self.year_label)
        outer.addWidget(self.description_label)
        outer.addLayout(self.body)
        outer.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._show_year()

    # --- what a screen says about itself ---------------------------------------------------

    @classmethod
    def title(cls) -> str:
        raise NotImplementedError

    @classmethod
    def description(cls) -> str:
        return ""

    # --- long work ---------------------------------------------------------------------------

    @property
    def runner(self) -> TaskRunner:
        """The long-work helper of the main window (a threaded one when none was given)."""
        if self._runner is None:
            from app.ui.tasks import ThreadedTaskRunner

            self._runner = ThreadedTaskRunner()
        return self._runner

    def set_runner(self, runner: TaskRunner) -> None:
        self._runner = runner

    # --- the year shared by all screens ------------------------------------------------------

    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        if year == self._year:
            return
        self._year = year
        self._show_year()
        self.year_changed(year)

    def year_changed(self, year: int) -> None:
        """Reload what depends on the year (screens override)."""

    def show_target(self, target: object) -> None:
        """Select ``target`` of a :class:`SectionRequest` (screens that take one override)."""

    def _show_year(self) -> None:
        self.year_label.setText(
            QCoreApplication.translate("SectionPage", "Năm thi đua: {year}").format(year=self._year)
        )
