"""The payload of a bundle: an assessment as a self-contained JSON document, in both directions.

`export_document` reads an assessment out of the store; `parse_document` validates a document read
from a bundle (never trusting it: every field is checked, every string NFC-normalised) into typed
records that the import merges. Format: docs/bundle-format.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from assessor_app.domain.audit import AuditEntry
from assessor_app.domain.errors import N_, InputError
from assessor_app.domain.text import nfc
from assessor_app.storage.records import AssessmentRecord, IndicatorSource
from assessor_app.storage.repository import Repository

DOCUMENT_FORMAT = "assessor-assessment"
DOCUMENT_VERSION = 1
INDEX_FORMAT = "assessor-bundle-payload"


@dataclass(frozen=True)
class VersionDoc:
    indicator: str
    vid: str
    parent: str
    value: Any
    author: str
    at: str


@dataclass(frozen=True)
class MemberDoc:
    uid: str
    name: str
    agency: str
    role: str
    added_at: str
    removed_at: str | None


@dataclass(frozen=True)
class CommentDoc:
    uid: str
    indicator: str
    text: str
    author: str
    at: str


@dataclass(frozen=True)
class EvidenceDoc:
    uid: str
    indicator: str
    sha256: str
    size: int
    filename: str
    caption: str
    added_by: str
    added_at: str
    removed_at: str | None


@dataclass(frozen=True)
class SourceDoc:
    """Where an indicator's figures come from, as entered (optional in version 1 documents)."""

    indicator: str
    text: str
    entered_by: str
    entered_at: str


@dataclass(frozen=True)
class AppraisalDoc:
    """The office's appraisal an assessment of kind review carries (optional: bundles before issue
    14 have none). Its state must be the one the office's audit chain records (services/
    appraisal_exchange.py), and only an office's key may send it."""

    appraises: str  # uid of the submitted assessment
    state: str
    round: int
    since: str


@dataclass(frozen=True)
class AssessmentDoc:
    uid: str
    commune_code: str
    commune_name: str
    unit_list: str
    year: int
    kind: str
    status: str
    category: str
    catalogue_hash: str
    revision: int
    created_at: str
    created_by: str
    finalized_at: str | None
    heads: dict[str, str] = field(default_factory=dict)  # indicator → vid ("" never set)
    versions: list[VersionDoc] = field(default_factory=list)
    members: list[MemberDoc] = field(default_factory=list)
    assignments: dict[str, str] = field(default_factory=dict)  # criterion → member uid
    comments: list[CommentDoc] = field(default_factory=list)
    follow_up: list[str] = field(default_factory=list)
    evidence: list[EvidenceDoc] = field(default_factory=list)
    audit: dict[str, list[AuditEntry]] = field(default_factory=dict)  # "uid@device" → chain
    # Signed heads of those logs (bundles/audit_heads.py), as signed; checked by the importer.
    # Optional in version 1 documents: older apps ignore them, older bundles have none.
    signed_heads: list[dict[str, Any]] = field(default_factory=list)
    # Data sources of the figures. Optional in version 1 documents: older bundles have none.
    sources: list[SourceDoc] = field(default_factory=list)
    # Sample data (services/demo.py). Written only when true; the bundle's index says it too.
    demo: bool = False
    # The office's appraisal, on an assessment of kind review. Written only when there is one.
    appraisal: AppraisalDoc | None = None


def sources_to_take(doc: AssessmentDoc, local: Mapping[str, IndicatorSource]) -> list[SourceDoc]:
    """The incoming sources that replace the local ones: where there is none here, or where the
    incoming one was entered later (the newer text wins, as a later edit would). Two texts entered
    in the same second are ordered by their text, so that every store keeps the same one."""
    return [
        s
        for s in doc.sources
        if s.indicator not in local
        or (s.entered_at, s.text) > (local[s.indicator].entered_at, local[s.indicator].text)
    ]


def export_document(
    repo: Repository, row: AssessmentRecord, device_id: str, demo: bool = False
) -> AssessmentDoc:
    """Everything about one assessment. The local audit chain travels as `uid@<this device>`;
    `demo`: it is sample data (the caller decides, from the row and the store)."""
    members = repo.members(row.id, include_removed=True)
    member_uid = {m.id: m.uid for m in members}
    chains: dict[str, list[AuditEntry]] = {}
    for chain in repo.audit_chains(row.uid):
        key = f"{row.uid}@{device_id}" if chain == row.uid else chain
        chains[key] = repo.audit_entries(chain)
    return AssessmentDoc(
        uid=row.uid,
        commune_code=row.commune_code,
        commune_name=row.commune_name,
        unit_list=row.unit_list_code,
        year=row.year,
        kind=row.kind.value,
        status=row.status.value,
        category=row.category.value,
        catalogue_hash=row.catalogue.content_hash,
        revision=row.revision,
        created_at=row.created_at,
        created_by=row.created_by,
        finalized_at=row.finalized_at,
        heads=repo.heads(row.id),
        versions=[
            VersionDoc(
                v.indicator_code, v.vid, v.parent_vid, json.loads(v.value_json), v.author, v.at
            )
            for v in repo.versions(row.id)
        ],
        members=[
            MemberDoc(m.uid, m.name, m.agency, m.role, m.added_at, m.removed_at) for m in members
        ],
        assignments={
            c: member_uid[m] for c, m in repo.assignments(row.id).items() if m in member_uid
        },
        comments=[
            CommentDoc(c.uid, c.indicator_code, c.text, c.author, c.at)
            for c in repo.comments(row.id)
        ],
        follow_up=sorted(code for code, flag in repo.flags(row.id).items() if flag),
        evidence=[
            EvidenceDoc(
                e.uid,
                e.indicator_code,
                e.sha256,
                e.blob.size,
                e.filename,
                e.caption,
                e.added_by,
                e.added_at,
                e.removed_at,
            )
            for e in repo.evidence(row.id, include_removed=True)
        ],
        audit=chains,
        signed_heads=[
            json.loads(head.document)
            for chain in repo.audit_chains(row.uid)
            for head in repo.signed_heads(chain)
        ],
        sources=[
            SourceDoc(s.indicator, s.text, s.entered_by, s.entered_at)
            for s in repo.sources(row.id).values()
        ],
        demo=demo,
        appraisal=_appraisal_of(repo, row),
    )


def _appraisal_of(repo: Repository, row: AssessmentRecord) -> AppraisalDoc | None:
    found = repo.appraisal_of_review(row.id)
    if found is None:
        return None
    return AppraisalDoc(found.appraises_uid, found.state.value, found.round, found.since)


def to_json(doc: AssessmentDoc) -> dict[str, Any]:
    data = asdict(doc)
    data["audit"] = {chain: [asdict(e) for e in entries] for chain, entries in doc.audit.items()}
    if not doc.demo:
        del data["demo"]  # a real assessment's document reads as it always did
    if doc.appraisal is None:
        del data["appraisal"]
    return {"format": DOCUMENT_FORMAT, "version": DOCUMENT_VERSION, **data}


def to_bytes(doc: AssessmentDoc) -> bytes:
    return json.dumps(to_json(doc), ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


# --- reading a document from a bundle: trust nothing


def _records(top: _Fields, key: str) -> Iterator[_Fields]:
    """Each object of the list `key`, located for error messages ("….members[2]")."""
    for index, raw in enumerate(top.items(key)):
        yield _Fields(raw, f"{top.where}.{key}[{index}]")


class _Fields:
    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise _bad(where, "an object")
        self.data, self.where = data, where

    def text(self, key: str, optional: bool = False) -> str:
        value = self.data.get(key)
        if value is None and optional:
            return ""
        if not isinstance(value, str):
            raise _bad(f"{self.where}.{key}", "a text")
        return nfc(value)

    def maybe_text(self, key: str) -> str | None:
        value = self.data.get(key)
        return None if value is None else self.text(key)

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise _bad(f"{self.where}.{key}", "a whole number")
        return value

    def items(self, key: str) -> list[Any]:
        value = self.data.get(key, [])
        if not isinstance(value, list):
            raise _bad(f"{self.where}.{key}", "a list")
        return value

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise _bad(f"{self.where}.{key}", "an object")
        return value


def _bad(where: str, expected: str) -> InputError:
    return InputError(
        "BUNDLE_CORRUPT",
        N_("The bundle is damaged: {where} should be {expected}."),
        where=where,
        expected=expected,
    )


def _hex(value: str, where: str, length: int = 64) -> str:
    if len(value) != length or any(c not in "0123456789abcdef" for c in value):
        raise _bad(where, "a SHA-256 hash")
    return value


def parse_document(data: Any, name: str) -> AssessmentDoc:
    top = _Fields(data, name)
    if data.get("format") != DOCUMENT_FORMAT or data.get("version") != DOCUMENT_VERSION:
        raise InputError(
            "BUNDLE_FORMAT_VERSION",
            N_(
                "{name} is not an assessment document this app can read (format {format} version {version})."
            ),
            name=name,
            format=str(data.get("format")),
            version=str(data.get("version")),
        )
    uid = top.text("uid")
    versions = []
    for index, raw in enumerate(top.items("versions")):
        item = _Fields(raw, f"{name}.versions[{index}]")
        versions.append(
            VersionDoc(
                indicator=item.text("indicator"),
                vid=_hex(item.text("vid"), f"{item.where}.vid"),
                parent=item.text("parent", optional=True),
                value=raw.get("value"),
                author=item.text("author"),
                at=item.text("at"),
            )
        )
    heads = {k: str(v) for k, v in top.mapping("heads").items()}
    known = {v.vid for v in versions}
    for indicator, vid in heads.items():
        if vid and vid not in known:
            raise _bad(f"{name}.heads.{indicator}", "a version listed in versions")
    members = [
        MemberDoc(
            item.text("uid"),
            item.text("name"),
            item.text("agency"),
            item.text("role"),
            item.text("added_at"),
            item.maybe_text("removed_at"),
        )
        for item in _records(top, "members")
    ]
    comments = [
        CommentDoc(
            item.text("uid"),
            item.text("indicator"),
            item.text("text"),
            item.text("author"),
            item.text("at"),
        )
        for item in _records(top, "comments")
    ]
    evidence = []
    for index, raw in enumerate(top.items("evidence")):
        item = _Fields(raw, f"{name}.evidence[{index}]")
        evidence.append(
            EvidenceDoc(
                item.text("uid"),
                item.text("indicator"),
                _hex(item.text("sha256"), f"{item.where}.sha256"),
                item.integer("size"),
                item.text("filename"),
                item.text("caption", optional=True),
                item.text("added_by"),
                item.text("added_at"),
                item.maybe_text("removed_at"),
            )
        )
    audit: dict[str, list[AuditEntry]] = {}
    for chain, raw_entries in top.mapping("audit").items():
        if not isinstance(raw_entries, list) or not chain.startswith(f"{uid}@"):
            raise _bad(f"{name}.audit.{chain}", f"a list of entries of a chain '{uid}@device'")
        entries = []
        for index, raw in enumerate(raw_entries):
            item = _Fields(raw, f"{name}.audit.{chain}[{index}]")
            entries.append(
                AuditEntry(
                    chain=item.text("chain"),
                    seq=item.integer("seq"),
                    at=item.text("at"),
                    actor=item.text("actor"),
                    action=item.text("action"),
                    target=item.text("target"),
                    old=raw.get("old"),
                    new=raw.get("new"),
                    reason=item.text("reason", optional=True),
                    prev_hash=item.text("prev_hash"),
                    hash=item.text("hash"),
                )
            )
        audit[chain] = entries
    follow_up = [str(code) for code in top.items("follow_up") if isinstance(code, str)]
    sources = [
        SourceDoc(
            item.text("indicator"),
            item.text("text"),
            item.text("entered_by"),
            item.text("entered_at"),
        )
        for item in _records(top, "sources")
    ]
    return AssessmentDoc(
        uid=uid,
        commune_code=top.text("commune_code"),
        commune_name=top.text("commune_name"),
        unit_list=top.text("unit_list"),
        year=top.integer("year"),
        kind=top.text("kind"),
        status=top.text("status"),
        category=top.text("category"),
        catalogue_hash=_hex(top.text("catalogue_hash"), f"{name}.catalogue_hash"),
        revision=top.integer("revision"),
        created_at=top.text("created_at"),
        created_by=top.text("created_by"),
        finalized_at=top.maybe_text("finalized_at"),
        heads=heads,
        versions=versions,
        members=members,
        assignments={k: str(v) for k, v in top.mapping("assignments").items()},
        comments=comments,
        follow_up=follow_up,
        evidence=evidence,
        audit=audit,
        signed_heads=[
            _Fields(raw, f"{name}.signed_heads[{index}]").data
            for index, raw in enumerate(top.items("signed_heads"))
        ],
        sources=sources,
        demo=_demo_flag(top),
        appraisal=_appraisal_doc(top),
    )


def _appraisal_doc(top: _Fields) -> AppraisalDoc | None:
    """The appraisal a review carries: absent, or an object of exactly its fields."""
    raw = top.data.get("appraisal")
    if raw is None:
        return None
    item = _Fields(raw, f"{top.where}.appraisal")
    return AppraisalDoc(
        item.text("appraises"), item.text("state"), item.integer("round"), item.text("since")
    )


def _demo_flag(top: _Fields) -> bool:
    """The document's demo mark: absent (false) or a boolean, nothing else."""
    value = top.data.get("demo", False)
    if not isinstance(value, bool):
        raise _bad(f"{top.where}.demo", "true or false")
    return value
