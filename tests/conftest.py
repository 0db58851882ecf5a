"""Shared fixtures: offscreen Qt, a private data folder, and a fresh database per test.

Database tests run on a temporary SQLite file; when ``TDKT_TEST_DB_URL`` is set (a PostgreSQL
URL), the ``database`` fixture runs them there instead. Either way the schema is migrated once per
test session and each test gets a copy of that template (tests/database_templates.py).
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
from database_templates import ServerTemplate, SqliteTemplate  # noqa: E402

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


@pytest.fixture(scope="session")
def database_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SqliteTemplate | ServerTemplate]:
    """The schema migrated and the catalogue seeded once per test session."""
    if TEST_DB_URL:
        server = ServerTemplate(TEST_DB_URL)
        try:
            yield server
        finally:
            server.close()
    else:
        yield SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database for this test (migrated when the test also uses ``database``)."""
    if TEST_DB_URL:
        if "database" not in request.fixturenames:
            _reset_server_database(TEST_DB_URL)
        return TEST_DB_URL
    return sqlite_url(tmp_path / "test.sqlite")


@pytest.fixture
def database(
    database_template: SqliteTemplate | ServerTemplate, tmp_path: Path
) -> Iterator[Database]:
    """A migrated database with the catalogue seeded, a copy of the session's template; the
    session user is 'kiemthu'."""
    if isinstance(database_template, ServerTemplate):
        url = database_template.restore()
    else:
        url = database_template.copy_to(tmp_path / "test.sqlite")
    db = open_database(url, user="kiemthu", backup_folder=tmp_path / "backups")
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def sqlite_only() -> None:
    if TEST_DB_URL:
        pytest.skip("kiểm thử riêng cho tệp SQLite")
