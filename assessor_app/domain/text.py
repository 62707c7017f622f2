"""Text normalisation shared by every layer, and the limits on free text.

All text that enters the system is NFC-normalised, so that search, duplicate detection and content
hashes do not depend on which input method (precomposed or combining marks) the user's keyboard produced.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from assessor_app.domain.errors import N_, InputError

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, with runs of white space folded to one space and the ends trimmed (names, titles)."""
    return _SPACES.sub(" ", nfc(text)).strip()


def shorten(text: str, limit: int = 40) -> str:
    """`text` short enough to quote in a one-line message: a pasted 5,000-digit number or a
    novel is shown by its start and end."""
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-(limit // 5) :]


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A search key: lower case, without diacritics, đ → d, white space folded.

    "Hữu Lũng" and "huu lung" fold to the same key, so users can type without a Vietnamese keyboard.
    Remembered: a province's list folds the same commune names year after year.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


# --- limits on free text
#
# Every piece of free text a person types (reasons, comments, names, the dossier's fields) has a
# limit, so that a pasted novel or a stray binary cannot swell the store, the audit chain, the
# bundles and the printed documents. The limits live here, in one place, and docs/cli.md ("Limits
# on text") lists them. Lengths are counted in characters after NFC, ends trimmed.

# Control characters never belong in text shown to people: they can rewrite a terminal (ESC) or
# cut a printed line. Names (one line) refuse every one of them, line breaks and tabs included, and
# the invisible marks that reverse the direction of text (used to disguise a name).
_LINE_BREAKS_AND_TABS = frozenset("\t\n\r")
_DIRECTION_MARKS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class TextRule:
    """What a kind of free text may hold. The templates are whole sentences (so that translations
    never mix languages) with `{length}`, `{limit}`, `{character}` and, for the dossier, `{field}`.

    Attributes:
        kind: stable name of the kind of text (a parameter of the errors).
        limit: the most characters allowed.
        one_line: refuse line breaks and tabs too (names), not only the other control characters.
        too_long: the message when the text is longer than `limit`.
        bad_character: the message when the text holds a control character.
    """

    kind: str
    limit: int
    one_line: bool
    too_long: str
    bad_character: str


REASON_LIMIT = 2000
NAME_LIMIT = 200
LINE_LIMIT = 500

REASON = TextRule(
    "reason",
    REASON_LIMIT,
    False,
    N_("The reason is too long ({length} characters); shorten it to at most {limit} characters."),
    N_("The reason contains a control character ({character}); type it again without it."),
)
COMMENT = TextRule(
    "comment",
    REASON_LIMIT,
    False,
    N_("The comment is too long ({length} characters); shorten it to at most {limit} characters."),
    N_("The comment contains a control character ({character}); type it again without it."),
)
CAPTION = TextRule(
    "caption",
    LINE_LIMIT,
    False,
    N_("The caption is too long ({length} characters); shorten it to at most {limit} characters."),
    N_("The caption contains a control character ({character}); type it again without it."),
)
SOURCE = TextRule(
    "source",
    LINE_LIMIT,
    False,
    N_(
        "The data source is too long ({length} characters); shorten it to at most {limit} characters."
    ),
    N_("The data source contains a control character ({character}); type it again without it."),
)
NAME = TextRule(
    "name",
    NAME_LIMIT,
    True,
    N_("The name is too long ({length} characters); shorten it to at most {limit} characters."),
    N_(
        "The name contains a control character ({character}), such as a line break or a tab; type it again without it."
    ),
)
AGENCY = TextRule(
    "agency",
    NAME_LIMIT,
    True,
    N_(
        "The agency's name is too long ({length} characters); shorten it to at most {limit} characters."
    ),
    N_(
        "The agency's name contains a control character ({character}), such as a line break or a tab; type it again without it."
    ),
)
# The dossier's fields: `field` names the field as `dossier show` prints it.
_DOSSIER_TOO_LONG = N_(
    "The dossier details' '{field}' is too long ({length} characters); shorten it to at most {limit} characters."
)
_DOSSIER_BAD_CHARACTER = N_(
    "The dossier details' '{field}' contains a control character ({character}); type it again without it."
)
DOSSIER_NAME = TextRule("dossier_name", NAME_LIMIT, True, _DOSSIER_TOO_LONG, _DOSSIER_BAD_CHARACTER)
DOSSIER_LINE = TextRule(
    "dossier_line", LINE_LIMIT, False, _DOSSIER_TOO_LONG, _DOSSIER_BAD_CHARACTER
)
DOSSIER_TEXT = TextRule(
    "dossier_text", REASON_LIMIT, False, _DOSSIER_TOO_LONG, _DOSSIER_BAD_CHARACTER
)


def _forbidden(character: str, one_line: bool) -> bool:
    if character in _LINE_BREAKS_AND_TABS:
        return one_line
    return unicodedata.category(character) == "Cc" or (one_line and character in _DIRECTION_MARKS)


def check_text(text: str, rule: TextRule, /, **params: Any) -> str:
    """Return `text` unchanged when `rule` allows it; else raise InputError `TEXT_TOO_LONG` or
    `TEXT_CONTROL_CHARACTER` (params: kind, length, limit, character, and `params`, e.g. field).

    Call it on the text as typed, before `clean`, which would silently turn a line break in a
    name into a space. Services outside the domain use it for every free text they store."""
    bad = next((c for c in text if _forbidden(c, rule.one_line)), None)
    if bad is not None:
        raise InputError(
            "TEXT_CONTROL_CHARACTER",
            rule.bad_character,
            kind=rule.kind,
            character=f"U+{ord(bad):04X}",  # text-layer: a code point, as Unicode writes it
            **params,
        )
    length = len(nfc(text).strip())
    if length > rule.limit:
        raise InputError(
            "TEXT_TOO_LONG",
            rule.too_long,
            kind=rule.kind,
            length=length,
            limit=rule.limit,
            **params,
        )
    return text


def checked_clean(text: str, rule: TextRule, /, **params: Any) -> str:
    """`clean(text)` after `check_text`: the usual way to take a reason, comment or name."""
    return clean(check_text(text, rule, **params))
