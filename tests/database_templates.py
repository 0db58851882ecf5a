"""Migrated template databases for the ``database`` fixture (tests/conftest.py).

Running every migration for every test costs 0.4-1 s; copying a database migrated once per test
session costs a few milliseconds:

* SQLite: the template is a file, copied byte for byte to the test's own folder.
* PostgreSQL (``TDKT_TEST_DB_URL``): the migrated ``public`` schema stays in place and the rows
  the template holds (schema version, catalogue, base salaries...) are kept in the schema
  ``tdkt_template``. Before each test the tables holding rows are emptied, the template's rows
  copied back and every sequence set back to its template value. A fingerprint of the schema
  (tables, columns, defaults, constraints, indexes, types, triggers, functions) is compared
  first: a test that changed the schema itself (a downgrade, an extra table, a dropped schema)
  gets ``public`` dropped and migrated again, so no test sees another's schema or rows.
  The database is used as the role ``kiemthu`` (a superuser of the test cluster): PostgreSQL
  records the signed-in role in the audit log, as SQLite records the user given to the session
  factory. The template's rows are copied back with the triggers off (no audit rows of that).
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, text

from app.config import sqlite_url
from app.services.database import open_database
from server_roles import login_role

USER = "kiemthu"
TEMPLATE_SCHEMA = "tdkt_template"

# Everything a migration can change in the schema ``public``, as one checksum.
_FINGERPRINT = """
SELECT md5(coalesce(string_agg(part, E'\\n' ORDER BY part), '')) FROM (
  SELECT 'rel ' || c.relname || ' ' || c.relkind::text AS part
  FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'col ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || ' ' || a.attnotnull::text || ' ' || a.attidentity::text || a.attgenerated::text
         || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  WHERE c.relnamespace = 'public'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'con ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
  FROM pg_constraint con WHERE con.connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'idx ' || pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  WHERE c.relnamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'type ' || t.typname FROM pg_type t
  WHERE t.typnamespace = 'public'::regnamespace AND t.typtype NOT IN ('b', 'c')
  UNION ALL
  SELECT 'trigger ' || tg.tgname FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
  WHERE c.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal
  UNION ALL
  SELECT 'function ' || p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
) parts
"""


def parents_first(tables: list[str], references: list[tuple[str, str]]) -> list[str]:
    """``tables`` ordered so that a table comes after the tables its foreign keys point to
    (``references``: (table, referenced table) pairs); rows copied in this order satisfy them."""
    waiting = {t: {p for c, p in references if c == t and p != t and p in tables} for t in tables}
    ordered: list[str] = []
    while waiting:
        ready = sorted(t for t, parents in waiting.items() if not parents) or sorted(waiting)[:1]
        for table in ready:
            del waiting[table]
            ordered.append(table)
        for parents in waiting.values():
            parents.difference_update(ready)
    return ordered


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteTemplate:
    """A migrated SQLite file, copied for each test."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.sqlite"
        db = open_database(sqlite_url(self.path), user=USER, backup_folder=folder / "backups")
        db.dispose()
        # Fold the write-ahead log into the file: the copy must be the whole database.
        raw = sqlite3.connect(self.path)
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def copy_to(self, path: Path) -> str:
        shutil.copyfile(self.path, path)
        return sqlite_url(path)


@dataclass
class _Snapshot:
    fingerprint: str
    tables: list[str]
    filled: list[str]  # tables holding rows in the template (parents first), in TEMPLATE_SCHEMA
    sequences: dict[str, tuple[int, bool]] = field(default_factory=dict)


class ServerTemplate:
    """A migrated PostgreSQL schema ``public`` whose template rows are restored for each test."""

    def __init__(self, url: str) -> None:
        self.url = login_role(url, USER, superuser=True)
        self.engine = create_engine(url)
        self._migrate()
        with self.engine.begin() as conn:
            self.snapshot = self._snapshot(conn)

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        open_database(self.url, user=USER).dispose()

    def _snapshot(self, conn: Connection) -> _Snapshot:
        fingerprint = conn.execute(text(_FINGERPRINT)).scalar_one()
        tables = list(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            ).scalars()
        )
        conn.execute(text(f"DROP SCHEMA IF EXISTS {TEMPLATE_SCHEMA} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {TEMPLATE_SCHEMA}"))
        references = conn.execute(
            text(
                "SELECT child.relname, parent.relname FROM pg_constraint c "
                "JOIN pg_class child ON child.oid = c.conrelid "
                "JOIN pg_class parent ON parent.oid = c.confrelid "
                "WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace"
            )
        ).all()
        filled = parents_first(self._filled(conn, tables), [(c, p) for c, p in references])
        for table in filled:
            conn.execute(
                text(
                    f"CREATE TABLE {TEMPLATE_SCHEMA}.{_quoted(table)} AS "
                    f"SELECT * FROM public.{_quoted(table)}"
                )
            )
        sequences = {
            name: (int(last) if last is not None else 1, last is not None)
            for name, last in conn.execute(
                text(
                    "SELECT quote_ident(sequencename), last_value FROM pg_sequences "
                    "WHERE schemaname = 'public'"
                )
            ).all()
        }
        return _Snapshot(fingerprint, tables, filled, sequences)

    def _fingerprint(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.execute(text(_FINGERPRINT)).scalar_one())

    @staticmethod
    def _filled(conn: Connection, tables: list[str]) -> list[str]:
        if not tables:
            return []
        probe = " UNION ALL ".join(
            f"SELECT {i} FROM (SELECT 1 FROM public.{_quoted(t)} LIMIT 1) AS t{i}"
            for i, t in enumerate(tables)
        )
        return [tables[i] for i in sorted(conn.execute(text(probe)).scalars())]

    def restore(self) -> str:
        """Make ``public`` a fresh copy of the template; returns the URL."""
        snap = self.snapshot
        if self._fingerprint() != snap.fingerprint:
            self._migrate()
            if self._fingerprint() != snap.fingerprint:
                raise RuntimeError("the schema migrated again differs from the template's")
        with self.engine.begin() as conn:
            # the audit triggers stay quiet: these rows are the template's, not a change
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            dirty = set(self._filled(conn, snap.tables)) | set(snap.filled)
            if dirty:
                names = ", ".join(f"public.{_quoted(t)}" for t in sorted(dirty))
                conn.execute(text(f"TRUNCATE {names} CASCADE"))
            for table in snap.filled:
                conn.execute(
                    text(
                        f"INSERT INTO public.{_quoted(table)} "
                        f"SELECT * FROM {TEMPLATE_SCHEMA}.{_quoted(table)}"
                    )
                )
            if snap.sequences:
                calls = ", ".join(
                    f"setval('public.{name}', {value}, {'true' if called else 'false'})"
                    for name, (value, called) in snap.sequences.items()
                )
                conn.execute(text(f"SELECT {calls}"))
        return self.url

    def close(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {TEMPLATE_SCHEMA} CASCADE"))
        self.engine.dispose()
