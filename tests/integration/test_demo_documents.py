"""Documents printed from demo data say DEMO, per assessment; a real store's summary never counts
a demo assessment and says why the commune is left out (issue 13)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import text

from assessor_app.reports.summary_model import ExclusionReason
from assessor_app.services import assessments, report_data, reports
from assessor_app.services.workspace import Workspace
from tests.store_access import raw_store
from tests.unit.reports.fixtures import pdftotext, write_pdf

CREATED = datetime(2026, 12, 8, 16, 0)


def _finalised(ws: Workspace, commune: str = "06400") -> int:
    created = assessments.create(ws, commune, 2026)
    assessments.set_value(ws, created.id, "TC2.1", "49/50")
    assessments.finalize(ws, created.id)
    return created.id


def _mark_demo(ws: Workspace, assessment_id: int) -> None:
    """What an old import or a hand-edited store could have left: a demo assessment in a real
    store (the store's meta does not say demo)."""
    with raw_store(ws) as db:
        db.execute(
            text("UPDATE assessments SET demo = :yes WHERE id = :id"),
            {"yes": True, "id": assessment_id},
        )


def test_the_dossier_of_a_demo_assessment_says_demo_in_a_real_store(
    workspace: Workspace, tmp_path: Path
) -> None:
    real, sample = _finalised(workspace, "06400"), _finalised(workspace, "06385")
    _mark_demo(workspace, sample)
    assert not report_data.dossier_data(workspace, real, CREATED).demo
    data = report_data.dossier_data(workspace, sample, CREATED)
    assert data.demo
    text = pdftotext(write_pdf(tmp_path, "demo.pdf", reports.render_dossier(data)))
    assert "DEMO" in text


def test_a_real_store_summary_leaves_a_demo_assessment_out_and_says_so(
    workspace: Workspace,
) -> None:
    real, sample = _finalised(workspace, "06400"), _finalised(workspace, "06385")
    before = report_data.summary_data(workspace, "20", 2026, CREATED)
    assert {c.code for c in before.communes} == {"06400", "06385"}
    _mark_demo(workspace, sample)
    data = report_data.summary_data(workspace, "20", 2026, CREATED)
    assert [c.code for c in data.communes] == ["06400"]
    left_out = {e.code: e for e in data.excluded}
    assert left_out["06385"].reason is ExclusionReason.DEMO
    assert left_out["06385"].reason_text == "Chỉ có dữ liệu mẫu DEMO (hồ sơ mẫu, không được tính)"
    assert real
