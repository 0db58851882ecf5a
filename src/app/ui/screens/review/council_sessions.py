"""The sessions of the "Hội đồng TĐKT" tab: new, corrected (new counts re-judge the recorded
votes and the lists approved), deleted with their candidates and votes after confirmation;
what their minutes record besides the votes (members, chair, secretary, times, public
comment: :mod:`.council_members_dialog`).

Functions of the :class:`.council_panel.CouncilPanel` they act for, kept apart to keep the
panel module short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.domain.errors import DomainError
from app.domain.vnformat import format_count, format_date
from app.services import council, council_candidates, council_members, review
from app.services.council import SessionInput, SessionRow
from app.services.council_members import SessionMinutes
from app.services.review import CandidateRow
from app.ui.screens.review.council_dialogs import SessionDialog
from app.ui.screens.review.council_members_dialog import MinutesDialog
from app.ui.screens.review.council_table import COL_IN_FAVOUR, pct_text
from app.ui.tasks import ProgressFn

if TYPE_CHECKING:
    from app.ui.screens.review.council_panel import CouncilPanel

_CONTEXT = "CouncilPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def new_session(panel: CouncilPanel) -> None:
    """Open "Phiên họp mới"; saving adds the session and selects it."""
    if not panel.year:
        return
    dialog = SessionDialog(panel.year, panel.rules, panel)

    def commit(data: SessionInput) -> bool:
        session_id = panel.ctx.write(council.create_session, data)
        panel.refresh()
        panel.select_session(session_id)
        panel.set_status(_tr("Đã ghi phiên họp. ") + panel.hint())
        return True

    panel.open_dialog(dialog, commit)


def edit_session(panel: CouncilPanel) -> None:
    """Open "Sửa phiên họp"; new membership counts re-judge the recorded votes."""
    row = panel.current_session()
    if row is None:
        return
    dialog = SessionDialog(panel.year, panel.rules, panel)
    dialog.load(row)
    if row.vote_count:
        dialog.set_note(
            _tr(
                "Phiên họp đã có {n} phiếu. Nếu đổi số thành viên, kết quả các phiếu được "
                "tính lại theo số mới."
            ).format(n=format_count(row.vote_count))
        )

    def commit(data: SessionInput) -> bool:
        update = panel.ctx.write(council.update_session, row.id, data, expected_version=row.version)
        panel.refresh()
        _report_rejudged(panel, update)
        return True

    panel.open_dialog(dialog, commit)


def edit_minutes(panel: CouncilPanel) -> None:
    """Open "Biên bản họp" for the session shown; saving writes it in one transaction,
    refused when another clerk changed the session since it was read."""
    row = panel.current_session()
    if row is None:
        return
    try:
        seen = panel.ctx.read(council_members.session_minutes, row.id)
    except DomainError as exc:
        QMessageBox.warning(panel, _tr("Biên bản họp"), str(exc))
        return
    dialog = MinutesDialog(panel)
    dialog.load(seen)

    def commit(data: SessionMinutes) -> bool:
        panel.ctx.write(
            council_members.save_session_minutes,
            row.id,
            data.members,
            data.minutes,
            expected_version=seen.version,
        )
        panel.refresh()
        panel.set_status(
            _tr("Đã ghi thành viên, giờ họp và kết quả lấy ý kiến công khai của phiên họp.")
        )
        return True

    panel.open_dialog(dialog, commit)


def _report_rejudged(panel: CouncilPanel, update: council.SessionUpdate) -> None:
    if update.changed:
        lines = [
            f"• {v.name} ({v.title_name}): {_tr('Đạt') if v.passed else _tr('Không đạt')} "
            f"({pct_text(v.percent)})"
            for v in update.changed
        ]
        QMessageBox.information(
            panel,
            _tr("Kết quả đã tính lại"),
            _tr("Số thành viên thay đổi, kết quả của {n} phiếu đã đổi:").format(
                n=format_count(len(update.changed))
            )
            + "\n"
            + "\n".join(lines),
        )
    elif update.rejudged:
        panel.set_status(
            _tr("Đã tính lại {n} phiếu theo số thành viên mới; không kết quả nào thay đổi.").format(
                n=format_count(update.rejudged)
            )
        )


def delete_session(panel: CouncilPanel) -> bool:
    row = panel.current_session()
    if row is None:
        return False
    text = _tr("Xóa phiên họp ngày {date}?").format(date=format_date(row.meeting_date))
    if row.vote_count:
        text += " " + _tr(
            "Phiên họp đã có {n} phiếu biểu quyết; các phiếu này cũng bị xóa."
        ).format(n=format_count(row.vote_count))
    if not panel.ask(_tr("Xóa phiên họp"), text):
        return False
    try:
        panel.ctx.write(
            council.delete_session, row.id, expected_version=row.version, with_votes=True
        )
    except DomainError as exc:
        QMessageBox.warning(panel, _tr("Xóa phiên họp"), str(exc))
        return False
    panel.refresh()
    return True


def session_text(row: SessionRow) -> str:
    """A session as the combo lists it."""
    parts = [_tr("Ngày {date}").format(date=format_date(row.meeting_date))]
    if row.place:
        parts.append(row.place)
    parts.append(_tr("{n} phiếu đã ghi").format(n=format_count(row.vote_count)))
    return " — ".join(parts)


def session_info(row: SessionRow | None, year: int) -> str:
    """What the tab says about the chosen session (or that there is none)."""
    if row is None:
        return _tr(
            "Chưa có phiên họp Hội đồng nào của năm {year}. Bấm \u201cMới…\u201d (Ctrl+N) "
            "để ghi phiên họp, rồi ghi phiếu cho từng người được đề nghị."
        ).format(year=year)
    people = [
        _tr("Chủ trì: {name}").format(name=row.chair) if row.chair else "",
        _tr("Thư ký: {name}").format(name=row.secretary) if row.secretary else "",
    ]
    return _tr(
        "Tổng số thành viên: {total} · Có mặt: {present} · Ý kiến bằng văn bản: {written} "
        "· Người được bỏ phiếu: {voters}. Tỷ lệ đồng ý tính trên tổng số thành viên."
    ).format(
        total=format_count(row.members_total),
        present=row.present,
        written=row.written_opinions,
        voters=row.voters,
    ) + "".join(f"  {p}." for p in people if p)


def fetch_candidates(panel: CouncilPanel) -> bool:
    """Run the year's review in the background; store everyone with a proposed title as
    the session's candidates (in the review's order)."""
    row = panel.current_session()
    if panel.runner is None or row is None:
        return False
    year = panel.year

    def work(progress: ProgressFn) -> list[CandidateRow]:
        return panel.ctx.read(review.candidates, year, progress=progress)

    outcome = panel.runner.run(
        _tr("Đang lấy danh sách đề xuất bình xét năm {year}").format(year=year), work, panel
    )
    if outcome.cancelled:
        panel.set_status(_tr("Đã hủy lấy danh sách đề xuất."))
        return False
    if outcome.error is not None or outcome.value is None:
        message = _tr("Không lấy được danh sách đề xuất: {error}").format(error=outcome.error)
        panel.set_status(message, error=True)
        QMessageBox.warning(panel, _tr("Hội đồng TĐKT"), message)
        return False
    items = [
        council_candidates.CandidateInput(c.subject, c.subject_id, c.proposed)
        for c in outcome.value
        if c.proposed is not None
    ]
    try:
        sync = panel.ctx.write(council_candidates.store_candidates, row.id, items)
    except DomainError as exc:
        QMessageBox.warning(panel, _tr("Hội đồng TĐKT"), str(exc))
        return False
    panel.load_votes()
    panel.set_status(
        _tr("{n} cá nhân, tập thể được đề xuất danh hiệu (thêm {added}, bỏ {removed}). ").format(
            n=format_count(len(items)),
            added=format_count(sync.added),
            removed=format_count(sync.removed),
        )
        + panel.hint()
    )
    if panel.proxy.rowCount():
        panel.table.setFocus()
        panel.table.setCurrentIndex(panel.proxy.index(0, COL_IN_FAVOUR))
    return True
