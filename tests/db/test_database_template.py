"""The ``database`` fixture's template (tests/database_templates.py): every copy starts as the
migrated template, whatever the test before it wrote or changed in the schema."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine

from app.db.migrate import HEAD_REVISION, current_revision
from database_templates import ServerTemplate, SqliteTemplate, parents_first

UNIT = (
    "INSERT INTO unit (code, full_name, name_key, kind, display_order, created_at, updated_at) "
    "VALUES (:code, 'Phòng thử', 'phong thu', 'PHONG', 0, '2026-01-01', '2026-01-01')"
)


def _fresh(template: SqliteTemplate | ServerTemplate, folder: Path) -> Engine:
    if isinstance(template, ServerTemplate):
        return create_engine(template.restore())
    folder.mkdir()
    return create_engine(template.copy_to(folder / "test.sqlite"))


def _state(engine: Engine) -> tuple[list[str], int, int, int, str | None]:
    with engine.connect() as conn:
        return (
            sorted(inspect(conn).get_table_names()),
            conn.execute(text("SELECT COUNT(*) FROM unit")).scalar_one(),
            conn.execute(text("SELECT COUNT(*) FROM catalogue_item")).scalar_one(),
            conn.execute(text("SELECT COUNT(*) FROM audit_log")).scalar_one(),
            current_revision(engine),
        )


def test_each_copy_starts_as_the_template(database_template, tmp_path: Path) -> None:
    first = _fresh(database_template, tmp_path / "first")
    try:
        tables, units, items, entries, revision = _state(first)
        assert (units, revision) == (0, HEAD_REVISION) and items > 0 and entries > 0
        with first.begin() as conn:
            conn.execute(text(UNIT), {"code": "A"})
            first_id = conn.execute(text("SELECT id FROM unit")).scalar_one()
            if conn.dialect.name == "postgresql":  # past the guard of an audit log (0012)
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text("DELETE FROM audit_log"))
            conn.execute(text("CREATE TABLE clerk_note (id INTEGER PRIMARY KEY, body TEXT)"))
            conn.execute(text("ALTER TABLE person ADD COLUMN nickname VARCHAR(20)"))
    finally:
        first.dispose()

    second = _fresh(database_template, tmp_path / "second")
    try:
        assert _state(second) == (tables, 0, items, entries, HEAD_REVISION)
        with second.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("person")}
            assert "nickname" not in columns
        with second.begin() as conn:
            conn.execute(text(UNIT), {"code": "B"})
            # numbering starts again where the template left it
            assert conn.execute(text("SELECT id FROM unit")).scalar_one() == first_id
    finally:
        second.dispose()


def test_template_rows_are_copied_parents_first() -> None:
    references = [
        ("catalogue_coefficient", "catalogue_item"),
        ("award_record", "catalogue_item"),
        ("award_record", "person"),
        ("unit", "unit"),  # a unit's parent: the same table
        ("person", "unit"),
    ]
    tables = ["award_record", "catalogue_coefficient", "catalogue_item", "person", "unit"]
    ordered = parents_first(tables, references)
    assert sorted(ordered) == tables
    for child, parent in references:
        assert ordered.index(parent) <= ordered.index(child), (child, parent)
