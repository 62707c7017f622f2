"""Every table model of the bundle screens passes pytest-qt's model tester, empty and filled."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from assessor_app.services import assessments
from assessor_app.services.bundle_export import SentBundle
from assessor_app.services.merge import AssessmentPlan, IndicatorMerge, Reason, Side
from assessor_app.services.quarantine import QuarantineItem
from assessor_app.services.trust import TrustedKey
from assessor_app.ui.bundles.export_models import SelectionModel, sent_model
from assessor_app.ui.bundles.plan_tables import (
    ConflictRecord,
    assessment_label,
    conflict_model,
    plan_model,
)
from assessor_app.ui.bundles.quarantine_view import QuarantineRecord, quarantine_model
from assessor_app.ui.bundles.texts import format_fingerprint, suggested_bundle_name
from assessor_app.ui.bundles.trust_view import trust_model
from assessor_app.ui.context import UiContext

FP = "b6cca8d8f8a337ada1483702ddc8f8c54efa47234fbff9faddbc7923d94538f6"
UID = "5669c14b-9a70-496c-bbd1-bb180bf8c373"


def _conflict() -> IndicatorMerge:
    return IndicatorMerge(
        UID,
        "TC2.1",
        "conflict",
        Side("a", {"numerator": 45, "denominator": 50}, "Hoàng Thị Lan", "2026-03-01T02:00:00Z"),
        Side("b", {"numerator": 48, "denominator": 50}, "Nông Văn Bình", "2026-03-02T02:00:00Z"),
        locked=True,
    )


def test_plan_and_conflict_models(qtmodeltester: ModelTester) -> None:
    plans = plan_model()
    qtmodeltester.check(plans, force_py=True)
    plans.set_records(
        [
            AssessmentPlan(UID, "06400", "Xã Hữu Liên", 2026, None, "new", members_added=2),
            AssessmentPlan(
                UID,
                "06040",
                "Xã Thất Khê",
                2026,
                4,
                "updated",
                indicators=(_conflict(),),
                status_from="draft",
                status_to="finalized",
            ),
        ]
    )
    qtmodeltester.check(plans, force_py=True)
    assert plans.text(0, 0) == assessment_label("Xã Hữu Liên", "06400", 2026)
    assert plans.data(plans.index(1, 4), Qt.ItemDataRole.ToolTipRole) == "TC2.1"
    conflicts = conflict_model()
    qtmodeltester.check(conflicts, force_py=True)
    conflicts.set_records([ConflictRecord("Xã Hữu Liên", _conflict())])
    qtmodeltester.check(conflicts, force_py=True)
    assert conflicts.text(0, 2).startswith("45/50\n")
    assert "Nông Văn Bình" in conflicts.text(0, 3)


def test_quarantine_model(qtmodeltester: ModelTester) -> None:
    model = quarantine_model()
    qtmodeltester.check(model, force_py=True)
    item = QuarantineItem(
        id=1,
        bundle_id=UID,
        path=Path("/tmp/q/x.ldbundle"),
        received_at="2026-03-02T02:00:00Z",
        device_id="7aaecd7d-1111-2222-3333-444455556666",
        sequence=3,
        key_fingerprint=FP,
        status="held",
        reasons=(Reason("IMPORT_CONFLICT", "{count} conflicts", {"count": 1}),),
        resolved_at=None,
        resolved_by=None,
        resolution=None,
    )
    model.set_records(
        [
            QuarantineRecord(
                item,
                "Nông Văn Bình — Y tế",
                "Xã Hữu Liên (06400), 2026",
                "QĐ 06/QĐ-TTg",
                "một · hai · ba · bốn · năm · sáu",
            )
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert [model.text(0, column) for column in range(1, 4)] == [
        "Xã Hữu Liên (06400), 2026",
        "QĐ 06/QĐ-TTg",
        "Nông Văn Bình — Y tế\nmột · hai · ba · bốn · năm · sáu",
    ]
    assert UID in str(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None


def test_trust_model(qtmodeltester: ModelTester) -> None:
    model = trust_model()
    qtmodeltester.check(model, force_py=True)
    key = TrustedKey(
        fingerprint=FP,
        formatted=format_fingerprint(FP),
        words=["replace", "grab", "curtain", "vanish", "cricket", "strategy"],
        public_key="",
        owner="Hoàng Thị Lan",
        agency="Sở LĐTBXH Lạng Sơn",
        enrolled_at="2026-03-02T02:00:00Z",
        enrolled_by="Lý Thị Duyệt",
        via="card",
        replaced_by=None,
        revoked_above_seq=4,
        revoked_at="2026-03-03T02:00:00Z",
        revoked_reason="Mất máy",
        last_sequences={"7aaecd7d-1111": 4},
    )
    model.set_records([key])
    qtmodeltester.check(model, force_py=True)
    assert model.text(0, 2).splitlines()[0] == "b6cc a8d8 f8a3 37ad"
    assert "4" in model.text(0, 5)


def test_selection_and_sent_models(qtmodeltester: ModelTester, demo_context: UiContext) -> None:
    model = SelectionModel()
    qtmodeltester.check(model, force_py=True)
    summaries = assessments.list_assessments(demo_context.workspace)
    model.set_records(summaries)
    qtmodeltester.check(model, force_py=True)
    finalised = [s.id for s in summaries if s.status.value == "finalized"]
    drafts = [s.id for s in summaries if s.status.value != "finalized"]
    # Demo data is never ticked at first (issue 13): it leaves only as a demo bundle, on purpose.
    assert model.selected() == []
    assert model.set_checked(finalised[0], True)
    assert [s.id for s in model.selected()] == finalised
    assert not model.set_checked(drafts[0], True)  # not before "include drafts"
    model.set_drafts_allowed(True)
    assert model.set_checked(drafts[0], True)
    qtmodeltester.check(model, force_py=True)
    model.set_drafts_allowed(False)  # unticking drops the drafts again
    assert [s.id for s in model.selected()] == finalised

    sent = sent_model()
    qtmodeltester.check(sent, force_py=True)
    sent.set_records(
        [
            SentBundle(UID, 1, "2026-03-02T02:00:00Z", "/media/USB/a.ldbundle", "h", [UID], True,
                       None, None, []),
            SentBundle(UID, 2, "2026-03-03T02:00:00Z", "/media/USB/b.ldbundle", "h", [UID], False,
                       "2026-03-04T02:00:00Z", "quarantined", ["IMPORT_CONFLICT"]),
        ]
    )  # fmt: skip
    qtmodeltester.check(sent, force_py=True)
    assert "IMPORT_CONFLICT" in sent.text(1, 5)


def test_suggested_file_names() -> None:
    assert (
        suggested_bundle_name("Lạng Sơn", ["Xã Hữu Liên"], [2026], 3)
        == "LangSon-XaHuuLien-2026-3.ldbundle"
    )
    assert (
        suggested_bundle_name("Lạng Sơn", ["Xã Hữu Liên", "Phường Đông Kinh"], [2025, 2026], 12)
        == "LangSon-2-Xa-2025-2026-12.ldbundle"
    )
    assert suggested_bundle_name("", [], [], 1) == "1.ldbundle"


def test_a_drafts_status_is_short_and_its_tooltip_says_how_to_send_it(
    demo_context: UiContext,
) -> None:
    """The status column fits at 1366 wide ("Đang đánh giá"); how to send a draft is its tooltip."""
    from assessor_app import i18n
    from assessor_app.i18n import _
    from assessor_app.texts import labels

    model = SelectionModel()
    summaries = assessments.list_assessments(demo_context.workspace)
    model.set_records(summaries)
    row = next(i for i, s in enumerate(summaries) if s.status.value != "finalized")
    index = model.index(row, model.STATUS)
    assert index.data() == labels.assessment_status(summaries[row].status, i18n.language())
    assert index.data(Qt.ItemDataRole.ToolTipRole) == _(
        "Draft: tick “include drafts” below to send it"
    )
