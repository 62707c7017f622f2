"""Printed documents from a real store: the dossier details, the dossier of an assessment, the
summary of the province and of a district, the workbook, the plan's targets, writing the files."""

from __future__ import annotations

import errno
import json
import os
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from assessor_app.domain.errors import (
    InputError,
    NotFoundError,
    OperationCancelled,
    StoreError,
)
from assessor_app.domain.scoring import score
from assessor_app.services import (
    assessments,
    demo,
    dossier_details,
    keys,
    notes,
    reference_data,
    report_data,
    report_shaping,
    reports,
    team,
    trust,
)
from assessor_app.services.dossier_details import CouncilMemberDetails
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import Repository
from assessor_app.storage.schema import QuarantineRow
from assessor_app.texts import labels
from tests.store_template import with_reference_data
from tests.unit.reports.fixtures import (
    ARTIFACTS,
    flat,
    page_count,
    pdffonts,
    pdftotext,
    render_pages,
)

CREATED = datetime(2026, 12, 2, 9, 30)
TEAM_PASS = "mật khẩu của đoàn kiểm tra"
OFFICE_PASS = "mật khẩu văn phòng thẩm định"

COMPLETE = {
    "TC1.1": "yes",
    "TC1.2": "yes",
    "TC1.3": "yes",
    "TC1.4": "no",
    "TC2.1": "49/50",
    "TC3.1": "1/1250",
    "TC4.1": "0/1250",
    "TC5.1": "8/1250",
    "TC6.1": "19/20",
    "TC6.2": "0/0",
    "TC7.1": "47/48",
    "TC8.1": "12/110",
    "TC8.2": "25/110",
    "TC9.1": "1000/1250",
    "TC10.1": "88/100",
    "TC13.1": "150/200",
}
MANUAL = {
    "TC11.1": ("points=60", "Có câu lạc bộ quyền trẻ em"),
    "TC12.1": ("points=50", "Có điểm vui chơi"),
}


# --- helpers


@pytest.fixture
def demo_ws(workspace: Workspace) -> tuple[Workspace, list[int]]:
    return workspace, demo.create_demo(workspace)


def fill(
    ws: Workspace,
    commune: str,
    year: int = 2026,
    kind: str = "team",
    values: dict[str, str] | None = None,
    finalise: bool = True,
) -> int:
    created = assessments.create(ws, commune, year, kind=kind)
    for code, text in (values if values is not None else COMPLETE).items():
        assessments.set_value(ws, created.id, code, text)
    if values is None:
        for code, (text, why) in MANUAL.items():
            assessments.set_value(ws, created.id, code, text, why)
    if finalise:
        assessments.finalize(ws, created.id)
    return created.id


def letter_details(ws: Workspace, assessment_id: int) -> dossier_details.DossierDetails:
    base = dossier_details.get_details(ws, assessment_id)
    return replace(
        base,
        letter_number="12/TTr-UBND",
        signer_name="Hoàng Văn Thắng",
        letter_date=date(2026, 11, 28),
        council_held_at=datetime(2026, 11, 20, 8, 0),
        council_ended_at=datetime(2026, 11, 20, 11, 15),
        council_chair="Hoàng Văn Thắng",
        council_chair_position="Phó Chủ tịch UBND xã",
        council_secretary="Lộc Thị Hằng",
        council_members=(
            CouncilMemberDetails(
                "Lương Thị Hoa", "Công chức Văn hóa - Xã hội", "Thường trực Hội đồng"
            ),
            CouncilMemberDetails("Lăng Văn Kiên", "Trạm trưởng Trạm Y tế xã"),
            CouncilMemberDetails("Triệu Văn Minh", "Hiệu trưởng Trường Tiểu học", present=False),
            CouncilMemberDetails("Lộc Thị Hằng", "Hiệu trưởng Trường Mầm non", "Thư ký"),
        ),
        council_conclusion="Hội đồng thống nhất đề nghị công nhận xã Hữu Liên đạt chuẩn năm 2026.",
        council_votes_for=4,
        council_votes_against=0,
    )


# --- dossier details


def test_defaults_follow_the_commune_and_the_reform(demo_ws: tuple[Workspace, list[int]]) -> None:
    ws, (complete, _partial, old) = demo_ws
    new = dossier_details.get_details(ws, complete)
    assert not new.stored
    assert new.issuer == "Ủy ban nhân dân\nxã Hữu Liên"
    assert new.issuer_parent == ""  # a people's committee has no parent line
    assert new.addressee == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert new.place == "Hữu Liên"
    assert new.letter_number == "/TTr-UBND"
    assert "Sở Y tế tỉnh Lạng Sơn" in new.recipients
    # The standard's seats (TT 25/2014 as quoted, SECONDARY), filled from the team by agency;
    # the seats nobody in the team takes stay to be named.
    assert [(m.position, m.name, m.role) for m in new.council_members] == [
        ("Công chức Văn hóa - Xã hội", "Hoàng Thị Lan", "Thường trực Hội đồng"),
        ("Trưởng Công an xã", "", "Thành viên"),
        ("Công chức Tư pháp - Hộ tịch", "Lộc Thị Hoa", "Thư ký"),
        ("Trạm trưởng Trạm Y tế xã", "Nông Văn Minh", "Thành viên"),
        ("Hiệu trưởng Trường Trung học cơ sở", "", "Thành viên"),
        ("Hiệu trưởng Trường Tiểu học", "", "Thành viên"),
        ("Hiệu trưởng Trường Mầm non", "", "Thành viên"),
    ]
    assert new.council_chair_position == "Chủ tịch Ủy ban nhân dân xã"
    assert new.council_number == "/BB-HĐĐG"
    assert new.council_secretary == "Lộc Thị Hoa"
    assert new.council_held_at is None  # no minutes until the meeting is recorded
    before = dossier_details.get_details(ws, old)  # 06385 in 2016: Huyện Văn Quan existed
    summary = assessments.summary(ws, old)
    units = reference_data.unit_history(ws, summary.commune_code)
    district = next(u.district_name for u in units if u.list_code == summary.unit_list)
    assert before.issuer_parent == ""
    assert before.addressee == "Ủy ban nhân dân " + district[0].lower() + district[1:]
    assert any(r.startswith("Phòng Lao động - Thương binh và Xã hội") for r in before.recipients)


def test_set_details_is_validated_normalised_and_audited(
    demo_ws: tuple[Workspace, list[int]],
) -> None:
    ws, (complete, partial, _old) = demo_ws
    details = letter_details(ws, complete)
    with pytest.raises(InputError) as caught:
        dossier_details.set_details(ws, complete, replace(details, signer_name="  "))
    assert caught.value.code == "DOSSIER_FIELD_REQUIRED"
    assert caught.value.params["field"] == "signer_name"
    with pytest.raises(InputError) as caught:
        dossier_details.set_details(
            ws, complete, replace(details, council_held_at=datetime(2026, 12, 1, 8))
        )
    assert caught.value.code == "DOSSIER_BAD_DATE"  # the council meets before the letter
    with pytest.raises(InputError) as caught:
        dossier_details.set_details(ws, complete, replace(details, letter_date=date(2025, 10, 1)))
    assert caught.value.code == "DOSSIER_BAD_DATE"  # before the evaluation year began
    with pytest.raises(InputError) as caught:
        dossier_details.set_details(ws, complete, replace(details, council_chair=""))
    assert caught.value.params["field"] == "council_chair"
    with pytest.raises(InputError):
        dossier_details.set_details(
            ws, complete, replace(details, council_ended_at=datetime(2026, 11, 20, 7, 0))
        )
    with pytest.raises(NotFoundError):
        dossier_details.set_details(ws, 999, details)

    nfd = unicodedata.normalize("NFD", "Hoàng  Văn   Thắng")
    saved = dossier_details.set_details(
        ws, complete, replace(details, signer_name=nfd, recipients=("- Như trên;", "Lưu: VT."))
    )
    assert saved.signer_name == "Hoàng Văn Thắng"
    assert unicodedata.is_normalized("NFC", saved.signer_name)
    assert saved.recipients == ("Như trên", "Lưu: VT")
    assert saved.stored
    assert saved.updated_by == ws.actor
    assert dossier_details.get_details(ws, complete) == saved

    revision = assessments.summary(ws, complete).revision
    report = assessments.audit(ws, complete)  # finalised: the paperwork follows it, audited
    assert report.intact
    entry = report.entries[-1]
    assert entry.action == "set_dossier_details"
    assert entry.old is None
    assert entry.new["letter"]["number"] == "12/TTr-UBND"
    count = len(report.entries)
    dossier_details.set_details(ws, complete, saved)  # the same again: nothing
    assert len(assessments.audit(ws, complete).entries) == count
    dossier_details.set_details(ws, complete, replace(saved, letter_number="13/TTr-UBND"))
    last = assessments.audit(ws, complete).entries[-1]
    assert (last.old["letter"]["number"], last.new["letter"]["number"]) == (
        "12/TTr-UBND",
        "13/TTr-UBND",
    )
    assert assessments.summary(ws, complete).revision == revision  # no figure changed
    assert assessments.summary(ws, complete).status.value == "finalized"

    draft = dossier_details.set_details(
        ws, partial, replace(letter_details(ws, partial), issuer="Ủy ban nhân dân\nxã Vân Nham")
    )
    assert draft.issuer == "Ủy ban nhân dân\nxã Vân Nham"  # drafts too
    assert dossier_details.default_details(ws, partial).issuer != draft.issuer


# --- the dossier


def test_demo_dossier_pdf(demo_ws: tuple[Workspace, list[int]], tmp_path: Path) -> None:
    ws, (complete, _partial, _old) = demo_ws
    out = tmp_path / "hồ sơ.pdf"
    steps: list[tuple[int, int]] = []
    data = reports.write_dossier(
        ws, complete, out, progress=lambda d, t: steps.append((d, t)), created=CREATED
    )
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert data.total == 855
    assert data.recognized
    assert data.demo
    assert data.provenance.review_status == "Đã hoàn tất, chưa thẩm định"
    assert data.provenance.bundle_id == ""
    text = flat(pdftotext(out))
    assert "Xã Hữu Liên" in text or "xã Hữu Liên" in text
    assert "855" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for criterion in data.criteria:
        assert f"{criterion.code}." in text, criterion.code
    assert "Một trẻ chưa tiêm đủ mũi sởi" in text  # a team comment in the explanations
    pages = page_count(out)
    assert pages >= 6
    for page in range(1, pages + 1):
        page_text = flat(pdftotext(out, page))
        assert "TẠM TÍNH" in page_text, page
        assert "DEMO — DỮ LIỆU MẪU" in page_text, page
    fonts = pdffonts(out)
    assert fonts
    for font in fonts:
        assert "LiberationSerif" in font[0]
        assert font[-5] == "yes", font  # emb

    again = tmp_path / "again.pdf"
    reports.write_dossier(ws, complete, again, created=CREATED)
    assert again.read_bytes() == out.read_bytes()
    assert reports.dossier_bytes(ws, complete, CREATED) == out.read_bytes()


def test_details_appear_in_the_dossier(
    demo_ws: tuple[Workspace, list[int]], tmp_path: Path
) -> None:
    ws, (complete, _partial, _old) = demo_ws
    plain = reports.dossier_bytes(ws, complete, CREATED)
    dossier_details.set_details(ws, complete, letter_details(ws, complete))
    data = report_data.dossier_data(ws, complete, CREATED)
    assert data.letter.number == "12/TTr-UBND"
    assert data.minutes is not None
    assert [m.name for m in data.minutes.members][:2] == ["Hoàng Văn Thắng", "Lương Thị Hoa"]
    assert data.minutes.members[0].role == "Chủ tịch Hội đồng"
    assert data.minutes.secretary.name == "Lộc Thị Hằng"
    out = tmp_path / "d.pdf"
    reports.write_dossier(ws, complete, out, created=CREATED)
    assert out.read_bytes() != plain
    text = flat(pdftotext(out))
    assert "Số: 12/TTr-UBND" in text
    for name in (
        "Hoàng Văn Thắng",
        "Lương Thị Hoa",
        "Lăng Văn Kiên",
        "Triệu Văn Minh",
        "Lộc Thị Hằng",
    ):
        assert name in text
    assert "Vắng mặt" in text
    assert "Hội đồng thống nhất đề nghị công nhận xã Hữu Liên đạt chuẩn năm 2026." in text
    assert "Biểu quyết: 4/4 thành viên dự họp tán thành, 0/4 thành viên không tán thành." in text
    assert "Có mặt 4/5 thành viên" in text


def test_evidence_and_explanations(workspace: Workspace, tmp_path: Path) -> None:
    created = assessments.create(workspace, "06400", 2026)
    assessments.set_value(workspace, created.id, "TC2.1", "49/50")
    notes.add_comment(workspace, created.id, "TC2.1", "Đối chiếu sổ hộ tịch")
    photo = tmp_path / "ảnh sổ khai sinh.jpg"
    photo.write_bytes(b"\xff\xd8 photo of the register")
    record = notes.attach_evidence(workspace, created.id, "TC2.1", photo, caption="Sổ khai sinh")
    data = report_data.dossier_data(workspace, created.id, CREATED)
    assert [(e.file_name, e.caption, e.sha256, e.indicator) for e in data.evidence] == [
        ("ảnh sổ khai sinh.jpg", "Sổ khai sinh", record.sha256, "TC2.1")
    ]
    explanation = next(e for e in data.explanations if e.code == "TC2.1")
    assert (explanation.numerator, explanation.denominator) == (49, 50)
    assert explanation.numerator_label
    assert explanation.denominator_label
    assert explanation.comments == ("Đối chiếu sổ hộ tịch",)
    assert data.provenance.review_status == "Đang đánh giá"
    assert not data.recognized
    assert data.reasons
    assert not data.demo
    out = tmp_path / "d.pdf"
    reports.write_dossier(workspace, created.id, out, created=CREATED)
    text = pdftotext(out)
    for start in range(0, 64, 16):  # four lines of 16 digits in the evidence index
        assert record.sha256[start : start + 16] in text


def test_review_status_words() -> None:
    assert labels.review_status("review", "finalized", "vi") == "Đã thẩm định"
    assert labels.review_status("team", "finalized", "vi") == "Đã hoàn tất, chưa thẩm định"
    assert labels.review_status("self", "finalized", "vi") == "Đã hoàn tất, chưa thẩm định"
    assert labels.review_status("review", "draft", "vi") == "Đang đánh giá"


def _site(root: Path, actor: str, passphrase: str, role: str = "team") -> Workspace:
    with_reference_data(root)
    ws = open_workspace(root, actor=actor)
    reference_data.ensure_initialised(ws)
    keys.init_key(ws, actor, "Sở Lao động - Thương binh và Xã hội Lạng Sơn", passphrase, role)
    return ws


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    team_ws = _site(tmp_path / "team", "Hoàng Thị Lan", TEAM_PASS)
    office = _site(tmp_path / "office", "Lý Thị Duyệt", OFFICE_PASS, "office")
    yield team_ws, office
    team_ws.close()
    office.close()


def test_provenance_after_an_export_and_an_import(
    sites: tuple[Workspace, Workspace], tmp_path: Path
) -> None:
    bundle_import = pytest.importorskip("assessor_app.services.bundle_import")
    from assessor_app.services import bundle_export

    team_ws, office = sites
    assessment_id = fill(team_ws, "06400")
    team.add_member(team_ws, fill(team_ws, "06385", finalise=False), "Vi Văn Đức", "police", "lead")
    stick = tmp_path / "USB"
    stick.mkdir()
    exported = bundle_export.export(team_ws, [assessment_id], stick / "b.ldbundle", TEAM_PASS)

    sent = report_data.dossier_data(team_ws, assessment_id, CREATED).provenance
    team_key = keys.key_info(team_ws)
    assert team_key is not None
    assert sent.bundle_id == exported.bundle_id
    assert sent.manifest_hash == exported.manifest_hash
    assert sent.signer_name == "Hoàng Thị Lan"
    assert sent.key_fingerprint == team_key.formatted
    assert sent.imported is None

    card = tmp_path / "card.json"
    keys.write_card(team_ws, card)
    trust.enrol_card(office, card, team_key.formatted)
    result = bundle_import.apply(office, stick / "b.ldbundle", OFFICE_PASS, receipt_dir=tmp_path)
    assert result.outcome == "accepted"
    local_id = result.assessment_ids[0]
    data = report_data.dossier_data(office, local_id, CREATED)
    provenance = data.provenance
    assert provenance.bundle_id == exported.bundle_id
    assert provenance.manifest_hash == exported.manifest_hash
    assert provenance.signer_name == "Hoàng Thị Lan"
    assert provenance.signer_agency == "Sở Lao động - Thương binh và Xã hội Lạng Sơn"
    assert provenance.key_fingerprint == team_key.formatted
    assert provenance.imported is not None
    assert provenance.review_status == "Đã hoàn tất, chưa thẩm định"
    out = tmp_path / "office.pdf"
    reports.write_dossier(office, local_id, out, created=CREATED)
    text = flat(pdftotext(out))
    assert exported.bundle_id in text
    assert "Hoàng Thị Lan" in text


# --- writing files


def test_bad_suffix_missing_folder_and_cancel(
    demo_ws: tuple[Workspace, list[int]], tmp_path: Path
) -> None:
    ws, (complete, _partial, _old) = demo_ws
    with pytest.raises(InputError) as caught:
        reports.write_dossier(ws, complete, tmp_path / "d.docx")
    assert caught.value.code == "REPORT_BAD_FORMAT"
    with pytest.raises(InputError) as caught:
        reports.write_summary(ws, "20", 2026, tmp_path / "s.csv")
    assert caught.value.code == "REPORT_BAD_FORMAT"
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(InputError) as caught:
        reports.write_dossier(ws, complete, tmp_path / "folder.pdf")
    assert caught.value.code == "REPORT_TARGET_IS_FOLDER"
    with pytest.raises(StoreError) as failed:
        reports.write_dossier(ws, complete, tmp_path / "missing" / "d.pdf")
    assert failed.value.code == "REPORT_WRITE_FAILED"
    assert failed.value.params["folder"] == str(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(NotFoundError):
        reports.write_dossier(ws, 999, tmp_path / "d.pdf")
    answers = iter([False, True])
    with pytest.raises(OperationCancelled):
        reports.write_dossier(ws, complete, tmp_path / "c.pdf", cancelled=lambda: next(answers))
    assert not (tmp_path / "c.pdf").exists()


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS])
def test_a_full_or_read_only_folder_leaves_nothing(
    demo_ws: tuple[Workspace, list[int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: int,
) -> None:
    ws, (complete, _partial, _old) = demo_ws
    stick = tmp_path / "USB"
    stick.mkdir()
    real_replace = os.replace

    def failing_replace(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        if Path(target).parent == stick:
            raise OSError(error, os.strerror(error), str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    for target, call in (
        (stick / "d.pdf", lambda path: reports.write_dossier(ws, complete, path)),
        (stick / "s.xlsx", lambda path: reports.write_summary(ws, "20", 2026, path)),
    ):
        with pytest.raises(StoreError) as caught:
            call(target)
        assert caught.value.code == "REPORT_WRITE_FAILED"
        assert caught.value.params["folder"] == str(stick)
        assert caught.value.params["reason"] == os.strerror(error)
        assert os.listdir(stick) == []
    monkeypatch.setattr(os, "replace", real_replace)
    reports.write_dossier(ws, complete, stick / "d.pdf")
    assert os.listdir(stick) == ["d.pdf"]


def test_an_existing_file_is_replaced(demo_ws: tuple[Workspace, list[int]], tmp_path: Path) -> None:
    ws, (complete, _partial, _old) = demo_ws
    out = tmp_path / "d.pdf"
    out.write_bytes(b"old")
    reports.write_dossier(ws, complete, out, created=CREATED)
    assert out.read_bytes() == reports.dossier_bytes(ws, complete, CREATED)
    assert sorted(os.listdir(tmp_path)) == ["d.pdf", "home"]  # no temporary file left


# --- the summary


def _hold(
    ws: Workspace, bundle_id: str, path: Path, details: dict[str, object], codes: list[str]
) -> None:
    with ws.database.transaction() as session:
        session.add(
            QuarantineRow(
                bundle_id=bundle_id,
                stored_path=str(path),
                received_at="2026-11-30T01:00:00Z",
                device_id="device",
                sequence=1,
                key_fingerprint="ab" * 32,
                reasons_json=json.dumps([{"code": c, "params": {}} for c in codes]),
                details_json=json.dumps(details),
                status="held",
            )
        )


def _bundle_file(path: Path, commune: str, year: int) -> Path:
    uid = "5d0c9c1e-0000-4000-8000-000000000001"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("bundle/data/bundle.json", json.dumps({"assessments": [uid]}))
        archive.writestr(
            f"bundle/data/assessments/{uid}.json",
            json.dumps({"uid": uid, "commune_code": commune, "year": year}),
        )
    return path


@pytest.fixture
def province(workspace: Workspace, tmp_path: Path) -> dict[str, int]:
    """LS-2025-07 communes in 2026: 06400 team (855, recognised), 06385 team (partial), 06001
    self and review (the review counts), 06040 a draft, 06613 held in quarantine (details), 06124
    held (only the file says which commune), 05986 held (unreadable: cannot tell); and 2016."""
    ws = workspace
    ids = {
        "06400": fill(ws, "06400"),
        "06385": fill(ws, "06385", values={"TC1.1": "yes", "TC2.1": "45/50", "TC7.1": "40/48"}),
        "06001-self": fill(ws, "06001", kind="self"),
        "06001": fill(ws, "06001", kind="review", values={**COMPLETE, "TC2.1": "40/50"}),
        "06040": fill(ws, "06040", finalise=False, values={"TC2.1": "49/50"}),
        "05971-2016": fill(ws, "05971", year=2016, values={"TC2.1": "49/50"}),
        "05974-2016": fill(ws, "05974", year=2016, values={"TC2.1": "49/50"}, finalise=False),
    }
    _hold(
        ws,
        "11111111-aaaa-4000-8000-000000000001",
        tmp_path / "gone.ldbundle",
        {"assessments": [{"commune": {"code": "06613", "name": "Xã Khuất Xá"}, "year": 2026}]},
        ["BUNDLE_UNKNOWN_SIGNER"],
    )
    _hold(
        ws,
        "22222222-aaaa-4000-8000-000000000002",
        _bundle_file(tmp_path / "held.ldbundle", "06124", 2026),
        {},
        ["IMPORT_CONFLICT"],
    )
    _hold(
        ws,
        "33333333-aaaa-4000-8000-000000000003",
        tmp_path / "missing.ldbundle",
        {},
        ["IMPORT_CONFLICT"],
    )
    _hold(
        ws,
        "44444444-aaaa-4000-8000-000000000004",
        tmp_path / "x.ldbundle",
        {"assessments": [{"commune": {"code": "06400", "name": "Xã Hữu Liên"}, "year": 2026}]},
        ["IMPORT_ASSESSMENT_LOCKED"],
    )
    return ids


def test_province_summary(workspace: Workspace, province: dict[str, int], tmp_path: Path) -> None:
    data = report_data.summary_data(workspace, "20", 2026, datetime(2026, 12, 8, 16, 0))
    assert data.scope.name == "Tỉnh Lạng Sơn"
    assert data.scope.code == "20"
    assert data.units_total == 65
    assert len(data.communes) + len(data.excluded) == 65
    counted = {c.code: c for c in data.communes}
    assert sorted(counted) == ["06001", "06385", "06400"]
    assert counted["06400"].total == 855
    assert counted["06400"].recognized
    assert counted["06400"].status == "Đã hoàn tất, chưa thẩm định; có gói dữ liệu đang cách ly"
    assert counted["06001"].status == "Đã thẩm định"  # the review, not the self-assessment
    review = assessments.summary(workspace, province["06001"])
    assert counted["06001"].total == review.total
    assert not counted["06385"].recognized
    assert all(c.district == "" for c in data.communes)

    excluded = {e.code: e for e in data.excluded}
    assert excluded["06040"].reason.value == "not_finalised"
    assert "nháp" in excluded["06040"].detail
    assert excluded["06613"].reason.value == "quarantined"
    assert "Khóa ký chưa được đăng ký" in excluded["06613"].detail
    assert excluded["06124"].reason.value == "quarantined"  # read from the kept file
    assert "22222222" in excluded["06124"].detail
    assert excluded["05986"].detail == report_shaping.not_assessed_detail()  # cannot tell: not held
    known = {"06040", "06613", "06124", "05986"}
    rest = [e for e in data.excluded if e.code not in known]
    assert len(rest) == 65 - 3 - 4
    assert all(e.detail == report_shaping.not_assessed_detail() for e in rest)
    assert all(e.reason.value == "not_finalised" for e in rest)

    # shortfalls: criteria not met (at 0 points or not fully assessed: QĐ 06's conditions), and
    # criteria below their maximum, counted over the communes counted
    below: dict[str, int] = {}
    not_met: dict[str, int] = {}
    for assessment_id in (province["06400"], province["06385"], province["06001"]):
        detail = assessments.detail(workspace, assessment_id)
        for criterion in detail.score.criteria:
            if criterion.points < criterion.max_points:
                below[criterion.code] = below.get(criterion.code, 0) + 1
            if criterion.points == 0 or not criterion.complete:
                not_met[criterion.code] = not_met.get(criterion.code, 0) + 1
    assert {s.code: s.below_max for s in data.shortfalls if s.below_max} == below
    assert {s.code: s.count for s in data.shortfalls if s.count} == not_met
    assert not_met != below  # losing points is not failing the criterion
    counts = [s.count for s in data.shortfalls]
    assert counts == sorted(counts, reverse=True)
    assert data.shortfall_rule == "bị 0 điểm hoặc chưa được đánh giá đủ các chỉ tiêu"

    assert [(t.year, t.source.value) for t in data.targets] == [
        (2015, "plan"),
        (2020, "plan"),
        (2025, "national"),
        (2030, "national"),
    ]
    assert [(p.year, p.units, p.standard) for p in data.trend] == [
        (2016, 226, "QĐ 34/2014/QĐ-TTg"),
        (2026, 65, "QĐ 06/QĐ-TTg"),
    ]
    assert (data.trend[0].assessed, data.trend[0].recognized) == (1, 0)
    assert (data.trend[1].assessed, data.trend[1].recognized) == (3, data.recognized)
    assert data.catalogue.code == "QD06-2019"
    assert data.catalogue.provisional_parts
    assert not data.demo
    assert data.letter.addressee == "Bộ Y tế"

    out = tmp_path / "tỉnh.pdf"
    reports.write_summary(workspace, "20", 2026, out, created=datetime(2026, 12, 8, 16, 0))
    text = flat(pdftotext(out))
    assert "Chỉ tiêu áp dụng cho năm 2026: 75 % đến năm 2030 (*)" in text
    overall = text[text.index("1. Kết quả chung") : text.index("2. Kết quả theo đơn vị")]
    assert "2020" not in overall  # 2020's target is not 2026's measure
    assert "so với chỉ tiêu 75 % đến năm 2030 (*), còn thiếu" in text  # due later: a gap
    # 2016 and 2026 are the years with data: the changes between them are not dated to 2026
    assert "Giữa năm 2016 và năm 2026: đánh giá theo QĐ 06/QĐ-TTg" in text
    assert "Từ năm 2026" not in text
    assert "Toàn tỉnh có 65 đơn vị hành chính cấp xã; 3 đơn vị" in text
    reports.set_target(workspace, 2025, 60)
    reports.set_target(workspace, 2030, 75)
    again = tmp_path / "again.pdf"
    reports.write_summary(workspace, "20", 2026, again, created=datetime(2026, 12, 8, 16, 0))
    text = flat(pdftotext(again))
    assert "Chỉ tiêu áp dụng cho năm 2026: 75 % đến năm 2030, theo chỉ tiêu do tỉnh đề ra" in text


def test_reviewed_only(workspace: Workspace, province: dict[str, int]) -> None:
    data = report_data.summary_data(workspace, "20", 2026, CREATED, reviewed_only=True)
    assert [c.code for c in data.communes] == ["06001"]
    excluded = {e.code: e for e in data.excluded}
    assert excluded["06385"].reason.value == "not_reviewed"
    assert excluded["06400"].reason.value == "quarantined"  # held, and nothing counts
    assert excluded["06040"].reason.value == "not_finalised"


def test_district_summary_2016(
    workspace: Workspace, province: dict[str, int], tmp_path: Path
) -> None:
    data = report_data.summary_data(workspace, "178", 2016, datetime(2016, 11, 28, 10, 0))
    assert data.scope.level.value == "district"
    assert data.scope.name == "Thành phố Lạng Sơn"
    assert data.scope.province == "Tỉnh Lạng Sơn"
    units = [
        u
        for u in reference_data.units_on(workspace, date(2016, 10, 31))
        if u.district_code == "178"
    ]
    assert data.units_total == len(units) == len(data.communes) + len(data.excluded)
    assert [c.code for c in data.communes] == ["05971"]
    assert {e.code: e.reason.value for e in data.excluded}["05974"] == "not_finalised"
    assert [p.year for p in data.trend] == [2016]  # no district after 2025
    assert data.catalogue.code == "QD34-2014"
    assert data.letter.issuer.name == "Ủy ban nhân dân\nthành phố Lạng Sơn"
    assert data.letter.addressee == "Ủy ban nhân dân tỉnh Lạng Sơn"
    out = tmp_path / "huyện.pdf"
    reports.write_summary(workspace, "178", 2016, out, created=datetime(2016, 11, 28, 10, 0))
    text = flat(pdftotext(out))
    assert "thành phố Lạng Sơn" in text
    assert "05971" in text
    assert reports.report_deadline(data.scope.level, 2016) == date(2016, 11, 30)

    province_2016 = report_data.summary_data(workspace, "20", 2016, CREATED)
    hoang_van_thu = next(c for c in province_2016.communes if c.code == "05971")
    assert hoang_van_thu.district == "Thành phố Lạng Sơn"  # a province report before 2025


@pytest.mark.parametrize(
    ("unit", "year", "code", "error"),
    [
        ("178", 2026, "REPORT_NO_DISTRICTS", InputError),
        ("178", 2025, "REPORT_NO_DISTRICTS", InputError),
        ("999", 2016, "REPORT_UNKNOWN_DISTRICT", NotFoundError),
        ("06400", 2026, "REPORT_BAD_UNIT", InputError),
        ("huyện", 2016, "REPORT_BAD_UNIT", InputError),
        ("20", 1990, "YEAR_OUT_OF_RANGE", InputError),
    ],
)
def test_bad_scopes(
    workspace: Workspace, unit: str, year: int, code: str, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        report_data.summary_data(workspace, unit, year)
    assert caught.value.code == code  # type: ignore[attr-defined]
    if code == "REPORT_NO_DISTRICTS":
        message = caught.value.english()  # type: ignore[attr-defined]
        assert "1 July 2025" in message
        assert "20" in message


def test_workbook_equals_the_data(
    workspace: Workspace, province: dict[str, int], tmp_path: Path
) -> None:
    created = datetime(2026, 12, 8, 16, 0)
    out = tmp_path / "tổng hợp.xlsx"
    data = reports.write_summary(workspace, "20", 2026, out, created=created)
    assert out.read_bytes() == reports.summary_bytes(workspace, "20", 2026, ".xlsx", created)
    book = openpyxl.load_workbook(out)
    sheet = book["Tổng hợp"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[:-1] == [
        (i, c.code, c.name, c.unit_type, c.total, c.verdict, c.status)
        for i, c in enumerate(data.communes, start=1)
    ]
    assert rows[-1][1:3] == ("=COUNTA(B4:B6)", "Tổng cộng")  # the totals row
    for row in range(4, 4 + len(data.communes)):
        assert sheet.cell(row, 2).number_format == "@"
        assert isinstance(sheet.cell(row, 2).value, str)
    assert rows[0][1] == "06001"
    excluded = list(book["Chưa tổng hợp"].iter_rows(min_row=4, values_only=True))
    assert excluded[:-1] == [
        (i, e.code, e.name, e.reason_text) for i, e in enumerate(data.excluded, start=1)
    ]
    assert excluded[0][1].startswith("05")  # leading zero kept
    shortfalls = list(book["Tiêu chí chưa đạt"].iter_rows(min_row=4, values_only=True))
    assert shortfalls == [  # and no totals row under them
        (i, s.code, s.title, s.count, s.below_max) for i, s in enumerate(data.shortfalls, start=1)
    ]
    units = list(book["Danh sách đơn vị"].iter_rows(min_row=4, values_only=True))
    assert len(units) - 1 == 65  # every commune, and the totals row
    trend = list(book["Xu hướng"].iter_rows(min_row=4, values_only=True))
    assert [row[1:5] for row in trend] == [
        (p.year, p.units, p.assessed, p.recognized) for p in data.trend
    ]
    assert trend[-1][6:8] == (75, 2030)
    book.close()


def test_targets(workspace: Workspace) -> None:
    assert [(t.year, t.percent, t.source) for t in reports.targets(workspace)] == [
        (2015, 20.0, "plan"),
        (2020, 50.0, "plan"),
        (2025, 65.0, "national"),
        (2030, 75.0, "national"),
    ]
    for year, percent, code in (
        (2020, 60.0, "REPORT_TARGET_PLAN_YEAR"),
        (2026, 0.0, "REPORT_TARGET_BAD_PERCENT"),
        (2026, 101.0, "REPORT_TARGET_BAD_PERCENT"),
        (2026, 40.0, "REPORT_TARGET_NOT_RISING"),
        (1990, 60.0, "YEAR_OUT_OF_RANGE"),
    ):
        with pytest.raises(InputError) as caught:
            reports.set_target(workspace, year, percent)
        assert caught.value.code == code
    items = reports.set_target(workspace, 2025, 65.5)
    assert [(t.year, t.percent, t.source) for t in items if t.year == 2025] == [
        (2025, 65.5, "store"),  # the province's own first
        (2025, 65.0, "national"),
    ]
    reports.set_target(workspace, 2025, 65.5)  # the same again: not audited twice
    with workspace.database.reading() as session:
        entries = Repository(session).audit_entries("store")
    changes = [e for e in entries if e.action == "set_target"]
    assert [(e.target, e.old, e.new) for e in changes] == [("target:2025", None, 65.5)]
    reports.set_target(workspace, 2025, None)
    assert [t.year for t in reports.targets(workspace)] == [2015, 2020, 2025, 2030]


def test_rendered_pages_for_people_to_look_at(demo_ws: tuple[Workspace, list[int]]) -> None:
    """One dossier and one summary made from a store, as PDF and 60 dpi PNG, in test-artifacts."""
    ws, (complete, _partial, _old) = demo_ws
    dossier_details.set_details(ws, complete, letter_details(ws, complete))
    fill(ws, "06040")
    fill(ws, "06001", kind="review", values={**COMPLETE, "TC2.1": "40/50"})
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    dossier = ARTIFACTS / "store-dossier.pdf"
    reports.write_dossier(ws, complete, dossier, created=CREATED)
    summary = ARTIFACTS / "store-summary.pdf"
    reports.write_summary(ws, "20", 2026, summary, created=datetime(2026, 12, 8, 16, 0))
    for pdf in (dossier, summary):
        pages = render_pages(pdf, ARTIFACTS, pdf.stem)
        assert len(pages) == page_count(pdf)


def test_scores_match_the_domain(workspace: Workspace, province: dict[str, int]) -> None:
    detail = assessments.detail(workspace, province["06400"])
    values = {code: record.value for code, record in detail.values.items()}
    result = score(detail.catalogue, detail.summary.category, values)
    data = report_data.dossier_data(workspace, province["06400"], CREATED)
    assert (data.total, data.recognized) == (result.total, result.recognized)
    assert sum(row.points for row in data.criteria) == result.total


def test_a_summary_reads_every_communes_values_at_once_as_one_by_one(
    demo_ws: tuple[Workspace, list[int]],
) -> None:
    workspace, ids = demo_ws
    asked = [*range(1, 1200), ids[0]]  # ids with values, without, unknown; over 500 per query
    with workspace.database.reading() as session:
        repo = Repository(session)
        together = repo.stored_values_of(asked)
        assert together == {i: repo.stored_values(i) for i in sorted(set(asked))}
    assert together[ids[0]]
    assert together[ids[2]]
