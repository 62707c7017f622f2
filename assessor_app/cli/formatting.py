"""Human-readable text output (the `--json` forms live in services.serialize)."""

from __future__ import annotations

import json
import sys
from typing import Any

from assessor_app.domain.catalogue import Catalogue, Status
from assessor_app.domain.scoring import ScoreResult
from assessor_app.i18n import _, ngettext, render


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def line(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def problem(text: str) -> None:
    """A refusal or a problem, on stderr: a script reading stdout (or its --json) gets only the
    output, a person at the terminal sees both."""
    sys.stderr.write(text + "\n")


def status_label(status: Status) -> str:
    return {
        Status.EXACT: _("exact"),
        Status.SECONDARY: _("secondary source"),
        Status.PROVISIONAL: _("PROVISIONAL"),
    }[status]


def provisional_warning(catalogue: Catalogue) -> None:
    parts = catalogue.provisional_parts()
    if parts:
        line(
            _(
                "Warning: this catalogue has provisional parts (not the official values): {parts}"
            ).format(parts=", ".join(parts))
        )


def score_text(result: ScoreResult, catalogue: Catalogue) -> None:
    for crit_score in result.criteria:
        crit = catalogue.criterion(crit_score.code)
        title = crit.title_vi if crit else ""
        marker = " *" if crit_score.status is Status.PROVISIONAL else ""
        line(
            f"{crit_score.code:<6} {crit_score.points:>4} / {crit_score.max_points:<4}{marker} {title}"
        )
    line(_("Total: {total} / {max_total}").format(total=result.total, max_total=result.max_total))
    verdict = _("RECOGNISED") if result.recognized else _("NOT RECOGNISED")
    line(_("Verdict: {verdict}").format(verdict=verdict))
    for reason in result.reasons:
        suffix = _(" (provisional rule)") if reason.provisional else ""
        line(f"  - {render(reason)}{suffix}")
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
