"""Optimistic locking: two clerks change the same registration or council vote; the second
save is refused with ``ConflictError`` and the first value stays (SQLite here, PostgreSQL when
``TDKT_TEST_DB_URL`` is set).

Two ways a conflict is caught, both tested:
- the service compares the version the clerk's screen showed (``expected_version``) with the
  stored one, before anything changes;
- two transactions overlap: the second ``UPDATE ... WHERE version = ?`` matches no row, and
  ``AppContext.write`` turns SQLAlchemy's ``StaleDataError`` into ``ConflictError``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CouncilVote, Registration, UnitRegistration
from app.domain.council import Ballots
from app.domain.errors import CONFLICT_MESSAGE, ConflictError, DomainError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import council as council_svc
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.services.context import AppContext

YEAR = 2026


@pytest.fixture
def ctx(database) -> AppContext:
    return database.context()


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    """A unit, two people, the year's regular campaign and An's LĐTT sign-up."""

    def build(s: Session) -> dict[str, int]:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        an = people_svc.create_person(
            s,
            PersonInput(ho_dem="Lê Văn", ten="An", birth_date=date(1985, 1, 1)),
            unit_id=vp.id,
            start_date=date(2020, 1, 1),
        )
        binh = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Thị", ten="Bình", birth_date=date(1986, 2, 2)),
            unit_id=vp.id,
            start_date=date(2020, 1, 1),
        )
        campaign = camp_svc.ensure_regular_campaign(s, YEAR)[0].id
        reg.register_person(s, campaign, an, "LDTT")
        return {"vp": vp.id, "an": an, "binh": binh, "campaign": campaign}

    return ctx.write(build)


def _shown(ctx: AppContext, org: dict[str, int]) -> reg.RegistrationDTO:
    """The sign-up as a clerk's screen lists it."""
    rows = ctx.read(reg.list_registrations, org["campaign"])
    return next(r for r in rows if r.person_id == org["an"])


def _stored(ctx: AppContext, model: type, row_id: int) -> tuple:
    def load(s: Session) -> tuple:
        row = s.get(model, row_id)
        assert row is not None
        if model is CouncilVote:
            return row.in_favour, row.version
        return row.catalogue_code, row.note, row.version

    return ctx.read(load)


# --- registrations -------------------------------------------------------------------------------


def test_the_second_clerk_saving_a_registration_is_refused_and_the_first_value_stays(
    ctx: AppContext, org: dict[str, int]
) -> None:
    seen_by_a, seen_by_b = _shown(ctx, org), _shown(ctx, org)
    assert seen_by_a.version == seen_by_b.version == 1
    campaign, an = org["campaign"], org["an"]

    saved = ctx.write(
        reg.register_person, campaign, an, "CSTDCS", "Chị A sửa", expected_version=seen_by_a.version
    )
    assert saved.version == 2

    with pytest.raises(ConflictError) as caught:
        ctx.write(
            reg.register_person,
            campaign,
            an,
            "LDTT",
            "Anh B sửa",
            expected_version=seen_by_b.version,
        )
    assert str(caught.value) == CONFLICT_MESSAGE
    assert str(caught.value) == (
        "Bản ghi này vừa được người khác sửa. Dữ liệu đã được tải lại; hãy kiểm tra rồi lưu lại."
    )
    assert isinstance(caught.value, DomainError)  # screens show it like any refusal
    assert _stored(ctx, Registration, saved.id) == ("CSTDCS", "Chị A sửa", 2)

    # B reloads (the screen lists it again) and saves on top of what A did.
    again = _shown(ctx, org)
    assert (again.catalogue_code, again.version) == ("CSTDCS", 2)
    ctx.write(reg.register_person, campaign, an, "LDTT", "Anh B sửa", expected_version=2)
    assert _stored(ctx, Registration, saved.id) == ("LDTT", "Anh B sửa", 3)


def test_removing_a_registration_changed_meanwhile_is_refused(
    ctx: AppContext, org: dict[str, int]
) -> None:
    seen = _shown(ctx, org)
    ctx.write(reg.register_person, org["campaign"], org["an"], "CSTDCS", expected_version=1)
    with pytest.raises(ConflictError):
        ctx.write(reg.unregister_person, org["campaign"], org["an"], expected_version=seen.version)
    assert _stored(ctx, Registration, seen.id)[0] == "CSTDCS"


def test_unit_registration_versions_count_from_no_row(ctx: AppContext, org: dict[str, int]) -> None:
    campaign, vp = org["campaign"], org["vp"]
    seen_by_a = next(u for u in ctx.read(reg.list_unit_registrations, campaign) if u.unit_id == vp)
    seen_by_b = seen_by_a
    assert (seen_by_a.id, seen_by_a.version) == (None, 0)  # nobody saved anything yet

    saved = ctx.write(reg.register_unit, campaign, vp, "TTLDTT", expected_version=seen_by_a.version)
    assert saved.version >= 1 and saved.id is not None
    with pytest.raises(ConflictError):  # B still sees "no row": A's save is not overwritten
        ctx.write(reg.register_unit, campaign, vp, None, expected_version=seen_by_b.version)
    with pytest.raises(ConflictError):
        ctx.write(reg.set_unit_status, campaign, vp, "DA_NOP", expected_version=0)
    assert _stored(ctx, UnitRegistration, saved.id) == ("TTLDTT", None, saved.version)
    moved = ctx.write(reg.set_unit_status, campaign, vp, "DA_NOP", expected_version=saved.version)
    assert (moved.status, moved.version) == ("DA_NOP", saved.version + 1)


def test_overlapping_transactions_on_a_registration_the_second_commit_fails(
    ctx: AppContext, org: dict[str, int]
) -> None:
    """No version passed at all: the database itself refuses the stale ``UPDATE``."""
    registration_id = _shown(ctx, org).id

    def set_note(s: Session, text: str) -> None:
        row = s.get(Registration, registration_id)
        assert row is not None
        row.note = text

    def clerk_b(s: Session) -> None:
        row = s.get(Registration, registration_id)  # B reads the sign-up (version 1)...
        assert row is not None and row.version == 1
        ctx.write(set_note, "Chị A sửa")  # ...A changes it and commits meanwhile...
        row.note = "Anh B sửa"  # ...and B saves a change based on what B read.

    with pytest.raises(ConflictError, match="vừa được người khác sửa"):
        ctx.write(clerk_b)
    assert _stored(ctx, Registration, registration_id) == ("LDTT", "Chị A sửa", 2)


# --- council votes -------------------------------------------------------------------------------


@pytest.fixture
def vote(ctx: AppContext, org: dict[str, int]) -> tuple[int, int]:
    """A Council session of the year and An's vote for CSTĐCS (8 of 10 members in favour)."""
    session_id = ctx.write(
        council_svc.create_session,
        council_svc.SessionInput(
            year=YEAR, meeting_date=date(YEAR, 12, 20), members_total=10, present=10
        ),
    )
    row = ctx.write(
        council_svc.record_vote,
        session_id,
        "CSTDCS",
        Ballots(10, 10, 10, 8),
        person_id=org["an"],
    )
    return session_id, row.id


def test_the_second_clerk_correcting_a_vote_is_refused(
    ctx: AppContext, org: dict[str, int], vote: tuple[int, int]
) -> None:
    session_id, vote_id = vote
    seen = next(v for v in ctx.read(council_svc.list_votes, session_id) if v.id == vote_id)
    assert seen.version == 1
    ctx.write(
        council_svc.record_vote,
        session_id,
        "CSTDCS",
        Ballots(10, 10, 10, 9),
        person_id=org["an"],
        expected_version=seen.version,
    )
    with pytest.raises(ConflictError):
        ctx.write(
            council_svc.record_vote,
            session_id,
            "CSTDCS",
            Ballots(10, 10, 10, 6),
            person_id=org["an"],
            expected_version=seen.version,
        )
    assert _stored(ctx, CouncilVote, vote_id) == (9, 2)


def test_overlapping_transactions_on_a_vote_the_second_commit_fails(
    ctx: AppContext, org: dict[str, int], vote: tuple[int, int]
) -> None:
    session_id, vote_id = vote

    def correct(s: Session, in_favour: int) -> None:
        council_svc.record_vote(
            s, session_id, "CSTDCS", Ballots(10, 10, 10, in_favour), person_id=org["an"]
        )

    def clerk_b(s: Session) -> None:
        row = s.scalar(select(CouncilVote).where(CouncilVote.id == vote_id))  # B reads v1
        assert row is not None and row.version == 1
        ctx.write(correct, 9)  # A corrects the count and commits meanwhile
        correct(s, 6)  # B's correction, on the vote as B read it

    with pytest.raises(ConflictError):
        ctx.write(clerk_b)
    assert _stored(ctx, CouncilVote, vote_id) == (9, 2)


# --- what the clerk sees -------------------------------------------------------------------------


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def warning(_parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


def test_registration_panel_warns_and_reloads_on_a_conflict(
    qtbot, ctx: AppContext, org: dict[str, int], warnings: list[tuple[str, str]]
) -> None:
    from PySide6.QtCore import Qt

    from app.ui.screens.campaigns.registration_panel import RegistrationPanel

    panel = RegistrationPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_campaign(ctx.read(camp_svc.get_campaign, org["campaign"]))
    panel.select_unit(org["vp"])
    panel.select_person(org["an"])
    shown = panel.current_registration()
    assert shown is not None and (shown.catalogue_code, shown.version) == ("LDTT", 1)

    # Another clerk changes An's sign-up while this panel still shows LĐTT.
    ctx.write(reg.register_person, org["campaign"], org["an"], "CSTDCS", "Chị A sửa")

    panel.person_title_combo.setCurrentIndex(panel.person_title_combo.findData("LDTT"))
    panel.register_person()  # the clerk registers An for LĐTT again, on the stale screen
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Đăng ký thi đua" and CONFLICT_MESSAGE in text
    assert _stored(ctx, Registration, shown.id) == ("CSTDCS", "Chị A sửa", 2)  # not overwritten
    reloaded = panel.person_model.registration(panel.person_model.row_of(org["an"], "person_id"))
    assert (reloaded.catalogue_code, reloaded.version) == ("CSTDCS", 2)  # the panel read it again

    # Now that the clerk sees the current sign-up, the same action goes through.
    panel.select_person(org["an"])
    panel.person_title_combo.setCurrentIndex(panel.person_title_combo.findData("LDTT"))
    qtbot.mouseClick(panel.register_button, Qt.MouseButton.LeftButton)
    assert len(warnings) == 1
    assert _stored(ctx, Registration, shown.id)[0::2] == ("LDTT", 3)


def test_a_conflict_reaching_the_exception_hook_is_a_warning_not_a_crash(
    qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A screen that lets ``ConflictError`` escape: a warning (no traceback), then the hook's
    ``conflicted`` signal, which ``run_gui`` connects to the current page's ``refresh``."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.errors import install_exception_hook

    boxes: list[tuple[QMessageBox.Icon, str, str, str]] = []

    def exec_(box: QMessageBox) -> int:
        boxes.append((box.icon(), box.windowTitle(), box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    log_path = tmp_path / "tdkt.log"
    hook = install_exception_hook(log_path)
    try:
        with qtbot.waitSignal(hook.conflicted, timeout=2000) as signal:
            hook(ConflictError, ConflictError(), None)
    finally:
        hook.uninstall()
    assert isinstance(signal.args[0], ConflictError)
    assert boxes == [(QMessageBox.Icon.Warning, "Không lưu được", CONFLICT_MESSAGE, "")]
    assert not log_path.exists()  # not logged as an unexpected error with its traceback
