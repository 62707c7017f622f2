"""The summary's assessment in words (đánh giá chung, tồn tại – hạn chế, nguyên nhân, phương hướng,
kiến nghị): what the office writes, and where it wrote nothing, a draft from the data.

The drafts state only what the data shows (counts, shares, the target in force, the criteria most
often not met, the communes left out and why): a cause or a request the data cannot know is left
for the office to write, and the section then prints a dotted line to fill in.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from assessor_app.domain.text import nfc
from assessor_app.reports.summary_model import (
    NARRATIVE_FIELDS,
    STANDARD,
    ExclusionReason,
    Narrative,
    ScopeLevel,
    SummaryData,
    TrendPoint,
    series_breaks,
    target_for,
    target_text,
)
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import criterion_words, lower_first

BLANK = "…" * 40  # a line left to fill in by hand
TOP = 3  # criteria named in the drafts


# The type words of a district-level unit or a province, as its name starts ("Thành phố Lạng Sơn").
AREA_TYPES = ("Thành phố", "Thị xã", "Huyện", "Quận", "Tỉnh")


def area(data: SummaryData) -> str:
    """What the report calls its own area mid-sentence: "huyện", or "thành phố" for the city of
    Lạng Sơn, "tỉnh" for the province ("Toàn thành phố có 8 đơn vị …")."""
    for word in AREA_TYPES:
        if data.scope.name.startswith(f"{word} "):
            return word.lower()
    return "huyện" if data.scope.level is ScopeLevel.DISTRICT else "tỉnh"


def _previous(data: SummaryData) -> TrendPoint | None:
    """The year before the report's in the same series (a share across a break does not compare)."""
    trend = data.trend
    index = next((i for i, p in enumerate(trend) if p.year == data.year), None)
    if index is None or index == 0:
        return None
    start = max([0, *(b for b in series_breaks(trend) if b <= index)])
    return trend[index - 1] if index - 1 >= start else None


def target_gap(data: SummaryData) -> str:
    """The share of the year against the target in force, in words; empty without one."""
    target = target_for(data.year, data.targets)
    if target is None or not data.units_total:
        return ""
    share = Fraction(data.recognized * 100, data.units_total)
    goal = Fraction(target.percent).limit_denominator(1000)
    if share >= goal:
        return f"đã đạt chỉ tiêu {target_text(target)}"
    gap = numbers.number(goal - share, PAPER, 1)
    if target.year > data.year:  # due later: how far there is to go, not a failure yet
        return f"so với chỉ tiêu {target_text(target)}, còn thiếu {gap} điểm phần trăm"
    return f"chưa đạt chỉ tiêu {target_text(target)} (còn thiếu {gap} điểm phần trăm)"


def _general(data: SummaryData) -> str:
    assessed = len(data.communes)
    lines = [
        f"Năm {data.year}, toàn {area(data)} có {numbers.number(data.recognized, PAPER)}/"
        f"{numbers.number(data.units_total, PAPER)} đơn vị hành chính cấp xã đạt tiêu chuẩn "
        f"{STANDARD}, bằng {numbers.share(data.recognized, data.units_total, PAPER)} tổng số "
        f"đơn vị; {numbers.number(assessed, PAPER)} đơn vị có kết quả được tổng hợp."
    ]
    previous = _previous(data)
    current = next((p for p in data.trend if p.year == data.year), None)
    if previous is not None and current is not None and previous.share is not None:
        assert current.share is not None
        change = current.share - previous.share
        word = "tăng" if change > 0 else "giảm" if change < 0 else "không đổi"
        amount = "" if change == 0 else f" {numbers.number(abs(change), PAPER, 1)} điểm phần trăm"
        lines.append(f"So với năm {previous.year}, tỷ lệ đơn vị đạt tiêu chuẩn {word}{amount}.")
    gap = target_gap(data)
    if gap:
        lines.append(f"Tỷ lệ đạt của năm {data.year} {gap}.")
    return "\n".join(lines)


def _named(data: SummaryData) -> str:
    failing = [s for s in data.shortfalls if s.count][:TOP]
    return "; ".join(
        f"{lower_first(criterion_words(s.code))} ({nfc(s.title)}): "
        f"{numbers.number(s.count, PAPER)} đơn vị"
        for s in failing
    )


def _left_out(data: SummaryData) -> str:
    counts = dict.fromkeys(ExclusionReason, 0)
    for item in data.excluded:
        counts[item.reason] += 1
    words = {
        ExclusionReason.NOT_FINALISED: "chưa hoàn tất đánh giá",
        ExclusionReason.NOT_REVIEWED: "chưa được thẩm định",
        ExclusionReason.QUARANTINED: "có dữ liệu gửi lên không kiểm tra được (đang cách ly)",
        ExclusionReason.DEMO: "chỉ có dữ liệu mẫu DEMO (không được tính)",
    }
    return "; ".join(
        f"{numbers.number(count, PAPER)} đơn vị {words[reason]}"
        for reason, count in counts.items()
        if count
    )


def _shortcomings(data: SummaryData) -> str:
    lines = []
    failed = len(data.communes) - data.recognized
    if failed:
        lines.append(
            f"Còn {numbers.number(failed, PAPER)} đơn vị được đánh giá chưa đạt tiêu chuẩn."
        )
    named = _named(data)
    if named:
        lines.append(f"Các tiêu chí có nhiều đơn vị chưa đạt nhất: {named}.")
    gap = target_gap(data)
    if gap.startswith("chưa"):
        lines.append(f"Tỷ lệ đơn vị đạt tiêu chuẩn {gap}.")
    left_out = _left_out(data)
    if left_out:
        lines.append(f"Chưa tổng hợp được kết quả của {left_out}.")
    return "\n".join(lines)


def _causes(data: SummaryData) -> str:
    left_out = _left_out(data)
    if not left_out:
        return ""
    return f"Việc đánh giá, thẩm định ở một số đơn vị chưa hoàn thành đúng thời hạn ({left_out})."


def _directions(data: SummaryData) -> str:
    lines = []
    failing = [s.code for s in data.shortfalls if s.count][:TOP]
    if failing:
        lines.append(
            "Tập trung chỉ đạo, hướng dẫn các đơn vị cải thiện các tiêu chí còn nhiều đơn vị chưa "
            f"đạt ({', '.join(failing)})."
        )
    target = target_for(data.year + 1, data.targets)
    if target is not None:
        lines.append(f"Phấn đấu đạt chỉ tiêu {target_text(target)}.")
    return "\n".join(lines)


def _proposals(data: SummaryData) -> str:
    if not data.catalogue.provisional_parts:
        return ""
    return (
        "Đề nghị cơ quan có thẩm quyền hướng dẫn cách tính, thang điểm chính thức của các chỉ tiêu "
        "còn tạm tính để áp dụng thống nhất."
    )


def drafted(data: SummaryData) -> Narrative:
    """What the data says for each section (empty where it says nothing)."""
    return Narrative(
        general=_general(data),
        shortcomings=_shortcomings(data),
        causes=_causes(data),
        directions=_directions(data),
        proposals=_proposals(data),
    )


def filled(data: SummaryData) -> Narrative:
    """The office's texts, each empty one drafted from the data."""
    draft = drafted(data)
    own = data.narrative
    return replace(
        own,
        **{name: getattr(own, name).strip() or getattr(draft, name) for name in NARRATIVE_FIELDS},
    )


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs (one per line); a dotted line when it is empty."""
    items = [line.strip() for line in text.splitlines() if line.strip()]
    return items or [BLANK]
