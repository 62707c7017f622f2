"""Phrasing that only administrative documents need, always Vietnamese (Nghị định 30/2020/NĐ-CP):
a unit's name inside a sentence, the place-and-date line, legal acts cited as officials cite them,
a catalogue's version in words, and the name of a saved document's file."""

from __future__ import annotations

import re
from datetime import date

from assessor_app.domain.text import fold, nfc
from assessor_app.texts.dates import document_date

# The type words a unit's official name starts with, longest first where one starts another.
_TYPE_WORDS = (
    "Thị trấn ",
    "Thành phố ",
    "Xã ",
    "Phường ",
    "Huyện ",
    "Tỉnh ",
    "Thị xã ",
    "Quận ",
)


# The header of a column naming each commune's district (lists before the 2025 reform): a
# district was a "huyện" or a provincial city ("thành phố Lạng Sơn"), so the header says both.
DISTRICT_COLUMN = "Huyện/thành phố"


# Vietnamese words of two syllables that a narrow table header or a title must not split across
# lines ("Điểm tối / đa", "trẻ / em"): a line may break between words, never inside one.
_COMPOUNDS = (
    "trẻ em",
    "tối đa",
    "tự chấm",
    "thẩm định",
    "chênh lệch",
    "số liệu",
    "chỉ tiêu",
    "tiêu chí",
    "ghi chú",
    "đơn vị",
    "hội đồng",
    "nhiệm vụ",
    "chức vụ",
    "dự họp",
    "tổng điểm",
    "kết quả",
    "trạng thái",
    "thị trấn",
    "phù hợp",
    "công nhận",
    "chỉ tiêu",
    "minh chứng",
    "năm trước",
    "đạt chuẩn",
    "tỷ lệ",
    "đặc biệt",
)
COMPOUNDS = frozenset(_COMPOUNDS)
_COMPOUND = re.compile(
    "|".join(
        re.escape(c).replace(r"\ ", " ") for c in sorted(set(_COMPOUNDS), key=len, reverse=True)
    ),
    re.IGNORECASE,
)
NO_BREAK_SPACE = "\u00a0"


def bound_words(phrase: str) -> str:
    """`phrase` with the spaces inside its two-syllable words made non-breaking, so that a line
    breaks only between words ("Điểm / tối đa", never "Điểm tối / đa")."""
    return _COMPOUND.sub(lambda m: m.group(0).replace(" ", NO_BREAK_SPACE), nfc(phrase))


_CRITERION = re.compile(r"^TC(\d+)$")


def criterion_words(code: str) -> str:
    """A criterion as a sentence or a chart names it: "TC13" → "Tiêu chí 13" (the code is the
    catalogue's, printed only beside the criterion's title in tables); other codes unchanged."""
    match = _CRITERION.match(code)
    return f"Tiêu chí {match.group(1)}" if match else code


def lower_first(phrase: str) -> str:
    """A phrase that continues a sentence ("loại đơn vị: xã, thị trấn thuộc miền núi…"): its first
    letter in lower case, unless the first word is an abbreviation ("UBND") or a name is meant
    (callers pass only labels in words)."""
    phrase = nfc(phrase)
    if len(phrase) > 1 and phrase[0].isupper() and not phrase[1].isupper():
        return phrase[0].lower() + phrase[1:]
    return phrase


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: its type in lower case ("Xã Hữu Liên" → "xã Hữu Liên",
    "Thị trấn Hữu Lũng" → "thị trấn Hữu Lũng", "Huyện Hữu Lũng" → "huyện Hữu Lũng")."""
    name = nfc(name)
    for prefix in _TYPE_WORDS:
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def unit_place(commune: str, *above: str) -> str:
    """A commune with the units above it, as a sentence writes them: "Xã Yên Bình, huyện Hữu
    Lũng, tỉnh Lạng Sơn" (the commune as given, the units above in lower case; empty ones left
    out)."""
    return ", ".join([nfc(commune), *(in_sentence(unit) for unit in above if unit)])


def place_date(place: str, day: date, dated: bool = True) -> str:
    """The place-and-date line of a document: "Hữu Liên, ngày 28 tháng 11 năm 2026". Not `dated`:
    the day and month are left blank to be written in when the document is signed, only the year
    (of `day`) is printed: "Hữu Liên, ngày      tháng      năm 2026"."""
    when = document_date(day) if dated else blank_date(day.year)
    return f"{place}, {when}" if place else when


_BLANK = "\u00a0" * 6  # no-break spaces: room to write in, never trimmed or wrapped


def blank_date(year: int) -> str:
    """ "ngày      tháng      năm 2026": a date whose day and month are written in by hand."""
    return f"ngày{_BLANK}tháng{_BLANK}năm {year}"


def citation_date(day: date) -> str:
    """The date of a cited act: "30/5/2014", "03/01/2019" (NĐ 30/2020: days below 10 and the months
    1 and 2 take a leading 0)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


# Who issues an act, by the symbol at the end of its number: "34/2014/QĐ-TTg" is the Prime
# Minister's (Thủ tướng Chính phủ), "25/2014/TT-BLĐTBXH" the labour ministry's.
_ISSUERS = {
    "TTg": "Thủ tướng Chính phủ",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BYT": "Bộ Y tế",
}
_KINDS = {"QĐ": "Quyết định", "TT": "Thông tư", "NĐ": "Nghị định", "NQ": "Nghị quyết"}


def act_issuer(number: str) -> str:
    """The body that issued the act numbered `number` ("" when the symbol is not known)."""
    symbol = nfc(number).strip().rsplit("-", 1)[-1]
    return _ISSUERS.get(symbol, "")


def act_citation(number: str, issued: date | None = None, subject: str = "") -> str:
    """An act cited as officials cite it: "Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ
    tướng Chính phủ quy định tiêu chuẩn …" (the date and the subject only when given)."""
    number = nfc(number).strip()
    kind_code = number.rsplit("/", 1)[-1].split("-", 1)[0]
    parts = [f"{_KINDS.get(kind_code, 'Văn bản')} số {number}"]
    if issued is not None:
        parts.append(f"ngày {citation_date(issued)}")
    issuer = act_issuer(number)
    if issuer:
        parts.append(f"của {issuer}")
    if subject:
        parts.append(nfc(subject).strip())
    return " ".join(parts)


# The procedure that went with a standard: Thông tư 25/2014/TT-BLĐTBXH guided the assessment and
# recognition under QĐ 34/2014 (number, title and ministry EXACT in the reference notes; its date,
# 06/9/2014, only SECONDARY: it is cited without a date rather than with one not verified).
PROCEDURES = {
    "34/2014/QĐ-TTg": act_citation(
        "25/2014/TT-BLĐTBXH",
        subject="hướng dẫn trình tự, thủ tục đánh giá, công nhận xã, phường, thị trấn phù hợp với "
        "trẻ em",
    ),
}

_VERSION = re.compile(r"^(?P<number>[0-9][0-9.]*)(?:-(?P<state>[a-z]+))?$")
_VERSION_STATES = {"provisional": "có nội dung tạm tính", "draft": "bản dự thảo"}


def version_words(version: str) -> str:
    """A catalogue's version in words: "2019.1-provisional" → "phiên bản 2019.1, có nội dung tạm
    tính"; "2019.2" → "phiên bản 2019.2"."""
    match = _VERSION.match(nfc(version).strip())
    if match is None:
        return f"phiên bản {nfc(version).strip()}"
    state = match.group("state")
    words = f"phiên bản {match.group('number')}"
    if state in _VERSION_STATES:
        words += f", {_VERSION_STATES[state]}"
    return words


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def file_name(kind: str, unit_name: str, year: int, suffix: str) -> str:
    """The default name of a saved document: ASCII, lower case, hyphens ("ho-so",
    "Xã Hữu Liên", 2026, ".pdf" → "ho-so-xa-huu-lien-2026.pdf")."""
    words = _NOT_SLUG.sub("-", fold(f"{kind} {unit_name}")).strip("-")
    return f"{words}-{year}{suffix}"
