"""Human-readable text output (the `--json` forms live in services.serialize)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from assessor_app import i18n
from assessor_app.domain.catalogue import Catalogue, Status
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.values import Value
from assessor_app.i18n import _, ngettext
from assessor_app.texts import labels, messages, numbers, provisional
from assessor_app.texts.values import figures


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def line(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def problem(text: str) -> None:
    """A refusal or a problem, on stderr: a script reading stdout (or its --json) gets only the
    output, a person at the terminal sees both."""
    sys.stderr.write(text + "\n")


def status_label(status: Status) -> str:
    """A catalogue part's status; a provisional one in capitals, so it stands out in plain text."""
    text = labels.catalogue_status(status, i18n.language())
    return text.upper() if status is Status.PROVISIONAL else text


def provisional_warning(catalogue: Catalogue, full: bool = False) -> None:
    """The catalogue's provisional parts in words; `full`: with whole criterion titles."""
    parts = provisional.part_names(catalogue, i18n.language(), full)
    if parts:
        line(
            _(
                "Warning: this catalogue has provisional parts (not the official values): {parts}"
            ).format(parts=provisional.joined(parts))
        )


def score_text(
    result: ScoreResult, catalogue: Catalogue, values: Mapping[str, Value] | None = None
) -> None:
    """Each criterion's points; with `values`, under it each indicator entered, its figures (as
    the dossier prints them, in the interface's language) and its points."""
    language = i18n.language()
    values = values or {}
    indicators = {s.code: s for s in result.indicators}
    for crit_score in result.criteria:
        crit = catalogue.criterion(crit_score.code)
        title = crit.title_vi if crit else ""
        marker = " *" if crit_score.status is Status.PROVISIONAL else ""
        points = numbers.number(crit_score.points, language)
        maximum = numbers.number(crit_score.max_points, language)
        line(f"{crit_score.code:<6} {points:>5} / {maximum:<5}{marker} {title}")
        entered = [(i, values[i.code]) for i in crit.indicators if i.code in values] if crit else []
        for indicator, value in entered:
            score = indicators[indicator.code]
            line(
                f"    {indicator.code:<8} {figures(indicator, value, language)}"
                f"  ({numbers.points_of(score.points, score.max_points, language)})"
            )
    line(
        _("Total: {points}").format(
            points=numbers.points_of(result.total, result.max_total, language)
        )
    )
    line(_("Verdict: {verdict}").format(verdict=labels.verdict(result.recognized, language)))
    for reason in result.reasons:
        line(f"  - {messages.reason(reason, language)}")
    if result.provisional:
        line(_("* provisional: scored with values that are not yet the official ones."))


def signature_line(signed_seq: int, signed_by: str, unsigned: int) -> None:
    """How much of an audit log a signed head vouches for (docs/store.md)."""
    if signed_seq:
        line(
            _("Signed up to entry {seq} by key {fingerprint}.").format(
                seq=signed_seq, fingerprint=" ".join(signed_by[i : i + 4] for i in range(0, 16, 4))
            )
        )
    else:
        line(_("No entry of this log is signed yet (logs are signed at finalising and export)."))
    if unsigned:
        line(
            ngettext(
                "{count} entry after the last signed head is not signed: only this store vouches for it.",
                "{count} entries after the last signed head are not signed: only this store vouches for them.",
                unsigned,
            ).format(count=unsigned)
        )
