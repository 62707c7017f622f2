"""A clearly marked demo store: a few Lạng Sơn communes with sample assessments, so that a new user
lands in something to look at. The store's meta says `demo`, and the app shows it on every screen."""

from __future__ import annotations

from assessor_app.services import assessments, notes, reference_data, team
from assessor_app.services.profile import save_profile
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository

DEMO_NAME = "Người dùng thử (DEMO)"

# A mountainous commune after the 2025 reform, scored under QĐ 06/2019 (docs/examples).
_COMPLETE_QD06 = {
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
_MANUAL_QD06 = {
    "TC11.1": (
        "points=60",
        "Có câu lạc bộ quyền trẻ em; diễn đàn trẻ em cấp xã tổ chức 1 lần trong năm",
    ),
    "TC12.1": (
        "points=50",
        "Có điểm vui chơi tại nhà văn hóa; tổ chức Tết Trung thu và hè cho trẻ em",
    ),
}
_PARTIAL_QD06 = {
    "TC1.1": "yes",
    "TC1.2": "no",
    "TC2.1": "45/50",
    "TC7.1": "40/48",
    "TC9.1": "900/1250",
}
_PARTIAL_QD34 = {"TC2.1": "49/50", "TC3.1": "1/120", "TC4.1": "0", "TC10.1": "300/400"}


def is_demo(workspace: Workspace) -> bool:
    with workspace.database.reading() as session:
        return Repository(session).meta("demo") == "1"


def create_demo(workspace: Workspace) -> list[int]:
    """Fill an empty store with the demo; returns the ids of the sample assessments."""
    reference_data.ensure_initialised(workspace)
    with workspace.database.transaction() as session:
        Repository(session).set_meta("demo", "1")
    save_profile(workspace, "team", DEMO_NAME, "labour_social_affairs", "LS-2025-07")
    ids = []

    complete = assessments.create(workspace, "06400", 2026, kind="team", join_team=False)
    for code, text in _COMPLETE_QD06.items():
        assessments.set_value(workspace, complete.id, code, text)
    for code, (text, why) in _MANUAL_QD06.items():
        assessments.set_value(workspace, complete.id, code, text, why)
    team.add_member(workspace, complete.id, "Hoàng Thị Lan", "labour_social_affairs", "lead")
    team.add_member(workspace, complete.id, "Nông Văn Minh", "health", "member")
    team.add_member(workspace, complete.id, "Lộc Thị Hoa", "justice", "secretary")
    notes.add_comment(
        workspace, complete.id, "TC7.1", "Một trẻ chưa tiêm đủ mũi sởi; đã hẹn tiêm bù."
    )
    assessments.finalize(workspace, complete.id)
    ids.append(complete.id)

    partial = assessments.create(workspace, "06385", 2026, kind="team", join_team=False)
    for code, text in _PARTIAL_QD06.items():
        assessments.set_value(workspace, partial.id, code, text)
    team.add_member(workspace, partial.id, "Vi Văn Đức", "police", "lead")
    notes.set_follow_up(workspace, partial.id, "TC7.1", True)
    ids.append(partial.id)

    old = assessments.create(workspace, "06385", 2016, kind="self", join_team=False)
    for code, text in _PARTIAL_QD34.items():
        assessments.set_value(workspace, old.id, code, text)
    ids.append(old.id)
    return ids
