"""What an installation is and whose office: the profile names the office (services/offices.py),
and the reports an office issues carry its name. A summary used to say "SỞ Y TẾ /BC-SYT" while the
profile said the labour department; stores made before keep working, with the period's default."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assessor_app.domain.errors import InputError
from assessor_app.services import decision_documents, profile, report_data, reports
from assessor_app.services.offices import OfficeLevel
from assessor_app.services.profile import ProfileKind
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_decisions import _team_pass, _text
from tests.unit.reports.fixtures import pdftotext

CREATED = datetime(2026, 12, 8, 16, 0)


def _summary_issuer(workspace: Workspace) -> tuple[str, str, str, str]:
    letter = report_data.summary_data(workspace, "20", 2026, CREATED).letter
    return letter.issuer.name, letter.issuer.parent, letter.number, letter.addressee


def test_the_province_office_issues_the_summary_in_its_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    saved = profile.save_profile(
        workspace, "province", "Lê Thị Thu", "labour_social_affairs", "LS-2025-07", "20"
    )
    assert saved.kind is ProfileKind.PROVINCE
    assert saved.office is not None
    assert (saved.office.code, saved.office.name) == ("20", "Tỉnh Lạng Sơn")
    assert _summary_issuer(workspace) == (
        "Sở Lao động - Thương binh và Xã hội",
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "/BC-SLĐTBXH",
        "Bộ Lao động - Thương binh và Xã hội",
    )
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(
        reports.render_summary(report_data.summary_data(workspace, "20", 2026, CREATED))
    )
    text = " ".join(pdftotext(pdf, 1, 1, raw=True).split())
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in text
    assert "BC-SLĐTBXH" in text
    assert "SỞ Y TẾ" not in text
    assert "BC-SYT" not in text

    profile.save_profile(workspace, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    assert _summary_issuer(workspace)[:3] == (
        "Sở Y tế",
        "Ủy ban nhân dân tỉnh Lạng Sơn",
        "/BC-SYT",
    )


def test_a_district_office_issues_only_for_its_district(workspace: Workspace) -> None:
    profile.save_profile(
        workspace, "office", "Nông Văn Minh", "labour_social_affairs", "LS-2020", "186"
    )
    loaded = profile.load_profile(workspace)
    assert loaded.office is not None
    assert (loaded.office.name, loaded.office.level) == ("Huyện Hữu Lũng", OfficeLevel.DISTRICT)
    own = report_data.summary_data(workspace, "186", 2016, CREATED).letter
    assert (own.issuer.name, own.issuer.parent, own.number) == (
        "Phòng Lao động - Thương binh và Xã hội",
        "Ủy ban nhân dân huyện Hữu Lũng",
        "/BC-LĐTBXH",
    )
    other = report_data.summary_data(workspace, "178", 2016, CREATED).letter
    assert other.issuer.name.startswith("Ủy ban nhân dân")  # another district: its default


def test_an_office_must_be_one_the_kind_can_be(workspace: Workspace) -> None:
    before = profile.load_profile(workspace)
    with pytest.raises(InputError) as refused:
        profile.save_profile(workspace, "province", "Lê Thị Thu", "health", "LS-2025-07", "06400")
    assert refused.value.code == "PROFILE_BAD_OFFICE"
    with pytest.raises(InputError):  # no districts after 1 July 2025
        profile.save_profile(workspace, "office", "Lê Thị Thu", "health", "LS-2025-07", "186")
    assert profile.load_profile(workspace) == before
    choices = profile.office_choices(workspace, "office", "LS-2025-07")
    assert [(c.code, c.level) for c in choices] == [("20", OfficeLevel.PROVINCE)]
    assert len(profile.office_choices(workspace, "office", "LS-2020")) == 11
    assert len(profile.office_choices(workspace, "commune", "LS-2025-07")) == 65
    assert profile.office_choices(workspace, "team", "LS-2025-07") == []


def test_changing_the_office_is_audited(workspace: Workspace) -> None:
    profile.save_profile(workspace, "team", "Lê Thị Thu", "health", "LS-2025-07")
    profile.save_profile(workspace, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    with workspace.database.reading() as session:
        entries = Repository(session).audit_entries(STORE_CHAIN)
    last = entries[-1]
    assert last.action == "set_profile"
    assert (last.old["profile_kind"], last.new["profile_kind"]) == ("team", "province")
    assert (last.old["office_unit"], last.new["office_unit"]) == ("", "20")


def test_a_profile_made_before_keeps_working(workspace: Workspace) -> None:
    """A store from before: kind "office" (a reviewing office, which appraised), no office unit."""
    with workspace.database.transaction() as session:
        repo = Repository(session)
        for key, value in {
            "profile_kind": "office",
            "person_name": "Lò Văn Cũ",
            "person_agency": "labour_social_affairs",
            "unit_list": "LS-2025-07",
        }.items():
            repo.set_meta(key, value)
    loaded = profile.load_profile(workspace)
    assert (loaded.kind, loaded.office, loaded.name) == (ProfileKind.OFFICE, None, "Lò Văn Cũ")
    # documents keep the period's default issuing body, as before
    assert _summary_issuer(workspace)[:3] == ("Sở Y tế", "Ủy ban nhân dân tỉnh Lạng Sơn", "/BC-SYT")


def test_the_appraising_office_issues_the_appraisal_in_its_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    _team_pass(workspace)
    profile.save_profile(
        workspace, "office", "Nông Văn Minh", "labour_social_affairs", "LS-2025-07", "20"
    )
    data = decision_documents.appraisal_bytes(workspace, 2026, unit="20", created=CREATED)
    text = _text(data, tmp_path)
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in text
    assert "Số: /BC-SLĐTBXH" in text
    assert "SỞ Y TẾ" not in text
