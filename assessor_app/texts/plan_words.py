"""The plan's words in a language: the sources of funds and whether a planned commune made it
(the CLI, the plan editor and the audit trail; documents use reports/yearly_model.py's)."""

from __future__ import annotations

from assessor_app.i18n import gettext_in, pgettext


def fund(code: str, language: str) -> str:
    """ "central" → "central budget" ("Ngân sách trung ương")."""
    words = {
        "central": pgettext("budget fund", "central budget", language),
        "local": pgettext("budget fund", "local budget", language),
        "other": pgettext("budget fund", "other lawful sources", language),
    }
    return words.get(code, code)


def outcome(code: str, language: str) -> str:
    """Whether a planned commune made it in its year."""
    words = {
        "recognised": pgettext("planned outcome", "recognised", language),
        "not_recognised": pgettext("planned outcome", "not recognised", language),
        "no_result": pgettext("planned outcome", "no result", language),
    }
    return words.get(code, code)


def plan_target(key: str, language: str) -> str:
    """An audit target "UNIT:YEAR": the communes planned by a unit for a year."""
    unit, _sep, year = key.rpartition(":")
    return gettext_in("communes planned by {unit} for {year}", language).format(
        unit=unit, year=year
    )


def budget_target(key: str, language: str) -> str:
    """An audit target "UNIT:YEAR:FUND" (YEAR "plan": the whole plan)."""
    unit, year, code = [*key.split(":"), "", "", ""][:3]
    when = gettext_in("the whole plan", language) if year == "plan" else year
    return gettext_in("budget of {unit}, {when}: {fund}", language).format(
        unit=unit, when=when, fund=fund(code, language)
    )
