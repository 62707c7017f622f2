"""The header of an administrative document (NĐ 30/2020, Phụ lục I, ô số 1–5): issuing body and
number on the left, national title, motto, place and date on the right."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import simpleSplit  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports import fonts
from assessor_app.reports.layout import (
    HEADER_LEFT_WIDTH,
    INK,
    MOTTO,
    NATIONAL_TITLE,
    TEXT_WIDTH,
    upper,
)
from assessor_app.reports.model import IssuingBody, Letter
from assessor_app.texts.documents import place_date


@dataclass
class _Line:
    text: str
    font: str
    size: float
    leading: float


# Where the name of a body may break between lines: before these words (a unit's type, "và"), and
# after a dash ("SỞ LAO ĐỘNG -" / "THƯƠNG BINH VÀ XÃ HỘI"). Elsewhere the words of a name hold
# together ("THƯƠNG BINH", "NHÂN DÂN", "XÃ HỘI" are each one word in Vietnamese), unless a phrase is
# wider than the column.
_BREAK_BEFORE = ("VÀ", "TỈNH", "HUYỆN", "QUẬN", "THỊ", "THÀNH", "XÃ", "PHƯỜNG")
_NOT_A_UNIT = {"XÃ": "HỘI"}  # "XÃ HỘI" (society) is not a commune


def _phrases(value: str) -> list[str]:
    """`value` cut where a line may break (see `_BREAK_BEFORE`)."""
    words = value.split()
    phrases: list[list[str]] = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        key = word.upper()
        starts = key in _BREAK_BEFORE and _NOT_A_UNIT.get(key) != following.upper()
        after_dash = index > 0 and words[index - 1] in ("-", "–")
        if not phrases or starts or after_dash:
            phrases.append([word])
        else:
            phrases[-1].append(word)
    return [" ".join(phrase) for phrase in phrases]


def _lines_of(phrases: list[str], breaks: tuple[bool, ...]) -> list[str]:
    lines = [phrases[0]]
    for phrase, new_line in zip(phrases[1:], breaks, strict=True):
        if new_line:
            lines.append(phrase)
        else:
            lines[-1] += " " + phrase
    return lines


def _balanced(value: str, font: str, size: float, width: float) -> list[str]:
    """`value` wrapped to `width` between phrases (never inside a word such as "THƯƠNG BINH"), in as
    few lines as possible and, among those, the most even ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN",
    "SỞ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI"). A phrase wider than `width` is wrapped at spaces."""
    phrases = _phrases(value)
    if not phrases:
        return [""]
    if len(phrases) > 12 or any(stringWidth(p, font, size) > width for p in phrases):
        return list(simpleSplit(value, font, size, width)) or [""]
    best: tuple[int, float] | None = None
    chosen = [value]
    for mask in range(2 ** (len(phrases) - 1)):
        breaks = tuple(bool(mask >> i & 1) for i in range(len(phrases) - 1))
        lines = _lines_of(phrases, breaks)
        widest = max(stringWidth(line, font, size) for line in lines)
        if widest > width:
            continue
        rank = (len(lines), widest)
        if best is None or rank < best:
            best, chosen = rank, lines
    return chosen


def _wrap(value: str, font: str, size: float, width: float, leading: float) -> list[_Line]:
    lines: list[_Line] = []
    for part in nfc(value).split("\n"):
        for piece in _balanced(part, font, size, width):
            lines.append(_Line(piece, font, size, leading))
    return lines


class AdminHeader(Flowable):  # type: ignore[misc]
    """The header of an administrative document, in two columns (NĐ 30/2020, ô số 1–5).

    Left: cơ quan chủ quản (regular capitals) over the issuing body (bold capitals), centred, with a
    rule a third of the name's width under it; then "Số: …". Right: the national title (bold
    capitals, 12 pt) over the motto (bold, 13 pt) with a rule as long as the motto; then the place
    and date in italics, on the same line as the number. `number=None` leaves the number out
    (annexes, minutes without a number); `place_line=None` leaves the date out.
    """

    def __init__(self, issuer: IssuingBody, number: str | None, place_line: str | None) -> None:
        super().__init__()
        fonts.register_fonts()
        self.issuer = issuer
        self.number = number
        self.place_line = place_line
        self.width = TEXT_WIDTH
        self.height = 0.0

    def _columns(self, width: float) -> tuple[list[_Line], list[_Line]]:
        left_width = HEADER_LEFT_WIDTH
        right_width = width - left_width
        left: list[_Line] = []
        if self.issuer.parent:
            left += _wrap(upper(self.issuer.parent), fonts.REGULAR, 12, left_width - 4, 15)
        left += _wrap(upper(self.issuer.name), fonts.BOLD, 12, left_width - 4, 15)
        right = _wrap(NATIONAL_TITLE, fonts.BOLD, 12, right_width, 15)
        right += [_Line(MOTTO, fonts.BOLD, 13, 16)]
        return left, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        left, right = self._columns(avail_width)
        top = max(sum(line.leading for line in left), sum(line.leading for line in right))
        below = self.RULE_GAP + (self.DATE_GAP + 5 if self._has_date_line else 4)
        self.height = top + below
        return avail_width, self.height

    RULE_GAP = 3.0  # from the bottom of the last line box to its rule
    DATE_GAP = 20.0  # from the lower rule to the baseline of the number and date line

    @property
    def _has_date_line(self) -> bool:
        return self.number is not None or bool(self.place_line)

    def draw(self) -> None:
        canvas = self.canv
        left, right = self._columns(self.width)
        left_center = HEADER_LEFT_WIDTH / 2
        right_center = HEADER_LEFT_WIDTH + (self.width - HEADER_LEFT_WIDTH) / 2
        canvas.setFillColor(INK)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)

        def column(lines: list[_Line], center: float) -> float:
            y = self.height
            for line in lines:
                y -= line.leading
                canvas.setFont(line.font, line.size)
                canvas.drawCentredString(center, y + (line.leading - line.size) / 2 + 1, line.text)
            return y

        left_rule = column(left, left_center) - self.RULE_GAP
        name_lines = [line for line in left if line.font == fonts.BOLD and line.text]
        if name_lines:
            widest = max(stringWidth(line.text, line.font, line.size) for line in name_lines)
            rule = max(widest / 3, 18 * mm)
            canvas.line(left_center - rule / 2, left_rule, left_center + rule / 2, left_rule)

        right_rule = column(right, right_center) - self.RULE_GAP
        motto = stringWidth(MOTTO, fonts.BOLD, 13)
        canvas.line(right_center - motto / 2, right_rule, right_center + motto / 2, right_rule)

        baseline = min(left_rule, right_rule) - self.DATE_GAP
        if self.number is not None:
            canvas.setFont(fonts.REGULAR, 13)
            number = nfc(self.number).strip()
            if number.startswith("/"):  # the number is written in by hand when registered
                label = f"Số:        {number}"
            else:
                label = f"Số: {number}" if number else "Số:"
            canvas.drawCentredString(left_center, baseline, label)
        if self.place_line:
            canvas.setFont(fonts.ITALIC, 13)
            canvas.drawCentredString(right_center, baseline, nfc(self.place_line))


def letter_header(letter: Letter, with_number: bool = True) -> AdminHeader:
    return AdminHeader(
        letter.issuer,
        letter.number if with_number else None,
        place_date(letter.place, letter.date, letter.dated),
    )
