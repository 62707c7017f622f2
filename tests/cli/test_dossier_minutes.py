"""`dossier set` refuses minutes that contradict themselves, each with its code, as the dialog
does (the checks are the services'), and says when the regime gives no window to check."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.services import demo, reference_data
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.cli.test_report_commands import one_line_error

# The demo's finalised QĐ 06 assessment: its team gives the secretary (Lộc Thị Hoa).
MEETING = (
    "--signer-name", "Hoàng Văn Thắng",
    "--letter-date", "2026-11-28",
    "--council-date", "2026-11-20",
    "--chair", "Hoàng Văn Thắng",
)  # fmt: skip


@pytest.fixture
def demo_home(home: Path) -> list[int]:
    ws = open_workspace(home, actor="Nguyễn Thị Test")
    try:
        reference_data.initialise(ws)
        return demo.create_demo(ws)
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("options", "code", "field"),
    [
        (("--votes-for", "4", "--votes-against", "1"), "DOSSIER_COUNCIL_VOTES", "council_votes"),
        (("--votes-for", "-1"), "DOSSIER_COUNCIL_VOTES", "council_votes"),
        (("--chair", ""), "DOSSIER_FIELD_REQUIRED", "council_chair"),
        (("--council-place", ""), "DOSSIER_FIELD_REQUIRED", "council_place"),
        (
            ("--secretary", "", "--council-member", "Hoàng Thị Lan|Công chức Văn hóa - Xã hội"),
            "DOSSIER_FIELD_REQUIRED",
            "council_secretary",
        ),
        (("--secretary", "Nông Văn Tư"), "DOSSIER_COUNCIL_ROLE_CONFLICT", "council_members"),
        (
            ("--council-member", "Lộc Thị Hoa|Công chức Tư pháp - Hộ tịch|Thư ký|absent"),
            "DOSSIER_COUNCIL_SIGNER_ABSENT",
            "council_members",
        ),
        (("--council-date", "2026-11-29"), "DOSSIER_BAD_DATE", "council_held_at"),
    ],
)
def test_dossier_set_refuses_each_inconsistency(
    cli: Runner, demo_home: list[int], options: tuple[str, ...], code: str, field: str
) -> None:
    result = cli("dossier", "set", "1", *MEETING, *options)
    one_line_error(result, code, 3)
    assert cli("dossier", "show", "1", "--json").json()["stored"] is False  # nothing saved
    vietnamese = cli("dossier", "set", "1", *MEETING, *options, lang="vi")
    assert f"[{code}]" in vietnamese.err
    assert vietnamese.err != result.err  # the message in the user's language


def test_dossier_set_records_the_vote_and_the_window(cli: Runner, demo_home: list[int]) -> None:
    saved = cli("dossier", "set", "1", *MEETING, "--votes-for", "3", "--votes-against", "0")
    assert saved.code == 0, saved.err
    assert "06/QĐ-TTg" in saved.out  # no window in the regime's data: said, not checked
    council = cli("dossier", "show", "1", "--json").json()["council"]
    assert (council["votes_for"], council["votes_against"]) == (3, 0)
    assert council["number"] == "/BB-HĐĐG"

    old = str(demo_home[2])  # 06385 in 2016, QĐ 34: the council assesses in November 2016
    early = (
        "--signer-name", "Nông Thị Mai",
        "--letter-date", "2016-11-28",
        "--council-date", "2016-10-25",
        "--chair", "Nông Thị Mai",
        "--secretary", "Lộc Văn Sơn",
    )  # fmt: skip
    one_line_error(cli("dossier", "set", old, *early), "DOSSIER_COUNCIL_OUTSIDE_WINDOW", 3)
    reason = "Hội đồng họp sớm để kịp báo cáo huyện"
    explained = cli("dossier", "set", old, *early, "--council-date-reason", reason)
    assert explained.code == 0, explained.err
    assert "no assessment window" not in explained.out
    assert cli("dossier", "show", old, "--json").json()["council"]["date_reason"] == reason


def test_dossier_set_warns_of_empty_seats_but_saves(cli: Runner, demo_home: list[int]) -> None:
    """The demo's team has no police officer and no school head: the standard's seats for them
    stay empty. That is said (on stderr), not refused: the council may have met without them."""
    saved = cli("dossier", "set", "1", *MEETING, lang="vi")
    assert saved.code == 0, saved.err
    assert "Trưởng Công an" in saved.err
    assert "Hiệu trưởng Trường Mầm non" in saved.err
    assert "Công chức Tư pháp" not in saved.err  # Lộc Thị Hoa (justice) holds it
    assert cli("dossier", "show", "1", "--json").json()["stored"] is True
    seats = [
        "Vi Văn Cường|Trưởng Công an xã",
        "Hà Thị Nga|Hiệu trưởng Trường THCS Hữu Liên (trung học cơ sở)",
        "Lý Văn Tâm|Hiệu trưởng Trường Tiểu học Hữu Liên",
        "Đàm Thị Yến|Hiệu trưởng Trường Mầm non Hữu Liên",
        "Hoàng Thị Lan|Công chức Văn hóa - Xã hội",
        "Lộc Thị Hoa|Công chức Tư pháp - Hộ tịch|Thư ký",
        "Nông Văn Minh|Trạm trưởng Trạm Y tế xã",
    ]
    options = [item for seat in seats for item in ("--council-member", seat)]
    full = cli("dossier", "set", "1", *MEETING, *options, lang="vi")
    assert full.code == 0, full.err
    assert "Trưởng Công an" not in full.err
    assert "COUNCIL_SEATS_EMPTY" not in full.err
