"""The messages of a server store that asked for a password it had not, or refused the one given.
The password itself is never in them."""

from __future__ import annotations

from assessor_app.domain.errors import N_, StoreError
from assessor_app.storage import database_postgres as pg

PASSWORD_NEEDED = "STORE_PASSWORD_NEEDED"
PASSWORD_WRONG = "STORE_PASSWORD_WRONG"


def password_error(problem: str, url: str) -> StoreError:
    """The server asked for a password and had none (PASSWORD_NEEDED), or refused the one given
    (PASSWORD_WRONG). `url` is shown without its password; the password is never in the message."""
    host, port, database, user, _options = pg.url_fields(url)
    where = {"path": url, "user": user, "host": host, "port": port or 5432, "database": database}
    if problem == pg.PASSWORD_NEEDED:
        return StoreError(
            PASSWORD_NEEDED,
            N_(
                "The server of the store {path} asks for the password of the user {user}, and none was given. Put it in the PostgreSQL password file (~/.pgpass on Linux, %APPDATA%\\postgresql\\pgpass.conf on Windows, or the file named in PGPASSFILE) or use a service file (PGSERVICEFILE); the app never saves a password."
            ),
            **where,
        )
    return StoreError(
        PASSWORD_WRONG,
        N_(
            "The server of the store {path} refused the password of the user {user}. Check the password (and that this user may log in), then try again."
        ),
        **where,
    )
