"""Text normalisation shared by every layer.

All text that enters the system is NFC-normalised, so that search, duplicate detection and content
hashes do not depend on which input method (precomposed or combining marks) the user's keyboard produced.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, with runs of white space folded to one space and the ends trimmed (names, titles)."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str) -> str:
    """A search key: lower case, without diacritics, đ → d, white space folded.

    "Hữu Lũng" and "huu lung" fold to the same key, so users can type without a Vietnamese keyboard.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()
