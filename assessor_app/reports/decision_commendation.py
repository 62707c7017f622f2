"""The decision on a commendation (Quyết định về việc khen thưởng): "QUYẾT ĐỊNH Về việc khen
thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác xây dựng xã, phường, thị trấn phù
hợp với trẻ em năm …", laid out like the recognition decision (reports/decision.py): who decides,
the căn cứ lines, "QUYẾT ĐỊNH:", Điều 1 awarding the form recorded ("Bằng khen") to the units and
people listed, with the reason, Điều 2 (effect), Điều 3 (who executes), recipients and signature.

The store knows the commendation's decision (number, date, authority, signer, form, reason, whom
it commends) and the law on local government of the year; it does not know the law on emulation
and commendation the office cites, nor who proposed the commendation: a dotted line is left for
each, as on the revocation, for the office to write in before signing.

`render_commendation(data)` is pure: the same `CommendationData` gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.decision import STANDARD
from assessor_app.reports.decision_revocation import BLANK
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
from assessor_app.texts.documents import place_date


@dataclass(frozen=True)
class Commended:
    """A row of Điều 1: a unit (`position` and `unit` empty) or a person."""

    name: str
    position: str = ""
    unit: str = ""


@dataclass(frozen=True)
class CommendationData:
    """Everything the commendation prints.

    Fields:
        letter: the frame: issuer, number, place and date, signature, recipients.
        year: the evaluation year whose work is rewarded.
        decider: who decides ("Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn").
        bases: the căn cứ lines the store supports, without "Căn cứ" and final ";"; a dotted
            line follows for the law on emulation and commendation.
        proposer: who proposed it ("Giám đốc Sở Y tế"); empty → a dotted line.
        form: the form of the award as the decision writes it ("Bằng khen").
        authority: whose award it is ("Ủy ban nhân dân tỉnh Lạng Sơn").
        units, people: the units and the people commended.
        reason: for what.
        executors: who executes the decision (Điều 3), without the verb.
        created: the PDF's creation date.
        demo: the demo store's data.
    """

    letter: Letter
    year: int
    decider: str
    bases: tuple[str, ...]
    form: str
    authority: str
    units: tuple[Commended, ...]
    people: tuple[Commended, ...]
    reason: str
    executors: str
    created: datetime
    proposer: str = ""
    demo: bool = False


def summary_line(year: int) -> str:
    return (
        "Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong công tác xây dựng "
        f"{STANDARD} năm {year}"
    )


def _preamble(data: CommendationData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [para(upper(data.decider), st.summary), Spacer(1, 8)]
    lines = [f"Căn cứ {basis};" for basis in data.bases]
    lines += [f"Căn cứ {BLANK};", f"Xét đề nghị của {data.proposer or BLANK}."]
    items += [markup(f"<i>{text(line)}</i>", st.body) for line in lines]
    items += [Spacer(1, 4), para("QUYẾT ĐỊNH:", st.summary), Spacer(1, 6)]
    return items


def _table(data: CommendationData, st: Styles) -> Flowable:
    # The position and unit column only when people are commended (units have neither).
    people = bool(data.people)
    labels = ("STT", "Tập thể, cá nhân") + (("Chức vụ, đơn vị",) if people else ())
    rows: list[list[Any]] = [[header_cell(label, st) for label in labels]]
    for index, who in enumerate((*data.units, *data.people), start=1):
        row = [para(str(index), st.cell_center), para(who.name, st.cell)]
        if people:
            row.append(para(", ".join(x for x in (who.position, who.unit) if x), st.cell))
        rows.append(row)
    widths = [12 * mm, 0.0, *([70 * mm] if people else [])]
    widths[1] = TEXT_WIDTH - sum(widths)
    return grid_table(rows, widths)


def _whom(data: CommendationData) -> str:
    """ "02 tập thể và 01 cá nhân" as the decision counts them (NĐ 30/2020 writes numbers)."""
    parts = []
    if data.units:
        parts.append(f"{numbers.number(len(data.units), PAPER)} tập thể")
    if data.people:
        parts.append(f"{numbers.number(len(data.people), PAPER)} cá nhân")
    return " và ".join(parts)


def _articles(data: CommendationData, st: Styles) -> tuple[list[Flowable], Flowable]:
    reason = nfc(data.reason).strip().rstrip(".")
    items: list[Flowable] = [
        markup(
            f"<b>Điều 1.</b> Tặng {text(data.form)} của {text(data.authority)} cho "
            f"{_whom(data)} sau đây:",
            st.body,
        ),
        _table(data, st),
        Spacer(1, 4),
        markup(f"Lý do khen thưởng: {text(reason)}.", st.body),
        Spacer(1, 4),
        markup("<b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký.", st.body),
    ]
    last = markup(
        f"<b>Điều 3.</b> {text(data.executors)} và các tập thể, cá nhân có tên tại Điều 1 chịu "
        "trách nhiệm thi hành Quyết định này./.",
        st.body,
    )
    return items, last


def render_commendation(data: CommendationData) -> bytes:
    """The commendation as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
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
        return items

    info = PdfInfo(
        title=f"Quyết định {summary_line(data.year).lower()}",
        subject=f"Khen thưởng — {STANDARD} năm {data.year}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(str(data.year), letter.number),
    )
    return build_pdf(story, info, Banner(demo=data.demo))
