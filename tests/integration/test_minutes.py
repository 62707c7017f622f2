"""The council's minutes through the store: the standard's seats as defaults, the regime's window
checked when saving, and the dossier printing the minutes only when they hold together."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError
from assessor_app.services import demo, dossier_details, report_data, reports
from assessor_app.services.dossier_details import CouncilMemberDetails, DossierDetails
from assessor_app.services.workspace import Workspace
from tests.unit.reports.fixtures import flat, pdftotext

CREATED = datetime(2026, 12, 2, 9, 30)


@pytest.fixture
def demo_ws(workspace: Workspace) -> tuple[Workspace, list[int]]:
    return workspace, demo.create_demo(workspace)


def met(details: DossierDetails, held: datetime, letter: date) -> DossierDetails:
    return replace(
        details,
        signer_name="Nông Thị Mai",
        letter_date=letter,
        council_held_at=held,
        council_chair="Nông Thị Mai",
        council_secretary="Lộc Văn Sơn",
        council_members=(
            CouncilMemberDetails(
                "Hà Thị Thu", "Công chức Văn hóa - Xã hội", "Thường trực Hội đồng"
            ),
            CouncilMemberDetails("Vi Văn Đức", "Trưởng Công an"),
        ),
        council_votes_for=4,
        council_votes_against=0,
    )


def test_the_window_of_qd34_is_checked_when_saving(
    demo_ws: tuple[Workspace, list[int]], tmp_path: Path
) -> None:
    ws, (_complete, _partial, old) = demo_ws  # 06385, evaluation year 2016, QĐ 34
    context = dossier_details.minutes_context(ws, old)
    assert context.window is not None
    assert (context.window.start, context.window.end) == (date(2016, 11, 1), date(2016, 11, 30))
    base = dossier_details.get_details(ws, old)
    october = met(base, datetime(2016, 10, 25, 8, 0), date(2016, 11, 28))
    with pytest.raises(InputError) as caught:
        dossier_details.set_details(ws, old, october)
    assert caught.value.code == "DOSSIER_COUNCIL_OUTSIDE_WINDOW"
    assert not dossier_details.get_details(ws, old).stored  # nothing was stored
    assert [p.code for p in dossier_details.check_details(context, october)] == [
        "DOSSIER_COUNCIL_OUTSIDE_WINDOW"
    ]
    reason = "Hội đồng họp sớm để kịp báo cáo huyện trước đợt kiểm tra tháng 11"
    dossier_details.set_details(ws, old, replace(october, council_date_reason=reason))
    data = report_data.dossier_data(ws, old, CREATED)
    assert data.minutes is not None
    assert data.minutes_missing == ()
    assert data.minutes.window_start == date(2016, 11, 1)
    out = tmp_path / "old.pdf"
    reports.write_dossier(ws, old, out, created=CREATED)
    text = flat(pdftotext(out))
    assert (
        "Cuộc họp được tổ chức ngoài thời gian đánh giá theo quy định (từ ngày 01/11/2016 đến "
        f"ngày 30/11/2016) vì: {reason}." in text
    )
    assert "Biểu quyết: 4/4 thành viên dự họp tán thành" in text

    november = met(base, datetime(2016, 11, 20, 8, 0), date(2016, 11, 28))
    dossier_details.set_details(ws, old, replace(november, council_date_reason=reason))
    in_time = report_data.dossier_data(ws, old, CREATED).minutes
    assert in_time is not None
    assert in_time.date_reason == ""


def test_qd06_has_no_window_to_check(demo_ws: tuple[Workspace, list[int]]) -> None:
    ws, (complete, _partial, _old) = demo_ws
    context = dossier_details.minutes_context(ws, complete)
    assert context.window is None
    assert context.regime == "06/QĐ-TTg"
    details = met(
        dossier_details.get_details(ws, complete), datetime(2026, 9, 1, 8), date(2026, 11, 28)
    )
    assert dossier_details.set_details(ws, complete, details).has_minutes


def test_the_dossier_says_what_the_minutes_lack(
    demo_ws: tuple[Workspace, list[int]], tmp_path: Path
) -> None:
    ws, (complete, _partial, _old) = demo_ws
    data = report_data.dossier_data(ws, complete, CREATED)
    assert data.minutes is None
    # the defaults: no meeting date, and no chair (nobody of the commune committee in the team)
    assert data.minutes_missing == ("council_held_at", "council_chair")
    out = tmp_path / "defaults.pdf"
    reports.write_dossier(ws, complete, out, created=CREATED)
    text = flat(pdftotext(out))
    assert "Hồ sơ chưa có biên bản họp Hội đồng đánh giá" in text
    assert "- ngày, giờ họp của Hội đồng" in text
    assert "THƯ KÝ" not in text  # no minutes' signatures


def test_defaults_keep_the_commune_committee_member_as_chair(
    demo_ws: tuple[Workspace, list[int]],
) -> None:
    from assessor_app.services import team

    ws, (_complete, partial, _old) = demo_ws
    team.add_member(ws, partial, "Nông Thị Mai", "commune_committee", "member")
    team.add_member(ws, partial, "Lộc Văn Sơn", "education", "secretary")
    details = dossier_details.get_details(ws, partial)
    assert details.council_chair == "Nông Thị Mai"
    assert details.council_secretary == "Lộc Văn Sơn"
    seats = {m.position: (m.name, m.role) for m in details.council_members}
    assert seats["Trưởng Công an xã"] == ("Vi Văn Đức", "Thành viên")
    assert seats["Hiệu trưởng Trường Trung học cơ sở"] == ("Lộc Văn Sơn", "Thư ký")
