"""From the domain to the words of the documents: a rule's method and scale, the figures entered,
the reasons a commune is not recognised, and the rows of the assessment table.

The services layer calls these to fill `DossierData` from a catalogue, the values entered and the
`ScoreResult`; they are pure and always write Vietnamese (printed documents are Vietnamese whatever
the language of the interface).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assessor_app.domain.catalogue import (
    Catalogue,
    ConditionKind,
    CountRule,
    Direction,
    Indicator,
    LegalBasis,
    ManualRule,
    RateBand,
    RateRule,
    Status,
    UnitCategory,
    YesNoRule,
)
from assessor_app.domain.scoring import IndicatorScore, Reason, ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.domain.values import CountValue, RateValue, Value
from assessor_app.reports.model import (
    CatalogueInfo,
    CriterionRow,
    Explanation,
    IndicatorLine,
    ScaleStep,
)
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, labels, messages, numbers, provisional
from assessor_app.texts.documents import PROCEDURES, act_citation
from assessor_app.texts.values import figures


def legal_basis_text(basis: LegalBasis) -> str:
    """The catalogue's legal basis cited as officials cite it: "Quyết định số 34/2014/QĐ-TTg ngày
    30/5/2014 của Thủ tướng Chính phủ quy định tiêu chuẩn …" (the kind of act that starts the
    title is said once, before the number)."""
    title = nfc(basis.title_vi).strip()
    number = nfc(basis.number).strip()
    kind = "Quyết định "
    subject = title[len(kind) :] if title.startswith(kind) else title
    return act_citation(number, basis.issued, subject)


# What the catalogues append to a title for the software's users, not part of the official
# wording: the status of the digitised text, how a manual indicator is scored, and a cut quotation.
_NOT_OFFICIAL = (
    re.compile(r"\s*\(bản tạm thời\)"),
    re.compile(r"\s*\(hội đồng đánh giá chấm điểm, có giải trình\)"),
    re.compile(r"\s*\([^()]*…\)"),
)


def official_title(title: str) -> str:
    """A catalogue's title of a criterion or indicator without what the software appends to it:
    "Có kinh phí (ngân sách …) cho công tác bảo vệ trẻ em" → "Có kinh phí cho công tác bảo vệ trẻ
    em", "… trong kỳ đánh giá (hội đồng đánh giá chấm điểm, có giải trình)" → "… trong kỳ đánh
    giá"."""
    title = nfc(title)
    for pattern in _NOT_OFFICIAL:
        title = pattern.sub("", title)
    return title.strip()


def catalogue_info(catalogue: Catalogue) -> CatalogueInfo:
    return CatalogueInfo(
        code=catalogue.code,
        version=catalogue.version,
        title=official_title(catalogue.title_vi),
        legal_basis=legal_basis_text(catalogue.legal_basis),
        provisional_parts=provisional.part_names(catalogue, PAPER),
        content_hash=catalogue.content_hash,
        procedure=PROCEDURES.get(nfc(catalogue.legal_basis.number).strip(), ""),
    )


def category_text(category: UnitCategory) -> str:
    return labels.unit_category(category, PAPER)


def threshold_for(catalogue: Catalogue, category: UnitCategory) -> int | None:
    """The minimum total the catalogue asks of this category, if it has such a condition."""
    for condition in catalogue.conditions:
        if condition.kind is ConditionKind.MIN_TOTAL_BY_CATEGORY:
            return condition.thresholds.get(category)
    return None


def method_text(indicator: Indicator) -> str:
    """How the indicator is computed, in one phrase."""
    rule = indicator.rule
    if isinstance(rule, RateRule):
        if rule.scale == 1000:
            return "Tỷ suất (‰) = tử số / mẫu số × 1.000"
        if rule.scale == 100:
            return "Tỷ lệ (%) = tử số / mẫu số × 100"
        return f"Tỷ lệ = tử số / mẫu số × {numbers.number(rule.scale, PAPER)}"
    if isinstance(rule, YesNoRule):
        return "Đánh giá có hoặc không"
    if isinstance(rule, CountRule):
        label = nfc(rule.count_label_vi).strip()
        return f"Số trường hợp: {label}" if label else "Số trường hợp trong kỳ đánh giá"
    return "Hội đồng đánh giá chấm điểm, có giải trình bằng văn bản"


def _band_text(band: RateBand, direction: Direction, scale: int) -> str:
    value = numbers.threshold(band.threshold, scale, PAPER)
    if direction is Direction.HIGHER_IS_BETTER:
        if band.inclusive and band.threshold == 100:
            relation = "="
        else:
            relation = "≥" if band.inclusive else ">"
    elif band.inclusive and band.threshold == 0:
        relation = "="
    else:
        relation = "≤" if band.inclusive else "<"
    return f"{relation} {value}: {numbers.points(band.points, PAPER)}"


def _otherwise_text(last: RateBand, direction: Direction, scale: int, points: int) -> str:
    value = numbers.threshold(last.threshold, scale, PAPER)
    if direction is Direction.HIGHER_IS_BETTER:
        words = f"dưới {value}" if last.inclusive else f"từ {value} trở xuống"
    else:
        words = f"trên {value}" if last.inclusive else f"từ {value} trở lên"
    return f"{words}: {numbers.points(points, PAPER)}"


_NO_CASES = "không phát sinh trường hợp nào (mẫu số bằng 0): "


def _rate_steps(rule: RateRule, max_points: int, own: bool) -> list[ScaleStep]:
    steps = [
        ScaleStep(
            _band_text(band, rule.direction, rule.scale),
            band.provenance.status is Status.PROVISIONAL,
        )
        for band in rule.bands
    ]
    if rule.bands:
        last = rule.bands[-1]
        # "≥ 0 %" already covers every rate: there is nothing below it to score.
        covers_all = (
            rule.direction is Direction.HIGHER_IS_BETTER and last.inclusive and last.threshold == 0
        )
        if not covers_all:
            otherwise = _otherwise_text(last, rule.direction, rule.scale, rule.otherwise_points)
            steps.append(ScaleStep(otherwise, own))
    empty_points = {"max": max_points, "zero": 0}.get(rule.empty_denominator)
    if empty_points is not None:
        steps.append(ScaleStep(_NO_CASES + numbers.points(empty_points, PAPER), own))
    return steps


def _count_words(low: int, max_count: int) -> str:
    if max_count == 0:
        return "không có trường hợp nào"
    if max_count == low:
        return numbers.cases(max_count, PAPER)
    return f"từ {numbers.number(low, PAPER)} đến {numbers.cases(max_count, PAPER)}"


def _count_steps(rule: CountRule, own: bool) -> list[ScaleStep]:
    steps: list[ScaleStep] = []
    previous = -1
    for band in rule.bands:
        words = _count_words(previous + 1, band.max_count)
        steps.append(
            ScaleStep(
                f"{words}: {numbers.points(band.points, PAPER)}",
                band.provenance.status is Status.PROVISIONAL,
            )
        )
        previous = band.max_count
    steps.append(
        ScaleStep(
            f"từ {numbers.cases(previous + 1, PAPER)} trở lên: "
            + numbers.points(rule.otherwise_points, PAPER),
            own,
        )
    )
    return steps


def scale_steps(indicator: Indicator) -> tuple[ScaleStep, ...]:
    """The indicator's scale step by step, each marked provisional as its band is."""
    rule = indicator.rule
    own = indicator.provenance.status is Status.PROVISIONAL
    if isinstance(rule, RateRule):
        return tuple(_rate_steps(rule, indicator.max_points, own))
    if isinstance(rule, YesNoRule):
        return tuple(
            ScaleStep(f"{labels.yes_no(answer, PAPER)}: {numbers.points(points, PAPER)}", own)
            for answer, points in ((True, rule.points_yes), (False, rule.points_no))
        )
    if isinstance(rule, CountRule):
        return tuple(_count_steps(rule, own))
    assert isinstance(rule, ManualRule)
    return (ScaleStep(f"từ 0 đến {numbers.points(indicator.max_points, PAPER)}", own),)


def figures_text(indicator: Indicator, value: Value | None) -> str:
    """The figures entered, as printed: "49/50 = 98,0 %", "Có", "0 trường hợp", "60 điểm — giải
    trình: …", or "Chưa có số liệu"."""
    return figures(indicator, value, PAPER)


def reason_text(reason: Reason) -> str:
    """A failed recognition condition in Vietnamese, the category in words, marked when the
    condition is provisional."""
    return messages.reason(reason, PAPER)


def indicator_line(
    indicator: Indicator,
    value: Value | None,
    score: IndicatorScore,
    source: str = "",
    appraised: IndicatorScore | None = None,
    notes: Sequence[str] = (),
) -> IndicatorLine:
    return IndicatorLine(
        code=indicator.code,
        title=official_title(indicator.title_vi),
        method=method_text(indicator),
        scale=scale_steps(indicator),
        max_points=indicator.max_points,
        figures=figures_text(indicator, value),
        points=score.points if score.assessed else None,
        provisional=indicator.provenance.status is Status.PROVISIONAL,
        source=nfc(source),
        appraised=appraised.points if appraised is not None and appraised.assessed else None,
        notes=tuple(nfc(note) for note in notes),
    )


def criterion_rows(
    catalogue: Catalogue,
    values: Mapping[str, Value],
    result: ScoreResult,
    sources: Mapping[str, str] | None = None,
    appraisal: ScoreResult | None = None,
    comments: Mapping[str, Sequence[str]] | None = None,
) -> tuple[CriterionRow, ...]:
    """The assessment table for `result` (scored from `values` with `catalogue`), with the data
    source and the team's comments of each indicator and, when there is an appraisal
    (`appraisal`, scored with the same catalogue), its points beside the self-assessed ones."""
    sources = sources or {}
    comments = comments or {}
    indicator_scores = {s.code: s for s in result.indicators}
    criterion_scores = {s.code: s for s in result.criteria}
    appraised = {s.code: s for s in appraisal.indicators} if appraisal else {}
    appraised_criteria = {s.code: s.points for s in appraisal.criteria} if appraisal else {}
    rows: list[CriterionRow] = []
    for criterion in catalogue.criteria:
        lines = tuple(
            indicator_line(
                i,
                values.get(i.code),
                indicator_scores[i.code],
                sources.get(i.code, ""),
                appraised.get(i.code),
                comments.get(i.code, ()),
            )
            for i in criterion.indicators
        )
        rows.append(
            CriterionRow(
                code=criterion.code,
                title=official_title(criterion.title_vi),
                max_points=criterion.max_points,
                points=criterion_scores[criterion.code].points,
                indicators=lines,
                provisional=criterion.effective_status is Status.PROVISIONAL,
                appraised=appraised_criteria.get(criterion.code),
            )
        )
    return tuple(rows)


def explanations(
    catalogue: Catalogue,
    values: Mapping[str, Value],
    sources: Mapping[str, str] | None = None,
    comments: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Explanation, ...]:
    """One explanation per indicator that has a value, a source or comments, in catalogue order."""
    sources = sources or {}
    comments = comments or {}
    items: list[Explanation] = []
    for indicator in catalogue.indicators():
        value = values.get(indicator.code)
        notes = tuple(nfc(c) for c in comments.get(indicator.code, ()))
        source = nfc(sources.get(indicator.code, ""))
        if value is None and not notes and not source:
            continue
        rule = indicator.rule
        numerator_label = denominator_label = ""
        numerator = denominator = None
        if isinstance(rule, RateRule):
            numerator_label = nfc(rule.numerator_label_vi)
            denominator_label = nfc(rule.denominator_label_vi)
        if isinstance(value, RateValue):
            numerator, denominator = value.numerator, value.denominator
        elif isinstance(value, CountValue) and isinstance(rule, CountRule):
            numerator_label = nfc(rule.count_label_vi) or "Số trường hợp"
            numerator = value.count
        items.append(
            Explanation(
                code=indicator.code,
                title=official_title(indicator.title_vi),
                figures=figures_text(indicator, value),
                numerator_label=numerator_label,
                numerator=numerator,
                denominator_label=denominator_label,
                denominator=denominator,
                source=source,
                comments=notes,
            )
        )
    return tuple(items)


def reasons_text(result: ScoreResult) -> tuple[str, ...]:
    return tuple(reason_text(r) for r in result.reasons)
