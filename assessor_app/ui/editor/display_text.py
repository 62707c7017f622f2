"""The tooltip the editor shows for a catalogue part: its status in words, how it is scored and
where it comes from (words and numbers come from the text layer, `assessor_app.texts`).

The catalogue's `note` fields are the catalogue author's working notes, in English and in the
catalogue's own vocabulary ("'otherwise_points' 0 … an assumption"): they stay in the catalogue
file and docs/catalogue-format.md, and are not shown to officials. What they warn about is said
by the status ("provisional: …") and the rule table says the scoring in words."""

from __future__ import annotations

from assessor_app import i18n
from assessor_app.domain.catalogue import Indicator, RateRule, Sourced, Status
from assessor_app.domain.text import nfc
from assessor_app.i18n import _
from assessor_app.texts import labels, numbers


def _sources(source: str) -> list[str]:
    """A source field may list several places, separated by " ; "."""
    return [part.strip() for part in source.split(" ; ") if part.strip()]


def provenance_tooltip(provenance: Sourced, effective: Status | None = None) -> str:
    """Status (and what it means), and source of a catalogue part, for a tooltip or a details
    line."""
    language = i18n.language()
    shown = effective or provenance.status
    status = labels.catalogue_status(shown, language)
    lines = [_("Status: {status}").format(status=status)]
    if effective is not None and effective is not provenance.status:
        lines.append(
            _("(own wording: {status}; some bands are less certain)").format(
                status=labels.catalogue_status(provenance.status, language)
            )
        )
    lines.append(labels.catalogue_status_meaning(shown, language))
    lines += [_("Source: {source}").format(source=part) for part in _sources(provenance.source)]
    return nfc("\n".join(lines))


def rule_summary(indicator: Indicator) -> str:
    """How an indicator is scored, in one line: "Tỷ lệ từ hai số liệu, càng cao càng tốt; tối đa
    10 điểm"."""
    language = i18n.language()
    rule = indicator.rule
    how = labels.rule_kind(rule.kind, language)
    if isinstance(rule, RateRule):
        how += "; " + labels.direction(rule.direction, language).lower()
    maximum = _("at most {points}").format(points=numbers.points(indicator.max_points, language))
    return nfc(_("Scoring: {how}; {maximum}").format(how=how, maximum=maximum))


def indicator_tooltip(indicator: Indicator) -> str:
    """An indicator's tooltip: how it is scored, then its status and source."""
    return nfc(
        rule_summary(indicator)
        + "\n"
        + provenance_tooltip(indicator.provenance, indicator.effective_status)
    )
