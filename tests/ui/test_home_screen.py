"""The "Tổng quan" page driven as a clerk would: figures, F5, the year, deadlines and charts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.db.models import AwardRecord
from app.domain.campaigns import REGULAR, THEMATIC, CampaignInput
from app.domain.council import Ballots
from app.services import council, dashboard, registrations
from app.services.campaigns import create_campaign
from app.ui.screens.home import HomeScreen
from app.ui.screens.home.bar_chart import BarChart, nice_ticks
from app.ui.screens.home.deadline_model import (
    COL_CAMPAIGN,
    COL_WHAT,
    COL_WHEN,
    OVERDUE_COLOUR,
    SOON_COLOUR,
)
from app.ui.sections import SECTION_KEYS, section_title
from app.ui.tasks import SyncTaskRunner
from decision_factory import Agency, add_decision, build_agency

YEAR = 2025


def _show(qtbot, page: HomeScreen) -> HomeScreen:  # type: ignore[no-untyped-def]
    page.set_runner(SyncTaskRunner())  # the figures are read through the runner
    qtbot.addWidget(page)
    page.resize(1060, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    return page


@pytest.fixture
def agency(ctx) -> Agency:  # type: ignore[no-untyped-def]
    return ctx.write(build_agency)


@pytest.fixture
def year_data(ctx, agency: Agency) -> Agency:  # type: ignore[no-untyped-def]
    """2025: two registered people and a unit, Hà passed by the Council and awarded LĐTT by an
    issued decision (710.000 đồng), the office awarded TTLĐTT; Nam awarded in 2024."""
    ha, nam = agency.people["ha"], agency.people["nam"]

    def build(s) -> None:  # type: ignore[no-untyped-def]
        campaign = create_campaign(
            s,
            CampaignInput(
                name="Phong trào thi đua thường xuyên năm 2025",
                kind=REGULAR,
                scope="CO_QUAN_DON_VI",
                start_date=date(YEAR, 1, 1),
                end_date=date(YEAR, 12, 31),
                year=YEAR,
            ),
        ).id
        registrations.register_person(s, campaign, ha, "LDTT")
        registrations.register_person(s, campaign, nam, "CSTDCS")
        registrations.register_unit(s, campaign, agency.office, "TTLDTT")
        meeting = council.create_session(
            s,
            council.SessionInput(
                year=YEAR, meeting_date=date(YEAR, 12, 20), members_total=9, present=9
            ),
        )
        council.record_vote(s, meeting, "LDTT", Ballots(9, 9, 9, 9), person_id=ha)
        add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(YEAR, 12, 26),
            code="LDTT",
            lines=[("CA_NHAN", ha, "LDTT")],
            period=(YEAR, YEAR),
        )
        for year, kind, who in ((YEAR, "TAP_THE", agency.office), (YEAR - 1, "CA_NHAN", nam)):
            s.add(
                AwardRecord(
                    subject_kind=kind,
                    person_id=who if kind == "CA_NHAN" else None,
                    unit_id=who if kind == "TAP_THE" else None,
                    catalogue_code="TTLDTT" if kind == "TAP_THE" else "LDTT",
                    year=year,
                )
            )

    ctx.write(build)
    return agency


def test_the_cards_show_the_year_figures(qtbot, ctx, runner, year_data) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    page.set_runner(runner)
    assert page.title() == section_title("home") == "Tổng quan"
    assert SECTION_KEYS[0] == "home"
    assert page.registered_card.value() == "2"
    assert page.registered_card.detail() == "cá nhân · 1 tập thể\ntrong 1 phong trào"
    assert page.passed_card.value() == "1"
    assert page.awarded_card.value() == "1"
    assert page.awarded_card.detail() == "cá nhân · 1 tập thể\n2 lượt khen thưởng"
    assert page.money_card.value() == "710.000"  # LĐTT: 0,3 x 2.340.000, rounded up
    assert page.money_card.caption_label.text() == "Tiền thưởng (đồng)"
    # the slow figures wait for F5: nothing computed at start
    assert runner.titles == []
    assert page.eligible_card.value() == page.proposed_card.value() == "—"
    assert "F5" in page.eligible_card.detail()
    assert page.compute_button.text() == "Tính (F5)"


def test_f5_computes_eligible_and_proposed_in_the_background(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year - 1  # the demo's last graded year
    runner = SyncTaskRunner()
    page = _show(qtbot, HomeScreen(demo_ctx, year))
    page.set_runner(runner)
    page.compute_button.setFocus()
    qtbot.keyClick(page.compute_button, Qt.Key.Key_F5)

    assert runner.titles == [f"Đang xét điều kiện năm {year}"]
    assert runner.reports and runner.reports[-1][1] == 1.0
    expected = demo_ctx.read(dashboard.review_figures, year)
    assert expected.eligible_people > 0
    assert page.eligible_card.value() == f"{expected.eligible_people:,}".replace(",", ".")
    assert page.proposed_card.value() == f"{expected.proposed_people:,}".replace(",", ".")
    assert f"{expected.eligible_units} tập thể" in page.eligible_card.detail()
    assert f"LĐTT {expected.eligible['LDTT']}" in page.review_label.text()
    assert page.compute_button.isEnabled()

    # the button does the same; a cancelled run leaves the figures as they were
    cancelling = SyncTaskRunner(cancel_after=1)
    page.set_runner(cancelling)
    qtbot.mouseClick(page.compute_button, Qt.MouseButton.LeftButton)
    assert cancelling.titles == [f"Đang xét điều kiện năm {year}"]
    assert page.eligible_card.value() == f"{expected.eligible_people:,}".replace(",", ".")


def test_a_cancelled_first_run_says_so(qtbot, ctx, year_data) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    page.set_runner(SyncTaskRunner(cancel_after=1))
    page.compute_review()
    assert page.eligible_card.value() == "—"
    assert page.review_label.text() == "Đã hủy việc xét điều kiện."


def test_a_failed_run_shows_the_error(
    qtbot, ctx, runner, year_data, message_boxes, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def broken(_session, _year, progress=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("ổ đĩa không đọc được")

    monkeypatch.setattr(dashboard, "review_figures", broken)
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    page.set_runner(runner)
    page.compute_review()
    assert page.eligible_card.value() == "—"
    assert "ổ đĩa không đọc được" in page.review_label.text()
    assert [m.kind for m in message_boxes.shown] == ["warning"]


def test_changing_the_year_refreshes_the_figures(qtbot, ctx, runner, year_data) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    page.set_runner(runner)
    page.compute_review()
    assert page.eligible_card.value() != "—"

    page.set_year(YEAR - 1)
    assert "2024" in page.year_label.text()
    assert page.registered_card.value() == "0"
    assert "chưa có phong trào" in page.registered_card.detail()
    assert page.awarded_card.value() == "1"  # Nam, 2024
    assert page.money_card.value() == "0"
    assert page.eligible_card.value() == "—"  # computed for 2025: no longer shown
    assert page.unit_chart.labels() == ["Văn phòng Sở"]
    assert "2024" in page.unit_box.title()

    page.set_year(YEAR)
    assert page.registered_card.value() == "2"


def test_data_changed_elsewhere_shows_when_the_page_comes_back(qtbot, ctx, year_data) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    assert page.awarded_card.value() == "1"
    page.hide()
    ctx.write(
        lambda s: s.add(
            AwardRecord(
                subject_kind="CA_NHAN",
                person_id=year_data.people["lan"],
                catalogue_code="LDTT",
                year=YEAR,
            )
        )
    )
    page.show()
    assert page.awarded_card.value() == "2"


def test_deadlines_are_coloured_by_urgency(qtbot, ctx, agency) -> None:  # type: ignore[no-untyped-def]
    today = date(YEAR, 3, 10)

    def build(s) -> None:  # type: ignore[no-untyped-def]
        for name, deadline, end in (
            ("Phong trào quá hạn", today - timedelta(days=2), today + timedelta(days=30)),
            ("Phong trào sắp hết hạn", today + timedelta(days=7), None),
            ("Phong trào còn xa", today + timedelta(days=8), None),
        ):
            create_campaign(
                s,
                CampaignInput(
                    name=name,
                    kind=THEMATIC,
                    scope="CO_QUAN_DON_VI",
                    start_date=date(YEAR, 1, 1),
                    registration_deadline=deadline,
                    end_date=end,
                    year=YEAR,
                ),
            )

    ctx.write(build)
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    page.today = lambda: today
    page.refresh()

    view = page.deadline_table
    assert page.deadline_stack.currentWidget() is view
    model = view.model()
    rows = {
        (model.index(r, COL_CAMPAIGN).data(), model.index(r, COL_WHAT).data()): r
        for r in range(model.rowCount())
    }

    def colour(campaign: str, what: str) -> QColor | None:
        brush = model.index(rows[(campaign, what)], COL_WHAT).data(Qt.ItemDataRole.ForegroundRole)
        return brush.color() if brush is not None else None

    def when(campaign: str, what: str) -> str:
        return model.index(rows[(campaign, what)], COL_WHEN).data()

    assert colour("Phong trào quá hạn", "Hạn đăng ký thi đua") == OVERDUE_COLOUR
    assert when("Phong trào quá hạn", "Hạn đăng ký thi đua") == "Quá hạn 2 ngày"
    assert colour("Phong trào sắp hết hạn", "Hạn đăng ký thi đua") == SOON_COLOUR
    assert when("Phong trào sắp hết hạn", "Hạn đăng ký thi đua") == "Còn 7 ngày"
    assert colour("Phong trào còn xa", "Hạn đăng ký thi đua") is None
    assert colour("Phong trào quá hạn", "Kết thúc phong trào") is None  # 30 days away
    assert "1 quá hạn, 1 trong 7 ngày tới" in page.deadline_box.title()
    # earliest first
    days = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert days[0] == "08/03/2025"


def test_a_year_without_campaigns_says_so(qtbot, ctx, agency) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, HomeScreen(ctx, YEAR))
    assert page.deadline_stack.currentWidget() is page.no_deadline_label
    assert "Phong trào & đăng ký" in page.no_deadline_label.text()
    assert page.year_chart.is_empty() and page.unit_chart.is_empty()
    assert page.unit_chart.accessibleDescription() == "Năm 2025 chưa có khen thưởng nào"
    assert not page.year_chart.grab().isNull()


def test_the_charts_hold_the_award_counts(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    year = date.today().year - 1
    page = _show(qtbot, HomeScreen(demo_ctx, year))
    by_year = demo_ctx.read(dashboard.awards_by_year, 10, until=year)
    assert page.year_chart.labels() == [str(y) for y, _p, _u in by_year]
    assert page.year_chart.series() == [
        ("Cá nhân", [p for _y, p, _u in by_year]),
        ("Tập thể", [u for _y, _p, u in by_year]),
    ]
    by_unit = demo_ctx.read(dashboard.awards_by_unit, year, 15)
    assert len(by_unit) == 15
    assert page.unit_chart.labels() == [name for name, _n in by_unit]
    assert page.unit_chart.series() == [("Lượt khen thưởng", [n for _name, n in by_unit])]
    for chart in (page.year_chart, page.unit_chart):
        image = chart.grab()
        assert not image.isNull() and image.width() > 200


# --- the chart widget ------------------------------------------------------------------------


def test_nice_ticks_are_round_and_cover_the_maximum() -> None:
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(4) == [0, 1, 2, 3, 4]
    assert nice_ticks(273) == [0, 100, 200, 300]
    assert nice_ticks(18) == [0, 5, 10, 15, 20]
    assert nice_ticks(1466)[-1] >= 1466


def test_bar_chart_draws_bars_and_explains_them_on_hover(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart(Qt.Orientation.Vertical)
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.set_data(
        ["2023", "2024", "2025"],
        [("Cá nhân", [120, 1466, 0]), ("Tập thể", [12, 20, 5])],
        ["#1f6fb2", "#e08a1e"],
    )
    with qtbot.waitExposed(chart):
        chart.show()
    assert not chart.grab().isNull()
    bars = chart.bars()
    assert len(bars) == 6
    tallest = max(bars, key=lambda b: b.rect.height())
    assert (tallest.index, tallest.series, tallest.value) == (1, 0, 1466)
    # bars of one year stand side by side, years left to right
    assert bars[0].rect.right() <= bars[1].rect.left() + 0.5
    assert bars[1].rect.right() < bars[2].rect.left()
    assert chart.colours()[1] == QColor("#e08a1e")

    point = tallest.rect.center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point)))
    assert QToolTip.text() == "2024\nCá nhân: 1.466"
    assert chart.bar_at(QPoint(2, 2)) is None
    assert "2025 — Cá nhân: 0, Tập thể: 5" in chart.accessibleDescription()

    qtbot.mouseMove(chart, point)
    qtbot.waitUntil(lambda: chart._hover == (1, 0), timeout=1000)
    assert not chart.grab().isNull()  # painted with the bar highlighted


def test_horizontal_bar_chart_elides_long_names_but_keeps_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart(Qt.Orientation.Horizontal)
    qtbot.addWidget(chart)
    chart.resize(420, 260)
    long_name = "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"
    chart.set_data([long_name, "Văn phòng Sở"], [("Lượt khen thưởng", [12, 18])])
    with qtbot.waitExposed(chart):
        chart.show()
    assert not chart.grab().isNull()
    first, second = chart.bars()
    assert first.rect.top() < second.rect.top()  # top to bottom in the given order
    assert second.rect.width() > first.rect.width()
    assert first.rect.left() <= 420 * 0.45 + 4  # labels take at most 45 % of the width
    assert chart.tooltip_for(first) == f"{long_name}\nLượt khen thưởng: 12"


def test_bar_chart_refuses_mismatched_data(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart()
    qtbot.addWidget(chart)
    with pytest.raises(ValueError):
        chart.set_data(["2024", "2025"], [("Cá nhân", [1])])
    chart.set_data([], [])
    assert chart.is_empty() and chart.bars() == []
    assert not chart.grab().isNull()
