"""A catalogue's provisional parts named as an official reads them: "tiêu chí 3 (Trẻ em bị xâm
hại), chỉ tiêu 3.1" rather than the catalogue's codes "TC3, TC3.1", which are printed nowhere
else. One phrase per criterion touched, so a list of them reads as a list of criteria; the same
words on paper (in `DOCUMENT_LANGUAGE`), on screen and in the CLI (in the interface's language).
"""

from __future__ import annotations

import re

from assessor_app.domain.catalogue import Catalogue, Criterion, Status
from assessor_app.domain.text import nfc
from assessor_app.i18n import ngettext, pgettext
from assessor_app.texts.documents import COMPOUNDS

# Between the phrases of two criteria: a phrase holds commas of its own.
SEPARATOR = "; "

# A criterion's title is cut after this many words ("Trẻ em dưới 5 tuổi bị…"): enough to
# recognise it ("Tỷ lệ trẻ em" alone would not), short enough for a list of fifteen criteria.
TITLE_WORDS = 6

_PREFIX = re.compile(r"^[^\W\d_]+(?=\d)")
_BRACKETS = re.compile(r"\s*\([^)]*\)")


def number(code: str) -> str:
    """ "TC3" → "3", "TC3.2" → "3.2": the number the table prints; a code without a letter prefix
    followed by a digit is kept as it is."""
    return _PREFIX.sub("", nfc(code))


def short_title(title: str) -> str:
    """The first words of a title, without what stands in brackets, "…" when cut."""
    words = _BRACKETS.sub("", nfc(title)).split()
    if len(words) <= TITLE_WORDS:
        return " ".join(words)
    keep = TITLE_WORDS
    if " ".join(words[keep - 1 : keep + 1]).lower() in COMPOUNDS:  # "trẻ / em" stays whole
        keep += 1
    if keep >= len(words):
        return " ".join(words)
    return " ".join(words[:keep]).rstrip(",;:") + "…"


def _criterion_phrase(
    criterion: Criterion, indicators: list[str], language: str, full: bool = False
) -> str:
    title = criterion.title_en if language == "en" and criterion.title_en else criterion.title_vi
    name = pgettext("provisional part", "criterion {number} ({title})", language).format(
        number=number(criterion.code),
        title=_BRACKETS.sub("", nfc(title)).strip() if full else short_title(title),
    )
    if not indicators or (
        criterion.provenance.status is Status.PROVISIONAL
        and len(indicators) == len(criterion.indicators)
    ):
        return name  # the whole criterion, all its indicators with it
    numbers = ", ".join(indicators)
    # A criterion is provisional as a whole when its own value is (its maximum, its wording);
    # otherwise only its indicators are, and the phrase says which ones.
    if criterion.provenance.status is not Status.PROVISIONAL:
        return ngettext(
            "indicator {numbers} of {criterion}",
            "indicators {numbers} of {criterion}",
            len(indicators),
            language,
        ).format(numbers=numbers, criterion=name)
    return ngettext(
        "{criterion}, indicator {numbers}",
        "{criterion}, indicators {numbers}",
        len(indicators),
        language,
    ).format(criterion=name, numbers=numbers)


def part_names(catalogue: Catalogue, language: str, full: bool = False) -> tuple[str, ...]:
    """One phrase per criterion with a provisional part, then one per provisional recognition
    condition, in the catalogue's order; `full`: with whole titles (a warning read once, e.g.
    when publishing), not their first words."""
    phrases: list[str] = []
    for criterion in catalogue.criteria:
        indicators = [
            number(i.code) for i in criterion.indicators if i.effective_status is Status.PROVISIONAL
        ]
        if indicators or criterion.effective_status is Status.PROVISIONAL:
            phrases.append(_criterion_phrase(criterion, indicators, language, full))
    for condition in catalogue.conditions:
        if condition.effective_status is Status.PROVISIONAL:
            phrases.append(
                pgettext("provisional part", "recognition condition {number}", language).format(
                    number=number(condition.id)
                )
            )
    return tuple(phrases)


def joined(parts: tuple[str, ...] | list[str]) -> str:
    return SEPARATOR.join(parts)
