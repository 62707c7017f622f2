"""Reading user-supplied JSON files with clear, coded errors instead of tracebacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessor_app.domain.errors import N_, InputError

MAX_JSON_BYTES = 20 * 1024 * 1024  # a catalogue or a score request is a few kB; refuse the absurd


def read_json(path: str | Path) -> Any:
    target = Path(path)
    try:
        if target.stat().st_size > MAX_JSON_BYTES:
            raise InputError("FILE_TOO_LARGE", N_("The file {path} is too large."), path=str(path))
        raw = target.read_bytes()
    except FileNotFoundError:
        raise InputError(
            "FILE_NOT_FOUND", N_("The file {path} does not exist."), path=str(path)
        ) from None
    except IsADirectoryError:
        raise InputError(
            "FILE_IS_FOLDER", N_("{path} is a folder, not a file."), path=str(path)
        ) from None
    except PermissionError:
        raise InputError(
            "FILE_NOT_READABLE",
            N_("The file {path} cannot be read (permission denied)."),
            path=str(path),
        ) from None
    return parse_json_bytes(raw, str(path))


def parse_json_bytes(raw: bytes, name: str) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "FILE_NOT_UTF8", N_("The file {path} is not UTF-8 text."), path=name
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            "FILE_BAD_JSON",
            N_("The file {path} is not valid JSON (line {line}, column {column}: {detail})."),
            path=name,
            line=error.lineno,
            column=error.colno,
            detail=error.msg,
        ) from None
