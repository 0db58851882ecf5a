"""Database roles in the PostgreSQL test cluster (``TDKT_TEST_DB_URL``).

On PostgreSQL the audit log names the role a connection signs in as, so a test that acts as a
clerk connects as that clerk's role: :func:`login_role` creates it (a LOGIN role; with
``superuser`` the same rights as the cluster owner the suite runs as) and returns a URL signing
in as it. The test cluster of ``.ci/postgres.sh`` trusts every local connection: passwords are
set but not checked there.
"""

from __future__ import annotations

from sqlalchemy import create_engine, make_url, text


def url_as(url: str, role: str, password: str | None = None) -> str:
    """``url`` signing in as ``role``."""
    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)


def login_role(admin_url: str, role: str, *, superuser: bool = False) -> str:
    """Create the LOGIN role ``role`` if missing (idempotent); a URL signing in as it."""
    engine = create_engine(admin_url)
    try:
        with engine.begin() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first()
            quoted = '"' + role.replace('"', '""') + '"'
            if exists is None:
                conn.execute(text(f"CREATE ROLE {quoted} LOGIN"))
            if superuser:
                conn.execute(text(f"ALTER ROLE {quoted} LOGIN SUPERUSER"))
    finally:
        engine.dispose()
    return url_as(admin_url, role)
