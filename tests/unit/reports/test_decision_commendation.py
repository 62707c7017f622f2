"""The decision on a commendation, rendered from its data: the units alone need no column of
positions; the proposer, when known, fills its line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from assessor_app.reports.decision_commendation import (
    CommendationData,
    Commended,
    render_commendation,
)
from assessor_app.reports.model import IssuingBody, Letter, Signature
from tests.unit.reports.fixtures import flat, pdftotext, write_pdf


def _data(**changes: object) -> CommendationData:
    base = CommendationData(
        letter=Letter(
            issuer=IssuingBody("Ủy ban nhân dân tỉnh Lạng Sơn"),
            number="88/QĐ-UBND",
            place="Lạng Sơn",
            date=date(2026, 12, 5),
            signature=Signature("Chủ tịch", "Đoàn Thu Hà"),
            recipients=("Như Điều 3", "Lưu: VT"),
        ),
        year=2026,
        decider="Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        bases=("Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",),
        form="Giấy khen",
        authority="Ủy ban nhân dân tỉnh Lạng Sơn",
        units=(Commended("Xã Hữu Liên"), Commended("Xã Yên Bình")),
        people=(),
        reason="Có thành tích xuất sắc",
        executors="Chánh Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn",
        created=datetime(2026, 12, 5, 12),
    )
    return CommendationData(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_units_only(tmp_path: Path) -> None:
    text = flat(pdftotext(write_pdf(tmp_path, "k.pdf", render_commendation(_data()))))
    assert "Tặng Giấy khen của Ủy ban nhân dân tỉnh Lạng Sơn cho 2 tập thể sau đây:" in text
    assert "STT Tập thể, cá nhân 1 Xã Hữu Liên 2 Xã Yên Bình" in text
    assert "Chức vụ, đơn vị" not in text
    assert "Xét đề nghị của ……" in text


def test_the_proposer_when_known_and_the_same_bytes(tmp_path: Path) -> None:
    data = _data(proposer="Giám đốc Sở Y tế")
    text = flat(pdftotext(write_pdf(tmp_path, "k.pdf", render_commendation(data))))
    assert "Xét đề nghị của Giám đốc Sở Y tế." in text
    assert render_commendation(data) == render_commendation(data)  # deterministic
