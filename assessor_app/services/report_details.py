"""The paperwork of a summary report, kept per scope and evaluation year so the next print keeps it:
its number and date, the signer, the addressee and recipients, the number and date of the plan it
answers to, and the five sections in words (đánh giá chung, tồn tại – hạn chế, nguyên nhân, phương
hướng, kiến nghị).

An empty value means "the default": the symbol without a number ("/BC-UBND", the number is written
in when the report is registered), the day the report is made, the signer and recipients of the
scope, the section drafted from the data (reports/summary_narrative.py). `set_details` validates
(the CLI and the dialog run the same checks), normalises (NFC, white space) and stores the whole
document in `report_details`, audited on the store's chain (`set_report_details`, old → new).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.evaluation import period
from assessor_app.domain.text import DOSSIER_LINE, DOSSIER_NAME, DOSSIER_TEXT, check_text, clean
from assessor_app.reports.summary_model import NARRATIVE_FIELDS, Narrative
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.repository import STORE_CHAIN, Repository

AUDIT_ACTION = "set_report_details"

__all__ = [
    "AUDIT_ACTION",
    "NARRATIVE_FIELDS",
    "Narrative",
    "ReportDetails",
    "drafts",
    "get_details",
    "parse_day",
    "set_details",
]


@dataclass(frozen=True)
class ReportDetails:
    """What the office sets on a summary report; empty values take the defaults.

    Fields:
        number: số và ký hiệu without "Số:" ("12/BC-UBND"); "" for the symbol alone.
        day: the report's date; None for the day it is due under the plan (today while that day
            is still ahead): `summary_shaping.summary_moment`.
        signer_position, signer_name, signer_authority: "Phó Giám đốc", "Đinh Văn Hưng",
            "KT. Giám đốc"; empty ones take the scope's defaults.
        addressee: kính gửi; "" for the default.
        recipients: nơi nhận, one item each; () for the defaults.
        plan_number, plan_date: the number and date of the plan the report answers to.
        plan_title: what that plan is about, after "Kế hoạch" ("" for the province's plan of the
            period: the seed plan implementing QĐ 34/2014 for years up to 2020).
        general, shortcomings, causes, directions, proposals: the sections in words; "" to
            draft them from the data.
        stored, updated_at, updated_by: whether anything is stored, and when and by whom.
    """

    number: str = ""
    day: date | None = None
    signer_position: str = ""
    signer_name: str = ""
    signer_authority: str = ""
    addressee: str = ""
    recipients: tuple[str, ...] = ()
    plan_number: str = ""
    plan_date: date | None = None
    plan_title: str = ""
    general: str = ""
    shortcomings: str = ""
    causes: str = ""
    directions: str = ""
    proposals: str = ""
    stored: bool = False
    updated_at: str = ""
    updated_by: str = ""

    @property
    def narrative(self) -> Narrative:
        return Narrative(**{name: getattr(self, name) for name in NARRATIVE_FIELDS})


_NAMES = ("signer_name",)
_LINES = (
    "number",
    "signer_position",
    "signer_authority",
    "addressee",
    "plan_number",
    "plan_title",
)
_DATES = ("day", "plan_date")
_BOOKKEEPING = ("stored", "updated_at", "updated_by")


def to_json(details: ReportDetails) -> dict[str, Any]:
    document = asdict(details)
    for name in _BOOKKEEPING:
        document.pop(name)
    for name in _DATES:
        value = getattr(details, name)
        document[name] = value.isoformat() if value else None
    document["recipients"] = list(details.recipients)
    return document


def from_json(
    document: dict[str, Any], updated_at: str = "", updated_by: str = ""
) -> ReportDetails:
    known = {f.name for f in fields(ReportDetails)} - set(_BOOKKEEPING)
    values: dict[str, Any] = {k: v for k, v in document.items() if k in known}
    for name in _DATES:
        raw = values.get(name)
        values[name] = date.fromisoformat(raw) if raw else None
    values["recipients"] = tuple(values.get("recipients") or ())
    return ReportDetails(**values, stored=True, updated_at=updated_at, updated_by=updated_by)


def _paragraphs(value: str, field: str) -> str:
    """A section: each line within the limit, cleaned; empty lines dropped."""
    lines = []
    for line in value.splitlines():
        check_text(line, DOSSIER_TEXT, field=field)
        if clean(line):
            lines.append(clean(line))
    return "\n".join(lines)


def _item(value: str) -> str:
    """A recipient without a leading dash or final punctuation."""
    check_text(value, DOSSIER_LINE, field="recipients")
    return clean(value).lstrip("-–• ").rstrip(";.,").strip()


def _check_number(number: str) -> None:
    if number and "/" not in number:
        raise InputError(
            "REPORT_BAD_NUMBER",
            N_(
                "'{number}' is not a document number: write the number and symbol, as 12/BC-UBND, or the symbol alone, as /BC-UBND."
            ),
            number=number,
        )


def normalise(details: ReportDetails, year: int) -> ReportDetails:
    """Every text within its limit, NFC with white space folded, the number written with its
    symbol, the report not dated before its evaluation year began; raises InputError."""
    changes: dict[str, Any] = {}
    for name in _NAMES:
        changes[name] = clean(check_text(getattr(details, name), DOSSIER_NAME, field=name))
    for name in _LINES:
        changes[name] = clean(check_text(getattr(details, name), DOSSIER_LINE, field=name))
    for name in NARRATIVE_FIELDS:
        changes[name] = _paragraphs(getattr(details, name), name)
    changes["recipients"] = tuple(i for i in (_item(r) for r in details.recipients) if i)
    _check_number(changes["number"])
    start, _end = period(year)
    if details.day is not None and details.day < start:
        raise InputError(
            "REPORT_DATE_BEFORE_YEAR",
            N_(
                "The report of {year} cannot be dated {day}, before its evaluation year began ({start})."
            ),
            year=year,
            day=details.day.isoformat(),
            start=start.isoformat(),
        )
    return replace(details, **changes)


def details_in(repo: Repository, scope_code: str, year: int) -> ReportDetails:
    stored = repo.report_document(scope_code, year)
    if stored is None:
        return ReportDetails()
    return from_json(stored.document, stored.updated_at, stored.updated_by)


def _scope_code(repo: Repository, unit_code: str, year: int) -> str:
    from assessor_app.services.report_data import resolve_scope  # the summary's own check

    return resolve_scope(repo, unit_code, year).code


def get_details(workspace: Workspace, unit_code: str, year: int) -> ReportDetails:
    """What is stored for the summary of `unit_code` (the province's or a district's code) and
    `year`; all defaults (`stored` False) when nothing is."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        return details_in(repo, _scope_code(repo, unit_code, year), year)


def set_details(
    workspace: Workspace, unit_code: str, year: int, details: ReportDetails
) -> ReportDetails:
    """Validate and store the details; audited on the store's chain with the old and new
    documents. Storing the same details again changes nothing."""

    def _work(session: WriteSession) -> ReportDetails:
        repo = Repository(session)
        scope = _scope_code(repo, unit_code, year)
        new = to_json(normalise(details, year))
        stored = repo.report_document(scope, year)
        old = stored.document if stored is not None else None
        if old != new:
            now = workspace.clock()
            repo.set_report_document(scope, year, new, now, workspace.actor)
            repo.append_audit(
                STORE_CHAIN,
                now,
                workspace.actor,
                AUDIT_ACTION,
                f"report:{scope}:{year}",
                old,
                new,
            )
        return details_in(repo, scope, year)

    return workspace.database.run_in_transaction(_work)


def parse_day(text: str) -> date | None:
    """A date typed as YYYY-MM-DD (the CLI's and the dialog's); None for an empty text."""
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            "BAD_DATE", N_("'{text}' is not a date written YYYY-MM-DD."), text=text
        ) from None


def drafts(workspace: Workspace, unit_code: str, year: int) -> Narrative:
    """What the data says for each section, as the report would draft it (for the dialog to show
    and edit)."""
    from assessor_app.reports.summary_narrative import drafted  # documents' prose: when asked
    from assessor_app.services.report_data import summary_data

    return drafted(summary_data(workspace, unit_code, year))
