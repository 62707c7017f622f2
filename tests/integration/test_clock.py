"""One clock: the services' dates come from the workspace's clock, in Vietnam's calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assessor_app.services import profile, reference_data
from assessor_app.services.clock import vietnam_date
from assessor_app.services.workspace import open_workspace


def test_the_vietnam_date_turns_at_17_00_utc() -> None:
    assert vietnam_date("2025-06-30T16:59:59Z") == date(2025, 6, 30)
    assert vietnam_date("2025-06-30T17:00:00Z") == date(2025, 7, 1)


def test_the_workspace_dates_by_its_clock(home: Path) -> None:
    """On 30 June 2025 at 18:00 UTC it is already 1 July in Vietnam: the 2025 unit list applies."""
    workspace = open_workspace(home, actor="A", clock=lambda: "2025-06-30T18:00:00Z")
    try:
        assert workspace.today() == date(2025, 7, 1)
        reference_data.initialise(workspace)
        since_july = profile.load_profile(workspace).unit_list
        workspace.clock = lambda: "2025-06-30T16:00:00Z"
        assert workspace.today() == date(2025, 6, 30)
        assert profile.load_profile(workspace).unit_list != since_july
    finally:
        workspace.close()
