"""Bundle screens' own compositions: short ids, reasons with their codes, fingerprints, file
names. Labels, numbers and dates come from the text layer (`assessor_app.texts`).

Service records carry stable codes and English templates; this module turns them into the user's
language and never changes what they say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assessor_app import i18n
from assessor_app.domain.text import fold, nfc
from assessor_app.i18n import _
from assessor_app.texts import labels
from assessor_app.texts.values import NONE as EMPTY
from assessor_app.ui.errors import code_detail

BUNDLE_SUFFIX = ".ldbundle"
CARD_SUFFIX = ".json"

__all__ = ["BUNDLE_SUFFIX", "EMPTY"]


def short_id(identifier: str) -> str:
    """The first group of a UUID: enough to tell bundles and devices apart on screen."""
    return identifier.split("-")[0][:8] if identifier else EMPTY


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
    return f"{text} ({code_detail(code)})" if code else text


def reason_lines(reasons: Iterable[Any]) -> str:
    return "\n".join("• " + reason_text(reason) for reason in reasons)


def receipt_reason_text(code: str) -> str:
    """A receipt carries reason codes only: say what each means, and keep the code."""
    meaning = labels.receipt_reason(code, i18n.language())
    return f"{meaning} ({code_detail(code)})" if meaning else code_detail(code)


def fingerprint_lines(formatted: str, groups_per_line: int = 8) -> str:
    """A fingerprint in groups of four, eight groups a line: easier to read aloud."""
    groups = formatted.split()
    return "\n".join(
        " ".join(groups[index : index + groups_per_line])
        for index in range(0, len(groups), groups_per_line)
    )


def machine_name(device: str, own_device: str | None = None, owner: str = "") -> str:
    """A computer as people name it: "máy của Hoàng Thị Lan" when it is the key owner's (its card
    named it), else "máy 897cbd0d" (the full id goes in a tooltip)."""
    if owner and device == own_device:
        return _("{owner}'s computer").format(owner=owner)
    return _("computer {device}").format(device=short_id(device))


def sequences_text(last: Mapping[str, int], own_device: str | None = None, owner: str = "") -> str:
    if not last:
        return _("no bundle received yet")
    return "\n".join(
        _("{computer}: no. {sequence}").format(
            computer=machine_name(device, own_device, owner), sequence=sequence
        )
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
            + f" ({code_detail('RECEIPT_NO_KEY')})"
        )
    return reason_text(note)
