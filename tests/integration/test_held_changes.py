"""Held changes (issue 16): a figure entered on an assessment that changed since it was opened is
held, not written over the other change; a person applies or discards it. On a store file, and
once on a throwaway PostgreSQL server (tests/postgres_server.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app import i18n
from assessor_app.domain.errors import InputError, StateError, StoreError
from assessor_app.domain.values import RateValue
from assessor_app.services import assessments, held_changes, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.postgres_server import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # the fixtures the server test uses


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


def test_the_editor_save_is_held_with_both_figures_named(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    ready.actor = "Trần Thị Hoa"
    summary = held_changes.set_value_object_based_on(
        ready, created.id, "TC2.1", RateValue(49, 50), 0
    )
    assert summary.revision == 1
    ready.actor = "Lê Văn Bình"
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_object_based_on(ready, created.id, "TC2.1", RateValue(20, 50), 0)
    message = i18n.render(conflict.value, "en")
    assert message.startswith("Trần Thị Hoa changed assessment")
    assert "TC2.1 is now 49/50" in message
    assert "your figure 20/50" in message
    assert "giữ lại" in i18n.render(conflict.value, "vi")
    (detail,) = held_changes.held_details(ready, created.id)
    assert detail.theirs == {"numerator": 49, "denominator": 50}
    assert detail.theirs_by == "Trần Thị Hoa"
    assert detail.yours == {"numerator": 20, "denominator": 50}
    assert detail.held.held_by == "Lê Văn Bình"
    # Applied with a reason: the figure is entered (the assessment's chain), the choice audited.
    assert held_changes.apply_held(ready, detail.held.id, "đối chiếu lại sổ") == 2
    assert assessments.detail(ready, created.id).values["TC2.1"].value == RateValue(20, 50)
    with ready.database.reading() as session:
        store_log = Repository(session).audit_entries(STORE_CHAIN)
    applied = [e for e in store_log if e.action == "apply_held_change"]
    assert [(e.actor, e.reason) for e in applied] == [("Lê Văn Bình", "đối chiếu lại sổ")]
    assert assessments.audit(ready, created.id).intact


def test_a_finalised_assessment_refuses_instead_of_holding(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    assessments.finalize(ready, created.id)
    with pytest.raises(StateError) as refused:
        held_changes.set_value_based_on(ready, created.id, "TC2.1", "49/50", 0)
    assert refused.value.code == "ASSESSMENT_FINALIZED"
    assert held_changes.list_held(ready) == []


def test_a_bad_figure_is_refused_before_anything_is_held(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_based_on(ready, created.id, "TC2.1", "49/50", 0)
    with pytest.raises(InputError):
        held_changes.set_value_based_on(ready, created.id, "TC2.1", "60/50", 0)
    assert held_changes.list_held(ready) == []


@pytest.mark.postgres
@pytest.mark.migrates
def test_two_officers_on_a_server_store(postgres_url: str, home: Path) -> None:
    """The editor's path on PostgreSQL: two connections, the second save held, then discarded."""
    first = open_workspace(home / "lan", actor="Lan", store=postgres_url)
    second = open_workspace(home / "minh", actor="Minh", store=postgres_url)
    try:
        reference_data.ensure_initialised(first)
        created = assessments.create(first, "06385", 2016)
        seen = assessments.detail(second, created.id).summary.revision
        held_changes.set_value_object_based_on(first, created.id, "TC2.1", RateValue(49, 50), seen)
        with pytest.raises(StoreError) as conflict:
            held_changes.set_value_object_based_on(
                second, created.id, "TC2.1", RateValue(20, 50), seen
            )
        assert conflict.value.code == "STORE_CONFLICT"
        assert i18n.render(conflict.value, "en").startswith(first.actor)
        (detail,) = held_changes.held_details(first, created.id)
        assert (detail.theirs_by, detail.held.held_by) == (first.actor, second.actor)
        held_changes.discard_held(first, detail.held.id, "giữ số của Lan")
        assert held_changes.held_details(second, created.id) == []
        assert assessments.detail(second, created.id).values["TC2.1"].value == RateValue(49, 50)
    finally:
        first.close()
        second.close()
