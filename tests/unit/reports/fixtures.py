"""Realistic data for the printed documents, built with the shipped catalogues and the real scoring.

- `dossier_qd06()`: Xã Hữu Liên (06400), Lạng Sơn, evaluation year 2026 under QĐ 06/2019, the
  figures of docs/examples/score-request.json: 855 points, recognised (the catalogue still has
  provisional parts, so the banner shows).
- `dossier_qd34()`: Xã Yên Bình (06391), Huyện Hữu Lũng, 2016 under QĐ 34/2014: 480 points and
  TC15.1 not assessed, so not recognised, with both reasons (one of them provisional).
- `summary_province_2026()`: Tỉnh Lạng Sơn, 2026, all 65 communes of the list in force since
  1/7/2025, five of them left out (not finalised, quarantined, not reviewed).
- `summary_district_2016()`: Huyện Hữu Lũng, 2016, its 26 communes of the 2014–2019 list.

Names of people are invented; codes and names of units are the statistics office's.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.evaluation import period
from assessor_app.domain.scoring import ScoreResult, score
from assessor_app.domain.units import UnitList, parse_unit_list
from assessor_app.domain.values import Value, parse_json
from assessor_app.reports import describe
from assessor_app.reports.model import (
    Commune,
    CouncilMember,
    CouncilMinutes,
    DossierData,
    EvidenceItem,
    IssuingBody,
    Letter,
    Provenance,
    Signature,
)
from assessor_app.reports.summary import (
    DEFAULT_TARGETS,
    PLAN_TARGETS,
    CommuneResult,
    Exclusion,
    ExclusionReason,
    Narrative,
    PlanInfo,
    Scope,
    ScopeLevel,
    Shortfall,
    SummaryData,
    TrendPoint,
)
from assessor_app.texts import labels

ROOT = Path(__file__).resolve().parents[3]
RESOURCES = ROOT / "resources"

QD06_VALUES: dict[str, Any] = json.loads(
    (ROOT / "docs" / "examples" / "score-request.json").read_text(encoding="utf-8")
)["values"]

QD34_VALUES: dict[str, Any] = {
    "TC1.1": True,
    "TC1.2": {
        "points": 30,
        "justification": "Có kế hoạch năm nhưng chưa kiểm tra, đôn đốc định kỳ",
    },
    "TC2.1": "45/50",
    "TC3.1": "12/400",
    "TC4.1": 2,
    "TC5.1": "3/820",
    "TC6.1": "14/820",
    "TC7.1": "20/25",
    "TC8.1": "40/44",
    "TC9.1": "52/290",
    "TC10.1": "500/820",
    "TC11.1": "150/190",
    "TC12.1": "60/66",
    "TC13.1": {"points": 40, "justification": "Có 1 điểm vui chơi tại nhà văn hóa thôn Làng Cả"},
    "TC14.1": {"points": 35, "justification": "Tổ chức 1 diễn đàn trẻ em cấp xã trong năm"},
    # TC15.1 not assessed: the council had not scored the models yet
}


@cache
def catalogue(name: str) -> Catalogue:
    path = RESOURCES / "catalogues" / f"{name}.json"
    return parse_catalogue(json.loads(path.read_text(encoding="utf-8")))


@cache
def unit_list(name: str) -> UnitList:
    path = RESOURCES / "units" / f"{name}.json"
    return parse_unit_list(json.loads(path.read_text(encoding="utf-8")))


def parsed_values(cat: Catalogue, raw: dict[str, Any]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for code, value in raw.items():
        indicator = cat.indicator(code)
        assert indicator is not None, code
        values[code] = parse_json(indicator, value)
    return values


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scored(
    name: str, raw: dict[str, Any], category: UnitCategory
) -> tuple[Catalogue, dict[str, Value], ScoreResult]:
    cat = catalogue(name)
    values = parsed_values(cat, raw)
    return cat, values, score(cat, category, values)


QD06_SOURCES = {
    "TC1.1": "Quyết định phân công công chức Văn hóa - Xã hội phụ trách công tác trẻ em",
    "TC2.1": "Sổ đăng ký khai sinh của UBND xã; danh sách trẻ sinh ra của Trạm Y tế xã",
    "TC3.1": "Sổ theo dõi vụ việc của Công an xã; danh sách trẻ em của xã (1.250 trẻ em)",
    "TC4.1": "Báo cáo của Công an xã",
    "TC5.1": "Sổ khám chữa bệnh của Trạm Y tế xã",
    "TC6.1": "Danh sách trẻ em có hoàn cảnh đặc biệt do công chức LĐ-TB&XH lập",
    "TC7.1": "Sổ tiêm chủng mở rộng của Trạm Y tế xã",
    "TC8.1": "Kết quả cân đo trẻ dưới 5 tuổi tháng 6 và tháng 12",
    "TC8.2": "Kết quả cân đo trẻ dưới 5 tuổi tháng 6 và tháng 12",
    "TC9.1": "Sổ khám sức khỏe định kỳ của Trạm Y tế và các trường",
    "TC10.1": "Báo cáo thống kê của Trường Mầm non Hữu Liên",
    "TC13.1": "Phiếu khảo sát 200 trẻ em và người dân ở 8 thôn",
}

QD06_COMMENTS = {
    "TC2.1": ("01 trẻ sinh tại bệnh viện tỉnh, gia đình đăng ký khai sinh quá hạn 10 ngày.",),
    "TC6.2": (
        "Trong kỳ đánh giá không phát sinh vụ việc trẻ em bị xâm hại tình dục, bỏ rơi, mua bán.",
    ),
    "TC7.1": ("01 trẻ hoãn tiêm do bệnh tim bẩm sinh, có xác nhận của bệnh viện.",),
}


def huu_lien_members() -> tuple[CouncilMember, ...]:
    return (
        CouncilMember("Hoàng Văn Thắng", "Phó Chủ tịch UBND xã", "Chủ tịch Hội đồng"),
        CouncilMember("Lương Thị Hoa", "Công chức Văn hóa - Xã hội", "Thường trực Hội đồng"),
        CouncilMember("Nông Văn Dũng", "Trưởng Công an xã", "Thành viên"),
        CouncilMember("Vi Thị Lan", "Công chức Tư pháp - Hộ tịch", "Thành viên"),
        CouncilMember("Lăng Văn Kiên", "Trạm trưởng Trạm Y tế xã", "Thành viên"),
        CouncilMember("Hà Thị Thu", "Hiệu trưởng Trường THCS Hữu Liên", "Thành viên"),
        CouncilMember(
            "Triệu Văn Minh", "Hiệu trưởng Trường Tiểu học Hữu Liên", "Thành viên", present=False
        ),
        CouncilMember("Lộc Thị Hằng", "Hiệu trưởng Trường Mầm non Hữu Liên", "Thư ký"),
    )


def dossier_qd06(demo: bool = False) -> DossierData:
    category = UnitCategory.MOUNTAIN_ISLAND_DIFFICULT
    cat, values, result = scored("qd06-2019", QD06_VALUES, category)
    assert result.total == 855
    assert result.recognized
    start, end = period(2026)
    unit = unit_list("LS-2025-07").unit("06400")
    assert unit is not None
    members = huu_lien_members()
    return DossierData(
        commune=Commune(
            code=unit.code,
            name=unit.name,
            unit_type=labels.unit_type(unit.unit_type, "vi"),
            province="Tỉnh Lạng Sơn",
            category=describe.category_text(category),
        ),
        year=2026,
        period_start=start,
        period_end=end,
        catalogue=describe.catalogue_info(cat),
        letter=Letter(
            issuer=IssuingBody("Ủy ban nhân dân\nxã Hữu Liên"),
            number="12/TTr-UBND",
            place="Hữu Liên",
            date=date(2026, 11, 28),
            signature=Signature("Chủ tịch", "Hoàng Văn Thắng", "TM. Ủy ban nhân dân"),
            recipients=("Như trên", "Sở Y tế tỉnh Lạng Sơn", "Thường trực Đảng ủy xã", "Lưu: VT"),
            addressee="Ủy ban nhân dân tỉnh Lạng Sơn",
        ),
        criteria=describe.criterion_rows(cat, values, result, QD06_SOURCES, None, QD06_COMMENTS),
        total=result.total,
        max_total=result.max_total,
        threshold=describe.threshold_for(cat, category),
        recognized=result.recognized,
        reasons=describe.reasons_text(result),
        explanations=describe.explanations(cat, values, QD06_SOURCES, QD06_COMMENTS),
        minutes=CouncilMinutes(
            held_at=datetime(2026, 11, 20, 8, 0),
            ended_at=datetime(2026, 11, 20, 11, 15),
            place="Hội trường Ủy ban nhân dân xã Hữu Liên",
            members=members,
            chair=Signature("Chủ tịch Hội đồng", "Hoàng Văn Thắng"),
            secretary=Signature("Thư ký", "Lộc Thị Hằng"),
            content=(
                "Đồng chí Lương Thị Hoa, Thường trực Hội đồng, báo cáo kết quả thu thập số liệu "
                "của 13 tiêu chí do các ngành cung cấp và kết quả kiểm tra của đoàn liên ngành.",
                "Các thành viên thảo luận, đối chiếu số liệu với sổ sách của từng ngành; Trạm Y tế "
                "giải trình 01 trẻ hoãn tiêm chủng có lý do y tế.",
            ),
            conclusion=(
                "Hội đồng thống nhất kết quả: xã Hữu Liên đạt 855/1.000 điểm, không có tiêu chí "
                "nào 0 điểm, đạt tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em năm 2026; đề "
                "nghị Ủy ban nhân dân xã lập hồ sơ đề nghị công nhận."
            ),
            votes_for=7,
            votes_against=0,
            number="05/BB-HĐĐG",
        ),
        evidence=(
            EvidenceItem(
                "so-khai-sinh-2025-2026.pdf",
                "Bản chụp sổ đăng ký khai sinh kỳ đánh giá",
                sha256("khai sinh"),
                "TC2.1",
            ),
            EvidenceItem(
                "tiem-chung-mo-rong.xlsx",
                "Danh sách trẻ dưới 1 tuổi tiêm chủng đầy đủ",
                sha256("tiêm chủng"),
                "TC7.1",
            ),
            EvidenceItem(
                "can-do-tre-duoi-5-tuoi.pdf",
                "Kết quả cân đo tháng 6 và tháng 12",
                sha256("cân đo"),
                "TC8.1",
            ),
            EvidenceItem(
                "dien-dan-tre-em.jpg",
                "Ảnh diễn đàn trẻ em cấp xã ngày 01/6/2026",
                sha256("diễn đàn"),
                "TC11.1",
            ),
            EvidenceItem(
                "qd-thanh-lap-hoi-dong.pdf",
                "Quyết định thành lập Hội đồng đánh giá",
                sha256("hội đồng"),
                "",
            ),
        ),
        provenance=Provenance(
            bundle_id="LS-06400-2026-7f3a9c1e",
            manifest_hash=sha256("manifest-sha256.txt of LS-06400-2026-7f3a9c1e"),
            signer_name="Lương Thị Hoa",
            signer_agency="Ủy ban nhân dân xã Hữu Liên",
            key_fingerprint="3f2a 9c01 5b7e d4a8 0c6f 1e92 ab37 58d0 e1f4 2c9b 7a06 d35e 8f41 b0c2 96ad 4e17",
            review_status="Đã thẩm định",
            imported=date(2026, 12, 1),
        ),
        assessment_uid="a7c1e2f0-3b4d-4e5f-8a9b-0c1d2e3f4a5b",
        created=datetime(2026, 12, 2, 9, 30),
        assessment_kind="Kiểm tra của đoàn liên ngành",
        demo=demo,
    )


def dossier_qd06_appraised() -> DossierData:
    """`dossier_qd06()` with the office's appraisal (a review of the same commune and year), which
    found 47 of 50 births registered (TC2.1: 45 points instead of 75)."""
    category = UnitCategory.MOUNTAIN_ISLAND_DIFFICULT
    cat, values, result = scored("qd06-2019", QD06_VALUES, category)
    _cat, _values, review = scored("qd06-2019", {**QD06_VALUES, "TC2.1": "47/50"}, category)
    return replace(
        dossier_qd06(),
        criteria=describe.criterion_rows(cat, values, result, QD06_SOURCES, review, QD06_COMMENTS),
        appraised_total=review.total,
    )


def dossier_qd34() -> DossierData:
    category = UnitCategory.MOUNTAIN_ISLAND_DIFFICULT
    cat, values, result = scored("qd34-2014", QD34_VALUES, category)
    assert result.total == 480
    assert not result.recognized
    start, end = period(2016)
    unit = unit_list("LS-2014").unit("06391")
    assert unit is not None
    return DossierData(
        commune=Commune(
            code=unit.code,
            name=unit.name,
            unit_type=labels.unit_type(unit.unit_type, "vi"),
            province="Tỉnh Lạng Sơn",
            district=unit.district_name,
            category=describe.category_text(category),
        ),
        year=2016,
        period_start=start,
        period_end=end,
        catalogue=describe.catalogue_info(cat),
        letter=Letter(
            issuer=IssuingBody("Ủy ban nhân dân\nxã Yên Bình"),
            number="/TTr-UBND",
            place="Yên Bình",
            date=date(2016, 11, 15),
            signature=Signature("Phó Chủ tịch", "Nông Thị Mai", "KT. Chủ tịch"),
            recipients=("Như trên", "Phòng LĐ-TB&XH huyện Hữu Lũng", "Lưu: VT"),
            addressee="Ủy ban nhân dân huyện Hữu Lũng",
        ),
        criteria=describe.criterion_rows(cat, values, result),
        total=result.total,
        max_total=result.max_total,
        threshold=describe.threshold_for(cat, category),
        recognized=result.recognized,
        reasons=describe.reasons_text(result),
        explanations=describe.explanations(cat, values),
        minutes=None,
        minutes_missing=("council_held_at", "council_chair", "council_secretary"),
        evidence=(),
        provenance=Provenance(),
        assessment_uid="0b9e4c2a-1d3f-4a5b-9c8d-7e6f5a4b3c2d",
        created=datetime(2016, 11, 16, 14, 0),
        assessment_kind="Tự đánh giá của xã",
    )


# --- summaries -------------------------------------------------------------------------------


_STATUS_DONE = "Đã thẩm định"


def _pseudo_total(code: str, year: int, low: int, spread: int) -> int:
    """A stable spread of totals (low … low + spread - 1) from the code: no random numbers."""
    digest = hashlib.sha256(f"{code}/{year}".encode()).digest()
    return low + int.from_bytes(digest[:2], "big") % spread


def _results(
    units: UnitList,
    year: int,
    threshold: int,
    left_out: set[str],
    totals: tuple[int, int],
    district: str = "",
) -> tuple[CommuneResult, ...]:
    rows = []
    for unit in units.units:
        if district and unit.district_name != district:
            continue
        if unit.code in left_out:
            continue
        total = _pseudo_total(unit.code, year, *totals)
        rows.append(
            CommuneResult(
                code=unit.code,
                name=unit.name,
                unit_type=labels.unit_type(unit.unit_type, "vi"),
                total=total,
                recognized=total >= threshold,
                status=_STATUS_DONE,
                district=unit.district_name,
            )
        )
    return tuple(rows)


QD34 = "QĐ 34/2014/QĐ-TTg"
QD06 = "QĐ 06/QĐ-TTg"
PLAN_QD34 = (
    "thực hiện Quyết định số 34/2014/QĐ-TTg ngày 30/5/2014 của Thủ tướng Chính phủ quy định tiêu "
    "chuẩn xã, phường, thị trấn phù hợp với trẻ em trên địa bàn tỉnh Lạng Sơn"
)
PLAN_QD06 = "về xây dựng xã, phường, thị trấn phù hợp với trẻ em"


def summary_province_2026(demo: bool = False) -> SummaryData:
    units = unit_list("LS-2025-07")
    cat = catalogue("qd06-2019")
    left_out = {
        "06040": (ExclusionReason.NOT_FINALISED, "Đoàn kiểm tra chưa hoàn tất đánh giá"),
        "06613": (ExclusionReason.QUARANTINED, "Chữ ký của gói dữ liệu không khớp khóa đã đăng ký"),
        "06505": (ExclusionReason.NOT_REVIEWED, ""),
        "05986": (ExclusionReason.NOT_REVIEWED, ""),
        "06124": (ExclusionReason.NOT_FINALISED, ""),
    }
    communes = _results(units, 2026, 800, set(left_out), (620, 340))
    excluded = tuple(
        Exclusion(code, next(u.name for u in units.units if u.code == code), reason, detail)
        for code, (reason, detail) in left_out.items()
    )
    recognised = sum(1 for c in communes if c.recognized)
    return SummaryData(
        scope=Scope(ScopeLevel.PROVINCE, "Tỉnh Lạng Sơn", "20"),
        year=2026,
        units_total=len(units.units),
        communes=communes,
        shortfalls=(
            Shortfall(
                "TC13",
                "Mức độ hài lòng của trẻ em và người dân về việc thực hiện quyền trẻ em",
                7,
                21,
            ),
            Shortfall(
                "TC8", "Trẻ em dưới 5 tuổi bị suy dinh dưỡng thể nhẹ cân và thể thấp còi", 5, 17
            ),
            Shortfall(
                "TC12",
                "Hoạt động vui chơi, giải trí, văn hóa, thể dục, thể thao dành cho trẻ em",
                2,
                14,
            ),
            Shortfall("TC5", "Trẻ em bị tai nạn, thương tích", 0, 9),
            Shortfall("TC3", "Trẻ em bị xâm hại", 0, 4),
        ),
        targets=DEFAULT_TARGETS,
        trend=(
            TrendPoint(2016, 226, 226, 58, QD34),
            TrendPoint(2018, 226, 221, 83, QD34),
            TrendPoint(2020, 200, 200, 96, QD06),
            TrendPoint(2022, 200, 198, 112, QD06),
            TrendPoint(2024, 200, 200, 131, QD06),
            TrendPoint(2026, 65, len(communes), recognised, QD06),
        ),
        plan=PlanInfo(PLAN_QD06, "Ủy ban nhân dân tỉnh Lạng Sơn"),
        shortfall_rule="bị 0 điểm hoặc chưa được đánh giá đủ các chỉ tiêu",
        excluded=excluded,
        catalogue=describe.catalogue_info(cat),
        letter=Letter(
            issuer=IssuingBody("Sở Y tế", parent="Ủy ban nhân dân tỉnh Lạng Sơn"),
            number="345/BC-SYT",
            place="Lạng Sơn",
            date=date(2026, 12, 8),
            signature=Signature("Phó Giám đốc", "Đinh Văn Hưng", "KT. Giám đốc"),
            recipients=(
                "Bộ Y tế (Cục Bà mẹ và Trẻ em)",
                "UBND tỉnh (b/c)",
                "UBND các xã, phường",
                "Lưu: VT, BMTE",
            ),
            addressee="Bộ Y tế",
        ),
        created=datetime(2026, 12, 8, 16, 0),
        demo=demo,
    )


def summary_district_2016() -> SummaryData:
    units = unit_list("LS-2014")
    cat = catalogue("qd34-2014")
    district = "Huyện Hữu Lũng"
    left_out = {"06391": (ExclusionReason.NOT_FINALISED, "Hội đồng chưa chấm tiêu chí 15")}
    communes = _results(units, 2016, 650, set(left_out), (420, 300), district)
    excluded = tuple(
        Exclusion(code, next(u.name for u in units.units if u.code == code), reason, detail)
        for code, (reason, detail) in left_out.items()
    )
    recognised = sum(1 for c in communes if c.recognized)
    count = sum(1 for u in units.units if u.district_name == district)
    return SummaryData(
        scope=Scope(ScopeLevel.DISTRICT, district, "186", province="Tỉnh Lạng Sơn"),
        year=2016,
        units_total=count,
        communes=communes,
        shortfalls=(
            Shortfall(
                "TC10", "Tỷ lệ trẻ em được khám sức khỏe tổng quát ít nhất 01 lần trong năm", 2, 11
            ),
            Shortfall("TC9", "Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng", 1, 8),
            Shortfall(
                "TC13", "Hoạt động vui chơi, giải trí, văn hóa, thể thao dành cho trẻ em", 0, 6
            ),
        ),
        targets=PLAN_TARGETS,
        trend=(
            TrendPoint(2014, count, 20, 2, QD34),
            TrendPoint(2015, count, 26, 3, QD34),
            TrendPoint(2016, count, len(communes), recognised, QD34),
        ),
        plan=PlanInfo(
            PLAN_QD34, "Ủy ban nhân dân tỉnh Lạng Sơn", "184/KH-UBND", date(2014, 10, 20)
        ),
        narrative=Narrative(
            general="Công tác xây dựng xã phù hợp với trẻ em được các cấp quan tâm chỉ đạo.",
            causes="Nguồn lực đầu tư cho trẻ em ở các xã vùng cao còn hạn chế.\nMột số xã chưa bố trí cán bộ chuyên trách.",
            proposals="Đề nghị tỉnh hỗ trợ kinh phí xây dựng điểm vui chơi cho trẻ em.",
        ),
        shortfall_rule="chưa được đánh giá đủ các chỉ tiêu",
        excluded=excluded,
        catalogue=describe.catalogue_info(cat),
        letter=Letter(
            issuer=IssuingBody("Ủy ban nhân dân\nhuyện Hữu Lũng"),
            number="210/BC-UBND",
            place="Hữu Lũng",
            date=date(2016, 11, 28),
            signature=Signature("Phó Chủ tịch", "Lê Văn Bình", "KT. Chủ tịch"),
            recipients=("UBND tỉnh Lạng Sơn", "Sở LĐ-TB&XH tỉnh Lạng Sơn", "Lưu: VT, LĐTBXH"),
            addressee="",
        ),
        created=datetime(2016, 11, 28, 10, 0),
    )


def with_nfd(data: DossierData) -> DossierData:
    """The same dossier with the commune's name in decomposed form (combining marks)."""
    import unicodedata

    commune = replace(data.commune, name=unicodedata.normalize("NFD", data.commune.name))
    return replace(data, commune=commune)


# --- PDF tools (poppler-utils) -----------------------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts" / "reports"


def need(program: str) -> str:
    """The path of a poppler program; skips the test (naming the program) only if it is missing."""
    import shutil

    import pytest

    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed")
    return path


def write_pdf(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def pdftotext(
    pdf: Path, first: int | None = None, last: int | None = None, raw: bool = False
) -> str:
    """The text of the PDF (or of pages first…last): `-layout` keeps the columns on their lines,
    `raw=True` keeps the order of the content (a table cell's lines one after the other)."""
    import subprocess

    command = [need("pdftotext"), "-raw" if raw else "-layout", "-enc", "UTF-8"]
    if first is not None:
        command += ["-f", str(first), "-l", str(last if last is not None else first)]
    command += [str(pdf), "-"]
    # A no-break space binds a two-syllable word in headers and titles; a reader sees a space.
    output = subprocess.run(command, check=True, capture_output=True).stdout.decode("utf-8")
    return output.replace("\xa0", " ")


def page_count(pdf: Path) -> int:
    import subprocess

    output = subprocess.run(
        [need("pdfinfo"), str(pdf)], check=True, capture_output=True
    ).stdout.decode("utf-8")
    for line in output.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(output)


def pdffonts(pdf: Path) -> list[list[str]]:
    """One row per font: name, type…, emb, sub, uni, object id, generation."""
    import subprocess

    output = subprocess.run(
        [need("pdffonts"), str(pdf)], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return [line.split() for line in output.splitlines()[2:] if line.strip()]


def render_pages(pdf: Path, target: Path, prefix: str, dpi: int = 60) -> list[Path]:
    """Every page as PNG (`pdftoppm -r dpi -png`); the files written, in page order."""
    import subprocess

    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(
        [need("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(target / prefix)], check=True
    )
    return sorted(target.glob(f"{prefix}-*.png"))


def flat(text: str) -> str:
    """Text with runs of white space (including no-break spaces) folded to one space."""
    return " ".join(text.replace("\u00a0", " ").split())
