"""The application log's events (`logs.event`) said in the user's language for the log viewer.

The file keeps codes ("import quarantined bundle=… communes=06400 years=2026 reasons=…") so that a
support call reads the same in any language; the viewer says them as sentences, and the level as a
word. A line it does not know is shown as written.
"""

from __future__ import annotations

from collections.abc import Callable

from assessor_app import i18n, logs
from assessor_app.i18n import _
from assessor_app.texts import labels


def level_label(level: str) -> str:
    """A log level as a word ("WARNING" → "Cảnh báo")."""
    return {
        "DEBUG": _("Debug"),
        "INFO": _("Information"),
        "WARNING": _("Warning"),
        "ERROR": _("Error"),
        "CRITICAL": _("Critical error"),
    }.get(level, level)


def _which(fields: dict[str, str]) -> str:
    """The communes and years an event concerns, and the bundle (its first 8 characters)."""
    parts = []
    if fields.get("bundle"):
        parts.append(_("bundle {bundle}").format(bundle=fields["bundle"][:8]))
    if fields.get("communes"):
        parts.append(_("commune {codes}").format(codes=fields["communes"].replace(",", ", ")))
    if fields.get("years"):
        parts.append(_("year {years}").format(years=fields["years"].replace(",", ", ")))
    if fields.get("held"):
        parts.append(_("held bundle no. {number}").format(number=fields["held"]))
    return ", ".join(parts)


def _reason(code: str) -> str:
    """A reason code in words: the short form of a hold, else the receipt's sentence."""
    language = i18n.language()
    held = labels.hold_reason(code, language)
    if held != code:
        return held
    return (labels.receipt_reason(code, language) or code).rstrip(".")


def _reasons(fields: dict[str, str]) -> str:
    return "; ".join(_reason(code) for code in fields.get("reasons", "").split(",") if code)


def _import(outcome: str, fields: dict[str, str]) -> str:
    said = {
        "accepted": _("Bundle imported and accepted"),
        "quarantined": _("Bundle held in quarantine"),
        "rejected": _("Bundle refused"),
        "already": _("Bundle received before: nothing changed"),
        "failed": _("Import did not finish: nothing was changed"),
    }.get(outcome, _("Import: {outcome}").format(outcome=outcome))
    if fields.get("error"):
        said += " " + _("(error {code})").format(code=fields["error"])
    return said


def _quarantine(outcome: str, _fields: dict[str, str]) -> str:
    if outcome == "rejected":
        return _("Held bundle rejected by a person")
    return _("Quarantine: {outcome}").format(outcome=outcome)


def _export(outcome: str, fields: dict[str, str]) -> str:
    count = int(fields["assessments"]) if fields.get("assessments", "").isdigit() else 0
    said = i18n.ngettext(
        "Bundle exported with {count} assessment", "Bundle exported with {count} assessments", count
    ).format(count=count)
    if fields.get("sequence"):
        said += ", " + _("number {sequence}").format(sequence=fields["sequence"])
    return said


def _report(outcome: str, fields: dict[str, str]) -> str:
    kind = fields.get("document", "")
    fmt = fields.get("format", "").lstrip(".").upper()
    if kind == "dossier":
        return _("Dossier of assessment {id} saved as {format}").format(
            id=fields.get("assessment", "?"), format=fmt
        )
    if kind != "summary":
        return _("Document saved as {format}").format(format=fmt)
    return _("Summary report of {unit} for {year} saved as {format}").format(
        unit=fields.get("unit", "?"), year=fields.get("year", "?"), format=fmt
    )


def _print(outcome: str, fields: dict[str, str]) -> str:
    route = {
        "file": _("to a file"),
        "spooler": _("through the system's print queue"),
        "render": _("on the printer"),
    }.get(fields.get("route", ""), "")
    return _("Document printed {route}").format(route=route).strip()


_SAYERS: dict[str, Callable[[str, dict[str, str]], str]] = {
    "import": _import,
    "quarantine": _quarantine,
    "export": _export,
    "report": _report,
    "print": _print,
}


def sentence(message: str) -> str | None:
    """The event `message` as a sentence; None when it is not an event this viewer knows."""
    parsed = logs.parse_event(message)
    if parsed is None or parsed[0] not in _SAYERS:
        return None
    what, outcome, fields = parsed
    said = _SAYERS[what](outcome, fields)
    which = _which(fields)
    if which:
        said += " (" + which + ")"
    reasons = _reasons(fields)
    if reasons:
        said += ". " + _("Reason: {reasons}").format(reasons=reasons)
    return said + "."
