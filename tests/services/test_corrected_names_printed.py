"""A name corrected by an đính chính is what the annex and the payment list print."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.db.models import Decision, DecisionRecipient
from app.services import decisions, money
from app.services.reports import ReportParams, gather
from decision_factory import add_decision, build_agency


def test_corrected_name_reaches_the_annex_and_the_bonus_list(database) -> None:
    with database.session_factory.begin() as s:
        agency = build_agency(s)
        did = add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(2026, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["ha"], "LDTT")],
        )
        line = s.scalar(select(DecisionRecipient).where(DecisionRecipient.decision_id == did))
        assert line is not None
        decisions.correct(
            s,
            did,
            document="Quyết định đính chính số 07/QĐ-SNNMT",
            correction_date=date(2026, 2, 1),
            note="Sửa họ tên",
            fixes=[decisions.RecipientFix(line.id, recipient_name="Nguyễn Thị Hạ")],
        )
    with database.session_factory() as s:
        decision = s.get(Decision, did)
        assert decision is not None
        texts = money.recipient_texts(s, decision)
        annex = gather(s, "decision-annex", ReportParams(year=2026, decision_id=did))
        bonus = gather(s, "bonus-list", ReportParams(year=2026, decision_id=did))
    assert [t.name for t in texts] == ["Nguyễn Thị Hạ"]
    assert "Nguyễn Thị Hạ" in repr(annex) and "Nguyễn Thị Hà" not in repr(annex)
    assert "Nguyễn Thị Hạ" in repr(bonus)
