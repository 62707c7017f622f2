"""Whether an evaluation year had districts is read from the unit lists, not from a date in code.

The shipped lists say it: the list in force on 31 October 2024 names 11 districts, the one from
1 July 2025 names none. A store given another list (here a hypothetical list from 2030 that names
districts again) follows it: the summary offers districts for the years it covers, the dossier
prints the district line, and the district report for a year without districts names the list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError
from assessor_app.reports.summary import ScopeLevel
from assessor_app.services import reference_data, report_data
from assessor_app.services.dossier_details import ended_with_districts
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import Repository


def _districts(workspace: Workspace, year: int) -> list[str]:
    with workspace.database.reading() as session:
        scopes = report_data.scopes_in(Repository(session), year)
    assert scopes[0].level is ScopeLevel.PROVINCE
    return [s.code for s in scopes if s.level is ScopeLevel.DISTRICT]


def test_the_shipped_lists_say_when_districts_ended(workspace: Workspace) -> None:
    assert len(_districts(workspace, 2024)) == 11
    assert _districts(workspace, 2025) == []  # the year ended on 31/10/2025, after the reform
    assert _districts(workspace, 2026) == []
    with workspace.database.reading() as session:
        repo = Repository(session)
        in_force = repo.unit_list_valid_on(date(2025, 10, 31))
        assert in_force is not None
        assert in_force.code == "LS-2025-07"
        assert in_force.district_count == 0
        before = repo.unit_list_valid_on(date(2024, 10, 31))
        assert before is not None
        assert before.district_count == 11
        assert ended_with_districts(repo, 2024)
        assert not ended_with_districts(repo, 2025)


def test_no_district_report_names_the_list_in_force(workspace: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        report_data.summary_data(workspace, "178", 2026)
    assert caught.value.code == "REPORT_NO_DISTRICTS"
    message = caught.value.english()
    assert "LS-2025-07" in message
    assert "2026" in message
    assert "20" in message


@pytest.fixture
def store_with_a_later_list(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    shipped = reference_data.shipped_unit_files()
    document = json.loads(next(p for p in shipped if p.name == "LS-2020.json").read_text("utf-8"))
    document.update(
        code="LS-2030",
        title_vi="Danh sách giả định từ 01/11/2030 (có cấp huyện)",
        valid_from="2030-11-01",
        valid_to=None,
    )
    extra = tmp_path / "LS-2030.json"
    extra.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(reference_data, "shipped_unit_files", lambda: [*shipped, extra])
    ws = open_workspace(home, actor="Hoàng Văn Thụ")
    reference_data.initialise(ws)
    yield ws
    ws.close()


def test_a_list_that_names_districts_brings_them_back(store_with_a_later_list: Workspace) -> None:
    workspace = store_with_a_later_list
    assert _districts(workspace, 2030) == []  # 31/10/2030: the 2025 list is still in force
    assert len(_districts(workspace, 2031)) == 11  # the newer list wins from 1/11/2030
    data = report_data.summary_data(workspace, "178", 2031)
    assert data.scope.level is ScopeLevel.DISTRICT
    assert "Ủy ban nhân dân" in data.letter.issuer.name
