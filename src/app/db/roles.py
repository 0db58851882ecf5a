"""Clerks' rights on a shared PostgreSQL database: group roles and the tables each may write.

The rights are table GRANTs (no row-level security), kept here as data: one group role per kind
of work, :data:`TABLE_WRITERS` naming the groups that may insert, update and delete rows of each
table (every group reads every table: each is a member of ``xem``). :func:`apply_grants`
creates the groups and grants the rights (idempotent); :func:`roles_of` tells which groups the
signed-in role acts with. Clerks' own LOGIN roles are members of one or more groups.

``audit_log`` is written by the database's triggers alone (migration 0012): no group may insert,
update or delete a row of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sqlalchemy import Connection, text

XEM: Final = "xem"
CHUYEN_VIEN: Final = "chuyen-vien"
THU_KY: Final = "thu-ky"
LANH_DAO: Final = "lanh-dao"
QUAN_TRI: Final = "quan-tri"

# group role -> what it is for (Vietnamese, shown to the clerk)
GROUP_ROLES: Final[Mapping[str, str]] = {
    XEM: "Xem (chỉ đọc)",
    CHUYEN_VIEN: "Chuyên viên (nhập và nhập khẩu dữ liệu)",
    THU_KY: "Thư ký Hội đồng (phiên họp, danh sách, phiếu bầu, thành viên)",
    LANH_DAO: "Lãnh đạo (ban hành, đính chính, thu hồi quyết định)",
    QUAN_TRI: "Quản trị (thiết lập, tham số quy tắc, danh mục, tài khoản)",
}
WRITER_GROUPS: Final = (CHUYEN_VIEN, THU_KY, LANH_DAO, QUAN_TRI)

_DATA: Final = frozenset({CHUYEN_VIEN})
_COUNCIL: Final = frozenset({THU_KY})
_DECISIONS: Final = frozenset({LANH_DAO})
_ADMIN: Final = frozenset({QUAN_TRI})

# table -> the groups that may write it. A table missing here is read-only for every group.
TABLE_WRITERS: Final[Mapping[str, frozenset[str]]] = {
    # people, units and their history, entered by hand or imported
    "unit": _DATA,
    "person": _DATA,
    "assignment": _DATA,
    "person_grade": _DATA,
    "unit_grade": _DATA,
    "discipline": _DATA,
    "initiative": _DATA,
    "initiative_author": _DATA,
    "household": _DATA,
    "cluster": _DATA,
    "cluster_member": _DATA,
    # campaigns, sign-ups and the review before the Council
    "campaign": _DATA | _ADMIN,  # an emulation form renamed in the lists renames it here
    "campaign_award": _DATA,
    "campaign_attachment": _DATA,
    "registration": _DATA,
    "unit_registration": _DATA,
    "review_override": _DATA,
    "condition_mark": _DATA,
    # awards: entered from old decisions, made by issuing one, renamed with an award type
    "award_record": _DATA | _DECISIONS | _ADMIN,
    "initiative_use": _DATA | _DECISIONS,
    # files kept in the database, attached to any of the above
    "attachment": _DATA | _COUNCIL | _DECISIONS,
    # the Council
    "council_session": _COUNCIL,
    "council_member": _COUNCIL,
    "council_list_approval": _COUNCIL,
    "council_candidate": _COUNCIL,
    "council_vote": _COUNCIL,
    # decisions: issued, corrected and revoked by the leaders; drafted and recorded (history,
    # superiors' decisions) by the clerks too, which a trigger checks (DECISION_DRAFTERS)
    "decision": _DECISIONS | _DATA,
    "decision_recipient": _DECISIONS | _DATA,
    # settings, rule parameters, catalogue
    "app_setting": _ADMIN,
    "app_meta": _ADMIN,
    "rule_set": _ADMIN,
    "base_salary": _ADMIN,
    "catalogue_item": _ADMIN,
    "catalogue_coefficient": _ADMIN,
}

# ``app_setting`` is the settings of the Sở (quan-tri) and also some working data of the other
# groups, by key: key prefix -> the groups (besides quan-tri) that may write those keys. A row
# trigger on app_setting checks it (the table's GRANT goes to every group named here).
SETTING_WRITERS: Final[Mapping[str, frozenset[str]]] = {
    "review.": _DATA,  # quotas and the order of the nomination lists
    "fund.": _DATA,  # the award fund's ledger of a year
    "calendar.": _DATA,  # the deadlines of a year
    "certificate_wording:": _DATA | _DECISIONS,  # the wording printed for a decision
}

# Groups that may write a decision (and its lines) only while it is a draft of the agency, or
# the record of a decision of others (origin IMPORTED or SUPERIOR) standing as issued; issuing,
# correcting and revoking stay with lanh-dao. Checked by the row triggers of migration 0012.
DECISION_DRAFTERS: Final = _DATA
_OPEN_DECISION = "(st = 'DRAFT' OR (og <> 'OWN' AND st = 'ISSUED'))"

# database functions a group may call (migration 0012): an operation's note in the audit log
_FUNCTIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "tdkt_audit_note(text, text, text, text)": WRITER_GROUPS,
}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def writers_of(table: str) -> frozenset[str]:
    return TABLE_WRITERS.get(table, frozenset())


def setting_writers(key: str) -> frozenset[str]:
    """The groups that may write the setting ``key``."""
    groups = set(_ADMIN)
    for prefix, extra in SETTING_WRITERS.items():
        if key.startswith(prefix):
            groups |= extra
    return frozenset(groups)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _setting_guard() -> str:
    """The body of ``tdkt_setting_guard()`` (migration 0012) checking :data:`SETTING_WRITERS`."""
    allowed = [
        "pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')",
        f"pg_has_role(session_user, {_literal(QUAN_TRI)}, 'USAGE')",
    ]
    for prefix, groups in SETTING_WRITERS.items():
        members = " OR ".join(
            f"pg_has_role(session_user, {_literal(g)}, 'USAGE')" for g in sorted(groups)
        )
        allowed.append(f"(starts_with(k, {_literal(prefix)}) AND ({members}))")
    checks = "\n      OR ".join(allowed)
    return f"""
CREATE OR REPLACE FUNCTION tdkt_setting_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text;
BEGIN
  FOR k IN SELECT unnest(CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.key]
                                    WHEN 'DELETE' THEN ARRAY[OLD.key]
                                    ELSE ARRAY[OLD.key, NEW.key] END) LOOP
    IF NOT ({checks}) THEN
      RAISE EXCEPTION 'permission denied for table app_setting (thiết lập "%")', k
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$
"""


def _tables(conn: Connection) -> list[str]:
    return list(
        conn.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
        ).scalars()
    )


def existing_groups(conn: Connection) -> set[str]:
    return set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(GROUP_ROLES)},
        ).scalars()
    )


def apply_grants(conn: Connection) -> list[str]:
    """Create the missing group roles and grant every group its rights on the tables of the
    current schema (run by the tables' owner, with the right to create roles). Rights a group
    should not have are revoked, so a rerun after an upgrade or a change here puts things as
    :data:`TABLE_WRITERS` says. Returns the groups created."""
    created = []
    have = existing_groups(conn)
    for group in GROUP_ROLES:
        if group not in have:
            conn.execute(text(f"CREATE ROLE {quote_ident(group)} NOLOGIN"))
            created.append(group)
    for group in WRITER_GROUPS:
        conn.execute(text(f"GRANT {quote_ident(XEM)} TO {quote_ident(group)}"))
    schema = quote_ident(str(conn.execute(text("SELECT current_schema()")).scalar_one()))
    database = quote_ident(str(conn.execute(text("SELECT current_database()")).scalar_one()))
    xem = quote_ident(XEM)
    conn.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {xem}"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {xem}"))
    all_groups = ", ".join(quote_ident(g) for g in GROUP_ROLES)
    for table in _tables(conn):
        name = f"{schema}.{quote_ident(table)}"
        conn.execute(text(f"REVOKE ALL ON {name} FROM PUBLIC, {all_groups}"))
        conn.execute(text(f"GRANT SELECT ON {name} TO {xem}"))
        writers = _table_grantees(table)
        if writers:
            groups = ", ".join(quote_ident(g) for g in sorted(writers))
            conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {name} TO {groups}"))
    for sequence, table in _sequences(conn):
        name = f"{schema}.{quote_ident(sequence)}"
        conn.execute(text(f"REVOKE ALL ON SEQUENCE {name} FROM PUBLIC, {all_groups}"))
        conn.execute(text(f"GRANT SELECT ON SEQUENCE {name} TO {xem}"))
        writers = _table_grantees(table)
        if writers:
            groups = ", ".join(quote_ident(g) for g in sorted(writers))
            conn.execute(text(f"GRANT USAGE ON SEQUENCE {name} TO {groups}"))
    if conn.execute(text("SELECT to_regprocedure('tdkt_setting_guard()')")).scalar() is not None:
        conn.execute(text(_setting_guard()))
        for guard in _decision_guards():
            conn.execute(text(guard))
    for function, callers in _FUNCTIONS.items():
        names = ", ".join(quote_ident(g) for g in callers)
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {schema}.{function} TO {names}"))
    # tables a later version creates: readable at once; the writers get theirs at the next run
    conn.execute(
        text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {xem}")
    )
    return created


def _table_grantees(table: str) -> frozenset[str]:
    """Who gets INSERT, UPDATE, DELETE on ``table``: its writers, and for ``app_setting`` also
    the groups writing some of its keys (the trigger checks which)."""
    if table == "app_setting":
        return writers_of(table).union(*SETTING_WRITERS.values())
    return writers_of(table)


def _member_of_any(groups: frozenset[str]) -> str:
    return " OR ".join(f"pg_has_role(session_user, {_literal(g)}, 'USAGE')" for g in sorted(groups))


_OWNER = "pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"


def _decision_guard(function: str, states: str) -> str:
    """A trigger function refusing a drafter's write of a decision that is not open to them
    (:data:`DECISION_DRAFTERS`); ``states``: the query of the (status, origin) pairs at stake."""
    return f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st text;
  og text;
BEGIN
  IF NOT ({_OWNER} OR {_member_of_any(_DECISIONS)}) THEN
    FOR st, og IN {states} LOOP
      IF NOT ({_OPEN_DECISION}) OR NOT ({_member_of_any(DECISION_DRAFTERS)}) THEN
        RAISE EXCEPTION 'permission denied for table decision (chỉ lãnh đạo ban hành, đính chính, thu hồi)'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END LOOP;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$
"""


def _decision_guards() -> list[str]:
    return [
        _decision_guard(
            "tdkt_decision_guard",
            "SELECT s, o FROM (SELECT OLD.status, OLD.origin WHERE TG_OP <> 'INSERT' "
            "UNION ALL SELECT NEW.status, NEW.origin WHERE TG_OP <> 'DELETE') AS v(s, o)",
        ),
        _decision_guard(
            "tdkt_decision_line_guard",
            "SELECT d.status, d.origin FROM decision AS d WHERE d.id IN "
            "(SELECT OLD.decision_id WHERE TG_OP <> 'INSERT' "
            "UNION ALL SELECT NEW.decision_id WHERE TG_OP <> 'DELETE')",
        ),
    ]


def _sequences(conn: Connection) -> list[tuple[str, str]]:
    """(sequence, table owning it) in the current schema."""
    return [
        (str(s), str(t))
        for s, t in conn.execute(
            text(
                "SELECT s.relname, t.relname FROM pg_class s "
                "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
                "AND d.deptype IN ('a', 'i') "
                "JOIN pg_class t ON t.oid = d.refobjid "
                "WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace "
                "ORDER BY 1"
            )
        ).all()
    ]


def roles_of(conn: Connection) -> frozenset[str]:
    """The groups the signed-in role acts with. A superuser and the owner of the tables may do
    everything, so they get every group."""
    row = conn.execute(
        text(
            "SELECT r.rolsuper OR pg_has_role(current_user, c.relowner, 'USAGE') "
            "FROM pg_roles r LEFT JOIN pg_class c ON c.oid = to_regclass('audit_log') "
            "WHERE r.rolname = current_user"
        )
    ).first()
    if row is not None and row[0]:
        return frozenset(GROUP_ROLES)
    return frozenset(
        conn.execute(
            text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:names) "
                "AND pg_has_role(current_user, oid, 'USAGE')"
            ),
            {"names": list(GROUP_ROLES)},
        ).scalars()
    )
