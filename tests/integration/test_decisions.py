"""The documents after the dossier, from a real store: the appraisal report (self-assessed and
appraised points side by side) and the recognition decision (recorded, validated, audited, printed
with the authority of its period)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.services import assessments, decision_documents, decisions
from assessor_app.services.decisions import DecisionInput
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_reports import COMPLETE, fill
from tests.unit.reports.fixtures import ARTIFACTS, flat, pdftotext, render_pages

CREATED = datetime(2026, 12, 5, 9, 0)
OUT = ARTIFACTS.parent / "decisions"  # the gallery of every document is documents/


def _appraised(ws: Workspace, commune: str = "06400", year: int = 2026) -> tuple[int, int]:
    """The commune's own assessment (TC2.1 higher than found) and the office's review."""
    own = fill(
        ws, commune, year, kind="self", values={**COMPLETE, "TC2.1": "50/50"}, finalise=False
    )
    for code, text in (("TC11.1", "points=60"), ("TC12.1", "points=50")):
        assessments.set_value(ws, own, code, text, "Có")
    assessments.finalize(ws, own)
    review = fill(
        ws, commune, year, kind="review", values={**COMPLETE, "TC2.1": "40/50"}, finalise=False
    )
    for code, text in (("TC11.1", "points=60"), ("TC12.1", "points=50")):
        assessments.set_value(ws, review, code, text, "Có")
    assessments.finalize(ws, review)
    return own, review


def _text(data: bytes, tmp_path: Path, name: str = "doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return flat(pdftotext(path, raw=True))


def _keep(data: bytes, name: str) -> None:
    """The document and its pages at 60 dpi under test-artifacts/decisions/, to look at."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.pdf"
    path.write_bytes(data)
    render_pages(path, OUT, name)


def _decision(**changes: object) -> DecisionInput:
    base = DecisionInput(
        year=2026,
        unit="20",
        number="125/QĐ-UBND",
        decided_on=date(2026, 12, 5),
        signer_name="Đoàn Thu Hà",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _team_pass(ws: Workspace) -> int:
    return fill(ws, "06400", 2026, kind="team")


def test_appraisal_report_shows_both_points_and_the_differences(
    workspace: Workspace, tmp_path: Path
) -> None:
    _appraised(workspace)
    data = decision_documents.appraisal_bytes(
        workspace, 2026, communes=["06400"], number="15/BC-SYT", created=CREATED
    )
    text = _text(data, tmp_path)
    assert "BÁO CÁO THẨM ĐỊNH" in text
    assert "Số: 15/BC-SYT" in text
    assert "SỞ Y TẾ" in text
    assert "TỈNH LẠNG SƠN" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn" in text
    assert "Điểm tự chấm" in text
    assert "Điểm thẩm định" in text
    assert "Chênh lệch" in text
    assert "Điểm thẩm định khác điểm tự chấm ở 1 tiêu chí: TC2" in text
    assert "Điểm thẩm định: kết quả thẩm định của cơ quan thẩm định" in text
    assert "Kết luận: xã Hữu Liên" in text
    assert "Nơi nhận:" in text
    _keep(data, "bao-cao-tham-dinh")
    again = decision_documents.appraisal_bytes(
        workspace, 2026, communes=["06400"], number="15/BC-SYT", created=CREATED
    )
    assert again == data


def test_appraisal_without_a_review_uses_the_team_and_says_so(
    workspace: Workspace, tmp_path: Path
) -> None:
    _team_pass(workspace)
    data = decision_documents.appraisal_bytes(workspace, 2026, unit="20", created=CREATED)
    text = _text(data, tmp_path)
    assert (
        "Chưa có kết quả thẩm định: điểm thẩm định là kết quả kiểm tra của đoàn liên ngành" in text
    )
    assert "Chưa có kết quả tự đánh giá của xã để đối chiếu" in text
    with pytest.raises(NotFoundError) as caught:
        decision_documents.appraisal_bytes(workspace, 2026, communes=["06385"])
    assert caught.value.code == "APPRAISAL_NOT_APPRAISED"


def test_a_decision_is_checked_recorded_and_audited(workspace: Workspace) -> None:
    _appraised(workspace)
    for bad, code in (
        (_decision(number="125/QD UBND x"), "DECISION_BAD_NUMBER"),
        (_decision(decided_on=date(2026, 10, 1)), "DECISION_BAD_DATE"),
        (_decision(decided_on=date(2027, 1, 5)), "DECISION_BAD_DATE"),
        (_decision(signer_name="  "), "DECISION_FIELD_REQUIRED"),
        (_decision(year=1990), "YEAR_OUT_OF_RANGE"),
        (_decision(recognised=("06385",)), "DECISION_NOT_MET"),
    ):
        with pytest.raises(InputError) as caught:
            decisions.record_decision(workspace, bad)
        assert caught.value.code == code
    assert decisions.list_decisions(workspace) == []
    assert decisions.decision_for(workspace, 2026, "20") is None

    recorded = decisions.record_decision(workspace, _decision(appraisal_number="15/BC-SYT"))
    assert [c.code for c in recorded.recognised] == ["06400"]
    assert recorded.authority == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert recorded.authority_status == "not_verified"
    assert not recorded.verified
    assert decisions.decision_for(workspace, 2026, "20") == recorded
    assert decisions.get_decision(workspace, recorded.id) == recorded
    with pytest.raises(InputError) as caught:
        decisions.record_decision(workspace, _decision())
    assert caught.value.code == "DECISION_NUMBER_TAKEN"
    with workspace.database.reading() as session:
        entries = Repository(session).audit_entries(STORE_CHAIN)
    assert entries[-1].action == "record_decision"
    assert entries[-1].target == f"decision:{recorded.id}"
    assert entries[-1].new["number"] == "125/QĐ-UBND"


def test_a_decision_not_meeting_anything_is_refused(workspace: Workspace) -> None:
    fill(workspace, "06400", 2026, kind="review", values={"TC2.1": "1/50"})
    with pytest.raises(InputError) as caught:
        decisions.record_decision(workspace, _decision())
    assert caught.value.code == "DECISION_NO_COMMUNE"


def test_the_decision_after_the_reform_prints_its_articles_and_a_not_verified_note(
    workspace: Workspace, tmp_path: Path
) -> None:
    _appraised(workspace)
    recorded = decisions.record_decision(workspace, _decision(appraisal_number="15/BC-SYT"))
    data = decision_documents.decision_bytes(workspace, recorded.id)
    text = _text(data, tmp_path)
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc công nhận xã, phường, thị trấn phù hợp với trẻ em năm 2026" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in text
    assert "Căn cứ Quyết định số 06/QĐ-TTg" in text
    assert "Căn cứ Báo cáo thẩm định số 15/BC-SYT" in text
    assert "Điều 1." in text
    assert "Xã Hữu Liên" in text
    assert "Điều 2. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "Điều 3." in text
    assert "Giám đốc Sở Y tế" in text
    assert "Số: 125/QĐ-UBND" in text
    assert "Lạng Sơn, ngày 05 tháng 12 năm 2026" in text
    assert "chưa được đối chiếu" in text
    assert "Đoàn Thu Hà" in text
    assert decision_documents.decision_bytes(workspace, recorded.id) == data  # no clock inside
    _keep(data, "quyet-dinh")


def test_the_decision_before_the_reform_is_the_district_chairs(
    workspace: Workspace, tmp_path: Path
) -> None:
    # 06400 in 2024: Xã Yên Thịnh of district 186 (the list of 2020–2024); QĐ 06/2019.
    _appraised(workspace, "06400", 2024)
    authority = decisions.configured_authority(workspace, 2024, "186")
    assert authority.scope == "district"
    assert authority.verified
    with pytest.raises(InputError) as caught:  # the province did not decide before the reform
        decisions.record_decision(workspace, _decision(year=2024, decided_on=date(2024, 12, 2)))
    assert caught.value.code == "DECISION_WRONG_SCOPE"
    recorded = decisions.record_decision(
        workspace,
        _decision(year=2024, unit="186", decided_on=date(2024, 12, 2), signer_name="Lý Văn Hùng"),
    )
    assert recorded.authority.startswith("Ủy ban nhân dân huyện ")
    assert recorded.verified
    appraisal = _text(
        decision_documents.appraisal_bytes(workspace, 2024, unit="186", created=CREATED),
        tmp_path,
        "appraisal.pdf",
    )
    assert "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in appraisal
    assert "Số: /BC-LĐTBXH" in appraisal
    text = _text(decision_documents.decision_bytes(workspace, recorded.id), tmp_path)
    assert f"CHỦ TỊCH {recorded.authority.upper()}" in text
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" in text
    assert "Xét đề nghị của Trưởng phòng Lao động - Thương binh và Xã hội huyện" in text
    assert "Huyện Hữu Lũng" not in text  # a district's own decision needs no district column
    assert "chưa được đối chiếu" not in text
    _keep(decision_documents.decision_bytes(workspace, recorded.id), "quyet-dinh-huyen-2024")


def test_a_decision_may_name_its_own_authority(workspace: Workspace, tmp_path: Path) -> None:
    _appraised(workspace)
    recorded = decisions.record_decision(
        workspace,
        _decision(authority="Ủy ban nhân dân xã Hữu Liên", signer_authority="KT. Chủ tịch"),
    )
    assert recorded.authority_status == "overridden"
    assert recorded.verified
    assert recorded.decider == "Chủ tịch Ủy ban nhân dân xã Hữu Liên"
    text = _text(decision_documents.decision_bytes(workspace, recorded.id), tmp_path)
    assert "KT. CHỦ TỊCH" in text
    assert "chưa được đối chiếu" not in text


def test_the_regime_of_2014_cites_the_circular() -> None:
    from assessor_app.services.recognition_authorities import standard_bases

    assert standard_bases("QD34-2014")[0].startswith("Thông tư số 25/2014/TT-BLĐTBXH")
    assert standard_bases("QD06-2019") == ()


def test_writing_the_documents(workspace: Workspace, tmp_path: Path) -> None:
    _appraised(workspace)
    out = tmp_path / "bao-cao.pdf"
    decision_documents.write_appraisal(workspace, out, 2026, unit="20", created=CREATED)
    assert out.read_bytes().startswith(b"%PDF")
    recorded = decisions.record_decision(workspace, _decision())
    target = tmp_path / "qd.pdf"
    decision_documents.write_decision(workspace, recorded.id, target)
    assert "QUYẾT ĐỊNH" in pdftotext(target)
    with pytest.raises(InputError):
        decision_documents.write_decision(workspace, recorded.id, tmp_path / "qd.txt")


def test_documents_name_who_the_province_set_in_the_procedure(
    workspace: Workspace, tmp_path: Path
) -> None:
    """After the reform no text names who appraises and who decides: the province sets them in
    the procedure (services/procedures.py), and the appraisal report and the decision name them,
    as set by the province, without the not-verified note."""
    from assessor_app.services import procedures

    after = date(2025, 7, 1)
    procedures.set_actor(
        workspace, "QD06-2019", "appraisal", after, "Sở Nội vụ", "Quyết định giao việc của tỉnh"
    )
    procedures.set_actor(
        workspace,
        "QD06-2019",
        "decision",
        after,
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "Quyết định giao việc của tỉnh",
    )
    found = decisions.configured_authority(workspace, 2026, "20")
    assert (found.status, found.appraiser, found.appraiser_symbol) == (
        "province",
        "Sở Nội vụ",
        "BC-SNV",
    )
    assert (found.decider, found.issuer, found.signer_position) == (
        "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn",
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "Chủ tịch",
    )
    _appraised(workspace)
    report = _text(
        decision_documents.appraisal_bytes(workspace, 2026, unit="20", created=CREATED),
        tmp_path,
        "report.pdf",
    )
    assert "SỞ NỘI VỤ" in report
    assert "/BC-SNV" in report
    recorded = decisions.record_decision(workspace, _decision())
    assert recorded.authority == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert recorded.verified
    text = _text(decision_documents.decision_bytes(workspace, recorded.id), tmp_path)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in text
    assert "Xét đề nghị của Giám đốc Sở Nội vụ" in text
    assert "chưa được đối chiếu" not in text
