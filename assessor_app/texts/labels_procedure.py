"""Labels of the procedure (issue 14): its steps, its reports, and how far each value is known
(a fact's status, or "set by the province"). The values themselves (who acts, the documents) are
Vietnamese data of `resources/procedure/`."""

from __future__ import annotations

from assessor_app.i18n import pgettext
from assessor_app.texts.lookup import label_or_code as _pick


def step(code: str, language: str) -> str:
    return _pick(
        {
            "self_assessment": pgettext(
                "procedure step", "Self-assessment by the commune", language
            ),
            "dossier": pgettext("procedure step", "The commune's dossier", language),
            "appraisal": pgettext("procedure step", "Appraisal", language),
            "decision": pgettext("procedure step", "Recognition decision", language),
        },
        code,
    )


def report(code: str, language: str) -> str:
    return _pick(
        {
            "district_report": pgettext(
                "procedure report", "The district's yearly report", language
            ),
            "province_report": pgettext(
                "procedure report", "The province's yearly report", language
            ),
        },
        code,
    )


def item(code: str, language: str) -> str:
    """A step's or a report's label (what an override names)."""
    said = step(code, language)
    return said if said != code else report(code, language)


def fact_status(status: str, language: str) -> str:
    return _pick(
        {
            "exact": pgettext("procedure status", "exact (legal text)", language),
            "secondary": pgettext("procedure status", "secondary source", language),
            "not_verified": pgettext("procedure status", "not verified", language),
            "province": pgettext("procedure status", "set by the province", language),
        },
        status,
    )


def cycle(kind: str, language: str) -> str:
    return _pick(
        {
            "yearly": pgettext("procedure cycle", "every year, in November", language),
            "plan_years": pgettext(
                "procedure cycle",
                "in November of the 2nd and 4th year of each five-year plan",
                language,
            ),
        },
        kind,
    )
