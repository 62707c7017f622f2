"""Setting officers up on a PostgreSQL store (issue 16): `store grant` and `store officers`.

Run by the office's administrator, connected as a user allowed to grant the group roles (the
database's owner or a superuser). The officers' own PostgreSQL users (LOGIN roles, with their
passwords) are created by the administrator on the server (`CREATE ROLE nva LOGIN PASSWORD …`):
the app never sees a password. A SQLite store has one user: nothing to set up."""

from __future__ import annotations

from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.officer_roles import Duty, duty_of
from assessor_app.paths import migrations_dir
from assessor_app.storage import officers
from assessor_app.storage.database import Database, WriteSession
from assessor_app.storage.database_postgres import is_postgres_url


def _server(url: str) -> Database:
    if not is_postgres_url(url):
        raise InputError(
            "STORE_NOT_SERVER",
            N_(
                "Officers and their roles exist only on a PostgreSQL store (postgresql://…); a store file has a single user."
            ),
        )
    return Database(url, migrations_dir())


def checked_duty(word: str) -> Duty:
    try:
        return duty_of(word)
    except ValueError:
        raise InputError(
            "OFFICER_ROLE_UNKNOWN",
            N_("Unknown role {role}: importer, appraiser, decider or publisher."),
            role=word,
        ) from None


def grant(url: str, user: str, duty: Duty, revoke: bool = False) -> None:
    """Give `user` (an existing login on the server) `duty`'s role, or take it back."""
    database = _server(url)
    try:

        def _work(session: WriteSession) -> None:
            connection = session.connection()
            if not officers.user_exists(connection, user):
                raise NotFoundError(
                    "OFFICER_NOT_FOUND",
                    N_(
                        "The server has no login user {user}: create it first (CREATE ROLE {user} LOGIN PASSWORD …, in psql as the administrator)."
                    ),
                    user=user,
                )
            (officers.revoke_duty if revoke else officers.grant_duty)(connection, user, duty)

        database.run_in_transaction(_work)
    finally:
        database.close()


def list_officers(url: str) -> dict[str, list[Duty]]:
    """Every user holding a group role → their duties."""
    database = _server(url)
    try:
        with database.reading() as session:
            found = officers.members(session.connection())
    finally:
        database.close()
    return {user: [duty_of(role) for role in roles] for user, roles in found.items()}
