"""Reading a procedure file (`resources/procedure/*.json`, format "assessor-procedure" version 1)
into a `domain.procedure.Regime`, checking it: every fact has a known status and a source, the
steps are the four of the procedure, each step's actors and each level's deadlines cover the
regime's period without overlapping, due days are real days. A bad file raises InputError
PROCEDURE_FORMAT naming where."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.procedure import (
    LEVELS,
    PLAN_YEARS,
    SHIPPED_STATUSES,
    STEPS,
    YEARLY,
    Actor,
    AuthorityPeriod,
    Cycle,
    Deadline,
    Fact,
    Regime,
    Span,
    Step,
    parse_due_day,
)
from assessor_app.domain.text import nfc

FORMAT = "assessor-procedure"
FORMAT_VERSION = 1


def _fail(where: str, problem: str) -> InputError:
    return InputError(
        "PROCEDURE_FORMAT",
        N_("Procedure file, {where}: {problem}."),
        where=where,
        problem=problem,
    )


def _object(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fail(where, "expected an object")
    return data


def _text(data: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise _fail(where, f"'{key}' must be a non-empty text")
    return nfc(value.strip())


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise _fail(where, f"'{key}' must be a list")
    return value


def _status(data: dict[str, Any], where: str) -> str:
    status = data.get("status")
    if status not in SHIPPED_STATUSES:
        raise _fail(where, f"'status' must be one of {', '.join(SHIPPED_STATUSES)}")
    return str(status)


def _fact(data: Any, where: str, value_key: str = "value") -> Fact:
    item = _object(data, where)
    status = _status(item, where)
    reason = _text(item, "reason", where, required=status == "not_verified")
    return Fact(_text(item, value_key, where), status, _text(item, "source", where), reason)


def _span(data: dict[str, Any], where: str) -> Span:
    try:
        start = date.fromisoformat(str(data["valid_from"]))
        end = date.fromisoformat(data["valid_to"]) if data.get("valid_to") else None
    except (KeyError, TypeError, ValueError):
        raise _fail(where, "'valid_from' / 'valid_to' must be dates YYYY-MM-DD") from None
    if end is not None and end < start:
        raise _fail(where, "the period ends before it starts")
    return Span(start, end)


def _check_cover(spans: list[Span], whole: Span, where: str) -> None:
    """`spans` follow each other from the regime's first day to its last, without gap or overlap."""
    ordered = sorted(spans, key=lambda s: s.valid_from)
    expected: date | None = whole.valid_from
    for span in ordered:
        if expected is None or span.valid_from != expected:
            raise _fail(where, "the periods must follow each other over the regime's period")
        expected = span.valid_to + timedelta(days=1) if span.valid_to else None
    last = ordered[-1].valid_to if ordered else whole.valid_from
    if last != whole.valid_to:
        raise _fail(where, "the periods must follow each other over the regime's period")


def _step(data: Any, where: str, whole: Span) -> Step:
    item = _object(data, where)
    code = _text(item, "code", where)
    where = f"{where} ({code})"
    documents = tuple(
        _fact(d, f"{where}, document {n}") for n, d in enumerate(_list(item, "documents", where), 1)
    )
    actors = []
    for number, raw in enumerate(_list(item, "actors", where), 1):
        at = f"{where}, actor {number}"
        actors.append(Actor(_span(_object(raw, at), at), _fact(raw, at)))
    _check_cover([a.span for a in actors], whole, f"{where}, actors")
    return Step(code, _text(item, "title_vi", where), documents, tuple(actors))


def _deadline(data: Any, where: str) -> Deadline:
    item = _object(data, where)
    level = _text(item, "level", where)
    if level not in LEVELS:
        raise _fail(where, f"'level' must be one of {', '.join(LEVELS)}")
    try:
        month, day = parse_due_day("/".join(reversed(_text(item, "due", where).split("-"))))
    except InputError:
        raise _fail(where, "'due' must be a day of the year written MM-DD") from None
    status = _status(item, where)
    return Deadline(
        code=_text(item, "code", where),
        level=level,
        span=_span(item, where),
        report=_text(item, "report_vi", where),
        reporter=_text(item, "reporter", where),
        recipient=_text(item, "recipient", where),
        month=month,
        day=day,
        status=status,
        source=_text(item, "source", where),
        reason=_text(item, "reason", where, required=status == "not_verified"),
    )


def _cycle(data: Any) -> Cycle:
    item = _object(data, "cycle")
    kind = item.get("kind")
    month = item.get("month")
    if kind not in (YEARLY, PLAN_YEARS) or not isinstance(month, int) or not 1 <= month <= 12:
        raise _fail("cycle", f"'kind' must be {YEARLY} or {PLAN_YEARS}, 'month' a month")
    fact = _fact({"value": kind, **item}, "cycle")
    if kind == YEARLY:
        return Cycle(YEARLY, month, fact.status, fact.source, fact.reason)
    first, length, years = (item.get(k) for k in ("plan_first_year", "plan_length", "plan_years"))
    if not (isinstance(first, int) and isinstance(length, int) and length > 0):
        raise _fail("cycle", "'plan_first_year' and 'plan_length' must be whole numbers")
    if not isinstance(years, list) or not years or not all(1 <= y <= length for y in years):
        raise _fail("cycle", "'plan_years' must list years of the plan (1 to its length)")
    return Cycle(
        PLAN_YEARS, month, fact.status, fact.source, fact.reason, first, length, tuple(years)
    )


def _authority(data: Any, where: str) -> AuthorityPeriod:
    item = _object(data, where)
    status = _status(item, where)
    skip = {"valid_from", "valid_to", "status", "source", "reason", "scope", "recipients"}
    fields = [("scope", _text(item, "scope", where))]
    fields += [(k, nfc(str(v))) for k, v in item.items() if k not in skip]
    recipients = tuple(nfc(str(r)) for r in _list(item, "recipients", where))
    return AuthorityPeriod(
        _span(item, where),
        status,
        _text(item, "source", where),
        _text(item, "reason", where, required=False),
        tuple(fields),
        recipients,
    )


def _check_levels(deadlines: tuple[Deadline, ...]) -> None:
    for level in LEVELS:
        spans = sorted((d.span for d in deadlines if d.level == level), key=lambda s: s.valid_from)
        for earlier, later in itertools.pairwise(spans):
            if earlier.valid_to is None or later.valid_from <= earlier.valid_to:
                raise _fail(f"deadlines ({level})", "two periods overlap")


def parse_regime(document: Any) -> Regime:
    top = _object(document, "top")
    if top.get("format") != FORMAT or top.get("format_version") != FORMAT_VERSION:
        raise _fail("top", f"not a procedure file ({FORMAT} version {FORMAT_VERSION})")
    whole = _span(top, "top")
    steps = tuple(_step(s, f"step {n}", whole) for n, s in enumerate(_list(top, "steps", "top"), 1))
    if tuple(s.code for s in steps) != STEPS:
        raise _fail("steps", f"the steps must be {', '.join(STEPS)}, in that order")
    deadlines = tuple(
        _deadline(d, f"deadline {n}") for n, d in enumerate(_list(top, "deadlines", "top"), 1)
    )
    _check_levels(deadlines)
    authorities = tuple(
        _authority(a, f"authority {n}") for n, a in enumerate(_list(top, "authorities", "top"), 1)
    )
    _check_cover([a.span for a in authorities], whole, "authorities")
    return Regime(
        code=_text(top, "code", "top"),
        version=_text(top, "version", "top"),
        title=_text(top, "title_vi", "top"),
        notes=_text(top, "notes", "top", required=False),
        span=whole,
        bases=tuple(_fact(b, f"basis {n}") for n, b in enumerate(_list(top, "bases", "top"), 1)),
        cycle=_cycle(top.get("cycle")),
        steps=steps,
        deadlines=deadlines,
        authorities=authorities,
    )
