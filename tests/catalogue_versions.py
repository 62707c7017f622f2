"""A "next version" of the shipped QĐ 06/2019 catalogue, for the migration tests (integration,
command line, screen). What changes, and what it does to a figure entered under 2019.1:

  TC2.1   first band 98 % → 99 %          49/50 (98 %) falls to the 60-point band: 75 → 60
  TC1.2   maximum 15 → 10                 "yes" gives 10 instead of 15
  TC1.3   maximum 15 → 20                 "yes" gives 20 instead of 15
  TC1.4   removed                         dropped
  TC1.5   new yes/no, 20 points           to be entered
  TC12.1  judged points → yes/no          to be re-entered
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from assessor_app.domain.catalogue import Catalogue
from assessor_app.services import reference_data
from assessor_app.services.workspace import Workspace

SHIPPED = Path(__file__).resolve().parents[1] / "resources" / "catalogues" / "qd06-2019.json"
NEXT_VERSION = "2026.1"


def next_document() -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(json.loads(SHIPPED.read_text(encoding="utf-8")))
    document["version"] = NEXT_VERSION
    criteria = {c["code"]: c for c in document["criteria"]}
    tc1 = criteria["TC1"]
    indicators = {i["code"]: i for c in document["criteria"] for i in c["indicators"]}
    indicators["TC2.1"]["bands"][0]["threshold"] = 99
    indicators["TC1.2"]["max_points"] = 10
    indicators["TC1.3"]["max_points"] = 20
    tc1["indicators"] = [i for i in tc1["indicators"] if i["code"] != "TC1.4"]
    tc1["indicators"].append(
        {
            "code": "TC1.5",
            "title_vi": "Có kế hoạch thực hiện quyền trẻ em hằng năm của Ủy ban nhân dân xã",
            "max_points": 20,
            "kind": "yes_no",
            "status": "provisional",
        }
    )
    tc12 = indicators["TC12.1"]
    tc12["kind"] = "yes_no"
    return document


def store_next_version(workspace: Workspace, folder: Path) -> Catalogue:
    path = folder / "qd06-2026.json"
    path.write_text(json.dumps(next_document(), ensure_ascii=False), encoding="utf-8")
    catalogue, added = reference_data.import_catalogue(workspace, path)
    assert added
    return catalogue
