"""Logging: a rotating file in the user log folder, plus a bounded in-memory tail for the log viewer.

Configured once by the entry point; modules just use `logging.getLogger(__name__)`. The desktop app
starts with the in-memory tail only (`start_logging`) and opens the file once its window is painted
(`configure_logging`, which writes the lines logged so far first): `logging.handlers` costs start-up
time that the first picture does not need.

The log is for support and carries no personal data: the folder is 0700 and the files 0600 (the
computer is often shared by an office), SQL statements are never logged, and the parameters of a
failed statement (the figures, names and reasons being saved) are left out of logged errors.
"""

from __future__ import annotations

import collections
import io
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from assessor_app.core.files import make_private, open_private_append, private_folder

if TYPE_CHECKING:
    import logging.handlers

LOG_FILE = "assessor-app.log"
EVENTS = "assessor_app.events"  # the logger of `event`: what the app did, read by the log viewer
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def hide_sql_parameters(error: BaseException | None) -> bool:
    """Tell every SQLAlchemy statement error in `error`'s chain to leave its parameters out of its
    message; True when one had to be told. (SQLAlchemy is recognised by its attributes: only the
    storage layer imports it. The engine is made with `hide_parameters=True` too; this also
    covers errors from any other engine, e.g. a migration's.)"""
    changed, seen = False, set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "hide_parameters", None) is False and hasattr(error, "statement"):
            error.hide_parameters = True  # type: ignore[attr-defined]
            changed = True
        error = error.__cause__ or error.__context__
    return changed


class HideSqlParameters(logging.Filter):
    """Applied by every handler of the app, to the logged exception and to any exception among
    the message's arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        errors = [record.exc_info[1]] if record.exc_info else []
        arguments = record.args if isinstance(record.args, tuple) else ()
        errors += [a for a in (record.msg, *arguments) if isinstance(a, BaseException)]
        hidden = [hide_sql_parameters(error) for error in errors]  # every one, no short cut
        if any(hidden):
            record.exc_text = None  # formatted already by a handler that is not ours
        return True


def private_rotating_handler(path: Path) -> logging.handlers.RotatingFileHandler:
    """A handler rotating `path` at 1 MB (5 kept), each file created 0600 (rotation renames files,
    which keeps their mode)."""
    import logging.handlers  # here, not at the top: see the module's docstring

    class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            descriptor = open_private_append(Path(self.baseFilename))
            # Always appending: a rotating handler forces mode "a".
            return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    return PrivateRotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )


class TailHandler(logging.Handler):
    """Keeps the last `capacity` formatted records, for showing inside the app."""

    def __init__(self, capacity: int = 2000) -> None:
        super().__init__()
        self.records: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


def log_file(folder: Path) -> Path:
    """Where `configure_logging(folder)` writes."""
    return folder / LOG_FILE


def _ours(handler: logging.Handler, kind: str) -> bool:
    return getattr(handler, "_assessor", None) == kind


def _add(handler: logging.Handler, kind: str) -> None:
    handler._assessor = kind  # type: ignore[attr-defined]
    handler.addFilter(HideSqlParameters())
    logging.getLogger().addHandler(handler)


def start_logging(level: int = logging.INFO) -> None:
    """Log to the in-memory tail only (once; a second call changes the level)."""
    root = logging.getLogger()
    if not any(_ours(handler, "tail") for handler in root.handlers):
        _add(TailHandler(), "tail")
    root.setLevel(level)
    # bagit and alembic are chatty at INFO; their news is not the user's. SQLAlchemy logs every
    # statement with its parameters at INFO: never, whatever the app's level.
    for noisy in ("alembic", "bagit", "sqlalchemy", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def configure_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to `folder/assessor-app.log` (rotated at 1 MB, 5 kept) as well as to the
    tail; return its path. A first file starts with what the tail logged before it; a second call
    (another data folder chosen at first start) moves the file.

    Falls back to no file when the folder cannot be written (a read-only profile must not stop the
    app); the in-memory tail still works.
    """
    start_logging(level)
    root = logging.getLogger()
    earlier = [h for h in root.handlers if _ours(h, "file")]
    for handler in earlier:
        root.removeHandler(handler)
        handler.close()
    path = log_file(folder)
    try:
        private_folder(folder)
        for old in [path, *(path.with_name(f"{LOG_FILE}.{n}") for n in range(1, BACKUP_COUNT + 1))]:
            make_private(old)  # written by a version that did not make them private
        rotating = private_rotating_handler(path)
        rotating.setFormatter(logging.Formatter(_FORMAT))
        if not earlier and (lines := tail()):
            with open(open_private_append(path), "a", encoding="utf-8") as stream:
                stream.write("".join(f"{line}\n" for line in lines))
    except OSError:
        return path
    _add(rotating, "file")
    return path


def tail() -> list[str]:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, TailHandler):
            return list(handler.records)
    return []


# --- events: what the app did with bundles and documents


# A value an event may carry: a code, a number, an id or a hash (commas between several). A name,
# a free text or a path never matches (spaces, diacritics, separators), so it cannot reach the log.
_SAFE = re.compile(r"^[A-Za-z0-9_.:@+,-]{1,200}$")
WITHHELD = "?"
# Outcomes worth a warning: the person should look at them.
_WARN = frozenset({"quarantined", "rejected", "failed", "refused"})


def safe_value(value: str | int | bool) -> str:
    """`value` as an event writes it; WITHHELD for anything that is not a code or a number."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return text if _SAFE.match(text) else WITHHELD


def event(what: str, outcome: str, **fields: str | int | bool | None) -> None:
    """Log that the app did `what` ("import", "export", "quarantine", "print", "report") with
    `outcome` ("accepted", "quarantined", "rejected", "done", "failed"...), and the codes that say
    which ("bundle", "communes", "years", "reasons"...): one line `what outcome key=value...`
    on the EVENTS logger, a warning when the outcome needs attention. Never personal data: only
    codes, numbers, ids and hashes pass (`safe_value`); empty fields are left out."""
    parts = [safe_value(what), safe_value(outcome)]
    parts += [f"{key}={safe_value(v)}" for key, v in fields.items() if v is not None and v != ""]
    level = logging.WARNING if outcome in _WARN else logging.INFO
    logging.getLogger(EVENTS).log(level, " ".join(parts))


def parse_event(message: str) -> tuple[str, str, dict[str, str]] | None:
    """(what, outcome, fields) of a message `event` wrote; None for any other message."""
    what, _sep, rest = message.partition(" ")
    outcome, _sep, rest = rest.partition(" ")
    if not what or not outcome or "=" in what or "=" in outcome:
        return None
    fields: dict[str, str] = {}
    for part in rest.split():
        key, sep, value = part.partition("=")
        if not sep:
            return None
        fields[key] = value
    return what, outcome, fields
