"""Reading a fingerprint aloud: digits and Vietnamese words, stable, unambiguous when spoken."""

from __future__ import annotations

import unicodedata

import pytest

from assessor_app.domain.text import fold
from assessor_app.texts import fingerprint_reading as reading

FIXED = "56475aa75463474c0285df5dbf2bcab73da651358839e9b77481b2eab107708c"
COUNTING = "0123456789abcdef" * 4


def test_digit_groups_are_fixed_vectors() -> None:
    assert reading.digit_groups(FIXED) == ["10868", "26021", "16682", "25109", "70420", "06375"]
    # 0x0123456789 = 4 886 718 345 → 18345; the next chunk 0xabcdef0123 → …00291
    assert reading.digit_groups(COUNTING) == ["18345", "00291", "19085", "72487", "19553", "68715"]
    assert reading.digit_groups("0" * 64) == ["00000"] * 6
    assert reading.digit_groups("f" * 64) == ["27775"] * 6  # 2^40 - 1 = 1 099 511 627 775


def test_words_are_fixed_vectors() -> None:
    assert reading.words(FIXED) == ["phượng", "ngói", "suối", "trà", "thông", "bùn", "ngói", "cành"]
    assert reading.words("0" * 64) == ["mèo"] * 8
    assert reading.words("f" * 64) == ["vòng"] * 8


def test_texts_to_read() -> None:
    assert (
        reading.digits_text(reading.digit_groups(FIXED)) == "10868 26021 16682 / 25109 70420 06375"
    )
    assert reading.words_text(reading.words(FIXED)) == (
        "phượng · ngói · suối · trà / thông · bùn · ngói · cành"
    )


def test_word_list_has_one_word_per_byte_nfc_short_single_syllables() -> None:
    words = reading.word_list()
    assert len(words) == 2**reading.BITS_PER_WORD == 256
    assert len(set(words)) == 256
    for word in words:
        assert unicodedata.normalize("NFC", word) == word
        assert word == word.lower()
        assert word.isalpha()
        assert len(word) <= 6


def test_no_two_words_differ_only_by_diacritics_or_tone() -> None:
    folded = [fold(word) for word in reading.word_list()]
    assert len(set(folded)) == len(folded)


_INITIALS = ["đ", "ngh", "ng", "nh", "ch", "tr", "gh", "gi", "kh", "ph", "th", "qu"]
_INITIALS += list("bcdghklmnprstvx")
# Regional mergers: d/gi/r/v said alike in the south or north, s/x, tr/ch, l/n; finals n/ng/nh and
# t/c/ch merge in the south.
_SAME_INITIAL = {"gi": "z", "d": "z", "r": "z", "v": "z", "s": "x", "tr": "ch", "ngh": "ng"}
_SAME_INITIAL |= {"gh": "g", "k": "c", "l": "n"}
_SAME_FINAL = (("nh", "n"), ("ng", "n"), ("ch", "c"), ("t", "c"))


def spoken_key(word: str) -> str:
    """Two words with the same key may be heard as each other somewhere in Vietnam."""
    plain = fold(word.replace("đ", "0")).replace("0", "đ")
    initial = next((i for i in _INITIALS if plain.startswith(i)), "")
    rhyme = plain[len(initial) :]
    if initial == "gi" and rhyme[:1] not in tuple("aeiouy"):
        rhyme = "i" + rhyme  # "gì"
    if initial == "qu":
        initial, rhyme = "c", "u" + rhyme
    rhyme = rhyme.replace("y", "i")
    for final, same in _SAME_FINAL:
        if rhyme.endswith(final):
            rhyme = rhyme[: -len(final)] + same
            break
    return _SAME_INITIAL.get(initial, initial) + rhyme


def test_spoken_key_catches_the_mergers() -> None:
    assert spoken_key("rùa") == spoken_key("dừa") == spoken_key("vua")
    assert spoken_key("chanh") == spoken_key("trăng")
    assert spoken_key("lúa") == spoken_key("nửa")
    assert spoken_key("sắt") == spoken_key("xác")
    assert spoken_key("đào") != spoken_key("dao")


def test_no_two_words_sound_alike() -> None:
    keys: dict[str, str] = {}
    for word in reading.word_list():
        assert spoken_key(word) not in keys, (word, keys.get(spoken_key(word)))
        keys[spoken_key(word)] = word


def test_no_word_is_a_number() -> None:
    numbers = [
        "không",
        "một",
        "hai",
        "ba",
        "bốn",
        "năm",
        "sáu",
        "bảy",
        "tám",
        "chín",
        "mười",
        "trăm",
        "nghìn",
        "linh",
        "lẻ",
    ]
    assert not {fold(n) for n in numbers} & {fold(w) for w in reading.word_list()}


def test_typed_words_with_or_without_diacritics() -> None:
    spoken = reading.words(FIXED)
    assert reading.typed_words("phượng ngói suối trà thông bùn ngói cành") == spoken
    assert reading.typed_words("PHUONG ngoi, suoi - tra / thong · bun ngoi canh") == spoken
    decomposed = unicodedata.normalize("NFD", " ".join(spoken))
    assert reading.typed_words(decomposed) == spoken
    assert reading.typed_words("phượng ngói suối trà thông bùn ngói") is None  # seven
    assert reading.typed_words("film depart prefer potato crucial plastic x y") is None


def test_typed_digits() -> None:
    groups = reading.digit_groups(FIXED)
    assert reading.typed_digits("10868 26021 16682 / 25109 70420 06375") == groups
    assert reading.typed_digits("108682602116682251097042006375") == groups
    assert reading.typed_digits("10868 26021 16682 25109 70420") is None
    assert reading.typed_digits("١٠٨٦٨ 26021 16682 25109 70420 06375") is None  # ASCII digits only


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10868 26021 16682 25109 70420 06375", True),
        ("10868 26021 16682 25109 70420 06376", False),
        ("phuong ngoi suoi tra thong bun ngoi canh", True),
        ("phuong ngoi suoi tra thong bun ngoi meo", False),
        (FIXED, None),
    ],
)
def test_reading_matches(typed: str, expected: bool | None) -> None:
    assert reading.reading_matches(typed, FIXED) is expected
