"""A key fingerprint as officials read it aloud to each other: groups of digits, or Vietnamese words.

The hex fingerprint (SHA-256 of the public key, 64 hex digits) stays the reference. Two shorter
readings stand for it when it is read over the phone:

- **Digits**, as safety numbers are read: the fingerprint's first 30 bytes cut into six 5-byte
  chunks; each chunk, read as a big-endian integer, modulo 100 000, written with five digits
  ("04213"). Each group carries log2(100 000) ≈ 16.6 bits: 99.7 bits for the six (the 2^40 → 10^5
  reduction's bias is under 10^-7). Digits read the same in every language.
- **Words**: each of the fingerprint's first eight bytes names one of the 256 Vietnamese words of
  `fingerprint_words_vi.txt` (byte value N → the word on line N): 8 bits a word, 64 bits for the
  eight. The list was made for reading aloud: no two words differ only by diacritics or tone, so
  a word typed without accents names one word, and none sound alike in the usual regional mergers
  (see the file's header).

Both are stable: they depend only on the fingerprint (tests pin fixed vectors). An attacker who
wants a key whose reading matches someone else's must try about 2^99.7 (digits) or 2^64 (words)
keys; the full hex fingerprint is compared byte for byte whenever it is typed.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from assessor_app.domain.text import fold, nfc

DIGIT_GROUPS = 6
DIGITS_PER_GROUP = 5
_CHUNK_BYTES = 5
WORD_COUNT = 8
BITS_PER_WORD = 8
_WORD_FILE = "fingerprint_words_vi.txt"
_SEPARATORS = re.compile(r"[\s·,.;:/\-]+")


@functools.cache
def word_list() -> tuple[str, ...]:
    """The 256 words, in order (NFC); comment lines of the resource file are left out."""
    text = resources.files("assessor_app.texts").joinpath(_WORD_FILE).read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(nfc(line) for line in lines if line and not line.startswith("#"))


@functools.cache
def _word_index() -> dict[str, int]:
    """A word typed with or without its diacritics → its byte value."""
    return {fold(word): value for value, word in enumerate(word_list())}


def _fingerprint_bytes(fingerprint: str) -> bytes:
    """`fingerprint`: the canonical 64 lower-case hex digits."""
    return bytes.fromhex(fingerprint)


def digit_groups(fingerprint: str) -> list[str]:
    """Six groups of five digits that stand for the fingerprint when read aloud."""
    raw = _fingerprint_bytes(fingerprint)
    groups = []
    for index in range(DIGIT_GROUPS):
        chunk = raw[index * _CHUNK_BYTES : (index + 1) * _CHUNK_BYTES]
        value = int.from_bytes(chunk, "big") % 10**DIGITS_PER_GROUP
        groups.append(str(value).rjust(DIGITS_PER_GROUP, "0"))
    return groups


def words(fingerprint: str) -> list[str]:
    """Eight Vietnamese words that stand for the fingerprint when read aloud."""
    table = word_list()
    return [table[byte] for byte in _fingerprint_bytes(fingerprint)[:WORD_COUNT]]


def digits_text(groups: list[str]) -> str:
    """ "04213 99871 00012 / 55555 12345 67890": two halves of three groups, easy to read back."""
    half = DIGIT_GROUPS // 2
    return " ".join(groups[:half]) + " / " + " ".join(groups[half:])


def words_text(spoken: list[str]) -> str:
    """ "mèo · chó · gà · vịt / ngựa · trâu · bò · dê"."""
    half = WORD_COUNT // 2
    return " · ".join(spoken[:half]) + " / " + " · ".join(spoken[half:])


def typed_parts(typed: str) -> list[str]:
    """What was typed, cut at spaces, dots, commas, dashes and slashes, NFC and lower case."""
    return [part for part in _SEPARATORS.split(nfc(typed).strip().lower()) if part]


def typed_digits(typed: str) -> list[str] | None:
    """The six groups when `typed` is 30 digits (spaces and dashes anywhere); None otherwise."""
    joined = "".join(typed_parts(typed))
    total = DIGIT_GROUPS * DIGITS_PER_GROUP
    if len(joined) != total or not joined.isascii() or not joined.isdigit():
        return None
    return [joined[i : i + DIGITS_PER_GROUP] for i in range(0, total, DIGITS_PER_GROUP)]


def typed_words(typed: str) -> list[str] | None:
    """The eight list words `typed` names, with or without diacritics; None when it is not eight
    words of the list."""
    parts = typed_parts(typed)
    index = _word_index()
    if len(parts) != WORD_COUNT or any(fold(part) not in index for part in parts):
        return None
    return [word_list()[index[fold(part)]] for part in parts]


def reading_matches(typed: str, fingerprint: str) -> bool | None:
    """True when `typed` is the fingerprint's digits or words, False when it is a reading of
    another fingerprint, None when it is neither digits nor words (a hex fingerprint, say)."""
    digits = typed_digits(typed)
    if digits is not None:
        return digits == digit_groups(fingerprint)
    spoken = typed_words(typed)
    if spoken is not None:
        return spoken == words(fingerprint)
    return None
