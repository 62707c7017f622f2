from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from assessor_app.app import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Runner = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run `assessor-app ARGS...` in-process (English messages unless --lang is given)."""

    def run(*args: str, lang: str = "en") -> Result:
        code = main(["--lang", lang, *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
