"""Logging: a rotating file in the user log folder, plus a bounded in-memory tail for the log viewer.

Configured once by the entry point; modules just use `logging.getLogger(__name__)`.
"""

from __future__ import annotations

import collections
import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "assessor-app.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class TailHandler(logging.Handler):
    """Keeps the last `capacity` formatted records, for showing inside the app."""

    def __init__(self, capacity: int = 2000) -> None:
        super().__init__()
        self.records: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(self.format(record))


def configure_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to `folder/assessor-app.log` (rotated at 1 MB, 5 kept); return its path.

    Falls back to no file when the folder cannot be written (a read-only profile must not stop the
    app); the in-memory tail still works.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_assessor", False):
            root.removeHandler(handler)
            handler.close()
    path = folder / LOG_FILE
    handlers: list[logging.Handler] = [TailHandler()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
        rotating.setFormatter(logging.Formatter(_FORMAT))
        handlers.append(rotating)
    except OSError:
        pass
    for handler in handlers:
        handler._assessor = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # bagit and alembic are chatty at INFO; their news is not the user's.
    for noisy in ("alembic", "bagit"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def tail() -> list[str]:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, TailHandler):
            return list(handler.records)
    return []
