"""The procedures shipped in `resources/procedure/*.json` (one file per regime: QĐ 34/2014 + TT
25/2014, QĐ 06/2019, and the next when it comes), read and checked once
(domain/procedure_format.py), oldest regime first."""

from __future__ import annotations

import functools

from assessor_app.domain.procedure import Regime
from assessor_app.domain.procedure_format import parse_regime
from assessor_app.paths import resource
from assessor_app.services.files import read_json


@functools.cache
def shipped_regimes() -> tuple[Regime, ...]:
    files = sorted(resource("procedure").glob("*.json"))
    regimes = (parse_regime(read_json(path)) for path in files)
    return tuple(sorted(regimes, key=lambda r: r.span.valid_from))


def version() -> str:
    """The versions of the shipped procedures, as a decision records them ("QD34-2014
    2026.1-provisional; QD06-2019 2026.1-provisional")."""
    return "; ".join(f"{r.code} {r.version}" for r in shipped_regimes())
