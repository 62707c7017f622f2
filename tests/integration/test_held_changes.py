"""Held changes (issue 16): a figure entered over one that another officer changed since it was read
is held, not written over the other change; a person applies or discards it. Changes to other
figures of the same assessment are no conflict (the check is per figure). On a store file, and
once on a throwaway PostgreSQL server (tests/postgres_server.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assessor_app import i18n
from assessor_app.domain.errors import InputError, StateError, StoreError
from assessor_app.domain.values import ManualValue, RateValue, YesNoValue
from assessor_app.services import assessments, held_changes, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.postgres_server import postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # the fixtures the server test uses


@pytest.fixture
def ready(workspace: Workspace) -> Workspace:
    reference_data.ensure_initialised(workspace)
    return workspace


def test_a_change_on_the_figure_seen_is_written(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    revision = held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    assert revision == 1
    assert held_changes.list_held(ready) == []


def test_a_stale_change_is_held_and_can_be_discarded(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_expecting(ready, created.id, "TC2.1", "20/50", "", "")
    assert conflict.value.code == "STORE_CONFLICT"
    (held,) = held_changes.list_held(ready, created.id)
    assert (held.based_on_revision, held.found_revision) == (1, 1)  # the script's read: unknown
    held_changes.discard_held(ready, held.id, "số liệu cũ")
    assert "49" in str(assessments.detail(ready, created.id).values["TC2.1"].value)
    with pytest.raises(StateError, match="already resolved"):
        held_changes.apply_held(ready, held.id)


def test_the_editor_save_is_held_with_both_figures_named(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    ready.actor = "Trần Thị Hoa"
    summary = held_changes.set_value_object_expecting(
        ready, created.id, "TC2.1", RateValue(49, 50), None, 0
    )
    assert summary.revision == 1
    ready.actor = "Lê Văn Bình"
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_object_expecting(
            ready, created.id, "TC2.1", RateValue(20, 50), None, 0
        )
    message = i18n.render(conflict.value, "en")
    assert message.startswith("Trần Thị Hoa changed TC2.1 of assessment")
    assert "it is now 49/50" in message
    assert "Your figure 20/50 was not written" in message
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


def test_figures_of_other_indicators_are_no_conflict(ready: Workspace) -> None:
    """Two team members of different sectors enter their own indicators on the same read."""
    created = assessments.create(ready, "06385", 2016)
    ready.actor = "Trần Thị Hoa"
    held_changes.set_value_object_expecting(ready, created.id, "TC2.1", RateValue(49, 50), None, 0)
    ready.actor = "Lê Văn Bình"
    summary = held_changes.set_value_object_expecting(
        ready, created.id, "TC1.1", YesNoValue(True), None, 0
    )
    assert summary.revision == 2
    assert held_changes.list_held(ready) == []
    values = assessments.detail(ready, created.id).values
    assert (values["TC2.1"].value, values["TC1.1"].value) == (RateValue(49, 50), YesNoValue(True))


def test_the_same_figure_entered_by_both_is_no_conflict(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    revision = held_changes.set_value_expecting(ready, created.id, "TC2.1", "49 / 50", "")
    assert revision == 1  # nothing to write: no revision, nothing held
    assert held_changes.list_held(ready) == []


def test_the_figure_read_is_compared_not_the_assessment(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    held_changes.set_value_expecting(ready, created.id, "TC1.1", "có", "")
    # Read 49/50, changed to 45/50: written although the assessment moved on.
    assert held_changes.set_value_expecting(ready, created.id, "TC2.1", "45/50", "49/50") == 3
    # Cleared by someone else after we read 45/50: our figure is held, the clearing named.
    ready.actor = "Trần Thị Hoa"
    assessments.set_value_object(ready, created.id, "TC2.1", None)
    ready.actor = "Lê Văn Bình"
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_object_expecting(
            ready, created.id, "TC2.1", RateValue(40, 50), RateValue(45, 50), 3
        )
    message = i18n.render(conflict.value, "en")
    assert message.startswith("Trần Thị Hoa changed TC2.1")
    assert "40/50" in message
    (held,) = held_changes.list_held(ready, created.id)
    assert (held.based_on_revision, held.found_revision) == (3, 4)
    # Entered by someone else where we saw none: held too.
    ready.actor = "Trần Thị Hoa"
    held_changes.set_value_expecting(ready, created.id, "TC2.1", "30/50", "")
    ready.actor = "Lê Văn Bình"
    with pytest.raises(StoreError):
        held_changes.set_value_expecting(ready, created.id, "TC2.1", "10/50", "")
    assert len(held_changes.list_held(ready, created.id)) == 2
    assert assessments.detail(ready, created.id).values["TC2.1"].value == RateValue(30, 50)


def test_a_manual_figure_read_is_compared_whole_points_and_justification(
    ready: Workspace,
) -> None:
    """`points=N` cannot name the justification: refused, asking for the JSON form; another
    officer's new justification with the same points is not written over."""
    created = assessments.create(ready, "06400", 2026)
    code = next(
        i.code
        for i in assessments.detail(ready, created.id).catalogue.indicators()
        if i.kind == "manual"
    )
    assessments.set_value(ready, created.id, code, "points=10", "Biên bản họp dân ngày 3/3")
    with pytest.raises(InputError) as refused:
        held_changes.set_value_expecting(
            ready, created.id, code, "points=12", "points=10", "Đã đối chiếu"
        )
    assert refused.value.code == "HELD_EXPECT_MANUAL_JSON"
    assert "--json" in str(refused.value)
    read = json.dumps({"points": 10, "justification": "Biên bản họp dân ngày 3/3"})
    # Meanwhile another officer keeps the points and changes the justification.
    ready.actor = "Trần Thị Hoa"
    assessments.set_value(ready, created.id, code, "points=10", "Biên bản họp dân ngày 5/3")
    ready.actor = "Lê Văn Bình"
    with pytest.raises(StoreError) as held:
        held_changes.set_value_expecting(ready, created.id, code, "points=12", read, "Đối chiếu")
    assert held.value.code == "STORE_CONFLICT"
    now = assessments.detail(ready, created.id).values[code].value
    assert now == ManualValue(10, "Biên bản họp dân ngày 5/3")
    theirs = json.dumps({"points": 10, "justification": "Biên bản họp dân ngày 5/3"})
    held_changes.set_value_expecting(ready, created.id, code, "points=12", theirs, "Đối chiếu")
    assert assessments.detail(ready, created.id).values[code].value == ManualValue(12, "Đối chiếu")
    assert len(held_changes.list_held(ready, created.id)) == 1


def test_a_finalised_assessment_refuses_instead_of_holding(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    assessments.finalize(ready, created.id)
    with pytest.raises(StateError) as refused:
        held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    assert refused.value.code == "ASSESSMENT_FINALIZED"
    assert held_changes.list_held(ready) == []


def test_a_bad_figure_is_refused_before_anything_is_held(ready: Workspace) -> None:
    created = assessments.create(ready, "06385", 2016)
    held_changes.set_value_expecting(ready, created.id, "TC2.1", "49/50", "")
    with pytest.raises(InputError):
        held_changes.set_value_expecting(ready, created.id, "TC2.1", "60/50", "")
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
        held_changes.set_value_object_expecting(
            first, created.id, "TC2.1", RateValue(49, 50), None, seen
        )
        # The other officer's figure on another indicator is no conflict.
        held_changes.set_value_object_expecting(
            second, created.id, "TC1.1", YesNoValue(True), None, seen
        )
        with pytest.raises(StoreError) as conflict:
            held_changes.set_value_object_expecting(
                second, created.id, "TC2.1", RateValue(20, 50), None, seen
            )
        assert conflict.value.code == "STORE_CONFLICT"
        assert i18n.render(conflict.value, "en").startswith(first.actor)
        (detail,) = held_changes.held_details(first, created.id)
        assert (detail.theirs_by, detail.held.held_by) == (first.actor, second.actor)
        held_changes.discard_held(first, detail.held.id, "giữ số của Lan")
        assert held_changes.held_details(second, created.id) == []
        values = assessments.detail(second, created.id).values
        assert values["TC2.1"].value == RateValue(49, 50)
        assert values["TC1.1"].value == YesNoValue(True)
    finally:
        first.close()
        second.close()
