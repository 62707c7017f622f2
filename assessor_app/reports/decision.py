"""The recognition decision (Quyết định công nhận): "QUYẾT ĐỊNH Về việc công nhận xã, phường, thị
trấn phù hợp với trẻ em năm …", who decides, the căn cứ lines, "QUYẾT ĐỊNH:", Điều 1 with the table of
the communes recognised, Điều 2 (effect), Điều 3 (who executes), recipients and the signature of the
recognising authority (`layout`).

When the authority comes from a default the sources do not settle (after 1 July 2025), a note under
the signature says so: a fact not verified is never printed as official.

`render_decision(data)` is pure: the same `DecisionData` gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.layout import (
    TEXT_WIDTH,
    Styles,
    closing_block,
    grid_table,
    header_cell,
    markup,
    para,
    text,
    title_block,
    upper,
)
from assessor_app.reports.layout_header import AdminHeader
from assessor_app.reports.layout_pages import Banner, PageState, PdfInfo, SectionStart, build_pdf
from assessor_app.reports.model import Letter
from assessor_app.texts import DOCUMENT_LANGUAGE as PAPER, numbers
from assessor_app.texts.documents import DISTRICT_COLUMN, place_date

STANDARD = "xã, phường, thị trấn phù hợp với trẻ em"


@dataclass(frozen=True)
class RecognisedCommune:
    """A row of Điều 1.

    Fields:
        code, name: "06400", "Xã Hữu Liên".
        district: its district for years before the 2025 reform; empty after.
        total: its appraised total; None when not known.
    """

    code: str
    name: str
    district: str = ""
    total: int | None = None


@dataclass(frozen=True)
class DecisionData:
    """Everything the decision prints.

    Fields:
        letter: the frame: issuer ("Ủy ban nhân dân huyện Hữu Lũng"), number ("125/QĐ-UBND"),
            place and date, signature, recipients ("Như Điều 3", …).
        year: the evaluation year.
        decider: who decides, printed in bold capitals before the căn cứ ("Chủ tịch Ủy ban nhân
            dân huyện Hữu Lũng").
        bases: the căn cứ lines without "Căn cứ" and final ";" (the law on local government, the
            standard's decision and circular, the appraisal report).
        proposal: the "Xét đề nghị …" line without the final ".", empty for none.
        communes: the communes recognised (Điều 1).
        executors: who executes the decision (Điều 3), without the verb.
        note: a note printed under the signature (the authority not verified); empty for none.
        created: the PDF's creation date.
        provisional_parts: the catalogue's provisional parts (the banner on every page).
        demo: the demo store's data.
    """

    letter: Letter
    year: int
    decider: str
    bases: tuple[str, ...]
    communes: tuple[RecognisedCommune, ...]
    executors: str
    created: datetime
    proposal: str = ""
    note: str = ""
    provisional_parts: tuple[str, ...] = ()
    demo: bool = False


def summary_line(year: int) -> str:
    return f"Về việc công nhận {STANDARD} năm {year}"


def _preamble(data: DecisionData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [para(upper(data.decider), st.summary), Spacer(1, 8)]
    lines = [f"Căn cứ {basis};" for basis in data.bases]
    if data.proposal:
        lines.append(f"{data.proposal}.")
    items += [markup(f"<i>{text(line)}</i>", st.body) for line in lines]
    items += [Spacer(1, 4), para("QUYẾT ĐỊNH:", st.summary), Spacer(1, 6)]
    return items


def _commune_table(data: DecisionData, st: Styles) -> Flowable:
    with_district = any(c.district for c in data.communes)
    header = ["STT", "Tên đơn vị"] + ([DISTRICT_COLUMN] if with_district else []) + ["Tổng số điểm"]
    rows: list[list[Any]] = [[header_cell(label, st) for label in header]]
    for index, commune in enumerate(data.communes, start=1):
        row = [para(str(index), st.cell_center), para(commune.name, st.cell)]
        if with_district:
            row.append(para(commune.district, st.cell))
        total = "—" if commune.total is None else numbers.number(commune.total, PAPER)
        row.append(para(total, st.cell_center))
        rows.append(row)
    widths = [12 * mm, 0.0] + ([45 * mm] if with_district else []) + [30 * mm]
    widths[1] = TEXT_WIDTH - sum(widths)
    return grid_table(rows, widths)


def _articles(data: DecisionData, st: Styles) -> tuple[list[Flowable], Flowable]:
    count = numbers.number(len(data.communes), PAPER)
    items: list[Flowable] = [
        markup(
            f"<b>Điều 1.</b> Công nhận {count} đơn vị hành chính cấp xã đạt tiêu chuẩn "
            f"{STANDARD} năm {data.year}, gồm:",
            st.body,
        ),
        _commune_table(data, st),
        Spacer(1, 8),
        markup("<b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký.", st.body),
    ]
    last = markup(
        f"<b>Điều 3.</b> {text(data.executors)} chịu trách nhiệm thi hành Quyết định này./.",
        st.body,
    )
    return items, last


def render_decision(data: DecisionData) -> bytes:
    """The decision as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
    letter = data.letter

    def story(state: PageState, st: Styles) -> list[Flowable]:
        items: list[Flowable] = [
            SectionStart(state, "quyet-dinh", "Quyết định"),
            AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
            *title_block("Quyết định", summary_line(data.year), "", st),
        ]
        items += _preamble(data, st)
        articles, last = _articles(data, st)
        items += articles
        items.append(closing_block(letter.recipients, letter.signature, st, keep_with=[last]))
        if data.note:
            items.append(KeepTogether([Spacer(1, 10), para(f"Ghi chú: {data.note}", st.note)]))
        return items

    info = PdfInfo(
        title=f"Quyết định {summary_line(data.year).lower()}",
        subject=f"Công nhận {STANDARD} năm {data.year}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(str(data.year), letter.number, *(c.code for c in data.communes)),
    )
    banner = Banner(provisional_parts=data.provisional_parts, demo=data.demo)
    return build_pdf(story, info, banner)
