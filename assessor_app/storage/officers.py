"""Officers on a PostgreSQL store (issue 16): their group roles, table privileges, who is connected.

Each officer connects as their own PostgreSQL user; the group roles (domain/officer_roles.py)
say what they may do. The app checks a duty before each use case (services/permissions.py), and the
server checks again, so that an officer without the role cannot write with raw SQL either
(defence in depth): every group role may read every table and write the shared working tables, but
only the deciders may write the decision tables and only the publishers the release table.

Roles belong to the server (the cluster), not to one database: an officer granted a role is an
importer (say) in every assessor database on that server. Nothing here runs on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from assessor_app.domain.officer_roles import GROUP_ROLES, Duty, role_name

# Tables only one duty may write (the server refuses anyone else, even with raw SQL).
RESTRICTED_TABLES = {
    "recognition_decisions": Duty.DECIDE,
    "commendations": Duty.DECIDE,
    "catalogue_releases": Duty.PUBLISH,
}
# Tables no officer writes: the migrations' own record (only the owner upgrades the schema).
READ_ONLY_TABLES = {"alembic_version"}
# Tables officers only add rows to, never change or remove, even with raw SQL (migration 0025):
# the audit log is append-only, and the content of an evidence file is removed only through
# `assessor_discard_evidence` (storage/officer_checks.py), which first checks nothing refers to it.
APPEND_ONLY_TABLES = {"audit_log", "evidence_blobs", "evidence_contents", "evidence_chunks"}


@dataclass(frozen=True)
class Officer:
    user: str  # the PostgreSQL user connected (session_user: SET ROLE cannot change it)
    duties: frozenset[Duty]


def create_group_roles(connection: Connection) -> None:
    """Create the group roles that do not exist yet (NOLOGIN: nobody connects as a group)."""
    for role in GROUP_ROLES:
        # Roles are the server's: another assessor database on it may have created them already.
        connection.exec_driver_sql(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )


def _tables(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    )
    return sorted(str(row[0]) for row in rows)


def grant_privileges(connection: Connection) -> None:
    """Give the group roles exactly their privileges on every table of the schema as it is now
    (what they held beyond them is taken back). A later migration adding a table, or changing
    what officers may do, calls this again."""
    roles = ", ".join(GROUP_ROLES)
    connection.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{_schema(connection)}" TO {roles}')
    for table in _tables(connection):
        connection.exec_driver_sql(f'REVOKE ALL ON "{table}" FROM PUBLIC')
        connection.exec_driver_sql(f'REVOKE ALL ON "{table}" FROM {roles}')
        connection.exec_driver_sql(f'GRANT SELECT ON "{table}" TO {roles}')
        if table in READ_ONLY_TABLES:
            continue
        writes = "INSERT" if table in APPEND_ONLY_TABLES else "INSERT, UPDATE, DELETE"
        connection.exec_driver_sql(f'GRANT {writes} ON "{table}" TO {_writers(table)}')
    connection.exec_driver_sql(
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{_schema(connection)}" TO {roles}'
    )


def _writers(table: str) -> str:
    duty = RESTRICTED_TABLES.get(table)
    return role_name(duty) if duty is not None else ", ".join(GROUP_ROLES)


def _schema(connection: Connection) -> str:
    return str(connection.exec_driver_sql("SELECT current_schema()").scalar_one())


def connected_officer(connection: Connection) -> Officer:
    """Who the server says is connected, and the duties their roles give them (a superuser,
    like the database's owner who set the store up, has every duty)."""
    user = str(connection.exec_driver_sql("SELECT session_user").scalar_one())
    duties = frozenset(duty for duty in Duty if has_role(connection, user, role_name(duty)))
    return Officer(user, duties)


def has_role(connection: Connection, user: str, role: str) -> bool:
    exists = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}
    ).first()
    if exists is None:
        return False
    row = connection.execute(
        text("SELECT pg_has_role(:user, :role, 'MEMBER')"), {"user": user, "role": role}
    ).scalar_one()
    return bool(row)


def user_exists(connection: Connection, user: str) -> bool:
    found = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :user AND rolcanlogin"), {"user": user}
    ).first()
    return found is not None


def grant_duty(connection: Connection, user: str, duty: Duty) -> None:
    """Make `user` a member of `duty`'s group role (the caller checked the user exists)."""
    connection.exec_driver_sql(f"GRANT {role_name(duty)} TO {_identifier(connection, user)}")


def revoke_duty(connection: Connection, user: str, duty: Duty) -> None:
    connection.exec_driver_sql(f"REVOKE {role_name(duty)} FROM {_identifier(connection, user)}")


def _identifier(connection: Connection, name: str) -> str:
    return str(connection.execute(text("SELECT quote_ident(:name)"), {"name": name}).scalar_one())


def members(connection: Connection, roles: Iterable[str] = GROUP_ROLES) -> dict[str, list[str]]:
    """Every user holding one of the group roles → the roles they hold (directly granted)."""
    rows = connection.execute(
        text(
            "SELECT member.rolname, grp.rolname FROM pg_auth_members m "
            "JOIN pg_roles grp ON grp.oid = m.roleid "
            "JOIN pg_roles member ON member.oid = m.member "
            "WHERE grp.rolname = ANY(:roles) ORDER BY member.rolname, grp.rolname"
        ),
        {"roles": list(roles)},
    )
    found: dict[str, list[str]] = {}
    for user, role in rows:
        found.setdefault(str(user), []).append(str(role))
    return found


def server_actor(engine: Engine, display: str) -> str:
    """The actor the audit log records on a PostgreSQL store: the user the server says is
    connected, after the name the officer gave (`Nguyễn Văn A [nva]`), so that nobody writes as
    someone else: the name is theirs to choose, the bracket is the server's."""
    with engine.connect() as connection:
        user = str(connection.exec_driver_sql("SELECT session_user").scalar_one())
    return user if display in ("", user) else f"{display} [{user}]"
