"""Words and numbers as the editor shows them: statuses, kinds, rates, points, reasons, sources."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from assessor_app import i18n
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import RuleKind, Sector, Sourced, Status, UnitCategory
from assessor_app.domain.scoring import Reason
from assessor_app.domain.text import nfc
from assessor_app.i18n import _


def provenance_text(status: Status) -> str:
    return {
        Status.EXACT: _("exact (legal text)"),
        Status.SECONDARY: _("secondary source"),
        Status.PROVISIONAL: _("provisional"),
    }[status]


def kind_text(kind: AssessmentKind) -> str:
    return {
        AssessmentKind.SELF: _("Self-assessment by the commune"),
        AssessmentKind.TEAM: _("Inter-sector team inspection"),
        AssessmentKind.REVIEW: _("Review"),
    }[kind]


def status_text(status: AssessmentStatus) -> str:
    return {
        AssessmentStatus.DRAFT: _("Draft"),
        AssessmentStatus.FINALIZED: _("Finalised"),
    }[status]


def category_text(category: UnitCategory) -> str:
    return {
        UnitCategory.WARD_CENTRAL_CITY: _("Ward of a centrally-run city"),
        UnitCategory.MOUNTAIN_ISLAND_DIFFICULT: _(
            "Mountain, island or especially difficult commune"
        ),
        UnitCategory.OTHER: _("Other commune, ward or town"),
    }[category]


def sector_text(sector: Sector) -> str:
    return {
        Sector.COMMUNE_COMMITTEE: _("Commune people's committee"),
        Sector.LABOUR_SOCIAL_AFFAIRS: _("Labour, invalids and social affairs"),
        Sector.JUSTICE: _("Justice and civil status"),
        Sector.POLICE: _("Police"),
        Sector.HEALTH: _("Health"),
        Sector.EDUCATION: _("Education"),
        Sector.CULTURE: _("Culture and information"),
        Sector.YOUTH_UNION: _("Youth Union"),
        Sector.WOMEN_UNION: _("Women's Union"),
    }[sector]


def rule_kind_text(kind: RuleKind) -> str:
    return {
        RuleKind.RATE: _("Rate from two figures"),
        RuleKind.YES_NO: _("Yes or no"),
        RuleKind.COUNT: _("Number of cases"),
        RuleKind.MANUAL: _("Points judged by the team"),
    }[kind]


def decimal(value: Fraction | int, places: int = 1) -> str:
    """A number with a decimal comma in Vietnamese (98,5) and a point in English (98.5); whole
    numbers without decimals."""
    number = Fraction(value)
    if number.denominator == 1:
        return str(number.numerator)
    text = f"{float(number):.{places}f}"
    return text.replace(".", ",") if i18n.language() == "vi" else text


def unit_of(scale: int) -> str:
    return "‰" if scale == 1000 else "%"


def rate_text(rate: Fraction, scale: int) -> str:
    return f"{decimal(rate)} {unit_of(scale)}"


def points_text(points: int, max_points: int) -> str:
    return _("{points} / {max_points} points").format(points=points, max_points=max_points)


def reason_text(reason: Reason) -> str:
    """A failed recognition condition in the user's language (the category named in words)."""
    params = dict(reason.params)
    if params.get("category") in set(UnitCategory):
        params["category"] = category_text(UnitCategory(params["category"]))
    text = i18n.render(replace(reason, params=params))
    if reason.provisional:
        text += " " + _("(provisional condition — not the official value)")
    return nfc(text)


def provenance_tooltip(provenance: Sourced, effective: Status | None = None) -> str:
    """Status, source and note of a catalogue part, for a tooltip or a details line."""
    lines = [_("Status: {status}").format(status=provenance_text(effective or provenance.status))]
    if effective is not None and effective is not provenance.status:
        lines.append(
            _("(own wording: {status}; some bands are less certain)").format(
                status=provenance_text(provenance.status)
            )
        )
    if provenance.source:
        lines.append(_("Source: {source}").format(source=provenance.source))
    if provenance.note:
        lines.append(_("Note: {note}").format(note=provenance.note))
    return nfc("\n".join(lines))
