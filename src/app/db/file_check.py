"""Is an SQLite file a TĐKT database the program can use? The checks a restore makes before it
replaces anything, and that ``tdkt check`` reports:

1. SQLite reads it whole (``PRAGMA integrity_check``);
2. it is TĐKT's: its ``application_id`` is :data:`app.db.migrate.APPLICATION_ID` (set from
   revision 0009 on), or, for a file without one (older revisions), its tables and columns are
   exactly those of a revision this program knows;
3. one schema revision, known to this program (a newer one is refused: the program must be
   updated first; an older one is upgraded after the copy);
4. its tables and columns are exactly those of that revision (no table dropped or added);
5. no broken foreign key (``PRAGMA foreign_key_check``).

The expected tables and columns of every revision come from the migrations themselves, run
once on an in-memory database (:func:`known_schemas`), so they cannot fall out of step.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from app.db.migrate import APPLICATION_ID, DatabaseError, DatabaseTooNewError

Schema = dict[str, frozenset[str]]  # table -> column names


class NotUsableFileError(DatabaseError):
    """The file is not a TĐKT database this program can use; the message says why."""


@dataclass
class FileFacts:
    """What an SQLite file says about itself (read without changing it)."""

    path: Path
    integrity: list[str] = field(default_factory=list)
    application_id: int = 0
    revisions: list[str] | None = None  # None: no alembic_version table
    tables: Schema = field(default_factory=dict)
    broken_keys: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def revision(self) -> str | None:
        return self.revisions[0] if self.revisions and len(self.revisions) == 1 else None


def _schema(con: sqlite3.Connection) -> Schema:
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(r[1] for r in con.execute(f'PRAGMA table_info("{name}")')) for name in names
    }


@lru_cache(maxsize=1)
def known_schemas() -> dict[str, Schema]:
    """Revision -> its tables and columns, from the migrations run one by one in memory."""
    from alembic import command
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from app.db.migrate import alembic_config, script_directory

    order = [rev.revision for rev in script_directory().walk_revisions()][::-1]
    engine = create_engine("sqlite://", poolclass=StaticPool)
    out: dict[str, Schema] = {}
    try:
        with engine.begin() as conn:
            cfg = alembic_config("sqlite://")
            cfg.attributes["connection"] = conn
            for revision in order:
                command.upgrade(cfg, revision)
                out[revision] = _schema(conn.connection.dbapi_connection)  # type: ignore[arg-type]
    finally:
        engine.dispose()
    return out


def read_facts(path: Path) -> FileFacts:
    """Read ``path`` read-only. Raises :class:`NotUsableFileError` when SQLite cannot read it."""
    facts = FileFacts(path)
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise NotUsableFileError(f"Không mở được tệp {path}: {exc}") from exc
    try:
        facts.integrity = [str(r[0]) for r in con.execute("PRAGMA integrity_check").fetchall()]
        if facts.integrity != ["ok"]:
            return facts
        facts.application_id = int(con.execute("PRAGMA application_id").fetchone()[0])
        facts.tables = _schema(con)
        if "alembic_version" in facts.tables:
            facts.revisions = [
                str(r[0]) for r in con.execute("SELECT version_num FROM alembic_version")
            ]
        facts.broken_keys = [
            (str(r[0]), int(r[1] or 0), str(r[2]))
            for r in con.execute("PRAGMA foreign_key_check").fetchall()
        ]
    except sqlite3.DatabaseError as exc:
        raise NotUsableFileError(
            f"Tệp {path} bị hỏng hoặc không phải cơ sở dữ liệu: {exc}"
        ) from exc
    finally:
        con.close()
    return facts


def _schema_problems(found: Schema, expected: Schema) -> list[str]:
    problems = [f"thiếu bảng {t}" for t in sorted(expected.keys() - found.keys())]
    problems += [f"thừa bảng {t}" for t in sorted(found.keys() - expected.keys())]
    for table in sorted(expected.keys() & found.keys()):
        problems += [f"thiếu cột {table}.{c}" for c in sorted(expected[table] - found[table])]
        problems += [f"thừa cột {table}.{c}" for c in sorted(found[table] - expected[table])]
    return problems


def _matching_revision(tables: Schema) -> str | None:
    return next((rev for rev, schema in known_schemas().items() if schema == tables), None)


def problems_of(facts: FileFacts) -> tuple[list[str], bool]:
    """Why the file cannot be used (empty when it can), and whether it is from a newer TĐKT."""
    name = facts.path.name
    if facts.integrity != ["ok"]:
        return [f"Tệp {name} bị hỏng: " + "; ".join(facts.integrity[:3])], False
    ours = facts.application_id == APPLICATION_ID
    if facts.application_id not in (0, APPLICATION_ID):
        return [
            f"Tệp {name} là cơ sở dữ liệu của một chương trình khác (application_id "
            f"{facts.application_id}), không phải của TĐKT"
        ], False
    known = known_schemas()
    if facts.revisions is None or not facts.revisions:
        what = (
            "không có phiên bản lược đồ" if facts.revisions is None else "phiên bản lược đồ trống"
        )
        return [f"Tệp {name} không phải cơ sở dữ liệu TĐKT ({what})"], False
    if len(facts.revisions) > 1:
        return [f"Tệp {name} ghi nhiều phiên bản lược đồ cùng lúc: không dùng được"], False
    revision = facts.revisions[0]
    if revision not in known:
        if ours:
            return [
                f"Tệp {name} được tạo bởi một phiên bản TĐKT mới hơn (lược đồ '{revision}'): "
                "hãy cài phiên bản mới hơn rồi phục hồi"
            ], True
        return [f"Tệp {name} không phải cơ sở dữ liệu TĐKT (lược đồ '{revision}' lạ)"], False
    problems = _schema_problems(facts.tables, known[revision])
    if problems:
        if not ours and _matching_revision(facts.tables) is None:
            return [
                f"Tệp {name} không phải cơ sở dữ liệu TĐKT: bảng và cột không khớp lược đồ "
                f"'{revision}' ({'; '.join(problems[:4])}"
                + (f" và {len(problems) - 4} khác" if len(problems) > 4 else "")
                + ")"
            ], False
        return [
            f"Tệp {name} thiếu hoặc thừa bảng, cột so với lược đồ '{revision}': "
            + "; ".join(problems[:6])
            + (f" và {len(problems) - 6} khác" if len(problems) > 6 else "")
        ], False
    if facts.broken_keys:
        shown = "; ".join(
            f"bảng {table} dòng {row} trỏ tới {parent}"
            for table, row, parent in facts.broken_keys[:3]
        )
        return [
            f"Tệp {name} có {len(facts.broken_keys)} liên kết hỏng (khóa ngoại): {shown}"
        ], False
    return [], False


def check_file(path: Path) -> str:
    """The schema revision of a usable TĐKT file; raises :class:`NotUsableFileError` (or
    :class:`DatabaseTooNewError` for a file of a newer TĐKT) saying why it is not usable."""
    facts = read_facts(path)
    problems, newer = problems_of(facts)
    if problems:
        raise (DatabaseTooNewError if newer else NotUsableFileError)(problems[0])
    assert facts.revision is not None
    return facts.revision
