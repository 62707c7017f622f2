"""Words for the bundle screens: outcomes, statuses, reasons, values, fingerprints, file names.

Service records carry stable codes and English templates; this module turns them into the user's
language and never changes what they say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assessor_app import i18n
from assessor_app.domain.errors import N_
from assessor_app.domain.text import fold, nfc
from assessor_app.i18n import _
from assessor_app.ui.history.audit_text import EMPTY, AuditTexts, local_time

BUNDLE_SUFFIX = ".ldbundle"
CARD_SUFFIX = ".json"

__all__ = ["BUNDLE_SUFFIX", "EMPTY", "local_time"]


def short_id(identifier: str) -> str:
    """The first group of a UUID: enough to tell bundles and devices apart on screen."""
    return identifier.split("-")[0][:8] if identifier else EMPTY


def when(stamp: str | None) -> str:
    return local_time(stamp) if stamp else EMPTY


def outcome_text(outcome: str) -> str:
    return {
        "accepted": _("Accepted into the store"),
        "quarantined": _("Held in quarantine"),
        "rejected": _("Rejected"),
    }.get(outcome, outcome)


def quarantine_status_text(status: str) -> str:
    return {
        "held": _("Waiting for a decision"),
        "resolved": _("Imported"),
        "rejected": _("Rejected"),
    }.get(status, status)


def via_text(via: str) -> str:
    return {
        "card": _("key card, checked in person"),
        "rotation": _("announced by the owner's previous key"),
        "own": _("this computer's own key"),
    }.get(via, via)


def role_text(role: str) -> str:
    """What a key may do here: a team's key signs bundles; an office's also signs receipts."""
    return {
        "team": _("an inspection team's key"),
        "office": _("a reviewing office's key (its receipts acknowledge bundles)"),
        "": _("role not chosen yet (enrol its card again to choose)"),
    }.get(role, role)


def plan_action_text(action: str) -> str:
    return {
        "new": _("New"),
        "updated": _("Updated"),
        "same": _("Unchanged"),
    }.get(action, action)


def assessment_status_text(status: str | None) -> str:
    if status is None:
        return EMPTY
    return {"draft": _("Draft"), "finalized": _("Finalised")}.get(status, status)


class _Renderable:
    def __init__(self, template: str, params: Mapping[str, Any]) -> None:
        self.template = template
        self.params = dict(params)


def render(template: str, params: Mapping[str, Any]) -> str:
    """A service template in the user's language, its parameters filled in."""
    return i18n.render(_Renderable(template, params))


def reason_text(reason: Any) -> str:
    """A `Reason` (or a report) in words, with its code for support calls."""
    text = render(reason.template, reason.params)
    code = getattr(reason, "code", "")
    return f"{text} [{code}]" if code else text


def reason_lines(reasons: Iterable[Any]) -> str:
    return "\n".join("• " + reason_text(reason) for reason in reasons)


RECEIPT_REASONS = {
    "BUNDLE_CORRUPT": N_("The file was damaged or is not a bundle."),
    "BUNDLE_FORMAT_VERSION": N_("The bundle was made by a newer version of the app."),
    "BUNDLE_TAMPERED": N_("The file was changed after it was signed."),
    "BUNDLE_BAD_SIGNATURE": N_("The signature does not match the file."),
    "BUNDLE_UNKNOWN_SIGNER": N_("The office has not enrolled your key card yet."),
    "BUNDLE_REVOKED_SIGNER": N_("Your key is revoked at the office for this bundle number."),
    "BUNDLE_REPLAYED": N_("The office already received another bundle with this number."),
    "BUNDLE_ID_REUSED": N_("The office received another bundle with the same id."),
    "IMPORT_CONFLICT": N_("Some indicators were changed both at the office and in the bundle."),
    "IMPORT_ASSESSMENT_LOCKED": N_("The office had already finalised an assessment in the bundle."),
    "IMPORT_UNKNOWN_UNIT": N_("The office's unit list does not have a commune of the bundle."),
    "AUDIT_CHAIN_BROKEN": N_("An assessment's history in the bundle does not verify."),
    "QUARANTINE_REJECTED": N_("The office looked at the bundle and rejected it."),
}


HOLD_REASONS = {
    "BUNDLE_UNKNOWN_SIGNER": N_("Key not enrolled"),
    "BUNDLE_REVOKED_SIGNER": N_("Key revoked"),
    "BUNDLE_REPLAYED": N_("Bundle number already used"),
    "BUNDLE_ID_REUSED": N_("Bundle id used twice"),
    "IMPORT_CONFLICT": N_("Changed on both sides"),
    "IMPORT_ASSESSMENT_LOCKED": N_("Changes a finalised assessment"),
    "IMPORT_UNKNOWN_UNIT": N_("Commune not in the unit list"),
    "AUDIT_CHAIN_BROKEN": N_("History does not verify"),
}


def hold_reason_short(code: str) -> str:
    """A few words for why a bundle is held (the table's column; the details say more)."""
    template = HOLD_REASONS.get(code)
    return _(template) if template else code


def receipt_reason_text(code: str) -> str:
    """A receipt carries reason codes only: say what each means, and keep the code."""
    template = RECEIPT_REASONS.get(code)
    return f"{_(template)} [{code}]" if template else f"[{code}]"


_VALUES = AuditTexts([])


def value_text(raw: Any) -> str:
    """An indicator value in its JSON form as people write it (49/50, Có, 3 điểm)."""
    return _VALUES.value(raw)


def fingerprint_lines(formatted: str, groups_per_line: int = 8) -> str:
    """A fingerprint in groups of four, eight groups a line: easier to read aloud."""
    groups = formatted.split()
    return "\n".join(
        " ".join(groups[index : index + groups_per_line])
        for index in range(0, len(groups), groups_per_line)
    )


def words_text(words: Iterable[str]) -> str:
    return " · ".join(words)


def sequences_text(last: Mapping[str, int]) -> str:
    if not last:
        return _("no bundle received yet")
    return "\n".join(
        _("computer {device}: no. {sequence}").format(device=short_id(device), sequence=sequence)
        for device, sequence in sorted(last.items())
    )


def file_word(text: str) -> str:
    """`Xã Hữu Liên` → `XaHuuLien`: a file-name part without diacritics or spaces."""
    words = re.split(r"[^0-9a-z]+", fold(nfc(text)))
    return "".join(word[:1].upper() + word[1:] for word in words if word)


def province_of(unit_list_title: str) -> str:
    """The place a unit list's title starts with: `Lạng Sơn từ 01/07/2025 (…)` → `Lạng Sơn`."""
    words: list[str] = []
    for word in unit_list_title.split():
        if not word[:1].isalpha() or not word[:1].isupper():
            break
        words.append(word)
    return " ".join(words)


def suggested_bundle_name(
    province: str, communes: list[str], years: list[int], sequence: int
) -> str:
    """`LangSon-XaHuuLien-2026-3.ldbundle`; several communes give their number instead."""
    parts = [file_word(province)] if file_word(province) else []
    distinct = list(dict.fromkeys(communes))
    if len(distinct) == 1:
        parts.append(file_word(distinct[0]))
    elif distinct:
        parts.append(f"{len(distinct)}-Xa")
    year_set = sorted(set(years))
    if year_set:
        parts.append(str(year_set[0]) if len(year_set) == 1 else f"{year_set[0]}-{year_set[-1]}")
    parts.append(str(sequence))
    return "-".join(part for part in parts if part) + BUNDLE_SUFFIX


def card_file_name(owner: str) -> str:
    return "the-khoa-" + (file_word(owner) or "ky") + CARD_SUFFIX


def format_fingerprint(fingerprint: str) -> str:
    """Hex fingerprint → groups of four ("3f2a 9c01 …"); anything else as given."""
    compact = fingerprint.replace(" ", "")
    return " ".join(compact[index : index + 4] for index in range(0, len(compact), 4))


def receipt_note_text(note: Any) -> str:
    """Why no receipt was written; the app's own words where the service's name a command."""
    if getattr(note, "code", "") == "RECEIPT_NO_KEY":
        return (
            _(
                "No receipt was written: this computer has no signing key yet. To create one: menu Dossiers → My signing key."
            )
            + " [RECEIPT_NO_KEY]"
        )
    return reason_text(note)
