"""The "Tra cứu khen thưởng" screen: the filters give the counts the test computes, the table
sorts, the export writes the rows in the table's order, a person's row opens the record."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.ui.screens.search import SearchScreen
from app.ui.screens.search.screen import ROW_ROLE
from award_search_data import IN_CCKL, count_specs, make_data


def _screen(qtbot, ctx) -> SearchScreen:  # type: ignore[no-untyped-def]
    page = SearchScreen(ctx, 2024)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _choose(combo, value) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_unit_and_years_give_the_computed_count(qtbot, database, ctx, tmp_path) -> None:
    data = make_data(database)
    page = _screen(qtbot, ctx)
    _choose(page.unit_combo, data["cc"])
    _choose(page.title_combo, "BK_TINH")
    page.from_spin.setValue(2021)
    page.to_spin.setValue(2024)
    page.run_search()
    expected = count_specs(data["specs"], units=IN_CCKL, title="BK_TINH", years=(2021, 2024))
    assert page.proxy.rowCount() == expected > 0
    assert page.counts_label.text() == f"{expected} lượt khen thưởng"

    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    years = [row.year for row in page.rows_shown()]
    assert years == sorted(years) and years[0] == 2021
    out = page.export(str(tmp_path / "kq.xlsx"))
    assert out is not None
    ws = load_workbook(out).active
    assert [ws.cell(row=5 + i, column=2).value for i in range(expected)] == years


def test_a_person_row_opens_the_record(qtbot, database, ctx, monkeypatch) -> None:
    data = make_data(database)
    page = _screen(qtbot, ctx)
    _choose(page.subject_combo, "CA_NHAN")
    page.run_search()
    opened: list[object] = []
    from app.ui.screens.units import person_dialog

    monkeypatch.setattr(person_dialog.PersonDialog, "exec", lambda self: opened.append(self) or 0)
    index = page.proxy.index(0, 0)
    assert index.data(ROW_ROLE).person_id is not None
    page.open_row(index)
    assert len(opened) == 1
    assert len(data["specs"]) > page.proxy.rowCount() > 0


def test_the_export_button_asks_for_a_file(qtbot, database, ctx, tmp_path, monkeypatch) -> None:
    make_data(database)
    page = _screen(qtbot, ctx)
    page.run_search()
    target = tmp_path / "nut.xlsx"
    from app.ui.screens.search import screen

    monkeypatch.setattr(
        screen.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel (*.xlsx)")
    )
    page.export_button.click()
    ws = load_workbook(target).active
    assert ws.cell(row=5 + page.proxy.rowCount(), column=1).value == (
        f"Tổng số: {page.proxy.rowCount()}"
    )


def test_a_collective_row_opens_its_decision(qtbot, database, ctx, settings, runner) -> None:
    from datetime import date

    from app.ui.main_window import MainWindow
    from app.ui.sections import SECTION_KEYS
    from decision_factory import add_decision, build_agency

    with database.session_factory.begin() as s:
        agency = build_agency(s)
        did = add_decision(
            s,
            number="09/QĐ-SNNMT",
            day=date(2024, 12, 20),
            code="GK_SO",
            lines=[("TAP_THE", agency.office, "GK_SO")],
            period=(2024, 2024),
        )
    window = MainWindow(ctx, settings=settings, runner=runner, year=2026)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    index = SECTION_KEYS.index("search")
    window.show_section(index)
    page = window.section_page(index)
    assert isinstance(page, SearchScreen)
    _choose(page.subject_combo, "TAP_THE")
    page.run_search()
    assert page.proxy.rowCount() == 1
    page.open_row(page.proxy.index(0, 0))
    decisions = window.section_page(SECTION_KEYS.index("decisions"))
    assert window.year_spin.value() == 2024
    assert window.pages.currentWidget() is decisions
    assert decisions.current_row().id == did
