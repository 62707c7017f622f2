"""An office's store over several years, for the dashboard's tests (tests/integration/
test_dashboard.py, tests/gui/test_dashboard.py). Every figure the tests expect is worked out here:

Lạng Sơn (province "20"), the office's clock at 20/11/2026 10:00 in Vietnam:

- 2016 (QĐ 34): 05971 a draft with TC2.1 flagged (outside the range the tests ask for).
- 2023: nothing: 200 communes, none assessed.
- 2024 (200 communes, QĐ 06): 06400 and 06385 team inspections, complete (855 points,
  recognised); 06001 a team inspection with TC1.1 and TC2.1 only (95 points, not recognised; its
  TC2.1 was flagged, then the flag was cleared); 06040 a draft with TC2.1 and TC7.1 flagged.
  Recognised 2 of 200 = 1 %.
- 2025 (65 communes since 1 July 2025): nothing.
- 2026 (65 communes): 06400 a team inspection (855, recognised); 06001 a self-assessment (855)
  and the office's review without the two manual indicators (TC11.1, TC12.1) and with TC2.1 at
  40/50 (700, not recognised; the review is what counts); 06385 and 06124 team inspections made by a
  team and received in one signed bundle (855 each, recognised), and the office's appraisal
  of 06124 (855). Recognised 06400, 06385, 06124 = 3 of 65 = 60/13 %.
  Waiting on the office: 06385's team inspection only (06124's is reviewed; 06400's and 06001's
  were made here), since 20/11/2026.
- Targets: the national programme's 65 % by 2025 for 2023–2025, 75 % by 2030 for 2026 (secondary).
- Shortfalls of 2026: TC11 and TC12 not met by one commune (the review of 06001 left them
  unassessed) and below the maximum for four: every counted assessment with MANUAL's 60 of 75 and
  50 of 75 points (06400, 06385, 06124) and the review without them.
"""

from __future__ import annotations

from pathlib import Path

from assessor_app.services import (
    appraisals,
    assessments,
    bundle_export,
    bundle_import,
    keys,
    notes,
    reference_data,
    trust,
)
from assessor_app.services.workspace import Workspace, open_workspace
from tests.integration.test_reports import COMPLETE, fill
from tests.store_template import with_reference_data

OFFICE_ACTOR = "Lý Thị Duyệt"
OFFICE_CLOCK = "2026-11-20T03:00:00Z"  # 10:00 in Vietnam on 20/11/2026
TEAM_PASS = "mật khẩu của đoàn kiểm tra"
OFFICE_PASS = "mật khẩu văn phòng thẩm định"
PARTIAL = {"TC1.1": "yes", "TC2.1": "45/50"}


def _site(root: Path, actor: str, passphrase: str, role: str, clock: str) -> Workspace:
    with_reference_data(root)
    ws = open_workspace(root, actor=actor, clock=lambda: clock)
    reference_data.ensure_initialised(ws)
    keys.init_key(ws, actor, "Sở Lao động - Thương binh và Xã hội Lạng Sơn", passphrase, role)
    return ws


def _received_from_a_team(office: Workspace, folder: Path) -> dict[str, int]:
    """06385 and 06124 of 2026, inspected by a team and received in one signed bundle."""
    team_ws = _site(folder / "team", "Hoàng Thị Lan", TEAM_PASS, "team", "2026-11-10T02:00:00Z")
    try:
        sent = [fill(team_ws, "06385"), fill(team_ws, "06124")]
        bundle = bundle_export.export(team_ws, sent, folder / "team.ldbundle", TEAM_PASS)
        card = folder / "team-card.json"
        keys.write_card(team_ws, card)
        team_key = keys.key_info(team_ws)
        assert team_key is not None
    finally:
        team_ws.close()
    trust.enrol_card(office, card, team_key.formatted)
    result = bundle_import.apply(office, folder / "team.ldbundle", OFFICE_PASS, receipt_dir=folder)
    assert result.outcome == "accepted", result
    assert bundle.bundle_id
    received = {}
    for assessment_id in result.assessment_ids:
        row = assessments.summary(office, assessment_id)
        received[f"{row.commune_code}-received"] = assessment_id
    return received


def build_office(root: Path, folder: Path) -> dict[str, int]:
    """The office's store in `root` (closed when built); `folder` holds the team's store and the
    bundle. Returns the assessments' ids by name."""
    folder.mkdir(parents=True, exist_ok=True)
    office = _site(root, OFFICE_ACTOR, OFFICE_PASS, "office", OFFICE_CLOCK)
    try:
        ids = {"05971-2016": fill(office, "05971", 2016, values={"TC2.1": "49/50"}, finalise=False)}
        notes.set_follow_up(office, ids["05971-2016"], "TC2.1", True)
        ids["06400-2024"] = fill(office, "06400", 2024)
        ids["06385-2024"] = fill(office, "06385", 2024)
        ids["06001-2024"] = fill(office, "06001", 2024, values=PARTIAL, finalise=False)
        notes.set_follow_up(office, ids["06001-2024"], "TC2.1", True)
        notes.set_follow_up(office, ids["06001-2024"], "TC2.1", False)
        assessments.finalize(office, ids["06001-2024"])
        ids["06040-2024"] = fill(
            office, "06040", 2024, values={"TC2.1": "49/50", "TC7.1": "40/48"}, finalise=False
        )
        notes.set_follow_up(office, ids["06040-2024"], "TC7.1", True)
        notes.set_follow_up(office, ids["06040-2024"], "TC2.1", True)
        ids["06400-2026"] = fill(office, "06400")
        ids["06001-self"] = fill(office, "06001", kind="self")
        ids["06001-review"] = fill(
            office, "06001", kind="review", values={**COMPLETE, "TC2.1": "40/50"}
        )
        ids |= _received_from_a_team(office, folder)
        # The office appraises 06124's inspection (start, then appraise: its review is finalised).
        appraisals.start(office, ids["06124-received"])
        view = appraisals.appraise(office, ids["06124-received"])
        assert view.item.review_id is not None
        ids["06124-review"] = view.item.review_id
    finally:
        office.close()
    return ids
