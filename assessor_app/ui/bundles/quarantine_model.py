"""The quarantine list's rows: for each held bundle, when it came, which commune, year and standard
it concerns, who sent it (name, agency and the words of the key, as the trust view shows them),
why it is held and its status."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessor_app import i18n
from assessor_app.i18n import _
from assessor_app.services import quarantine, trust
from assessor_app.services.quarantine import QuarantineDetail, QuarantineItem
from assessor_app.services.trust_keys import fingerprint_words
from assessor_app.texts import dates, labels
from assessor_app.texts.fingerprint_reading import words_text
from assessor_app.ui.bundles.import_texts import agency_name
from assessor_app.ui.bundles.record_model import Column, RecordModel
from assessor_app.ui.bundles.texts import EMPTY, format_fingerprint, reason_lines

HELD_BACKGROUND = "#fff3c4"


@dataclass(frozen=True)
class QuarantineRecord:
    item: QuarantineItem
    signer: str  # the enrolled owner, or what the bundle claims (marked as not checked)
    concerns: str = EMPTY  # the communes and years of its assessments, one a line
    catalogue: str = EMPTY  # the standard its assessments were scored against
    words: str = ""  # the fingerprint's words, as the trust view shows them


def quarantine_model(parent: Any = None) -> RecordModel[QuarantineRecord]:
    columns: list[Column[QuarantineRecord]] = [
        Column(
            _("Received"),
            lambda r: dates.stamp(r.item.received_at),
            tooltip=lambda r: _("Bundle {bundle}, no. {sequence}\n{path}").format(
                bundle=r.item.bundle_id, sequence=r.item.sequence, path=r.item.kept
            ),
        ),
        Column(_("Commune and year"), lambda r: r.concerns),
        Column(_("Criteria"), lambda r: r.catalogue),
        Column(
            _("Sent by"),
            lambda r: "\n".join(filter(None, [r.signer, r.words])),
            tooltip=lambda r: format_fingerprint(r.item.key_fingerprint),
        ),
        Column(
            _("Why it is held"),
            lambda r: (
                "\n".join(
                    labels.hold_reason(reason.code, i18n.language()) for reason in r.item.reasons
                )
                or EMPTY
            ),
            tooltip=lambda r: reason_lines(r.item.reasons),
        ),
        Column(_("Status"), lambda r: labels.quarantine_status(r.item.status, i18n.language())),
    ]
    model: RecordModel[QuarantineRecord] = RecordModel(columns, parent)
    model.background = lambda r: HELD_BACKGROUND if r.item.status == quarantine.HELD else None
    return model


def _signer_text(detail: QuarantineDetail, known: Mapping[str, trust.TrustedKey]) -> str:
    """Who sent it: the enrolled owner and agency, or whom the bundle names (not checked)."""
    key = known.get(detail.item.key_fingerprint)
    if key is not None:
        return f"{key.owner} — {agency_name(key.agency)}" if key.agency else key.owner
    claimed = str(detail.bundle.get("contact") or EMPTY)
    return _("{contact} (key not enrolled)").format(contact=claimed)


def _words(fingerprint: str, known: Mapping[str, trust.TrustedKey]) -> str:
    """The key's words read aloud to confirm it, labelled as such."""
    key = known.get(fingerprint)
    if key is not None:
        spoken = key.words
    elif fingerprint:
        spoken = fingerprint_words(fingerprint)
    else:
        return ""
    return _("Key words: {words}").format(words=words_text(list(spoken)))


def _concerns(detail: QuarantineDetail) -> str:
    """The communes and years the held bundle's assessments are of, one a line."""
    lines = []
    for plan in detail.assessments:
        commune = plan.get("commune") or {}
        lines.append(
            _("{commune} ({code}), {year}").format(
                commune=commune.get("name") or EMPTY,
                code=commune.get("code") or EMPTY,
                year=plan.get("year") or EMPTY,
            )
        )
    return "\n".join(dict.fromkeys(lines)) or EMPTY


def _catalogues(detail: QuarantineDetail, standards: Mapping[str, str]) -> str:
    codes = [str(code) for code in detail.bundle.get("catalogue_codes") or ()]
    return ", ".join(standards.get(code, code) for code in codes) or EMPTY


def record_of(
    detail: QuarantineDetail, known: Mapping[str, trust.TrustedKey], standards: Mapping[str, str]
) -> QuarantineRecord:
    """What the list says about a held bundle (`standards`: catalogue code → its standard)."""
    return QuarantineRecord(
        detail.item,
        _signer_text(detail, known),
        _concerns(detail),
        _catalogues(detail, standards),
        _words(detail.item.key_fingerprint, known),
    )
