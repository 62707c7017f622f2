"""The visible signature (issue 15): a stamp box in the blank space of the document's last signer
block, saying who signed, when (Vietnam time, the same moment as the signature's own time) and
for which organisation, in Vietnamese; the document still verifies with pyHanko and `pdfsig`, and
a byte changed afterwards is still caught. A PDF without a signer block gets the box below its
last line, or no box when its last page is full."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from assessor_app.core.progress import OperationCancelled
from assessor_app.reports.dossier import render_dossier
from assessor_app.services import pdf_appearance, pdf_signatures
from assessor_app.services.pdf_appearance import Line
from assessor_app.services.pdf_signing import CertificateFile
from assessor_app.texts import dates
from tests.pdf_certificates import (
    PASSPHRASE,
    SIGNER_NAME,
    SIGNER_ORGANISATION,
    Authority,
    authority,
    sign_anyway,
    sign_document_anyway,
)
from tests.unit.reports import fixtures

__all__ = ["authority"]  # fixture


def _need(program: str) -> None:
    if not shutil.which(program):
        pytest.skip(f"poppler's {program} is not installed (apt-get install poppler-utils)")


def _text(pdf: Path, page: int) -> str:
    _need("pdftotext")
    args = ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout


def _stamp_words(pdf: Path, page: int, box: tuple[float, ...]) -> list[tuple[float, float, float]]:
    """Each text line inside `box`: its left, its right and its height (≈ the font size), from
    `pdftotext -bbox-layout` (y from the top of the A4 page)."""
    import re

    _need("pdftotext")
    args = ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    xml = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    found = []
    for match in re.finditer(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', xml
    ):
        left, top, right, bottom = (float(v) for v in match.groups())
        if box[0] <= left and right <= box[2] and box[1] <= 842 - bottom and 842 - top <= box[3]:
            found.append((left, right, bottom - top))
    assert len(found) == 3, xml
    return found


def _widget_rect(signed: Path) -> list[float]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    [embedded] = PdfFileReader(io.BytesIO(signed.read_bytes())).embedded_signatures
    return [float(v) for v in embedded.sig_field["/Rect"]]


def test_the_signer_gap_is_the_blank_between_position_and_name() -> None:
    # the minutes' two blocks: secretary on the left (ignored), chair on the right; table cells
    # (10 pt) and a 13 pt line far above are not a signer block
    lines = [
        Line(320, 731, 13, "Hữu Liên, ngày 28 tháng 11 năm 2026"),
        Line(366, 452, 10, "80"),
        Line(366, 395, 10, "50"),
        Line(120, 616, 13, "THƯ KÝ"),
        Line(368, 616, 13, "CHỦ TỊCH HỘI ĐỒNG"),
        Line(120, 531, 13, "Lộc Thị Hằng"),
        Line(385, 531, 13, "Hoàng Văn Thắng"),
    ]
    ordered = sorted(lines, key=lambda line: -line.y)
    assert pdf_appearance.signer_gap(ordered, 595) == (lines[4], lines[6])
    # a name line in small print, or a gap too wide, is not one
    assert pdf_appearance.signer_gap([lines[4], Line(385, 531, 10, "x")], 595) is None
    assert pdf_appearance.signer_gap([lines[4], Line(385, 400, 13, "Tên")], 595) is None


def test_a_visible_signature_in_the_last_signer_block(tmp_path: Path, authority: Authority) -> None:
    dossier = tmp_path / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    # the last signer block of the dossier: the council minutes' chair, page 12 of 14; its
    # position line's baseline is at y=616, the name's at y=531 (pdftotext -bbox)
    at = pdf_appearance.placement(dossier.read_bytes())
    assert at is not None
    assert at.page == 11
    x1, y1, x2, y2 = at.box
    assert 531 + 13 < y1 < y2 < 616 - 3  # between the name's top and the position's foot
    assert x2 - x1 == pdf_appearance.STAMP_WIDTH
    assert x1 > 595 / 2 - 20

    signed = sign_anyway(dossier, None, CertificateFile(authority.pkcs12, PASSPHRASE), visible=True)
    # the box is sized to its text, centred in the room: inside it, narrower
    bx1, by1, bx2, by2 = _widget_rect(signed)
    assert x1 < bx1 < bx2 < x2
    assert y1 <= by1 < by2 <= y2
    assert abs((bx1 + bx2) / 2 - (x1 + x2) / 2) <= 1
    assert 140 < bx2 - bx1 < 200
    [status] = pdf_signatures.verify(signed, pdf_signatures.trust_roots([authority.ca_pem]))
    assert status.good
    assert status.signed_at is not None
    said = _text(signed, 12)
    assert f"Ký bởi: {SIGNER_NAME}" in said
    assert f"Ngày ký: {dates.local(status.signed_at).strftime('%d/%m/%Y %H:%M')}" in said
    assert f"Cơ quan: {SIGNER_ORGANISATION}" in said
    # legible (11 pt) and each line centred in the box
    words = _stamp_words(signed, 12, (bx1, by1, bx2, by2))
    assert all(11 <= size <= 13.5 for _x1, _x2, size in words)  # a line is ~1.15 em of 11 pt
    centres = {round((left + right) / 2) for left, right, _size in words}
    assert max(centres) - min(centres) <= 2
    assert abs(min(centres) - (bx1 + bx2) / 2) <= 2
    _need("pdfsig")
    checked = subprocess.run(["pdfsig", str(signed)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in checked
    assert "Total document signed" in checked

    # the attack: a byte of the page changed after signing is caught, stamp or not
    raw = bytearray(signed.read_bytes())
    raw[raw.index(b"stream", 2000) + 40] ^= 0x01
    changed = tmp_path / "da-sua.pdf"
    changed.write_bytes(bytes(raw))
    [after] = pdf_signatures.verify(changed, pdf_signatures.trust_roots([authority.ca_pem]))
    assert not after.intact
    assert not after.good


def test_a_long_organisation_shrinks_the_text_not_under_8_pt() -> None:
    room = pdf_appearance.Placement(0, (316, 547, 556, 607))
    short = {"signer": "Nguyễn Thị Hường", "org": "Sở Y tế tỉnh Hà Nam"}
    box, size = pdf_appearance.fitted(room, short)
    assert size == pdf_appearance.STAMP_SIZE == 11
    long = dict(short, org="Sở Lao động - Thương binh và Xã hội tỉnh Hà Nam, Văn phòng Sở")
    box, size = pdf_appearance.fitted(room, long)
    assert 8 <= size < 11
    assert box[2] - box[0] <= 240
    box, size = pdf_appearance.fitted(room, dict(short, org="Ủy ban nhân dân " * 8))
    assert size == 8  # never smaller
    assert pdf_appearance.stamp_template({"signer": "A", "org": ""}).count("\n") == 1


def _plain_pdf(path: Path, lines: int) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for number in range(lines):
        canvas.drawString(72, 800 - 14 * number, f"line {number}")
    canvas.save()
    return path


def test_without_a_signer_block_the_box_goes_below_the_last_line(
    tmp_path: Path, authority: Authority
) -> None:
    at = pdf_appearance.placement(_plain_pdf(tmp_path / "a.pdf", 3).read_bytes())
    assert at is not None
    assert at.page == 0
    assert at.box[3] < 800 - 14 * 2 - 10  # under the third line
    full = _plain_pdf(tmp_path / "full.pdf", 56)  # down to y=30: no room anywhere below
    assert pdf_appearance.placement(full.read_bytes()) is None
    result = sign_document_anyway(
        full, None, CertificateFile(authority.pkcs12, PASSPHRASE), visible=True
    )
    assert not result.drawn  # and the dialog and the command line say so
    signed = result.path
    [status] = pdf_signatures.verify(signed)
    assert status.valid  # signed all the same, without a drawn box
    assert _widget_rect(signed) == [0.0, 0.0, 0.0, 0.0]


def test_a_cancelled_signing_writes_nothing(tmp_path: Path, authority: Authority) -> None:
    source = _plain_pdf(tmp_path / "a.pdf", 3)
    with pytest.raises(OperationCancelled):
        sign_document_anyway(
            source,
            None,
            CertificateFile(authority.pkcs12, PASSPHRASE),
            visible=True,
            cancelled=lambda: True,
        )
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["a.pdf"]


def test_a_co_signer_stamps_the_block_before(tmp_path: Path, authority: Authority) -> None:
    dossier = tmp_path / "ho-so.pdf"
    dossier.write_bytes(render_dossier(fixtures.dossier_qd06()))
    key = CertificateFile(authority.pkcs12, PASSPHRASE)
    first = sign_anyway(dossier, tmp_path / "mot.pdf", key, visible=True)
    at = pdf_appearance.placement(first.read_bytes())
    assert at is not None
    # not over the first stamp (minutes' chair, page 12): the block before it, the table's
    # signer on page 10 (position at y=598, name at y=513)
    assert at.page == 9
    assert 513 + 13 < at.box[1] < at.box[3] < 598 - 3
    second = sign_anyway(first, tmp_path / "hai.pdf", key, visible=True)
    one, two = pdf_signatures.verify(second)
    assert one.intact
    assert one.valid
    assert not one.whole_file
    assert two.intact
    assert two.valid
    assert two.whole_file
