"""Merging bundles from two team laptops into one office store: indicator by indicator, with
conflicts held in quarantine until a person chooses, with a reason."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.domain.audit import verify_chain
from assessor_app.domain.errors import InputError, StateError
from assessor_app.domain.values import to_json
from assessor_app.services import assessments, bundle_import, notes, quarantine, team
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from tests.integration.test_import import (
    OFFICE_PASS,
    TEAM_PASS,
    document_name,
    enrol,
    export,
    local_id,
    open_site,
    resign,
    uid_of,
    unlock,
)

B_PASS = "mật khẩu máy thứ hai"


@pytest.fixture
def laptop_a(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "a", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


@pytest.fixture
def laptop_b(tmp_path: Path, laptop_a: Workspace) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "b", "Nông Văn Bình", "Nông Văn Bình", B_PASS)
    enrol(ws, laptop_a, tmp_path / "cards")
    yield ws
    ws.close()


@pytest.fixture
def office(tmp_path: Path, laptop_a: Workspace, laptop_b: Workspace) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office")
    enrol(ws, laptop_a, tmp_path / "cards")
    enrol(ws, laptop_b, tmp_path / "cards")
    yield ws
    ws.close()


@pytest.fixture
def shared(laptop_a: Workspace, laptop_b: Workspace, tmp_path: Path) -> tuple[int, int, str]:
    """A draft started on laptop A and copied to laptop B: (id on A, id on B, uid)."""
    created = assessments.create(laptop_a, "06400", 2026)
    assessments.set_value(laptop_a, created.id, "TC2.1", "40/50")
    team.add_member(laptop_a, created.id, "Hoàng Thị Lan", "justice", "lead")
    team.add_member(laptop_a, created.id, "Vi Văn Đức", "police")
    first = export(laptop_a, [created.id], tmp_path / "a1.ldbundle", drafts=True)
    result = bundle_import.apply(laptop_b, first, B_PASS)
    assert result.outcome == "accepted"
    return created.id, result.assessment_ids[0], created.uid


def _value(ws: Workspace, assessment_id: int, code: str) -> object:
    """The indicator's value in its JSON form (None when not set)."""
    record = assessments.detail(ws, assessment_id).values.get(code)
    return None if record is None else to_json(record.value)


def _chains(ws: Workspace, uid: str) -> dict[str, list]:  # type: ignore[type-arg]
    with ws.database.reading() as session:
        repo = Repository(session)
        return {chain: repo.audit_entries(chain) for chain in repo.audit_chains(uid)}


def test_changes_to_different_indicators_both_arrive(
    laptop_a: Workspace,
    laptop_b: Workspace,
    office: Workspace,
    shared: tuple[int, int, str],
    tmp_path: Path,
) -> None:
    on_a, on_b, uid = shared
    assessments.set_value(laptop_a, on_a, "TC1.1", "có")
    notes.add_comment(laptop_a, on_a, "TC1.1", "Có quyết định kiện toàn")
    assessments.set_value(laptop_b, on_b, "TC3.1", "10/20")
    notes.add_comment(laptop_b, on_b, "TC3.1", "Số liệu trạm y tế")
    gone = next(m for m in assessments.detail(laptop_b, on_b).members if m.name == "Vi Văn Đức")
    team.remove_member(laptop_b, on_b, gone.id, reason="Chuyển công tác")
    from_a = export(laptop_a, [on_a], tmp_path / "a2.ldbundle", drafts=True)
    from_b = export(laptop_b, [on_b], tmp_path / "b1.ldbundle", B_PASS, drafts=True)

    first = bundle_import.apply(office, from_a, OFFICE_PASS)
    second = bundle_import.apply(office, from_b, OFFICE_PASS)
    assert (first.outcome, second.outcome) == ("accepted", "accepted")
    plan = second.plan.assessments[0]
    assert plan.action == "updated"
    assert [m.indicator for m in plan.taken] == ["TC3.1"]
    assert plan.conflicts == []
    assert (plan.comments_added, plan.members_removed) == (1, 1)

    here = local_id(office, uid)
    detail = assessments.detail(office, here)
    assert {code: v.value for code, v in detail.values.items()} == {
        code: v.value
        for code, v in {
            **assessments.detail(laptop_a, on_a).values,
            **assessments.detail(laptop_b, on_b).values,
        }.items()
    }
    assert set(detail.values) == {"TC1.1", "TC2.1", "TC3.1"}
    assert sorted(c.text for c in detail.comments) == [
        "Có quyết định kiện toàn",
        "Số liệu trạm y tế",
    ]
    assert [m.name for m in detail.members] == ["Hoàng Thị Lan"]  # the removal merged too
    assert (
        detail.summary.total
        == assessments.preview_score(
            detail.catalogue,
            detail.summary.category,
            {k: v.value for k, v in detail.values.items()},
        ).total
    )

    chains = _chains(office, uid)
    assert len(chains) == 3  # the office's own, A's, and B's
    for name, entries in chains.items():
        if name != uid:
            assert verify_chain([dataclasses.replace(e, chain=uid) for e in entries]) == []
    local = assessments.audit(office, here)
    assert local.intact
    assert [e.action for e in local.entries].count("import") == 2
    assert [e.target for e in local.entries if e.action == "merge"] == [
        "indicator:TC1.1",
        "indicator:TC2.1",
        "indicator:TC3.1",
    ]


def test_the_same_indicator_changed_on_both_laptops_is_a_conflict_to_resolve(
    laptop_a: Workspace,
    laptop_b: Workspace,
    office: Workspace,
    shared: tuple[int, int, str],
    tmp_path: Path,
) -> None:
    on_a, on_b, uid = shared
    assessments.set_value(laptop_a, on_a, "TC2.1", "45/50")
    assessments.set_value(laptop_b, on_b, "TC2.1", "48/50")
    notes.add_comment(laptop_b, on_b, "TC2.1", "Đã đếm lại sổ")
    from_a = export(laptop_a, [on_a], tmp_path / "a2.ldbundle", drafts=True)
    from_b = export(laptop_b, [on_b], tmp_path / "b1.ldbundle", B_PASS, drafts=True)
    assert bundle_import.apply(office, from_a, OFFICE_PASS).outcome == "accepted"
    here = local_id(office, uid)
    before = assessments.detail(office, here)

    held = bundle_import.apply(office, from_b, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["IMPORT_CONFLICT"]
    assert assessments.detail(office, here) == before  # nothing else changed
    detail = quarantine.show(office, held.quarantine_id or 0)
    assert detail.resolvable
    [conflict] = detail.conflicts
    assert conflict.indicator == "TC2.1"
    assert conflict.local is not None
    assert conflict.incoming is not None
    assert (conflict.local.value, conflict.local.author) == (
        {"numerator": 45, "denominator": 50},
        laptop_a.actor,
    )
    assert (conflict.incoming.value, conflict.incoming.author) == (
        {"numerator": 48, "denominator": 50},
        laptop_b.actor,
    )
    assert conflict.local.at
    assert conflict.incoming.at
    assert json.loads(held.receipt_path.read_text(encoding="utf-8"))["outcome"] == "quarantined"  # type: ignore[union-attr]

    qid = held.quarantine_id or 0
    for choices, code in [
        ({}, "RESOLVE_CHOICE_MISSING"),
        ({"TC9.9": "incoming"}, "RESOLVE_UNKNOWN_INDICATOR"),
        ({"TC2.1": "theirs"}, "RESOLVE_BAD_CHOICE"),
    ]:
        with pytest.raises(InputError) as caught:
            quarantine.resolve(office, qid, choices, "Đã xác minh", OFFICE_PASS)
        assert caught.value.code == code
    with pytest.raises(InputError) as no_reason:
        quarantine.resolve(office, qid, {"TC2.1": "incoming"}, "  ", OFFICE_PASS)
    assert no_reason.value.code == "REASON_REQUIRED"
    assert quarantine.show(office, qid).item.status == "held"
    assert assessments.detail(office, here) == before

    reason = "Đoàn xác nhận số liệu của anh Bình là số đã đếm lại"
    resolved = quarantine.resolve(office, qid, {"TC2.1": "incoming"}, reason, OFFICE_PASS)
    assert resolved.outcome == "accepted"
    assert _value(office, here, "TC2.1") == _value(laptop_b, on_b, "TC2.1")
    assert "Đã đếm lại sổ" in [c.text for c in assessments.detail(office, here).comments]
    item = quarantine.show(office, qid).item
    assert item.status == "resolved"
    assert item.resolution == {"choices": {f"{uid}:TC2.1": "incoming"}, "reason": reason}
    audit = assessments.audit(office, here)
    assert audit.intact
    [entry] = [e for e in audit.entries if e.action == "resolve"]
    assert entry.target == "indicator:TC2.1"
    assert entry.reason == reason
    assert entry.new == {"choice": "incoming", "value": {"numerator": 48, "denominator": 50}}
    with pytest.raises(StateError):
        quarantine.resolve(office, qid, {"TC2.1": "local"}, reason, OFFICE_PASS)


def test_choosing_the_local_side_keeps_the_value_and_audits_the_choice(
    laptop_a: Workspace,
    laptop_b: Workspace,
    office: Workspace,
    shared: tuple[int, int, str],
    tmp_path: Path,
) -> None:
    on_a, on_b, uid = shared
    assessments.set_value(laptop_a, on_a, "TC2.1", "45/50")
    assessments.set_value(laptop_b, on_b, "TC2.1", "48/50")
    bundle_import.apply(
        office, export(laptop_a, [on_a], tmp_path / "a.ldbundle", drafts=True), OFFICE_PASS
    )
    held = bundle_import.apply(
        office, export(laptop_b, [on_b], tmp_path / "b.ldbundle", B_PASS, drafts=True), OFFICE_PASS
    )
    here = local_id(office, uid)
    resolved = quarantine.resolve(
        office,
        held.quarantine_id or 0,
        {f"{here}:TC2.1": "local"},
        "Giữ số của chị Lan",
        OFFICE_PASS,
    )
    assert resolved.outcome == "accepted"
    assert _value(office, here, "TC2.1") == {"numerator": 45, "denominator": 50}
    [entry] = [e for e in assessments.audit(office, here).entries if e.action == "resolve"]
    assert entry.new["choice"] == "local"
    # Both histories are kept: B's version is in the store even though it was not chosen.
    with office.database.reading() as session:
        repo = Repository(session)
        values = [
            json.loads(v.value_json) for v in repo.versions(here) if v.indicator_code == "TC2.1"
        ]
    assert {"numerator": 48, "denominator": 50} in values


def test_the_same_figure_reached_on_both_laptops_is_no_conflict(
    laptop_a: Workspace,
    laptop_b: Workspace,
    office: Workspace,
    shared: tuple[int, int, str],
    tmp_path: Path,
) -> None:
    on_a, on_b, uid = shared
    assessments.set_value(laptop_a, on_a, "TC2.1", "45/50")
    assessments.set_value(laptop_b, on_b, "TC2.1", "45/50")
    bundle_import.apply(
        office, export(laptop_a, [on_a], tmp_path / "a.ldbundle", drafts=True), OFFICE_PASS
    )
    second = bundle_import.apply(
        office, export(laptop_b, [on_b], tmp_path / "b.ldbundle", B_PASS, drafts=True), OFFICE_PASS
    )
    assert second.outcome == "accepted"
    assert second.plan.assessments[0].conflicts == []
    assert _value(office, local_id(office, uid), "TC2.1") == {"numerator": 45, "denominator": 50}


def test_an_older_copy_of_an_indicator_keeps_the_newer_local_value(
    laptop_a: Workspace,
    laptop_b: Workspace,
    office: Workspace,
    shared: tuple[int, int, str],
    tmp_path: Path,
) -> None:
    on_a, on_b, uid = shared
    stale = export(laptop_b, [on_b], tmp_path / "b.ldbundle", B_PASS, drafts=True)  # TC2.1 = 40/50
    assessments.set_value(laptop_a, on_a, "TC2.1", "47/50")
    fresh = export(laptop_a, [on_a], tmp_path / "a.ldbundle", drafts=True)
    assert bundle_import.apply(office, fresh, OFFICE_PASS).outcome == "accepted"
    older = bundle_import.apply(office, stale, OFFICE_PASS)
    assert older.outcome == "accepted"
    assert [(m.indicator, m.kind) for m in older.plan.assessments[0].indicators] == [
        ("TC2.1", "keep")
    ]
    assert _value(office, local_id(office, uid), "TC2.1") == {"numerator": 47, "denominator": 50}


def test_a_finalised_copy_becomes_final_here_when_nothing_changed_here(
    laptop_a: Workspace, office: Workspace, shared: tuple[int, int, str], tmp_path: Path
) -> None:
    on_a, _on_b, uid = shared
    draft = export(laptop_a, [on_a], tmp_path / "a.ldbundle", drafts=True)
    assert bundle_import.apply(office, draft, OFFICE_PASS).outcome == "accepted"
    here = local_id(office, uid)
    assert assessments.detail(office, here).summary.status.value == "draft"
    assessments.finalize(laptop_a, on_a)
    final = bundle_import.apply(
        office, export(laptop_a, [on_a], tmp_path / "a2.ldbundle"), OFFICE_PASS
    )
    assert final.outcome == "accepted"
    summary = assessments.detail(office, here).summary
    assert summary.status.value == "finalized"
    assert summary.finalized_at == assessments.detail(laptop_a, on_a).summary.finalized_at


def test_a_finalised_copy_stays_a_draft_here_when_it_changed_here(
    laptop_a: Workspace, office: Workspace, shared: tuple[int, int, str], tmp_path: Path
) -> None:
    on_a, _on_b, uid = shared
    bundle_import.apply(
        office, export(laptop_a, [on_a], tmp_path / "a.ldbundle", drafts=True), OFFICE_PASS
    )
    here = local_id(office, uid)
    assessments.set_value(office, here, "TC5.1", "3/10")
    assessments.finalize(laptop_a, on_a)
    result = bundle_import.apply(
        office, export(laptop_a, [on_a], tmp_path / "a2.ldbundle"), OFFICE_PASS
    )
    assert result.outcome == "accepted"
    assert [n.code for n in result.plan.assessments[0].notes] == ["IMPORT_KEPT_DRAFT"]
    assert assessments.detail(office, here).summary.status.value == "draft"


def test_changes_to_an_assessment_finalised_here_are_held_until_chosen(
    laptop_a: Workspace, office: Workspace, tmp_path: Path
) -> None:
    created = assessments.create(laptop_a, "06400", 2026)
    assessments.set_value(laptop_a, created.id, "TC2.1", "40/50")
    assessments.finalize(laptop_a, created.id)
    first = export(laptop_a, [created.id], tmp_path / "1.ldbundle")
    assert bundle_import.apply(office, first, OFFICE_PASS).outcome == "accepted"
    here = local_id(office, created.uid)
    assessments.reopen(laptop_a, created.id, "Sai số liệu")
    assessments.set_value(laptop_a, created.id, "TC2.1", "44/50")
    assessments.finalize(laptop_a, created.id)
    second = export(laptop_a, [created.id], tmp_path / "2.ldbundle")

    held = bundle_import.apply(office, second, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["IMPORT_ASSESSMENT_LOCKED"]
    [conflict] = quarantine.show(office, held.quarantine_id or 0).conflicts
    assert (conflict.indicator, conflict.locked) == ("TC2.1", True)
    assert _value(office, here, "TC2.1") == {"numerator": 40, "denominator": 50}

    resolved = quarantine.resolve(
        office,
        held.quarantine_id or 0,
        {"TC2.1": "incoming"},
        "Đoàn đã mở lại có lý do",
        OFFICE_PASS,
    )
    assert resolved.outcome == "accepted"
    assert _value(office, here, "TC2.1") == {"numerator": 44, "denominator": 50}
    assert assessments.detail(office, here).summary.status.value == "finalized"
    assert assessments.audit(office, here).intact


def test_a_broken_audit_chain_holds_the_bundle(
    laptop_a: Workspace, office: Workspace, tmp_path: Path
) -> None:
    created = assessments.create(laptop_a, "06400", 2026)
    assessments.set_value(laptop_a, created.id, "TC2.1", "40/50")
    assessments.finalize(laptop_a, created.id)
    genuine = export(laptop_a, [created.id], tmp_path / "genuine.ldbundle")

    def rewrite_history(files: dict[str, bytes]) -> None:
        name = document_name(files)
        doc = json.loads(files[name])
        [chain] = doc["audit"].values()
        chain[1]["actor"] = "Người khác"  # an entry edited after it was written
        files[name] = json.dumps(doc, ensure_ascii=False).encode("utf-8")

    forged = resign(genuine, tmp_path / "forged.ldbundle", unlock(laptop_a), rewrite_history)
    assert bundle_import.verify(office, forged).ok  # signed by the team: the bundle is intact
    held = bundle_import.apply(office, forged, OFFICE_PASS)
    assert held.outcome == "quarantined"
    assert [r.code for r in held.reasons] == ["AUDIT_CHAIN_BROKEN"]
    assert held.reasons[0].params["problem"] == "AUDIT_ALTERED"
    assert assessments.list_assessments(office) == []
    assert not quarantine.show(office, held.quarantine_id or 0).resolvable
    rejected = quarantine.reject(office, held.quarantine_id or 0, "Nhật ký bị sửa", OFFICE_PASS)
    assert rejected.item.status == "rejected"
    assert bundle_import.apply(office, genuine, OFFICE_PASS).outcome == "accepted"
    assert uid_of(office, local_id(office, created.uid)) == created.uid
