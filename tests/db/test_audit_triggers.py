"""One edit, one audit row, the same on both databases (issue 19): on SQLite the ORM hook
writes it, on PostgreSQL the database's trigger (migration 0012), and the hook writes none.

The edits are checked against the rows written out here on whichever database the suite runs
on; with ``TDKT_TEST_DB_URL`` the PostgreSQL rows are also compared with those of an SQLite
file given the same edits.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from app.config import sqlite_url
from app.db.models import Attachment, AuditLog, Base, CatalogueCoefficient, Person
from app.services.database import Database, open_database

STAMPS = ("created_at", "updated_at")


def _rows(factory: sessionmaker[Session], after_id: int) -> list[tuple[Any, ...]]:
    """The audit rows written since ``after_id``: (table, action, record, user, before, after),
    the insert's own timestamps left out (they differ from one run to the next)."""
    with factory() as s:
        rows = s.scalars(select(AuditLog).where(AuditLog.id > after_id).order_by(AuditLog.id))
        out = []
        for r in rows:
            before = json.loads(r.before) if r.before is not None else None
            after = json.loads(r.after) if r.after is not None else None
            if r.action in ("INSERT", "DELETE"):
                for values in (before, after):
                    for key in STAMPS:
                        if values is not None:
                            values.pop(key, None)
            elif before is not None and "created_at" in before:
                before["created_at"] = "(lúc thêm)"  # the time of the insert above
            out.append((r.table_name, r.action, r.record_id, r.user, before, after))
        return out


def _last_id(factory: sessionmaker[Session]) -> int:
    with factory() as s:
        return s.scalar(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1)) or 0


def _edits(factory: sessionmaker[Session]) -> tuple[int, list[tuple[Any, ...]]]:
    """Insert, edit and delete a person; edit a coefficient and a file kept in the database."""
    start = _last_id(factory)
    with factory.begin() as s:
        p = Person(
            ho_dem="Nguyễn Văn",
            ten="An",
            full_name="Nguyễn Văn An",
            name_key="nguyen van an",
            birth_date=date(1980, 5, 1),
        )
        coefficient = CatalogueCoefficient(
            code="GK_SO", effective_from=date(2099, 1, 1), coef_ca_nhan=Decimal("0.150")
        )
        file = Attachment(
            owner_kind="PERSON",
            owner_id=1,
            file_name="a.pdf",
            media_type="application/pdf",
            size=3,
            sha256="0" * 64,
            content=b"abc",
        )
        s.add_all([p, coefficient, file])
    inserted = _last_id(factory)
    with factory.begin() as s:
        p = s.get(Person, p.id)
        assert p is not None
        p.ten, p.full_name, p.birth_date, p.active = "Ân", "Nguyễn Văn Ân", date(1981, 6, 2), False
        p.note = "Đổi tên theo CCCD"
        p.created_at = datetime(2024, 1, 2, 3, 4, 5, 120000, UTC)
        c = s.get(CatalogueCoefficient, coefficient.id)
        assert c is not None
        c.coef_ca_nhan, c.coef_tap_the = Decimal("0.300"), Decimal("0.600")
        f = s.get(Attachment, file.id)
        assert f is not None
        f.content, f.size = b"abcdef", 6
    with factory.begin() as s:
        s.delete(s.get(Person, p.id))
    rows = _rows(factory, start)
    assert _last_id(factory) > inserted
    return p.id, rows


def _expected(pid: int, cid: int, fid: int, user: str) -> list[tuple[str, str, str, str, Any, Any]]:
    return [
        (
            "person",
            "UPDATE",
            str(pid),
            user,
            {
                "ten": "An",
                "full_name": "Nguyễn Văn An",
                "birth_date": "1980-05-01",
                "active": True,
                "note": None,
                "created_at": "(lúc thêm)",
            },
            {
                "ten": "Ân",
                "full_name": "Nguyễn Văn Ân",
                "birth_date": "1981-06-02",
                "active": False,
                "note": "Đổi tên theo CCCD",
                "created_at": "2024-01-02T03:04:05.120000+00:00",
            },
        ),
        (
            "catalogue_coefficient",
            "UPDATE",
            str(cid),
            user,
            {"coef_ca_nhan": "0.150", "coef_tap_the": None},
            {"coef_ca_nhan": "0.300", "coef_tap_the": "0.600"},
        ),
        (
            "attachment",
            "UPDATE",
            str(fid),
            user,
            {"content": "<3 byte>", "size": 3},
            {"content": "<6 byte>", "size": 6},
        ),
    ]


def _by_table(rows: list[tuple[Any, ...]], action: str) -> dict[str, tuple[Any, ...]]:
    found = [r for r in rows if r[1] == action]
    assert len(found) == len({r[0] for r in found}), f"two {action} rows for one record"
    return {r[0]: r for r in found}


def test_one_edit_writes_one_row_with_what_changed(database: Database) -> None:
    pid, rows = _edits(database.session_factory)
    updates = _by_table(rows, "UPDATE")
    assert sorted(updates) == ["attachment", "catalogue_coefficient", "person"]
    with database.session_factory() as s:
        cid = s.scalar(
            select(CatalogueCoefficient.id)
            .where(CatalogueCoefficient.code == "GK_SO")
            .where(CatalogueCoefficient.effective_from == date(2099, 1, 1))
        )
        fid = s.scalar(select(Attachment.id))
    person, coefficient, attachment = _expected(pid, cid or 0, fid or 0, "kiemthu")
    assert updates["person"] == person
    assert updates["catalogue_coefficient"] == coefficient
    assert updates["attachment"] == attachment
    inserted = _by_table(rows, "INSERT")["person"]
    assert inserted[:4] == ("person", "INSERT", str(pid), "kiemthu")
    assert inserted[5]["full_name"] == "Nguyễn Văn An" and inserted[5]["birth_date"] == "1980-05-01"
    assert "note" not in inserted[5]  # empty values are left out
    deleted = _by_table(rows, "DELETE")["person"]
    assert deleted[4]["ten"] == "Ân" and deleted[4]["note"] == "Đổi tên theo CCCD"
    assert deleted[5] is None


def test_sqlite_and_postgresql_write_the_same_rows(database: Database, tmp_path: Path) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("kiểm thử riêng cho PostgreSQL (TDKT_TEST_DB_URL)")
    lite = open_database(sqlite_url(tmp_path / "lite.sqlite"), user="kiemthu")
    try:
        _, on_sqlite = _edits(lite.session_factory)
    finally:
        lite.dispose()
    _, on_server = _edits(database.session_factory)

    def comparable(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        # record ids are the databases' own numbering; the rest must be equal
        return sorted((r[0], r[1], r[3], json.dumps(r[4:], sort_keys=True)) for r in rows)

    assert comparable(on_server) == comparable(on_sqlite)


def test_every_audited_table_has_its_trigger(database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("kiểm thử riêng cho PostgreSQL (TDKT_TEST_DB_URL)")
    audited = {
        m.local_table.name  # type: ignore[union-attr]
        for m in Base.registry.mappers
        if getattr(m.class_, "__audited__", False)
    }
    with database.engine.connect() as conn:
        triggered = set(
            conn.execute(
                text(
                    "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE t.tgname = 'tdkt_audit' AND NOT t.tgisinternal"
                )
            ).scalars()
        )
    assert triggered == audited
