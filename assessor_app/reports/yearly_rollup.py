"""The yearly report's last section for a province's year before the 2025 reform: the year's
results seen in the units of 1 July 2025 (issue 14, "Units across the reform").

The report's body stays the historical view (each old commune as it was that year); this section
adds the other view: each unit of today with the number of old communes it took in, how many of
them had a result and how many were recognised, and the share. A unit is never itself called
recognised (the rule, `texts.unit_merges.rollup_rule`, is stated). The merge table is secondary:
a unit with any row behind it that no one has confirmed or corrected says "Chưa xác minh". The
old communes the table cannot place are listed after, with their result.
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from assessor_app.reports.layout import TEXT_WIDTH, Styles, heading, para
from assessor_app.reports.summary_tables import Cell, Column, text_table
from assessor_app.reports.yearly_model import RolledUp, RolledUpUnit, YearlyData
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.unit_merges import merge_review, merge_round_day, rollup_rule

REFORM_ROUND = "2025-07"


def rollup_title(number: str) -> str:
    return (
        f"{number}. QUY ĐỔI KẾT QUẢ THEO ĐƠN VỊ HÀNH CHÍNH CẤP XÃ TỪ NGÀY "
        f"{merge_round_day(REFORM_ROUND)}"
    )


def unit_note(unit: RolledUpUnit) -> str:
    """The "Ghi chú" of a unit: "Chưa xác minh" while any row behind it is unverified; a unit the
    table gives no old commune says so (its share is "—")."""
    if not unit.old_communes:
        return "Chưa xác định được xã cũ hợp thành"
    return "" if unit.verified else merge_review("unverified", PAPER)


def _intro(data: YearlyData, rollup: RolledUp) -> list[str]:
    day = merge_round_day(REFORM_ROUND)
    said = [
        f"Kết quả tại các mục trên được tổng hợp theo đơn vị hành chính cấp xã tại thời điểm "
        f"đánh giá năm {data.year} và giữ nguyên. Để theo dõi liên tục, kết quả đó được quy đổi "
        f"theo {numbers.number(len(rollup.units), PAPER)} đơn vị hành chính cấp xã từ ngày {day} "
        f"như sau. {rollup_rule(PAPER)}",
        "Việc quy đổi dựa trên danh sách sắp xếp đơn vị hành chính cấp xã lấy từ nguồn thứ cấp; "
        "đơn vị ghi “Chưa xác minh” có ít nhất một xã cũ chưa được đối chiếu, xác nhận với văn "
        "bản chính thức.",
    ]
    if rollup.split:
        said.append(
            "Xã cũ được chia về nhiều đơn vị được tính ở mỗi đơn vị nhận một phần của xã đó."
        )
    return said


def _units_table(rollup: RolledUp, st: Styles) -> Flowable:
    columns = [
        Column("STT", 10 * mm, centred=True),
        Column("Mã đơn vị", 18 * mm, centred=True),
        Column("Tên đơn vị", 37 * mm),
        Column("Số xã cũ", 16 * mm, centred=True),
        Column("Có kết quả đánh giá", 20 * mm, centred=True),
        Column("Đạt chuẩn", 20 * mm, centred=True),
        Column("Tỷ lệ", 18 * mm, centred=True),
    ]
    columns.append(Column("Ghi chú", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = [
        [
            str(index),
            unit.code,
            unit.name,
            numbers.number(unit.old_communes, PAPER),
            numbers.number(unit.assessed, PAPER),
            numbers.number(unit.recognised, PAPER),
            numbers.share(unit.recognised, unit.old_communes, PAPER),
            unit_note(unit),
        ]
        for index, unit in enumerate(rollup.units, start=1)
    ]
    return text_table(columns, rows, st)


def _unplaced(rollup: RolledUp, st: Styles) -> list[Flowable]:
    if not rollup.unplaced:
        day = merge_round_day(REFORM_ROUND)
        return [para(f"Tất cả các xã cũ đều được quy đổi vào đơn vị từ ngày {day}.", st.body)]
    count = numbers.number(len(rollup.unplaced), PAPER)
    columns = [
        Column("STT", 10 * mm, centred=True),
        Column("Mã đơn vị", 20 * mm, centred=True),
        Column("Tên đơn vị", 45 * mm),
        Column("Kết quả", 30 * mm, centred=True),
    ]
    columns.append(Column("Ghi chú", TEXT_WIDTH - sum(c.width for c in columns)))
    rows: list[list[str | Cell]] = [
        [str(index), item.code, item.name, item.outcome_text, item.why]
        for index, item in enumerate(rollup.unplaced, start=1)
    ]
    return [
        para(
            f"Có {count} xã cũ chưa xác định được đơn vị tiếp nhận từ ngày "
            f"{merge_round_day(REFORM_ROUND)} nên chưa được quy đổi:",
            st.body,
        ),
        text_table(columns, rows, st),
    ]


def rollup_section(data: YearlyData, number: str, st: Styles) -> list[Flowable]:
    """The section (numbered `number`), or nothing when the data carries no roll-up."""
    rollup = data.rollup
    if rollup is None:
        return []
    items: list[Flowable] = heading(rollup_title(number), st)
    items += [para(text, st.body) for text in _intro(data, rollup)]
    items.append(_units_table(rollup, st))
    return items + _unplaced(rollup, st)
