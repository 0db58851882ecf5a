"""Revision 0006 (households): a 0005 file upgrades, keeps its household award, keeps its checks.

tests/data/tdkt-0005.sqlite (tests/data/make_old_versions.py) holds one household award
(recipient_name only, as decisions stored households before 0006).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.config import sqlite_url
from app.db.migrate import HEAD_REVISION, current_revision
from app.services.database import open_database

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def upgraded(tmp_path: Path):
    path = tmp_path / "tdkt-0005.sqlite"
    shutil.copy(DATA / "tdkt-0005.sqlite", path)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
    raw.close()
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    yield db
    db.dispose()


def test_household_award_survives_the_upgrade_without_an_invented_household(
    upgraded, tmp_path: Path
) -> None:
    copy = tmp_path / "before.sqlite"
    shutil.copy(DATA / "tdkt-0005.sqlite", copy)
    raw = sqlite3.connect(copy)
    awards = raw.execute("SELECT COUNT(*) FROM award_record").fetchone()[0]
    raw.close()
    assert current_revision(upgraded.engine) == HEAD_REVISION
    with upgraded.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT subject_kind, recipient_name, household_id, unit_text FROM award_record "
                "WHERE subject_kind = 'HO_GIA_DINH'"
            )
        ).all()
        assert [tuple(r) for r in rows] == [
            ("HO_GIA_DINH", "Gia đình ông Lê Văn Hải", None, "Thôn Đông, xã Hải Ninh")
        ]
        assert conn.execute(text("SELECT COUNT(*) FROM household")).scalar_one() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM award_record")).scalar_one() == awards


def test_checks_and_keys_hold_after_the_upgrade(upgraded) -> None:
    """The table rebuild that adds household_id keeps the subject check and the foreign keys."""
    with upgraded.engine.connect() as conn:
        with pytest.raises(IntegrityError):
            conn.execute(
                text(
                    "INSERT INTO award_record (subject_kind, catalogue_code, award_type, "
                    "posthumous, revoked, source, created_at, updated_at) VALUES "
                    "('HO_GIA_DINH', 'BK_TINH', 'CONG_TRANG', 0, 0, 'IMPORT', "
                    "'2027-01-01', '2027-01-01')"
                )
            )
        conn.rollback()
        with pytest.raises(IntegrityError):
            conn.execute(
                text(
                    "INSERT INTO award_record (subject_kind, recipient_name, household_id, "
                    "catalogue_code, award_type, posthumous, revoked, source, created_at, "
                    "updated_at) VALUES ('HO_GIA_DINH', 'Hộ ông A', 999, 'BK_TINH', "
                    "'CONG_TRANG', 0, 0, 'IMPORT', '2027-01-01', '2027-01-01')"
                )
            )
        conn.rollback()
        conn.execute(
            text(
                "INSERT INTO household (name, address, commune, identity_key, created_at, "
                "updated_at) VALUES ('Hộ ông A', 'Thôn 1', 'Xã B', 'k', '2027-01-01', "
                "'2027-01-01')"
            )
        )
        with pytest.raises(IntegrityError):  # one row per identity
            conn.execute(
                text(
                    "INSERT INTO household (name, identity_key, created_at, updated_at) "
                    "VALUES ('Hộ ông A', 'k', '2027-01-01', '2027-01-01')"
                )
            )
        conn.rollback()
