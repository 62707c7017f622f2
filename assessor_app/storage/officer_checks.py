"""What the PostgreSQL server checks itself, whatever SQL an officer sends (issue 16, migrations
0025 and 0026). Nothing here runs on SQLite (one user, no roles).

- The audit log names who wrote it. An officer's own entries (chains without '@': an assessment's
  uid, "store") must carry the actor the app makes from the server's user (officers.server_actor):
  the user itself, or a name followed by ` [user]`. The trigger checks, it does not fill in: the
  app computes each entry's hash over the actor it writes, so the chain stays verifiable by anyone
  (`audit verify-store`), and a forged actor is refused with SQLSTATE 42501 (STORE_NOT_PERMITTED)
  instead of being rewritten under a hash that no longer matches. Copies of another device's log
  (chains `uid@device`) keep that device's actors: only an import writes them, so only an importer
  (the group role of Duty.IMPORT) may append to one; what they append is vouched for by that
  device's signed heads, and entries after the last signed head are reported as unsigned by
  `audit verify-store`. The store's owner (the administrator who migrates and moves stores,
  `store migrate`) is not checked: moving a store copies every entry with its original actor.
- Evidence content is removed only by `assessor_discard_evidence(sha256)`, which runs as the
  store's owner (SECURITY DEFINER; officers have no DELETE on the evidence tables; only the group
  roles may call it) and removes the content only when no `evidence_blobs` row and no held bundle
  (`quarantine.content_sha256`, from 0026) refers to it. That check and the delete run in the
  caller's SERIALIZABLE transaction; a trigger on each referring table reads the content row an
  inserted reference names, so an officer's transaction that refers to the content while
  another's cleanup removes it are a read/write cycle the server refuses (one gets SQLSTATE
  40001): never a reference committed to content that is gone.
- None of these functions can be misled by an officer's own objects: each runs with
  `search_path = pg_catalog, <schema>, pg_temp` (the session's temporary schema last, where a
  temporary `pg_class` or `evidence_blobs` would otherwise be found first) and names every table
  with its schema. Where the store's owner also owns the database (or is a superuser), the right
  to create temporary tables is taken from PUBLIC as well (`REVOKE TEMP ON DATABASE … FROM
  PUBLIC`): the app never creates any. An office whose database belongs to someone else may do
  it themselves; the checks hold without it.
"""

from __future__ import annotations

from sqlalchemy import Connection

from assessor_app.domain.officer_roles import GROUP_ROLES, Duty, role_name

DISCARD_FUNCTION = "assessor_discard_evidence"
_ACTOR_CHECK = "assessor_audit_actor"
_BLOB_READS_CONTENT = "assessor_blob_reads_content"
_HOLD_READS_CONTENT = "assessor_hold_reads_content"


def create_checks(connection: Connection) -> None:
    """Create (or replace) every check for the schema as it is now: a held bundle refers to
    content only once migration 0026 added `quarantine.content_sha256`."""
    schema = str(connection.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one())
    path = f"SET search_path = pg_catalog, {schema}, pg_temp"
    holds = _has_held_content(connection)
    roles = ", ".join(GROUP_ROLES)
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {schema}.{_ACTOR_CHECK}() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ "
        "BEGIN "
        "IF pg_catalog.pg_has_role(session_user, (SELECT c.relowner FROM pg_catalog.pg_class c "
        "WHERE c.oid = TG_RELID), 'USAGE') THEN RETURN NEW; END IF; "
        "IF pg_catalog.strpos(NEW.chain, '@') OPERATOR(pg_catalog.>) 0 THEN "
        f"IF pg_catalog.pg_has_role(session_user, '{role_name(Duty.IMPORT)}', 'USAGE') "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = pg_catalog.format("
        "'only an import copies another device''s audit log: %%s may not write to %%s', "
        "session_user, NEW.chain); "
        "END IF; "
        "IF NEW.actor OPERATOR(pg_catalog.=) session_user "
        'OR pg_catalog."right"(NEW.actor, pg_catalog.length(session_user) '
        "OPERATOR(pg_catalog.+) 3) OPERATOR(pg_catalog.=) pg_catalog.format(' [%%s]', session_user) "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = pg_catalog.format("
        "'the audit log records the connected user: %%s may not write an entry as %%s', "
        "session_user, NEW.actor); "
        "END $$"
    )
    _trigger(connection, schema, _ACTOR_CHECK, "audit_log", "INSERT")
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {schema}.{_BLOB_READS_CONTENT}() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ "
        f"BEGIN PERFORM 1 FROM {schema}.evidence_contents c "
        "WHERE c.sha256 OPERATOR(pg_catalog.=) NEW.sha256; RETURN NEW; END $$"
    )
    _trigger(connection, schema, _BLOB_READS_CONTENT, "evidence_blobs", "INSERT")
    held = ""
    if holds:
        connection.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {schema}.{_HOLD_READS_CONTENT}() RETURNS trigger "
            f"LANGUAGE plpgsql {path} AS $$ "
            f"BEGIN PERFORM 1 FROM {schema}.evidence_contents c "
            "WHERE c.sha256 OPERATOR(pg_catalog.=) NEW.content_sha256; RETURN NEW; END $$"
        )
        _trigger(
            connection,
            schema,
            _HOLD_READS_CONTENT,
            "quarantine",
            "INSERT OR UPDATE OF content_sha256",
        )
        held = (
            f"IF EXISTS (SELECT 1 FROM {schema}.quarantine q "
            "WHERE q.content_sha256 OPERATOR(pg_catalog.=) h) THEN RETURN false; END IF; "
        )
    else:
        _drop_trigger(connection, schema, _HOLD_READS_CONTENT, "quarantine")
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {schema}.{DISCARD_FUNCTION}(h text) RETURNS boolean "
        f"LANGUAGE plpgsql SECURITY DEFINER {path} AS $$ "
        "DECLARE found_upload text; "
        "BEGIN "
        f"IF EXISTS (SELECT 1 FROM {schema}.evidence_blobs b "
        "WHERE b.sha256 OPERATOR(pg_catalog.=) h) THEN RETURN false; END IF; "
        f"{held}"
        f"DELETE FROM {schema}.evidence_contents c WHERE c.sha256 OPERATOR(pg_catalog.=) h "
        "RETURNING c.upload INTO found_upload; "
        "IF found_upload IS NULL THEN RETURN false; END IF; "
        f"DELETE FROM {schema}.evidence_chunks k "
        "WHERE k.upload OPERATOR(pg_catalog.=) found_upload; "
        "RETURN true; "
        "END $$"
    )
    discard = f"{schema}.{DISCARD_FUNCTION}(text)"
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {discard} FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {discard} TO {roles}")
    database, owns = connection.exec_driver_sql(
        "SELECT quote_ident(d.datname), pg_has_role(current_user, d.datdba, 'USAGE') "
        "FROM pg_database d WHERE d.datname = current_database()"
    ).one()
    if owns:  # the database's owner (or a superuser): officers create no temporary objects
        connection.exec_driver_sql(f"REVOKE TEMP ON DATABASE {database} FROM PUBLIC")


def _has_held_content(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'quarantine' AND column_name = 'content_sha256'"
    ).first()
    return found is not None


def _trigger(connection: Connection, schema: str, name: str, table: str, events: str) -> None:
    _drop_trigger(connection, schema, name, table)
    connection.exec_driver_sql(
        f"CREATE TRIGGER {name} BEFORE {events} ON {schema}.{table} "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.{name}()"
    )


def _drop_trigger(connection: Connection, schema: str, name: str, table: str) -> None:
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {schema}.{table}")


def drop_hold_check(connection: Connection) -> None:
    """Before `quarantine.content_sha256` is dropped (0026 downgraded): its trigger depends on it."""
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_HOLD_READS_CONTENT} ON quarantine")


def drop_checks(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_ACTOR_CHECK} ON audit_log")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_ACTOR_CHECK}()")
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_BLOB_READS_CONTENT} ON evidence_blobs")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_BLOB_READS_CONTENT}()")
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_HOLD_READS_CONTENT} ON quarantine")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_HOLD_READS_CONTENT}()")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {DISCARD_FUNCTION}(text)")
