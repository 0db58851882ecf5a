"""The "Quỹ thi đua, khen thưởng" tab: the header saved, a receipt and a payment added, an
issued decision's bonus listed automatically, the balance shown, the fund report exported."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from PySide6.QtCore import QDate

from app.services.money import decision_amounts
from app.ui.screens.settings import SettingsScreen
from decision_factory import add_decision, build_agency

Y = 2026


def _money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_fund_tab(qtbot, database, ctx, tmp_path, monkeypatch) -> None:
    with database.session_factory.begin() as s:
        agency = build_agency(s)
        did = add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(Y, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["ha"], "LDTT")],
        )
    with database.session_factory() as s:
        bonus = decision_amounts(s, did).total
    page = SettingsScreen(ctx, Y)
    qtbot.addWidget(page)
    panel = page.fund_panel
    tab = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("Quỹ thi đua, khen thưởng")
    page.show()
    page.tabs.setCurrentIndex(tab)
    qtbot.waitExposed(page)
    panel.year_spin.setValue(Y)
    panel.salary_edit.setText("1.000.000.000")
    panel.allocated_edit.setText("100.000.000")
    assert panel.save_header()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findData("THU"))
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("DONG_GOP"))
    panel.day_edit.setDate(QDate(Y, 3, 1))
    panel.amount_edit.setText("5.000.000")
    assert panel.add_entry()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findData("CHI"))
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("THI_DUA"))
    panel.amount_edit.setText("2.000.000")
    assert panel.add_entry()
    assert panel.model.rowCount() == 3  # the receipt, the payment, the decision's bonus
    balance = 100_000_000 + 5_000_000 - 2_000_000 - bonus
    assert panel.balance_label.text().endswith(f"còn {_money(balance)} đồng")

    auto_row = next(i for i, e in enumerate(panel.model.entries) if e.auto)
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(auto_row, 0)).row())
    from app.ui.screens.settings import fund_panel

    monkeypatch.setattr(fund_panel.QMessageBox, "warning", lambda *a, **k: None)
    assert not panel.remove_selected()  # automatic postings are not removed by hand

    out = panel.export(str(tmp_path / "quy.xlsx"))
    assert out is not None
    ws = load_workbook(out).active
    assert ws.cell(row=9, column=3).value == 105_000_000
    assert ws.cell(row=9, column=5).value == 2_000_000 + bonus


def test_removing_an_entry_asks_first(qtbot, database, ctx, message_boxes) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    page = SettingsScreen(ctx, Y)
    qtbot.addWidget(page)
    panel = page.fund_panel
    tab = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("Quỹ thi đua, khen thưởng")
    page.show()
    page.tabs.setCurrentIndex(tab)
    qtbot.waitExposed(page)
    panel.year_spin.setValue(Y)
    panel.salary_edit.setText("1.000.000.000")
    panel.allocated_edit.setText("100.000.000")
    assert panel.save_header()
    panel.direction_combo.setCurrentIndex(panel.direction_combo.findData("THU"))
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData("DONG_GOP"))
    panel.day_edit.setDate(QDate(Y, 3, 1))
    panel.amount_edit.setText("5.000.000")
    assert panel.add_entry()
    panel.table.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.No
    assert not panel.remove_selected()
    asked = message_boxes.shown[-1]
    assert asked.kind == "question" and f"5.000.000 đồng ngày 01/03/{Y}" in asked.text
    assert panel.model.rowCount() == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert panel.remove_selected()
    assert panel.model.rowCount() == 0
