"""Held changes on a store file (issue 16): a figure entered on an assessment that changed since
it was opened is held, not written over the other change; a person applies or discards it."""

from __future__ import annotations

import pytest

from assessor_app.domain.errors import StateError, StoreError
from assessor_app.services import assessments, held_changes, reference_data
from assessor_app.services.workspace import Workspace


@pytest.fixture
def ready(workspace: Workspace) -> Workspace:
    reference_data.ensure_initialised(workspace)
    return workspace


def test_a_change_on_the_revision_seen_is_written(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    revision = held_changes.set_value_based_on(ready, created.id, "TC2.1", "49/50", 0)
    assert revision == 1
    assert held_changes.list_held(ready) == []


def test_a_stale_change_is_held_and_can_be_discarded(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_based_on(ready, created.id, "TC2.1", "49/50", 0)
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_based_on(ready, created.id, "TC2.1", "20/50", 0, "")
    assert conflict.value.code == "STORE_CONFLICT"
    (held,) = held_changes.list_held(ready, created.id)
    assert (held.based_on_revision, held.found_revision) == (0, 1)
    held_changes.discard_held(ready, held.id, "số liệu cũ")
    assert "49" in str(assessments.detail(ready, created.id).values["TC2.1"].value)
    with pytest.raises(StateError, match="already resolved"):
        held_changes.apply_held(ready, held.id)
