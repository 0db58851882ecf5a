"""Shared fixtures: offscreen Qt, a private data folder, and a fresh database per test.

Database tests run on a temporary SQLite file; when ``TDKT_TEST_DB_URL`` is set (a PostgreSQL
URL), the ``database`` fixture runs them there instead, on a schema emptied before each test.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the clerk's real data folder from tests.
_DATA_DIR = tempfile.mkdtemp(prefix="tdkt-test-data-")
os.environ["TDKT_DATA_DIR"] = _DATA_DIR
os.environ.pop("TDKT_DB", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from app.config import sqlite_url  # noqa: E402
from app.services.database import Database, open_database  # noqa: E402

TEST_DB_URL = os.environ.get("TDKT_TEST_DB_URL")


def _reset_server_database(url: str) -> None:
    """Empty a PostgreSQL test database (drop and recreate the public schema)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def data_dir() -> Path:
    return Path(_DATA_DIR)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """URL of an empty database for this test."""
    if TEST_DB_URL:
        _reset_server_database(TEST_DB_URL)
        return TEST_DB_URL
    return sqlite_url(tmp_path / "test.sqlite")


@pytest.fixture
def database(db_url: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated database with the catalogue seeded; the session user is 'kiemthu'."""
    db = open_database(db_url, user="kiemthu", backup_folder=tmp_path / "backups")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def sqlite_only(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("kiểm thử riêng cho tệp SQLite")
