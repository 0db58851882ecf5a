"""audit rows written by PostgreSQL itself, an audit log nobody can rewrite

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-08 00:00:00

Issue 19: on a shared PostgreSQL database the audit log is written by the database: an
``AFTER INSERT OR UPDATE OR DELETE`` row trigger on every audited table calls
``tdkt_audit_row()``, which writes the row the ORM hook of :mod:`app.db.audit` writes on SQLite
(table, action, record id, signed-in role, values before and after as JSON: every non-empty
value of an inserted row, the changed values of an updated one but ``updated_at``,
``updated_by`` and ``version``, every value of a deleted one; numbers with decimals as text,
timestamps in ISO form with ``+00:00``, files as ``<n byte>``). The function runs with its
owner's rights (``SECURITY DEFINER``): clerks' roles are given no right to write
``audit_log``; notes of a whole operation go through ``tdkt_audit_note()``, which records the
signed-in role (``session_user``) and the server's time, so nobody writes in another's name.
A statement trigger refuses any UPDATE or DELETE of ``audit_log``, the owner's included.
``app_setting`` holds the Sở's settings and some working data of the clerks (the review's
quotas and list order, the award fund's ledger, the deadlines calendar, certificate wording):
a row trigger ``tdkt_setting_guard()`` lets each group write only its keys, once ``tdkt admin
roles`` has filled in the check (:func:`app.db.roles.apply_grants`). In the same way
``tdkt_decision_guard()`` and ``tdkt_decision_line_guard()`` let the clerks write drafts and the
records of imported or superiors' decisions, and only the leaders issue, correct and revoke. The
tables' owner (only) may write rows in bulk under one note with ``tdkt.audit_rows`` set to
``off`` for the transaction (:func:`app.db.audit.summarised`: the demo database).

SQLite: nothing (the ORM hook stays).
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# audited table -> its primary key columns, in the order the ORM joins them into record_id
AUDITED_TABLES: dict[str, tuple[str, ...]] = {
    "app_setting": ("key",),
    "assignment": ("id",),
    "attachment": ("id",),
    "award_record": ("id",),
    "base_salary": ("id",),
    "campaign": ("id",),
    "campaign_attachment": ("id",),
    "campaign_award": ("id",),
    "catalogue_coefficient": ("id",),
    "catalogue_item": ("code",),
    "cluster": ("id",),
    "cluster_member": ("id",),
    "condition_mark": ("id",),
    "council_candidate": ("id",),
    "council_list_approval": ("id",),
    "council_member": ("id",),
    "council_session": ("id",),
    "council_vote": ("id",),
    "decision": ("id",),
    "decision_recipient": ("id",),
    "discipline": ("id",),
    "household": ("id",),
    "initiative": ("id",),
    "initiative_author": ("initiative_id", "person_id"),
    "initiative_use": ("id",),
    "person": ("id",),
    "person_grade": ("id",),
    "registration": ("id",),
    "review_override": ("id",),
    "rule_set": ("code",),
    "unit": ("id",),
    "unit_grade": ("id",),
    "unit_registration": ("id",),
}

TRIGGER = "tdkt_audit"

# A row as JSON the way the ORM hook writes it (app.db.audit._jsonable).
VALUES_FUNCTION = r"""
CREATE FUNCTION tdkt_audit_values(rel oid, row_values jsonb) RETURNS jsonb
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT coalesce(jsonb_object_agg(e.key, CASE
      WHEN e.value = 'null'::jsonb THEN e.value
      WHEN a.atttypid = 'numeric'::regtype THEN to_jsonb(e.value #>> '{}')
      WHEN a.atttypid = 'timestamp'::regtype THEN to_jsonb(
          to_char((e.value #>> '{}')::timestamp, 'YYYY-MM-DD"T"HH24:MI:SS')
          || CASE WHEN extract(microseconds FROM (e.value #>> '{}')::timestamp)::bigint
                       % 1000000 <> 0
                  THEN to_char((e.value #>> '{}')::timestamp, '.US') ELSE '' END
          || '+00:00')
      WHEN a.atttypid = 'bytea'::regtype THEN to_jsonb(
          '<' || ((length(e.value #>> '{}') - 2) / 2)::text || ' byte>')
      ELSE e.value END), '{}'::jsonb)
  FROM jsonb_each(row_values) AS e
  LEFT JOIN pg_attribute AS a ON a.attrelid = rel AND a.attname = e.key
$$
"""

ROW_FUNCTION = r"""
CREATE FUNCTION tdkt_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  old_values jsonb;
  new_values jsonb;
  before_values jsonb;
  after_values jsonb;
  source jsonb;
BEGIN
  -- rows written in bulk under one note (a demo database being built), as Core inserts are on
  -- SQLite; heard only from the tables' owner, who could switch the trigger off anyway
  IF current_setting('tdkt.audit_rows', true) = 'off'
     AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')
  THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_values := tdkt_audit_values(TG_RELID, to_jsonb(OLD));
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    new_values := tdkt_audit_values(TG_RELID, to_jsonb(NEW));
  END IF;
  IF TG_OP = 'INSERT' THEN
    after_values := jsonb_strip_nulls(new_values);
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
      INTO before_values, after_values
      FROM jsonb_each(new_values) AS n JOIN jsonb_each(old_values) AS o ON o.key = n.key
     WHERE n.key NOT IN ('updated_at', 'updated_by', 'version')
       AND n.value IS DISTINCT FROM o.value;
    -- nothing changed, or only what the program derives (a registration's warnings,
    -- recomputed when a grade or a discipline changes): nobody's change, no entry
    IF after_values IS NULL OR after_values - 'flags' = '{}'::jsonb THEN
      RETURN NULL;
    END IF;
  ELSE
    before_values := old_values;
  END IF;
  source := coalesce(new_values, old_values);
  INSERT INTO audit_log (at, "user", action, table_name, record_id, before, after, note)
  VALUES (
    timezone('UTC', clock_timestamp()), session_user, TG_OP, TG_TABLE_NAME,
    (SELECT string_agg(coalesce(source ->> pk.name, ''), ',' ORDER BY pk.n)
       FROM unnest(TG_ARGV) WITH ORDINALITY AS pk(name, n)),
    before_values::text, after_values::text, NULL);
  RETURN NULL;
END
$$
"""

NOTE_FUNCTION = r"""
CREATE FUNCTION tdkt_audit_note(p_action text, p_table text, p_record text, p_note text)
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
  INSERT INTO audit_log (at, "user", action, table_name, record_id, before, after, note)
  VALUES (timezone('UTC', clock_timestamp()), session_user, left(p_action, 10),
          left(p_table, 60), left(p_record, 60), NULL, NULL, left(p_note, 255))
$$
"""

GUARD_FUNCTION = r"""
CREATE FUNCTION tdkt_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Nhật ký thay đổi không được sửa hoặc xóa'
    USING ERRCODE = 'insufficient_privilege';
END
$$
"""


# Which clerk may write which setting (app.db.roles.SETTING_WRITERS) is checked by this
# trigger function; ``tdkt admin roles`` replaces this body (which allows all) by the check.
SETTING_GUARD = r"""
CREATE FUNCTION tdkt_setting_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$
"""


# Who may write which decision (app.db.roles.DECISION_DRAFTERS): drafts and records of others'
# decisions by the clerks, issuing, correcting and revoking by the leaders. ``tdkt admin roles``
# replaces these bodies (which allow all) by the check.
DECISION_GUARDS = {
    "decision": "tdkt_decision_guard",
    "decision_recipient": "tdkt_decision_line_guard",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(VALUES_FUNCTION)
    op.execute(ROW_FUNCTION)
    op.execute(NOTE_FUNCTION)
    op.execute(GUARD_FUNCTION)
    op.execute(SETTING_GUARD)
    op.execute(
        "CREATE TRIGGER tdkt_setting_guard BEFORE INSERT OR UPDATE OR DELETE ON app_setting "
        "FOR EACH ROW EXECUTE FUNCTION tdkt_setting_guard()"
    )
    for table, function in DECISION_GUARDS.items():
        op.execute(SETTING_GUARD.replace("tdkt_setting_guard", function))
        op.execute(
            f"CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
    op.execute("REVOKE ALL ON FUNCTION tdkt_audit_note(text, text, text, text) FROM PUBLIC")
    for table, key in AUDITED_TABLES.items():
        args = ", ".join(f"'{column}'" for column in key)
        op.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION tdkt_audit_row({args})"
        )
    op.execute(
        "CREATE TRIGGER tdkt_audit_guard BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION tdkt_audit_guard()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS tdkt_audit_guard ON audit_log")
    op.execute("DROP TRIGGER IF EXISTS tdkt_setting_guard ON app_setting")
    for table, function in DECISION_GUARDS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {function} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.execute("DROP FUNCTION IF EXISTS tdkt_setting_guard()")
    for table in AUDITED_TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS tdkt_audit_guard()")
    op.execute("DROP FUNCTION IF EXISTS tdkt_audit_note(text, text, text, text)")
    op.execute("DROP FUNCTION IF EXISTS tdkt_audit_row()")
    op.execute("DROP FUNCTION IF EXISTS tdkt_audit_values(oid, jsonb)")
