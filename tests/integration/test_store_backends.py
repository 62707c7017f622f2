"""The tests under tests/integration and tests/cli run on the back end of --store-backend
(tests/store_backends.py): a [postgresql] run really keeps its stores on the server."""

from __future__ import annotations

from pathlib import Path

from assessor_app.services import assessments
from assessor_app.services.workspace import Workspace, open_workspace
from tests.store_backends import POSTGRESQL


def test_the_workspace_is_on_the_back_end_of_the_run(
    workspace: Workspace, store_backend: str
) -> None:
    assert workspace.database.is_postgres == (store_backend == POSTGRESQL)
    assert workspace.home.database.exists() == (store_backend != POSTGRESQL)


def test_two_data_homes_have_two_stores(
    workspace: Workspace, tmp_path: Path, store_backend: str
) -> None:
    created = assessments.create(workspace, "06385", 2016)
    other = open_workspace(tmp_path / "other", actor="Lê Văn Bình")
    try:
        assert other.database.is_postgres == (store_backend == POSTGRESQL)
        assert [a.id for a in assessments.list_assessments(other)] == []
    finally:
        other.close()
    again = open_workspace(workspace.home.root, actor="Lê Văn Bình")
    try:
        assert [a.id for a in assessments.list_assessments(again)] == [created.id]
    finally:
        again.close()
