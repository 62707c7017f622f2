"""Checking an incoming assessment document before anything is planned or written (services/merge.py):
signed or not, a document is never trusted."""

from __future__ import annotations

from collections.abc import Callable

from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus, MemberRole
from assessor_app.domain.catalogue import Catalogue, Sector, UnitCategory
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import SOURCE, check_text
from assessor_app.domain.values import parse_json
from assessor_app.domain.versions import value_vid
from assessor_app.services.bundle_payload import AssessmentDoc, VersionDoc
from assessor_app.services.merge_model import corrupt

# "": members of bundles from early versions, which did not check roles
_ROLES = ("", *(r.value for r in MemberRole))


def check_document(
    doc: AssessmentDoc,
    name: str,
    catalogue: Catalogue,
    evidence_available: Callable[[str], bool],
) -> None:
    """Refuse (`BUNDLE_CORRUPT`) a document whose parts do not fit together: unknown kind, status,
    category, agency or role, a value the catalogue's rule refuses, a version id that is not the
    hash of its content, a head or parent that is not in the history, an evidence file found
    nowhere, a uid empty or listed twice."""
    _check_states(doc, name)
    _check_versions(doc, name, catalogue)
    _check_notes(doc, name, catalogue, evidence_available)
    _check_uids(doc, name)


def _check_states(doc: AssessmentDoc, name: str) -> None:
    for label, value, allowed in (
        ("kind", doc.kind, [k.value for k in AssessmentKind]),
        ("status", doc.status, [s.value for s in AssessmentStatus]),
        ("category", doc.category, [c.value for c in UnitCategory]),
    ):
        if value not in allowed:
            raise corrupt(f"{name}.{label}", f"unknown value '{value}'")
    agencies = {s.value for s in Sector}
    for member in doc.members:
        if member.role not in _ROLES:
            raise corrupt(f"{name}.members", f"unknown role '{member.role}'")
        if member.agency not in agencies:
            raise corrupt(f"{name}.members", f"unknown agency '{member.agency}'")


def _check_versions(doc: AssessmentDoc, name: str, catalogue: Catalogue) -> None:
    known = {v.vid: v for v in doc.versions}
    if len(known) != len(doc.versions):
        raise corrupt(f"{name}.versions", "a version is listed twice")
    for version in doc.versions:
        _check_version(doc.uid, version, f"{name}.versions[{version.indicator}]", catalogue, known)
    for code, vid in doc.heads.items():
        if vid and known[vid].indicator != code:
            raise corrupt(f"{name}.heads.{code}", "names a version of another indicator")


def _check_version(
    uid: str, version: VersionDoc, where: str, catalogue: Catalogue, known: dict[str, VersionDoc]
) -> None:
    indicator = catalogue.indicator(version.indicator)
    if indicator is None:
        raise corrupt(where, f"catalogue {catalogue.code} has no such indicator")
    if version.value is not None:
        try:
            parse_json(indicator, version.value)
        except InputError as error:
            raise corrupt(where, error.english()) from None
    expected = value_vid(
        uid, version.indicator, version.value, version.author, version.at, version.parent
    )
    if expected != version.vid:
        raise corrupt(where, "the version id does not match its content")
    if version.parent and (
        version.parent not in known or known[version.parent].indicator != version.indicator
    ):
        raise corrupt(where, "its parent version is missing")


def _check_notes(
    doc: AssessmentDoc,
    name: str,
    catalogue: Catalogue,
    evidence_available: Callable[[str], bool],
) -> None:
    for comment in doc.comments:
        if catalogue.indicator(comment.indicator) is None:
            raise corrupt(f"{name}.comments", f"unknown indicator {comment.indicator}")
    _check_sources(doc, name, catalogue)
    for item in doc.evidence:
        if catalogue.indicator(item.indicator) is None:
            raise corrupt(f"{name}.evidence", f"unknown indicator {item.indicator}")
        if item.size < 0 or not evidence_available(item.sha256):
            raise corrupt(f"{name}.evidence", f"the file {item.sha256} is missing")


def _check_sources(doc: AssessmentDoc, name: str, catalogue: Catalogue) -> None:
    """Each data source names a known indicator once, within the limits of text typed here."""
    seen: set[str] = set()
    for source in doc.sources:
        where = f"{name}.sources[{source.indicator}]"
        if catalogue.indicator(source.indicator) is None or source.indicator in seen:
            raise corrupt(where, "an unknown indicator, or one listed twice")
        seen.add(source.indicator)
        try:
            check_text(source.text, SOURCE)
        except InputError as error:
            raise corrupt(where, error.english()) from None
        if not source.text.strip():
            raise corrupt(where, "an empty data source")


def _check_uids(doc: AssessmentDoc, name: str) -> None:
    for uids, what in (
        ([m.uid for m in doc.members], "members"),
        ([c.uid for c in doc.comments], "comments"),
        ([e.uid for e in doc.evidence], "evidence"),
    ):
        if len(set(uids)) != len(uids) or not all(uids):
            raise corrupt(f"{name}.{what}", "a uid is empty or listed twice")
