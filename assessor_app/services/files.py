"""Reading user-supplied JSON files with clear, coded errors instead of tracebacks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assessor_app.core.strict_json import load_json_bytes
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import shorten

MAX_JSON_BYTES = 20 * 1024 * 1024  # a catalogue or a score request is a few kB; refuse the absurd
_BOM = b"\xef\xbb\xbf"


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
    """Parse a user's JSON file as strictly as a bundle (bundles.signed_json.load_json_bytes: no
    duplicate keys, no NaN or Infinity), plus a UTF-8 BOM (Windows Notepad writes one). Every
    refusal is an InputError naming the file: malformed, duplicate key, absurd nesting or a number
    too long for Python to read are one line for the user, never a traceback."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    try:
        return load_json_bytes(raw)
    except UnicodeDecodeError:
        raise InputError(
            "FILE_NOT_UTF8", N_("The file {path} is not UTF-8 text."), path=name
        ) from None
    except RecursionError:
        raise InputError(
            "FILE_TOO_DEEP",
            N_(
                "The file {path} has brackets nested hundreds of levels deep and cannot be read; check that it is the right file."
            ),
            path=name,
        ) from None
    except json.JSONDecodeError as error:
        raise InputError(
            "FILE_BAD_JSON",
            N_("The file {path} is not valid JSON (line {line}, column {column}: {detail})."),
            path=name,
            line=error.lineno,
            column=error.colno,
            detail=error.msg,
        ) from None
    except ValueError as error:  # what the strict reader refuses in well-formed JSON
        raise _refusal(raw.decode("utf-8"), name, error) from None


def _refusal(text: str, name: str, error: ValueError) -> InputError:
    """Say which rule of the strict reader `text` breaks, naming the key or the number: parse it
    again with hooks that stop at the first duplicate key, constant or overlong integer."""

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise InputError(
                    "FILE_DUPLICATE_KEY",
                    N_("The file {path} gives the key '{key}' twice in one object; keep only one."),
                    path=name,
                    key=shorten(key),
                )
            seen.add(key)
        return dict(pairs)

    def constant(word: str) -> Any:
        raise InputError(
            "FILE_BAD_JSON",
            N_("The file {path} is not valid JSON: {word} is not a number JSON allows."),
            path=name,
            word=word,
        )

    def integer(digits: str) -> int:
        if len(digits.lstrip("-")) > sys.get_int_max_str_digits():
            raise InputError(
                "FILE_NUMBER_TOO_LONG",
                N_(
                    "The file {path} holds a number of {count} digits; no real figure is that long."
                ),
                path=name,
                count=len(digits.lstrip("-")),
            )
        return int(digits)

    try:
        json.loads(text, object_pairs_hook=unique, parse_constant=constant, parse_int=integer)
    except InputError as refusal:
        return refusal
    return InputError(  # pragma: no cover - every rule of the strict reader is named above
        "FILE_BAD_JSON",
        N_("The file {path} is not valid JSON ({detail})."),
        path=name,
        detail=str(error),
    )
