"""The "Tổng quan" page: the chosen year at a glance.

Figure cards (registered, eligible, proposed, passed by the Council, awarded, bonus money),
each opening its section (a click, or Enter once it has the focus); what falls due in the next
14 days whatever the year (campaigns, provincial deadlines, late units: double-click or Enter
opens the campaign in "Phong trào & đăng ký" or the deadlines calendar); the deadlines of the
year's campaigns (overdue in red, within a week in orange) and two bar charts (awards by year,
awards of the year by unit). The cheap figures load when the page is
shown and when the year changes; "Đủ điều kiện" and "Đề nghị" need the whole year evaluated,
which takes seconds on a large department, so they wait for "Tính (F5)" and run in the
background with progress and cancel. The cheap figures are read off the GUI thread too, without
a dialog: at start-up the window shows the database and takes input before they arrive.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.vnformat import format_money
from app.ui.screens.home.bar_chart import BarChart
from app.ui.screens.home.deadline_model import (
    COL_CAMPAIGN,
    COL_DAY,
    COL_WHAT,
    COL_WHEN,
    DeadlineModel,
    DeadlineProxy,
)
from app.ui.screens.home.due_panel import DUE_DAYS, DuePanel
from app.ui.screens.home.figure_card import PLACEHOLDER, FigureCard
from app.ui.screens.page import SectionPage, SectionRequest
from app.ui.sections import section_title
from app.ui.tasks import ProgressFn, TaskOutcome

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.dashboard import Deadline, HomeFigures, ReviewFigures, YearFigures
    from app.services.deadline_calendar import CalendarItem

YEARS_SHOWN = 10
UNITS_SHOWN = 15
PERSON_COLOUR = "#1f6fb2"
UNIT_COLOUR = "#e08a1e"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HomeScreen", text)


def _n(value: int) -> str:
    return format_money(value)  # dotted thousands: 1.466


class HomeScreen(SectionPage):
    WORKSPACE = True

    @classmethod
    def title(cls) -> str:
        return section_title("home")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Tổng quan năm thi đua: số đăng ký, đủ điều kiện, đề nghị, Hội đồng thông qua, đã "
            "khen thưởng và tiền thưởng; các mốc thời gian của phong trào; biểu đồ khen thưởng "
            "theo năm và theo đơn vị."
        )

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.today = date.today  # replaced by tests
        self.figures: YearFigures | None = None
        self.review: ReviewFigures | None = None
        self.review_computed_at: datetime | None = None
        self._stale = True  # the figures are read when the page is first shown
        self._reading = 0  # the latest refresh; an older one's figures are not shown

        # --- cards
        self.registered_card = FigureCard(_tr("Đăng ký"), "registeredCard")
        self.eligible_card = FigureCard(_tr("Đủ điều kiện"), "eligibleCard")
        self.proposed_card = FigureCard(_tr("Đề nghị"), "proposedCard")
        self.passed_card = FigureCard(_tr("Hội đồng thông qua"), "passedCard")
        self.awarded_card = FigureCard(_tr("Đã khen thưởng"), "awardedCard")
        self.money_card = FigureCard(_tr("Tiền thưởng (đồng)"), "moneyCard")
        self.cards = [
            self.registered_card,
            self.eligible_card,
            self.proposed_card,
            self.passed_card,
            self.awarded_card,
            self.money_card,
        ]
        # the section each card opens (the awards of the year: searched in "Tra cứu")
        self.card_sections = {
            self.registered_card: "campaigns",
            self.eligible_card: "review",
            self.proposed_card: "review",
            self.passed_card: "review",
            self.awarded_card: "search",
            self.money_card: "decisions",
        }
        cards = QHBoxLayout()
        cards.setSpacing(8)
        for card in self.cards:
            cards.addWidget(card, 1)
            card.activated.connect(lambda card=card: self.open_card(card))

        # --- the slow figures: on request
        self.review_label = QLabel()
        self.review_label.setObjectName("reviewLabel")
        self.review_label.setWordWrap(True)
        self.review_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.compute_button = QPushButton(_tr("Tính (F5)"))
        self.compute_button.setObjectName("computeButton")
        self.compute_button.setToolTip(
            _tr(
                "Xét điều kiện của mọi cá nhân, tập thể trong năm để đếm số đủ điều kiện và "
                "số được đề nghị (chạy nền, có thể hủy)"
            )
        )
        self.compute_button.clicked.connect(lambda _checked=False: self.compute_review())
        review_row = QHBoxLayout()
        review_row.addWidget(self.review_label, 1)
        review_row.addWidget(self.compute_button)

        # --- deadlines
        self.deadline_model = DeadlineModel(self)
        self.deadline_proxy = DeadlineProxy(self.deadline_model, self)
        self.deadline_table = QTableView()
        self.deadline_table.setObjectName("deadlineTable")
        self.deadline_table.setModel(self.deadline_proxy)
        self.deadline_table.setSortingEnabled(True)
        self.deadline_table.sortByColumn(COL_DAY, Qt.SortOrder.AscendingOrder)
        self.deadline_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadline_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadline_table.setAlternatingRowColors(True)
        self.deadline_table.setWordWrap(False)
        self.deadline_table.verticalHeader().hide()
        header = self.deadline_table.horizontalHeader()
        for column in (COL_DAY, COL_WHEN, COL_WHAT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_CAMPAIGN, QHeaderView.ResizeMode.Stretch)
        self.deadline_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.no_deadline_label = QLabel()
        self.no_deadline_label.setObjectName("noDeadlineLabel")
        self.no_deadline_label.setWordWrap(True)
        self.no_deadline_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.deadline_stack = QStackedWidget()
        self.deadline_stack.addWidget(self.deadline_table)
        self.deadline_stack.addWidget(self.no_deadline_label)
        self.deadline_box = QGroupBox()
        QVBoxLayout(self.deadline_box).addWidget(self.deadline_stack)
        self.due_panel = DuePanel()
        self.due_panel.itemOpened.connect(self.open_due)
        self.due_panel.calendarRequested.connect(lambda: self.open_calendar())
        self.calendar_dialog: QWidget | None = None  # the last calendar opened from here
        dates = QSplitter(Qt.Orientation.Horizontal)
        dates.setObjectName("datesSplitter")
        dates.addWidget(self.due_panel)
        dates.addWidget(self.deadline_box)
        dates.setChildrenCollapsible(False)
        dates.setSizes([500, 500])

        # --- charts
        self.year_chart = BarChart(Qt.Orientation.Vertical)
        self.year_chart.setObjectName("yearChart")
        self.year_chart.setAccessibleName(_tr("Khen thưởng theo năm"))
        self.year_box = QGroupBox()
        QVBoxLayout(self.year_box).addWidget(self.year_chart)
        self.unit_chart = BarChart(Qt.Orientation.Horizontal)
        self.unit_chart.setObjectName("unitChart")
        self.unit_chart.setAccessibleName(_tr("Khen thưởng theo đơn vị"))
        self.unit_box = QGroupBox()
        QVBoxLayout(self.unit_box).addWidget(self.unit_chart)

        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.setObjectName("chartSplitter")
        charts.addWidget(self.year_box)
        charts.addWidget(self.unit_box)
        charts.setChildrenCollapsible(False)
        charts.setStretchFactor(0, 2)
        charts.setStretchFactor(1, 3)
        charts.setSizes([400, 600])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("homeSplitter")
        self.splitter.addWidget(dates)
        self.splitter.addWidget(charts)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        rows = self.deadline_table.verticalHeader().defaultSectionSize()
        self.splitter.setSizes([rows * 5 + 56, 1000])  # about five deadlines in view

        # In a scroll area: on a small window the page scrolls instead of widening the window.
        content = QWidget()
        content.setObjectName("homeContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(cards)
        layout.addLayout(review_row)
        layout.addWidget(self.splitter, 1)
        # The wrapped labels make the scroll area size the page by its preferred height: the
        # charts and deadlines take the height there is instead, so 1366×768 needs no scroll
        # bar; a lower window scrolls below this minimum.
        policy = self.splitter.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.splitter.setSizePolicy(policy)
        content.setMinimumHeight(content.fontMetrics().height() * 34)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("homeScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.body.addWidget(self.scroll_area, 1)

        # --- keyboard
        self.compute_action = QAction(_tr("Tính số đủ điều kiện, đề nghị"), self)
        self.compute_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.compute_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.compute_action.triggered.connect(lambda _checked=False: self.compute_review())
        self.addAction(self.compute_action)

        self._show_review()

    # --- the year --------------------------------------------------------------------------------

    def year_changed(self, year: int) -> None:
        self.review = None
        self._show_review()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # other screens may have changed the data meanwhile
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._stale = True

    # --- cheap figures ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cheap figures, the deadlines and the charts of the year again (off the GUI
        thread, through the runner: input is not held up); they are shown once read."""
        year, today = self.year, self.today()
        self._stale = False
        self._reading += 1
        reading = self._reading

        def read() -> tuple[HomeFigures, list[CalendarItem]]:
            # imported here, in the worker thread: the window shows the database without them
            from app.services import dashboard
            from app.services.deadline_calendar import due_within

            figures = self.ctx.read(
                dashboard.home_figures, year, today, years=YEARS_SHOWN, units=UNITS_SHOWN
            )
            return figures, self.ctx.read(due_within, today, DUE_DAYS)

        self.runner.background(read, lambda outcome: self._show_cheap(reading, outcome))

    def _show_cheap(
        self, reading: int, outcome: TaskOutcome[tuple[HomeFigures, list[CalendarItem]]]
    ) -> None:
        if reading != self._reading:  # the year changed meanwhile: a newer read is coming
            return
        if outcome.error is not None:
            raise outcome.error  # to the application's error dialog, as any failed read
        assert outcome.value is not None
        cheap, due = outcome.value
        self.due_panel.set_items(due)
        year = cheap.figures.year
        self.figures = cheap.figures
        self._show_figures(self.figures)
        self._show_deadlines(cheap.deadlines)
        by_year = cheap.by_year
        self.year_chart.empty_text = _tr("Chưa có khen thưởng nào")
        self.unit_chart.empty_text = _tr("Năm {year} chưa có khen thưởng nào").format(year=year)
        self.year_box.setTitle(_tr("Khen thưởng theo năm"))
        self.year_box.setToolTip(
            _tr(
                "Số lượt khen thưởng cá nhân và tập thể theo năm thành tích, {n} năm gần nhất "
                "đến năm {year} (không kể khen thưởng đã thu hồi)"
            ).format(n=YEARS_SHOWN, year=year)
        )
        self.year_chart.set_data(
            [str(y) for y, _people, _units in by_year],
            [
                (_tr("Cá nhân"), [people for _y, people, _units in by_year]),
                (_tr("Tập thể"), [units for _y, _people, units in by_year]),
            ],
            [PERSON_COLOUR, UNIT_COLOUR],
        )
        by_unit = cheap.by_unit
        self.unit_box.setTitle(
            _tr("Khen thưởng năm {year} theo đơn vị ({n} đơn vị nhiều nhất)").format(
                year=year, n=UNITS_SHOWN
            )
        )
        self.unit_box.setToolTip(
            _tr(
                "Khen thưởng cá nhân tính cho đơn vị công tác của người đó vào cuối năm; khen "
                "thưởng tập thể tính cho chính đơn vị đó"
            )
        )
        self.unit_chart.set_data(
            [name for name, _count in by_unit],
            [(_tr("Lượt khen thưởng"), [count for _name, count in by_unit])],
            [PERSON_COLOUR],
        )

    def _show_figures(self, f: YearFigures) -> None:
        if f.campaigns == 0:
            registered_detail = _tr("Năm {year} chưa có phong trào thi đua").format(year=f.year)
        else:
            registered_detail = _tr("cá nhân · {units} tập thể\ntrong {n} phong trào").format(
                units=_n(f.registered_units), n=f.campaigns
            )
        self.registered_card.set_value(
            _n(f.registered_people),
            registered_detail,
            _tr("Cá nhân và tập thể đăng ký thi đua trong các phong trào của năm {year}").format(
                year=f.year
            ),
        )
        self.passed_card.set_value(
            _n(f.passed_people),
            _tr("cá nhân · {units} tập thể").format(units=_n(f.passed_units)),
            _tr("Được Hội đồng TĐKT biểu quyết thông qua trong các phiên họp năm {year}").format(
                year=f.year
            ),
        )
        self.awarded_card.set_value(
            _n(f.awarded_people),
            _tr("cá nhân · {units} tập thể\n{awards} lượt khen thưởng").format(
                units=_n(f.awarded_units), awards=_n(f.awards)
            ),
            _tr("Khen thưởng về thành tích năm {year}, không kể khen thưởng đã thu hồi").format(
                year=f.year
            ),
        )
        if f.money is None:
            self.money_card.set_value(PLACEHOLDER, _tr("Chưa tính được"), f.money_problem)
        else:
            self.money_card.set_value(
                _n(f.money),
                _tr("quyết định của cơ quan đã ban hành"),
                _tr(
                    "Tổng tiền thưởng các quyết định khen thưởng năm {year} của cơ quan đã ban "
                    "hành hoặc đính chính (không kể quyết định bị thu hồi)"
                ).format(year=f.year),
            )

    def _show_deadlines(self, rows: list[Deadline]) -> None:
        self.deadline_model.set_rows(rows)
        overdue = sum(d.overdue for d in rows)
        soon = sum(d.soon for d in rows)
        title = _tr("Mốc thời gian các phong trào năm {year}").format(year=self.year)
        extra = []
        if overdue:
            extra.append(_tr("{n} quá hạn").format(n=overdue))
        if soon:
            extra.append(_tr("{n} trong 7 ngày tới").format(n=soon))
        self.deadline_box.setTitle(f"{title} ({', '.join(extra)})" if extra else title)
        if rows:
            self.deadline_stack.setCurrentWidget(self.deadline_table)
        else:
            self.no_deadline_label.setText(
                _tr(
                    "Năm {year} không có phong trào nào đang mở có mốc thời gian. Thêm phong "
                    "trào và hạn đăng ký ở mục Phong trào & đăng ký."
                ).format(year=self.year)
            )
            self.deadline_stack.setCurrentWidget(self.no_deadline_label)

    # --- opening what the page shows ------------------------------------------------------------

    def open_card(self, card: FigureCard) -> None:
        """The card's section, in the year shown (the awards of the year searched)."""
        key = self.card_sections[card]
        target = self.year if key == "search" else None
        self.sectionRequested.emit(SectionRequest(key, self.year, target))

    def open_due(self, item: CalendarItem) -> None:
        """A campaign's date or a late unit: the campaign in "Phong trào & đăng ký", in its
        year; a provincial deadline: the deadlines calendar of its year, the item selected."""
        if item.campaign_id is not None:
            self.sectionRequested.emit(
                SectionRequest("campaigns", item.year or None, item.campaign_id)
            )
            return
        self.open_calendar(item)

    def open_calendar(self, item: CalendarItem | None = None) -> QWidget:
        """The deadlines calendar (non-modal) of the item's year, else of the year shown."""
        from app.ui.screens.campaigns.calendar_dialog import CalendarDialog

        year = item.year if item is not None and item.year else self.year
        dialog = CalendarDialog(self.ctx, year, self, today=self.today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if item is not None:
            dialog.select_item(item)
        self.calendar_dialog = dialog
        dialog.destroyed.connect(lambda _obj=None: self._calendar_closed(dialog))
        return dialog

    def _calendar_closed(self, dialog: QWidget) -> None:
        if self.calendar_dialog is dialog:
            self.calendar_dialog = None

    # --- the review (slow) -----------------------------------------------------------------------

    def compute_review(self) -> None:
        """Evaluate the year in the background, then show eligible and proposed counts."""
        year = self.year

        def work(progress: ProgressFn) -> ReviewFigures:
            from app.services import dashboard

            return self.ctx.read(dashboard.review_figures, year, progress=progress)

        self.compute_button.setEnabled(False)
        self.review_label.setText(_tr("Đang xét điều kiện năm {year}…").format(year=year))
        self.runner.start(
            _tr("Đang xét điều kiện năm {year}").format(year=year),
            work,
            lambda outcome: self._review_done(year, outcome),
            self,
        )

    def _review_done(self, year: int, outcome: TaskOutcome[ReviewFigures]) -> None:
        self.compute_button.setEnabled(True)
        if year != self.year:  # the year changed meanwhile: the result is for another year
            return
        if outcome.cancelled:
            self._show_review(_tr("Đã hủy việc xét điều kiện."))
            return
        if outcome.error is not None or outcome.value is None:
            message = _tr("Không xét được điều kiện năm {year}: {error}").format(
                year=year, error=outcome.error
            )
            self._show_review(message)
            QMessageBox.warning(self, _tr("Tổng quan"), message)
            return
        self.review = outcome.value
        self.review_computed_at = datetime.now()
        self._show_review()

    def _show_review(self, note: str = "") -> None:
        r = self.review
        if r is None:
            hint = _tr("Đủ điều kiện và Đề nghị: bấm “Tính (F5)” để xét điều kiện cả năm")
            for card in (self.eligible_card, self.proposed_card):
                card.set_value(PLACEHOLDER, _tr("Bấm “Tính (F5)”"), hint)
            self.review_label.setText(
                note
                or _tr(
                    "Số đủ điều kiện và số đề nghị cần xét điều kiện của mọi cá nhân, tập thể "
                    "năm {year} (có thể mất vài giây)."
                ).format(year=self.year)
            )
            return
        from app.services.reference import catalogue
        from app.services.review import title_short

        cat = catalogue()
        eligible = " · ".join(f"{title_short(c, cat)} {_n(n)}" for c, n in r.eligible.items())
        proposed = " · ".join(f"{title_short(c, cat)} {_n(n)}" for c, n in r.proposed.items())
        self.eligible_card.set_value(
            _n(r.eligible_people),
            _tr("cá nhân · {units} tập thể").format(units=_n(r.eligible_units)),
            _tr("Đủ điều kiện ít nhất một danh hiệu chính: {titles}").format(titles=eligible),
        )
        self.proposed_card.set_value(
            _n(r.proposed_people),
            _tr("cá nhân · {units} tập thể").format(units=_n(r.proposed_units)),
            _tr("Được đề nghị: {titles}").format(titles=proposed or _tr("không có")),
        )
        at = (self.review_computed_at or datetime.now()).strftime("%H:%M")
        self.review_label.setText(
            _tr(
                "Đủ điều kiện: {eligible}. Đề nghị: {proposed}. (Tính lúc {at}; F5 để tính lại.)"
            ).format(eligible=eligible, proposed=proposed or _tr("không có"), at=at)
        )
