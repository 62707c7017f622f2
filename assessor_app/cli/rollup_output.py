"""The roll-up of a year's results into the units of July 2025 (services/unit_rollup.py), as
`plan status --rollup` prints it: both views, the historical (each old commune as it was, with its
result) under the rolled-up (the unit it went into), the rule stated, unverified rows marked."""

from __future__ import annotations

from typing import Any

from assessor_app import i18n
from assessor_app.cli.formatting import line
from assessor_app.i18n import _
from assessor_app.services.unit_rollup import Part, PartResult, YearRollup
from assessor_app.texts import numbers
from assessor_app.texts.unit_merges import merge_review, rollup_rule


def _part_json(part: Part) -> dict[str, Any]:
    return {
        "code": part.code,
        "name": part.name,
        "result": part.result.value,
        "why": part.why or None,
        "verified": part.verified,
        "partial": part.partial,
    }


def rollup_json(rollup: YearRollup) -> dict[str, Any]:
    return {
        "rule": rollup.rule,
        "rule_text": rollup_rule(i18n.language()),
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "parts": [_part_json(p) for p in unit.parts],
                "old_communes": len(unit.parts),
                "counted": unit.counted,
                "recognised": unit.recognised,
                "share": None if unit.share is None else float(numbers.rounded(unit.share, 4)),
                "verified": unit.verified,
            }
            for unit in rollup.units
        ],
        "unresolved": [_part_json(p) for p in rollup.unresolved],
    }


def _result(part: Part) -> str:
    # An old commune's result that year, said as the roll-up says it ("đạt chuẩn"), not as a
    # decision does ("được công nhận"): hence a context of its own.
    if part.result is PartResult.RECOGNISED:
        return i18n.pgettext("rollup result", "recognised", i18n.language())
    if part.result is PartResult.NOT_RECOGNISED:
        return i18n.pgettext("rollup result", "not recognised", i18n.language())
    return part.why


def _part_text(part: Part) -> str:
    said = f"    {part.code} {part.name}: {_result(part)}"
    if part.partial:
        said += " " + _("(part of the commune)")
    if not part.verified:
        said += f" [{merge_review('unverified', i18n.language())}]"
    return said


def rollup_text(rollup: YearRollup) -> None:
    language = i18n.language()
    line(_("Rolled up into the units of 1 July 2025:"))
    line("  " + rollup_rule(language))
    for unit in rollup.units:
        line(
            "  "
            + _("{code} {name}: {recognised} of {parts} old communes recognised ({share})").format(
                code=unit.code,
                name=unit.name,
                recognised=numbers.number(unit.recognised, language),
                parts=numbers.number(len(unit.parts), language),
                share=numbers.share(unit.recognised, len(unit.parts), language),
            )
        )
        for part in unit.parts:
            line(_part_text(part))
    if rollup.unresolved:
        line(
            _("Old communes the merge table cannot place ({count}):").format(
                count=len(rollup.unresolved)
            )
        )
        for part in rollup.unresolved:
            line(_part_text(part))
