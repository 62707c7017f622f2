"""The decision revoking a recognition (Quyết định thu hồi quyết định công nhận): "QUYẾT ĐỊNH Về
việc thu hồi quyết định công nhận xã, phường, thị trấn phù hợp với trẻ em năm …", laid out like
the recognition decision (reports/decision.py): who decides, the căn cứ lines, "QUYẾT ĐỊNH:",
Điều 1 revoking the decision cited for the communes listed with the reason, Điều 2 (effect),
Điều 3 (who executes), recipients and signature.

No text we could read says on what legal basis a recognition is revoked, nor who proposes it
(../shared/reference/procedure-tt25-2014.md: "Re-assessment, revocation (thu hồi): NOT
RETRIEVED"): the document cites only what the store knows (the law on local government and the
standard as the recognition did, and the decision revoked), then the basis and the proposer when
the office gave them (`decision revoke … --basis --proposer`, the revocation dialog), and
otherwise leaves a dotted line for each, to be written in by hand before signing.

`render_revocation(data)` is pure: the same `RevocationData` gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer  # type: ignore[import-untyped]

from assessor_app.domain.text import nfc
from assessor_app.reports.decision import STANDARD, RecognisedCommune
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

BLANK = "…" * 30  # a line the office fills in by hand


@dataclass(frozen=True)
class RevocationData:
    """Everything the revocation prints.

    Fields:
        letter: the frame: issuer, number, place and date, signature, recipients.
        year: the evaluation year whose recognition is revoked.
        decider: who decides ("Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn").
        bases: the căn cứ lines the store supports, without "Căn cứ" and final ";" (the decision
            revoked last); a dotted line follows for the basis of the revocation itself.
        revoked: the decision revoked as cited ("Quyết định số 125/QĐ-UBND ngày 05/12/2026 của
            Ủy ban nhân dân tỉnh Lạng Sơn").
        communes: the communes whose recognition is revoked.
        reason: why.
        executors: who executes the decision (Điều 3), without the verb.
        note: a note under the signature (the authority not verified); empty for none.
        proposer: who proposed the revocation ("Giám đốc Sở Y tế"); empty → a dotted line.
        basis: the act the revocation rests on, as cited; empty → a dotted line.
        created: the PDF's creation date.
        provisional_parts: the catalogue's provisional parts (the banner on every page).
        demo: the demo store's data.
    """

    letter: Letter
    year: int
    decider: str
    bases: tuple[str, ...]
    revoked: str
    communes: tuple[RecognisedCommune, ...]
    reason: str
    executors: str
    created: datetime
    note: str = ""
    provisional_parts: tuple[str, ...] = ()
    demo: bool = False
    proposer: str = ""
    basis: str = ""


def summary_line(year: int) -> str:
    return f"Về việc thu hồi quyết định công nhận {STANDARD} năm {year}"


def _preamble(data: RevocationData, st: Styles) -> list[Flowable]:
    items: list[Flowable] = [para(upper(data.decider), st.summary), Spacer(1, 8)]
    lines = [f"Căn cứ {basis};" for basis in data.bases]
    lines += [f"Căn cứ {data.basis or BLANK};", f"Xét đề nghị của {data.proposer or BLANK}."]
    items += [markup(f"<i>{text(line)}</i>", st.body) for line in lines]
    items += [Spacer(1, 4), para("QUYẾT ĐỊNH:", st.summary), Spacer(1, 6)]
    return items


def _commune_table(data: RevocationData, st: Styles) -> Flowable:
    with_district = any(c.district for c in data.communes)
    header = ["STT", "Tên đơn vị"] + ([DISTRICT_COLUMN] if with_district else [])
    rows: list[list[Any]] = [[header_cell(label, st) for label in header]]
    for index, commune in enumerate(data.communes, start=1):
        row = [para(str(index), st.cell_center), para(commune.name, st.cell)]
        if with_district:
            row.append(para(commune.district, st.cell))
        rows.append(row)
    widths = [12 * mm, 0.0] + ([55 * mm] if with_district else [])
    widths[1] = TEXT_WIDTH - sum(widths)
    return grid_table(rows, widths)


def _articles(data: RevocationData, st: Styles) -> tuple[list[Flowable], Flowable]:
    count = numbers.number(len(data.communes), PAPER)
    items: list[Flowable] = [
        markup(
            f"<b>Điều 1.</b> Thu hồi {text(data.revoked)} về việc công nhận {STANDARD} năm "
            f"{data.year} đối với {count} đơn vị hành chính cấp xã sau đây:",
            st.body,
        ),
        _commune_table(data, st),
        Spacer(1, 4),
        markup(f"Lý do thu hồi: {text(data.reason.rstrip('.'))}.", st.body),
        Spacer(1, 4),
        markup("<b>Điều 2.</b> Quyết định này có hiệu lực kể từ ngày ký.", st.body),
    ]
    last = markup(
        f"<b>Điều 3.</b> {text(data.executors)} chịu trách nhiệm thi hành Quyết định này./.",
        st.body,
    )
    return items, last


def render_revocation(data: RevocationData) -> bytes:
    """The revocation as PDF bytes (A4, Liberation Serif embedded, deterministic)."""
    letter = data.letter

    def story(state: PageState, st: Styles) -> list[Flowable]:
        items: list[Flowable] = [
            SectionStart(state, "quyet-dinh", "Quyết định"),
            AdminHeader(letter.issuer, letter.number, place_date(letter.place, letter.date)),
            # Broken where an official would break it, not before the year.
            *title_block("Quyết định", summary_line(data.year).replace(" xã,", "\nxã,", 1), "", st),
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
        subject=f"Thu hồi công nhận {STANDARD} năm {data.year}",
        author=nfc(letter.issuer.name).replace("\n", " "),
        created=data.created,
        keywords=(str(data.year), letter.number, *(c.code for c in data.communes)),
    )
    banner = Banner(provisional_parts=data.provisional_parts, demo=data.demo)
    return build_pdf(story, info, banner)
