"""What a summary of a year can cover comes from the unit lists, not from the screen: the province
named by the year's list, and its districts only for years that ended before 1 July 2025."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from assessor_app.domain.errors import NotFoundError
from assessor_app.reports.summary import Scope, ScopeLevel
from assessor_app.services import report_data, reports
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from tests.store_access import raw_store

PROVINCE = Scope(ScopeLevel.PROVINCE, "Tỉnh Lạng Sơn", "20")


@pytest.mark.parametrize("year", [2016, 2020, 2024])
def test_before_the_reform_the_province_then_its_districts(workspace: Workspace, year: int) -> None:
    scopes = reports.summary_scopes(workspace, year)
    assert scopes[0] == PROVINCE
    districts = scopes[1:]
    assert len(districts) == 11  # Lạng Sơn's 11 districts in the lists of 2014–2024
    assert all(s.level is ScopeLevel.DISTRICT and s.province == "Tỉnh Lạng Sơn" for s in districts)
    assert [s.code for s in districts] == sorted(s.code for s in districts)
    assert Scope(ScopeLevel.DISTRICT, "Huyện Hữu Lũng", "186", "Tỉnh Lạng Sơn") in districts


@pytest.mark.parametrize("year", [2025, 2026, 2030])
def test_from_the_reform_the_province_only(workspace: Workspace, year: int) -> None:
    # 2025: the evaluation year ends on 31/10/2025, after the districts were abolished
    assert reports.summary_scopes(workspace, year) == (PROVINCE,)


@pytest.mark.parametrize("year", [2016, 2024, 2026])
def test_every_choice_is_a_scope_the_summary_accepts(workspace: Workspace, year: int) -> None:
    for scope in reports.summary_scopes(workspace, year):
        with workspace.database.reading() as session:
            assert report_data.resolve_scope(Repository(session), scope.code, year) == scope


def test_the_province_is_the_one_the_unit_list_names(workspace: Workspace) -> None:
    with raw_store(workspace) as connection:
        select = "SELECT document FROM unit_lists WHERE code = 'LS-2025-07'"
        document = json.loads(connection.exec_driver_sql(select).scalar_one())
        document["province"].update(name="Tỉnh Thử Nghiệm", code="99")
        connection.execute(
            text("UPDATE unit_lists SET document = :document WHERE code = 'LS-2025-07'"),
            {"document": json.dumps(document)},
        )
    assert reports.summary_scopes(workspace, 2026) == (
        Scope(ScopeLevel.PROVINCE, "Tỉnh Thử Nghiệm", "99"),
    )
    assert reports.summary_scopes(workspace, 2016)[0] == PROVINCE  # the earlier list is unchanged


def test_a_year_without_a_unit_list_is_an_expected_error(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError) as caught:
        reports.summary_scopes(workspace, 2003)
    assert caught.value.code == "UNITS_NONE_ON_DATE"
