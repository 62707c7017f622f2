"""`catalogue draft ...` and `catalogue list`'s origins: a draft started from a stored catalogue
or an XLSX table, shown with what keeps it from being valid, published by the province office
only, and a published catalogue listed as the province's."""

from __future__ import annotations

import json
from pathlib import Path

from assessor_app.core.canonical import canonical_json
from assessor_app.services import catalogue_drafts, catalogue_xlsx, profile, reference_data
from assessor_app.services.workspace import open_workspace
from tests.cli.conftest import Runner
from tests.cli.test_catalogue_xlsx_commands import _broken

CODE = "QD06-2019"


def _as_province(home: Path) -> None:
    ws = open_workspace(home, actor="Lê Thị Thu")
    try:
        reference_data.ensure_initialised(ws)
        profile.save_profile(
            ws, "province", "Lê Thị Thu", "labour_social_affairs", "LS-2025-07", "20"
        )
    finally:
        ws.close()


def _break(home: Path, draft_id: int) -> None:
    ws = open_workspace(home, actor="Lê Thị Thu")
    try:
        document = catalogue_drafts.get_draft(ws, draft_id).document
        document["criteria"][1]["indicators"][0]["max_points"] = "nhiều"
        catalogue_drafts.save_draft(ws, draft_id, document)
    finally:
        ws.close()


def test_new_show_publish_and_list(cli: Runner, home: Path) -> None:
    assert cli("init").code == 0
    started = cli("catalogue", "draft", "new", CODE, "--version", "2026.1")
    assert started.code == 0, started.err
    assert "Draft 1 started: QD06-2019 2026.1." in started.out
    assert "can be published" in started.out
    listed = cli("catalogue", "draft", "list", "--json").json()
    assert [(d["id"], d["code"], d["version"], d["valid"]) for d in listed] == [
        (1, CODE, "2026.1", True)
    ]
    _break(home, 1)
    shown = cli("catalogue", "draft", "show", "1")
    assert shown.code == 0
    assert "Not valid yet:" in shown.out
    assert "  - TC2 / TC2.1: " in shown.out
    problems = cli("catalogue", "draft", "show", "1", "--json").json()["problems"]
    assert [p["code"] for p in problems] == ["CAT_FIELD"]

    refused = cli("catalogue", "draft", "publish", "1")  # a team's laptop by default
    assert refused.code == 5
    assert "CAT_PUBLISH_NOT_PROVINCE" in refused.err
    _as_province(home)
    invalid = cli("catalogue", "draft", "publish", "1")
    assert invalid.code == 3
    assert "CAT_DRAFT_INVALID" in invalid.err

    fixed = cli("catalogue", "draft", "new", CODE, "--version", "2026.2")
    assert fixed.code == 0
    published = cli("catalogue", "draft", "publish", "2", lang="vi")
    assert published.code == 0, published.err
    assert "QD06-2019 2026.2" in published.out
    # The provisional parts are named with whole titles when publishing, not cut.
    assert "(Trẻ em được khai sinh đúng quy định)" in published.out
    assert "khai sinh đúng…" not in published.out
    taken = cli("catalogue", "draft", "new", CODE, "--version", "2026.2")
    assert taken.code == 3
    assert "CAT_VERSION_TAKEN" in taken.err

    origins = {
        (c["code"], c["version"]): c["origin"] for c in cli("catalogue", "list", "--json").json()
    }
    assert origins[(CODE, "2026.2")] == "published"
    words = cli("catalogue", "list", lang="vi").out
    assert "do tỉnh ban hành" in words
    assert "kèm ứng dụng" in words
    assert cli("catalogue", "show", CODE, "--json").json()["version"] == "2026.2"

    assert cli("catalogue", "draft", "delete", "1").code == 0
    assert cli("catalogue", "draft", "list", "--json").json() == []
    assert cli("catalogue", "draft", "show", "1").code == 4


def test_drafts_through_xlsx(cli: Runner, tmp_path: Path) -> None:
    assert cli("init").code == 0
    sheet = tmp_path / "bang.xlsx"
    assert cli("catalogue", "export-xlsx", CODE, "--out", str(sheet)).code == 0
    started = cli("catalogue", "draft", "import-xlsx", str(sheet))
    assert started.code == 0, started.err
    assert "Draft 1 started" in started.out
    back = tmp_path / "back.xlsx"
    exported = cli("catalogue", "draft", "export-xlsx", "1", "--out", str(back))
    assert exported.code == 0, exported.err
    # The same catalogue: the table written from the draft reads back as the one exported.
    read = catalogue_xlsx.document_of
    assert canonical_json(read(catalogue_xlsx.sheets_of(back))) == canonical_json(
        read(catalogue_xlsx.sheets_of(sheet))
    )
    assert json.loads(cli("catalogue", "draft", "show", "1", "--json").out)["based_on"] is None


def test_an_xlsx_that_reads_but_does_not_validate_lands_as_a_draft(
    cli: Runner, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    sheet = _broken(tmp_path, cli, "Mức 2: ngưỡng", 99)  # TC2.1: 99 % after 98 %, out of order
    started = cli("catalogue", "draft", "import-xlsx", str(sheet))
    assert started.code == 0, started.err
    assert "Not valid yet:" in started.out
    assert "  - TC2 / TC2.1: Band 2 (threshold 99.0) is out of order" in started.out
    assert (
        cli("catalogue", "draft", "export-xlsx", "1", "--out", str(tmp_path / "x.xlsx")).code == 3
    )


def test_an_xlsx_with_an_unreadable_cell_makes_no_draft(cli: Runner, tmp_path: Path) -> None:
    assert cli("init").code == 0
    sheet = _broken(tmp_path, cli, "Cách tính điểm", "Theo cảm tính")
    refused = cli("catalogue", "draft", "import-xlsx", str(sheet))
    assert refused.code == 3
    assert "[CAT_SHEET_CHOICE]" in refused.err
    assert "'Chỉ tiêu'" in refused.err  # its sheet, row and column
    assert cli("catalogue", "draft", "list", "--json").json() == []
    missing = cli("catalogue", "draft", "import-xlsx", str(tmp_path / "none.xlsx"))
    assert missing.code == 3


def test_show_and_list_say_the_source_and_times_as_an_official_reads_them(cli: Runner) -> None:
    import re

    assert cli("init").code == 0
    assert cli("catalogue", "draft", "new", CODE, "--version", "2026.1").code == 0
    shown = cli("catalogue", "draft", "show", "1", lang="vi")
    assert shown.code == 0, shown.err
    assert "QD06-2019, phiên bản tạm thời 2019.1" in shown.out
    assert not re.search(r"[0-9a-f]{32}", shown.out)  # no hash
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", shown.out)  # no ISO time
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}", shown.out)
    listed = cli("catalogue", "draft", "list", lang="vi")
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", listed.out)
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", listed.out)
