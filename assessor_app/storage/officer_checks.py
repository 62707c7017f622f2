"""What the PostgreSQL server checks itself, whatever SQL an officer sends (issue 16, migration
0025). Nothing here runs on SQLite (one user, no roles).

- The audit log names who wrote it. An officer's own entries (chains without '@': an assessment's
  uid, "store") must carry the actor the app makes from the server's user (officers.server_actor):
  the user itself, or a name followed by ` [user]`. The trigger checks, it does not fill in: the
  app computes each entry's hash over the actor it writes, so the chain stays verifiable by anyone
  (`audit verify-store`), and a forged actor is refused with SQLSTATE 42501 (STORE_NOT_PERMITTED)
  instead of being rewritten under a hash that no longer matches. Copies of another device's log
  (chains `uid@device`, written by an import) keep that device's actors: they are checked against
  its signed heads, not against who imported them. The store's owner (the administrator who
  migrates and moves stores, `store migrate`) is not checked: moving a store copies every entry
  with its original actor.
- Evidence content is removed only by `assessor_discard_evidence(sha256)`, which runs as the
  store's owner (SECURITY DEFINER; officers have no DELETE on the evidence tables) and removes the
  content only when no `evidence_blobs` row refers to it. Both that check and the delete run in the
  caller's SERIALIZABLE transaction; a trigger on `evidence_blobs` reads the content row an
  inserted reference names, so an officer's transaction that refers to the content while another's
  cleanup removes it are a read/write cycle the server refuses (one gets SQLSTATE 40001): never a
  reference committed to content that is gone.
"""

from __future__ import annotations

from sqlalchemy import Connection

from assessor_app.domain.officer_roles import GROUP_ROLES

DISCARD_FUNCTION = "assessor_discard_evidence"
_ACTOR_CHECK = "assessor_audit_actor"
_BLOB_READS_CONTENT = "assessor_blob_reads_content"


def create_checks(connection: Connection) -> None:
    schema = str(connection.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one())
    roles = ", ".join(GROUP_ROLES)
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {_ACTOR_CHECK}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN "
        "IF position('@' IN NEW.chain) > 0 "
        "OR NEW.actor = session_user "
        "OR right(NEW.actor, length(session_user) + 3) = ' [' || session_user || ']' "
        "OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), "
        "'USAGE') THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format("
        "'the audit log records the connected user: %s may not write an entry as %s', "
        "session_user, NEW.actor); "
        "END $$"
    )
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_ACTOR_CHECK} ON audit_log")
    connection.exec_driver_sql(
        f"CREATE TRIGGER {_ACTOR_CHECK} BEFORE INSERT ON audit_log "
        f"FOR EACH ROW EXECUTE FUNCTION {_ACTOR_CHECK}()"
    )
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {_BLOB_READS_CONTENT}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ "
        "BEGIN PERFORM 1 FROM evidence_contents WHERE sha256 = NEW.sha256; RETURN NEW; END $$"
    )
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_BLOB_READS_CONTENT} ON evidence_blobs")
    connection.exec_driver_sql(
        f"CREATE TRIGGER {_BLOB_READS_CONTENT} BEFORE INSERT ON evidence_blobs "
        f"FOR EACH ROW EXECUTE FUNCTION {_BLOB_READS_CONTENT}()"
    )
    connection.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {DISCARD_FUNCTION}(h text) RETURNS boolean "
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ "
        "DECLARE found_upload text; "
        "BEGIN "
        "IF EXISTS (SELECT 1 FROM evidence_blobs WHERE sha256 = h) THEN RETURN false; END IF; "
        "DELETE FROM evidence_contents WHERE sha256 = h RETURNING upload INTO found_upload; "
        "IF found_upload IS NULL THEN RETURN false; END IF; "
        "DELETE FROM evidence_chunks WHERE upload = found_upload; "
        "RETURN true; "
        "END $$"
    )
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {DISCARD_FUNCTION}(text) FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {DISCARD_FUNCTION}(text) TO {roles}")


def drop_checks(connection: Connection) -> None:
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_ACTOR_CHECK} ON audit_log")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_ACTOR_CHECK}()")
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_BLOB_READS_CONTENT} ON evidence_blobs")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {_BLOB_READS_CONTENT}()")
    connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {DISCARD_FUNCTION}(text)")
