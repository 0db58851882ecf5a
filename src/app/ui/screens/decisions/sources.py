"""Decisions that do not start as the agency's draft: a draft from the Council's results, a
superior's decision entered by hand, and the decisions of imported award history.

Functions of the :class:`DecisionsScreen` they act for (its ``ctx``, year, dialogs and its way
of writing), kept apart to keep the screen module short.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from app.domain.vnformat import format_count
from app.services import decisions as svc
from app.services.decision_dates import DateCheck, check_signing_date
from app.services.people import list_people
from app.services.units import list_units
from app.ui.screens.decisions.dialogs import CouncilDialog
from app.ui.screens.decisions.form import SUPERIOR_AUTHORITIES
from app.ui.screens.decisions.pickers import (
    HouseholdDialog,
    PersonPicker,
    SuperiorDialog,
    UnitPicker,
)
from app.ui.tasks import ProgressFn

if TYPE_CHECKING:
    from app.ui.screens.decisions.screen import DecisionsScreen

_CONTEXT = "DecisionsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def from_council(screen: DecisionsScreen) -> None:
    """“Tạo từ kết quả Hội đồng…”: the draft is dated today (whatever decision is selected
    behind), the date checked as it is typed (base salary, before the session or the year's
    end, the total at that date)."""
    year = screen.year
    titles = screen.ctx.read(svc.council_titles, year)
    dialog = CouncilDialog(
        titles,
        lambda code: screen.ctx.read(svc.council_candidates, year, code),
        year,
        screen,
    )

    def check(code: str, day: date) -> DateCheck:
        lines = [(code, c.subject_kind) for c in dialog.model.rows() if not c.already_in]
        return screen.ctx.read(check_signing_date, day, year=year, title=code, lines=lines)

    dialog.configure_date(check)

    def commit(code: str) -> bool:
        created = screen._write(
            dialog.windowTitle(),
            svc.create_from_council,
            year,
            code,
            decision_date=dialog.signing_date(),
        )
        return screen._after(created)

    screen._open(dialog, commit)


def _pick_now(screen: DecisionsScreen, kind: str, award: str | None) -> list[svc.RecipientInput]:
    """A picker shown over the superior's form; what the clerk chose (none if cancelled)."""
    parent = screen.dialog or screen
    if kind == svc.CA_NHAN:
        people = screen.ctx.read(list_people, on=date.today())
        picker: Any = PersonPicker(people, award, parent, history=True)
    elif kind == svc.TAP_THE:
        units = screen.ctx.read(list_units, include_history=False)
        picker = UnitPicker(units, award, parent, history=True)
    else:
        picker = HouseholdDialog(award, parent)
    try:
        if picker.exec() != QDialog.DialogCode.Accepted:
            return []
        return list(picker.values())
    finally:
        picker.deleteLater()


def _namer(screen: DecisionsScreen) -> Callable[[svc.RecipientInput], str]:
    """The name of a line not yet saved (the superior's form), from names read once."""
    cache: dict[str, dict[int, str]] = {}

    def name(item: svc.RecipientInput) -> str:
        if item.subject_kind == svc.HO_GIA_DINH:
            return item.recipient_name or ""
        if not cache:
            people = screen.ctx.read(list_people, on=date.today())
            cache["people"] = {p.id: p.full_name for p in people}
            cache["units"] = {u.id: u.full_name for u in screen.ctx.read(list_units)}
        if item.subject_kind == svc.CA_NHAN:
            return cache["people"].get(item.person_id or 0, "")
        return cache["units"].get(item.unit_id or 0, "")

    return name


def record_superior(screen: DecisionsScreen) -> None:
    dialog = SuperiorDialog(partial(_pick_now, screen), _namer(screen), screen)
    dialog.decision.configure_numbers(partial(_superior_checker, screen), None)
    dialog.load(
        svc.DecisionInput(
            year=screen.year,
            authority=SUPERIOR_AUTHORITIES[0],
            catalogue_code="BK_TINH",
            period_from_year=screen.year,
            period_to_year=screen.year,
        )
    )

    def commit(values: Any) -> bool:
        data, lines = values
        saved = screen._write(dialog.windowTitle(), svc.record_superior, data, lines)
        return screen._after(saved)

    screen._open(dialog, commit)


def _superior_checker(screen: DecisionsScreen, year: int, text: str) -> list[str]:
    """A superior's number may have any form; a "n/series" one must be free in its year."""
    if svc.parse_number(text) is None:
        return []
    return screen.ctx.read(svc.number_problems, year, text, None)


def sync_history(screen: DecisionsScreen) -> int | None:
    title = _tr("Đồng bộ lịch sử khen thưởng")

    def work(progress: ProgressFn) -> int:
        progress(_tr("Đang gom các khen thưởng theo số quyết định…"), 0.2)
        return int(screen.ctx.write(svc.sync_imported))

    outcome = screen.runner.run(title, work, screen)
    if outcome.cancelled:
        return None
    if outcome.error is not None or outcome.value is None:
        QMessageBox.warning(
            screen, title, _tr("Không đồng bộ được: {error}").format(error=outcome.error)
        )
        return None
    created = int(outcome.value)
    if created:
        text = _tr(
            "Đã thêm {n} quyết định vào sổ từ các khen thưởng đã nhập có số quyết định."
        ).format(n=format_count(created))
    else:
        text = _tr("Không có khen thưởng nào đã nhập cần đưa thêm vào sổ quyết định.")
    QMessageBox.information(screen, title, text)
    screen.refresh()
    return created
