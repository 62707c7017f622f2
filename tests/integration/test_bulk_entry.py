"""Entering many assessments at once (services/bulk_entry.py) stores each as the use cases one by
one would: the same figures, score, revision, team, comments and audit actions, a chain that
checks, and nothing at all when one draft is bad."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.services import assessments, notes, reference_data, team
from assessor_app.services.bulk_entry import Draft, add_assessments
from assessor_app.services.workspace import Workspace, open_workspace

FIGURES = (
    ("TC1.1", "yes", ""),
    ("TC2.1", "49/50", ""),
    ("TC4.1", "0/1250", ""),
    ("TC11.1", "points=60", "Có câu lạc bộ quyền trẻ em"),
)
MEMBERS = (("Lê Văn Bình", "justice", "lead"), ("Nông Thị Hoa", "health", "member"))
COMMENTS = (("TC2.1", "Đối chiếu với sổ hộ tịch"),)


def _one_by_one(workspace: Workspace, finalize: bool) -> int:
    created = assessments.create(workspace, "06400", 2026, kind="team")
    for code, text, reason in FIGURES:
        assessments.set_value(workspace, created.id, code, text, reason)
    for name, agency, role in MEMBERS:
        team.add_member(workspace, created.id, name, agency, role)
    for code, text in COMMENTS:
        notes.add_comment(workspace, created.id, code, text)
    if finalize:
        assessments.finalize(workspace, created.id)
    return created.id


def _shape(workspace: Workspace, assessment_id: int) -> dict[str, object]:
    detail = assessments.detail(workspace, assessment_id)
    report = assessments.audit(workspace, assessment_id)
    assert report.intact, report
    return {
        "values": {code: v.value for code, v in detail.values.items()},
        "total": detail.summary.total,
        "recognized": detail.summary.recognized,
        "status": detail.summary.status,
        "revision": detail.summary.revision,
        "members": [(m.name, m.agency, m.role) for m in detail.members],
        "comments": [(c.indicator, c.text, c.author) for c in detail.comments],
        # Targets name member ids, which differ from one assessment to another.
        "actions": [(e.action, e.old, e.new, e.reason) for e in report.entries],
    }


@pytest.mark.parametrize("finalize", [False, True])
def test_an_assessment_entered_in_bulk_is_stored_as_one_entered_step_by_step(
    workspace: Workspace, finalize: bool
) -> None:
    step_by_step = _one_by_one(workspace, finalize)
    (bulk,) = add_assessments(
        workspace,
        [Draft("06400", 2026, "team", FIGURES, MEMBERS, COMMENTS, finalize=finalize)],
    )
    expected, got = _shape(workspace, step_by_step), _shape(workspace, bulk)
    assert got == expected


def test_many_drafts_in_one_call_keep_their_order(workspace: Workspace) -> None:
    drafts = [Draft(code, 2016, kind) for code in ("06385", "06400") for kind in ("self", "team")]
    ids = add_assessments(workspace, drafts)
    summaries = [assessments.summary(workspace, i) for i in ids]
    assert [(s.commune_code, s.year, s.kind.value) for s in summaries] == [
        (d.commune, d.year, d.kind) for d in drafts
    ]


@pytest.mark.parametrize(
    ("draft", "error"),
    [
        (Draft("06400", 2026, figures=(("TC2.1", "51/50", ""),)), InputError),
        (Draft("06400", 2026, figures=(("TC99.9", "1/2", ""),)), InputError),
        (Draft("06400", 2026, members=(("", "justice", "lead"),)), InputError),
        (Draft("06400", 2026, comments=(("TC2.1", "  "),)), InputError),
        (Draft("06400", 2026, figures=(("TC2.1", "1/2", ""), ("TC2.1", "2/2", ""))), InputError),
        (Draft("99999", 2026), NotFoundError),
    ],
)
def test_a_bad_draft_changes_nothing(
    workspace: Workspace, draft: Draft, error: type[Exception]
) -> None:
    with pytest.raises(error):
        add_assessments(workspace, [Draft("06385", 2026, figures=FIGURES[:1]), draft])
    assert assessments.list_assessments(workspace) == []


def test_the_synthetic_province_is_built_by_the_bulk_service(home: Path) -> None:
    """bench/make_province.py at a small size: its assessments check like any other."""
    from bench.make_province import make_province

    ids = make_province(home, scale=1, seed=3, quiet=True, limit=12)
    workspace = open_workspace(home, actor="Kiểm tra")
    try:
        reference_data.ensure_initialised(workspace)
        assert len(ids) == 12
        for assessment_id in ids:
            detail = assessments.detail(workspace, assessment_id)
            assert len(detail.values) == len(detail.catalogue.indicators())
            assert len(detail.members) == 3
            assert detail.comments
            assert assessments.audit(workspace, assessment_id).intact
    finally:
        workspace.close()
