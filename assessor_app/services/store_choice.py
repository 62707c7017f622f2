"""Which store a start of the app opens: the data home's SQLite file, or a PostgreSQL database.

The command line: `--store URL`, else `$ASSESSOR_STORE`, else the file. The desktop app: the
choice saved in Settings ("Kho dữ liệu"), `$ASSESSOR_STORE` overriding it. A URL with a password
(in its user part or as `?password=`) is accepted (a script may build one), but the app never saves
or shows one: Settings keep host, port, database, user and libpq's parameters that are not secrets
(sslmode, sslrootcert…), and the password comes from libpq (~/.pgpass or PGPASSFILE, a service file
named by `service=`), see docs/store.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assessor_app.domain.errors import N_, InputError, StoreError
from assessor_app.storage.database import PASSWORD_NEEDED, PASSWORD_WRONG
from assessor_app.storage.database_postgres import (
    SECRET_PARAMETERS,
    connection_problem,
    is_openable_url,
    remember_password,
    safely_shown,
    shown_url,
    url_fields,
    without_password,
)

STORE_ENV = "ASSESSOR_STORE"


def checked_store_url(text: str) -> str:
    """A PostgreSQL URL the app can open, or INVALID_STORE_URL (shown without its password)."""
    url = text.strip()
    if not is_openable_url(url):
        raise InputError(
            "INVALID_STORE_URL",
            N_(
                "'{url}' is not a store this app can open. Give a PostgreSQL URL such as postgresql://officer@server:5432/assessor, or nothing for the data folder's file."
            ),
            url=safely_shown(url),
        )
    return url


def chosen_store(explicit: str | None = None, saved: str = "") -> str | None:
    """The store to open: `explicit` (--store), else $ASSESSOR_STORE, else `saved` (Settings);
    None: the data home's SQLite file."""
    for candidate in (explicit, os.environ.get(STORE_ENV), saved):
        if candidate and candidate.strip():
            return checked_store_url(candidate)
    return None


def saved_form(url: str) -> str:
    """The URL as Settings may keep it: never a password, whatever was typed."""
    return without_password(checked_store_url(url))


def server_url(
    host: str, port: int, database: str, user: str, options: Mapping[str, str] | None = None
) -> str:
    """The URL of the fields of Settings (no password: libpq finds it); `options`: libpq's
    parameters that are not secrets (sslmode, sslrootcert…), kept in the URL's query."""
    from urllib.parse import quote, urlencode

    where = host.strip() or "localhost"
    url = f"postgresql://{quote(user.strip(), safe='')}@{where}:{port}/{quote(database.strip(), safe='')}"
    kept = {k: v for k, v in sorted((options or {}).items()) if k not in SECRET_PARAMETERS and v}
    return url + ("?" + urlencode(kept) if kept else "")


def check_connection(url: str) -> None:
    """Connect once to the store at `url`; STORE_UNREACHABLE with the server's words if not."""
    checked = checked_store_url(url)
    problem = connection_problem(checked)
    if problem is not None:
        raise StoreError(
            "STORE_UNREACHABLE",
            N_("Cannot connect to the store {url}: {detail}"),
            url=shown_url(checked),
            detail=problem,
        )


@dataclass(frozen=True)
class ServerFields:
    host: str
    port: int | None
    database: str
    user: str
    options: dict[str, str] = field(default_factory=dict)  # sslmode, sslrootcert…: not secrets


def url_parts(url: str) -> ServerFields | None:
    """The fields of a saved store URL, or None when it is not one (the file)."""
    if not is_openable_url(url):
        return None
    return ServerFields(*url_fields(url))


PASSWORD_CODES = (PASSWORD_NEEDED, PASSWORD_WRONG)


def use_password(url: str, password: str) -> None:
    """Connect to the store at `url` with `password` from now on, in this process only: it is
    handed to the driver, never written into the URL, the settings, a log or a message."""
    remember_password(url, password)


def asks_for_password(error: BaseException) -> bool:
    """Whether opening a store failed for want of its password (or a wrong one): the app may
    ask for it and open again."""
    return isinstance(error, StoreError) and error.code in PASSWORD_CODES


def chosen_evidence_folder(saved: str = "") -> str | None:
    """A server store's shared evidence folder: $ASSESSOR_EVIDENCE_FOLDER, else the one chosen in
    Settings; None: in the database. (A file store keeps its evidence in the data folder.)"""
    from assessor_app.services.workspace import EVIDENCE_FOLDER_ENV

    chosen = os.environ.get(EVIDENCE_FOLDER_ENV) or saved
    return chosen.strip() or None


def check_evidence_folder(folder: str) -> Path:
    """The shared evidence folder chosen in Settings, checked as the app will use it: it exists,
    is a folder and may be written to (a test file is written and removed); else
    EVIDENCE_FOLDER_MISSING, EVIDENCE_FOLDER_READ_ONLY or EVIDENCE_FOLDER_NOT_CHOSEN."""
    import tempfile

    from assessor_app.storage.evidence_shared import missing_folder, unwritable_folder

    if not folder.strip():
        raise InputError(
            "EVIDENCE_FOLDER_NOT_CHOSEN",
            N_("Choose the shared evidence folder, or keep the evidence in the database."),
        )
    path = Path(folder.strip()).expanduser()
    if not path.is_dir():
        raise missing_folder(path)
    try:
        with tempfile.NamedTemporaryFile(dir=path, prefix=".assessor-check-") as probe:
            probe.write(b"check")
            probe.flush()
    except OSError:
        raise unwritable_folder(path) from None
    return path
