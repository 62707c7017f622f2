"""A look inside a kept bundle file without trusting it: which communes and years its assessments
concern. The reports use it to say which commune a bundle held in quarantine concerns when the
quarantine record does not say; nothing read here is checked, stored or shown as data.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from assessor_app.bundles.bag import PAYLOAD_DIR, TOP_FOLDER

MAX_PEEK_JSON = 8 * 1024 * 1024  # an index or an assessment document larger than this is not read


def _read_json(archive: zipfile.ZipFile, rel: str) -> Any:
    """The JSON document at payload path `rel`; ValueError when it is too large to peek at."""
    name = f"{TOP_FOLDER}/{PAYLOAD_DIR}/{rel}"
    if archive.getinfo(name).file_size > MAX_PEEK_JSON:
        raise ValueError(name)
    with archive.open(name) as source:
        return json.loads(source.read(MAX_PEEK_JSON + 1).decode("utf-8"))


def assessed_communes(path: Path) -> list[tuple[str, int]]:
    """(commune code, evaluation year) of each assessment in the bundle file `path`, in the
    bundle's order; empty when the file cannot be read (missing, not a ZIP, not a bundle)."""
    found: list[tuple[str, int]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            index = _read_json(archive, "bundle.json")
            for uid in index["assessments"]:
                document = _read_json(archive, f"assessments/{uid}.json")
                found.append((str(document["commune_code"]), int(document["year"])))
    except (OSError, zipfile.BadZipFile, KeyError, TypeError, ValueError, UnicodeDecodeError):
        return []
    return found
