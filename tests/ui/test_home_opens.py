""" "Tổng quan" opens what it shows (issue 26), in the main window, by mouse and keyboard: what
falls due in the next 14 days (a campaign's deadline and a late unit open the campaign in
"Phong trào & đăng ký", in its year; a provincial deadline opens the deadlines calendar with it
selected) and the figure cards open their sections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView

from app.db.models import Campaign, UnitRegistration
from app.domain.campaigns import THEMATIC, CampaignInput
from app.domain.units import UnitInput
from app.services import deadline_calendar as cal
from app.services import units as unit_svc
from app.services.campaigns import create_campaign
from app.ui.main_window import MainWindow
from app.ui.screens.campaigns import CampaignsScreen
from app.ui.screens.campaigns.calendar_dialog import CalendarDialog
from app.ui.screens.home import HomeScreen
from app.ui.screens.home.figure_card import FigureCard
from app.ui.sections import SECTION_KEYS
from app.ui.widgets.calendar_items import ITEM_ROLE

YEAR = 2026
TODAY = date(YEAR, 3, 25)
FAR_YEAR = 2027


@pytest.fixture
def dates(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Due within 14 days of TODAY: a campaign's sign-up deadline and the provincial
    statistics report; a unit late with the sign-up of another campaign; beyond: the rest."""

    def build(s):  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        late = unit_svc.create_unit(
            s, UnitInput(code="TRE", full_name="Phòng Trễ Hạn", parent_id=root.id)
        )
        soon = create_campaign(
            s,
            CampaignInput(
                name="Thi đua chuyển đổi số",
                kind=THEMATIC,
                scope="CO_QUAN_DON_VI",
                start_date=date(YEAR, 1, 1),
                registration_deadline=TODAY + timedelta(days=5),
                year=YEAR,
            ),
        ).id
        missed = Campaign(
            name="Phong trào năm 2026",
            kind="PT_THUONG_XUYEN",
            scope="SO",
            year=YEAR,
            start_date=date(YEAR, 1, 1),
            registration_deadline=TODAY - timedelta(days=10),
        )
        s.add(missed)
        s.flush()
        s.add(UnitRegistration(campaign_id=missed.id, unit_id=late.id, status="CHUA_GUI"))
        entries, version = cal.provincial_entries(s, YEAR)
        moved = [
            cal.CalendarEntry(e.key, e.what, TODAY + timedelta(days=7), e.basis)
            if e.key == "THONG_KE"
            else e
            for e in entries
        ]
        cal.save_provincial_entries(s, YEAR, moved, expected_version=version)
        return {"soon": soon, "missed": missed.id, "late": late.id}

    return ctx.write(build)  # type: ignore[no-any-return]


@pytest.fixture
def window(qtbot, ctx, settings, runner, dates) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitExposed(window):
        window.show()
    window.set_year(FAR_YEAR)  # another year than the items': they open in theirs
    home = window.current_page()
    assert isinstance(home, HomeScreen)
    home.today = lambda: TODAY
    home.refresh()
    return window


def home_of(window: MainWindow) -> HomeScreen:
    window.show_section(SECTION_KEYS.index("home"))
    page = window.current_page()
    assert isinstance(page, HomeScreen)
    return page


def row_point(view: QTableView, row: int) -> QPoint:
    return view.visualRect(view.model().index(row, 2)).center()


def test_what_is_due_lists_the_next_14_days_whatever_the_year(window: MainWindow) -> None:
    panel = home_of(window).due_panel
    assert panel.stack.currentWidget() is panel.table
    assert [(i.kind, i.day, i.source) for i in panel.items()] == [
        (cal.KIND_LATE_UNIT, TODAY - timedelta(days=10), "Phòng Trễ Hạn"),
        (cal.KIND_CAMPAIGN, TODAY + timedelta(days=5), "Thi đua chuyển đổi số"),
        (cal.KIND_PROVINCE, TODAY + timedelta(days=7), "Theo kế hoạch của tỉnh (khuyến nghị)"),
    ]
    model = panel.table.model()
    assert model.index(1, 1).data() == "Còn 5 ngày"
    assert model.index(0, 1).data() == "Đã qua 10 ngày"
    assert "Chưa nộp đăng ký" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.title() == "Sắp đến hạn (14 ngày tới) · 1 quá hạn"


def test_enter_on_a_campaign_deadline_opens_the_campaign_in_its_year(
    qtbot, window: MainWindow, dates
) -> None:  # type: ignore[no-untyped-def]
    panel = home_of(window).due_panel
    row = [i.kind for i in panel.items()].index(cal.KIND_CAMPAIGN)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.table.model().index(row, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    page = window.current_page()
    assert isinstance(page, CampaignsScreen)
    assert window.year == YEAR and page.year == YEAR
    chosen = page.current_campaign()
    assert chosen is not None and chosen.id == dates["soon"]


def test_a_double_click_on_a_late_unit_opens_its_campaign(qtbot, window: MainWindow, dates) -> None:  # type: ignore[no-untyped-def]
    panel = home_of(window).due_panel
    row = [i.kind for i in panel.items()].index(cal.KIND_LATE_UNIT)
    point = row_point(panel.table, row)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert isinstance(window.current_page(), HomeScreen)  # one click only selects
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    page = window.current_page()
    assert isinstance(page, CampaignsScreen)
    chosen = page.current_campaign()
    assert chosen is not None and chosen.id == dates["missed"]


def test_a_provincial_deadline_opens_the_calendar_with_it_selected(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    home = home_of(window)
    panel = home.due_panel
    row = [i.kind for i in panel.items()].index(cal.KIND_PROVINCE)
    item = panel.items()[row]
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.table.model().index(row, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    dialog = home.calendar_dialog
    assert isinstance(dialog, CalendarDialog) and dialog.isVisible()
    assert dialog.year == YEAR and window.current_page() is home
    assert dialog.table.currentIndex().data(ITEM_ROLE) == item
    dialog.close()

    # "Lịch thời hạn…" opens the calendar of the year shown
    qtbot.mouseClick(panel.calendar_button, Qt.MouseButton.LeftButton)
    other = home.calendar_dialog
    assert isinstance(other, CalendarDialog) and other.year == FAR_YEAR
    other.close()


def test_nothing_due_says_so(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    home = home_of(window)
    home.today = lambda: date(YEAR, 8, 1)  # nothing in 14 days; the late unit still shows
    home.refresh()
    assert [i.kind for i in home.due_panel.items()] == [cal.KIND_LATE_UNIT]
    home.today = lambda: date(YEAR - 3, 8, 1)
    home.refresh()
    panel = home.due_panel
    assert panel.stack.currentWidget() is panel.empty_label
    assert panel.empty_label.text() == "Không có việc nào đến hạn trong 14 ngày tới."


@pytest.mark.parametrize(
    ("card", "section"),
    [
        ("registered_card", "campaigns"),
        ("eligible_card", "review"),
        ("passed_card", "review"),
        ("awarded_card", "search"),
        ("money_card", "decisions"),
    ],
)
def test_a_card_opens_its_section_on_a_click(
    qtbot, window: MainWindow, card: str, section: str
) -> None:  # type: ignore[no-untyped-def]
    home = home_of(window)
    widget: FigureCard = getattr(home, card)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    assert window.navigation.currentRow() == SECTION_KEYS.index(section)
    assert window.current_page().year == FAR_YEAR


def test_cards_open_by_keyboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    home = home_of(window)
    home.registered_card.setFocus()
    assert home.registered_card.hasFocus()
    qtbot.keyClick(home.registered_card, Qt.Key.Key_Tab)
    assert home.eligible_card.hasFocus()  # Tab walks the cards
    qtbot.keyClick(home.eligible_card, Qt.Key.Key_Space)
    assert window.navigation.currentRow() == SECTION_KEYS.index("review")

    home = home_of(window)
    home.awarded_card.setFocus()
    qtbot.keyClick(home.awarded_card, Qt.Key.Key_Return)
    search = window.current_page()
    assert window.navigation.currentRow() == SECTION_KEYS.index("search")
    # the awards of the year shown, searched at once
    assert (search.from_spin.value(), search.to_spin.value()) == (FAR_YEAR, FAR_YEAR)  # type: ignore[attr-defined]
    assert search.counts_label.text() == "0 lượt khen thưởng"  # type: ignore[attr-defined]
