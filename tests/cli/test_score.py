"""`assessor-app score`: stateless scoring from a JSON request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Runner

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


def write(tmp_path: Path, data: object, name: str = "req.json") -> Path:
    path = tmp_path / name
    path.write_text(
        json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data,
        encoding="utf-8",
    )
    return path


def test_readme_worked_example_is_reproduced(cli: Runner, home: Path) -> None:
    expected = json.loads((EXAMPLES / "score-result.json").read_text(encoding="utf-8"))
    result = cli("score", str(EXAMPLES / "score-request.json"))
    assert result.code == 0, result.err
    assert result.json() == expected
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f'"total": {expected["total"]}' in readme
    assert not (home / "assessor.sqlite3").exists()  # stateless: no store created


def test_score_with_commune_uses_its_category(cli: Runner, tmp_path: Path) -> None:
    request = {"catalogue": "QD06-2019", "commune": "05977", "values": {}}
    out = cli("score", str(write(tmp_path, request))).json()
    assert out["unit_category"] == "other"  # a ward of Lạng Sơn
    assert out["commune"]["name"] == "Phường Đông Kinh"
    assert out["recognized"] is False
    assert {r["code"] for r in out["reasons"]} >= {"R_TOTAL_BELOW_THRESHOLD", "R_CRITERION_AT_ZERO"}
    assert out["provisional"]


def test_score_with_catalogue_file(cli: Runner, tmp_path: Path) -> None:
    request = {"catalogue": "ignored", "unit_category": "other", "values": {"TC2.1": "49/50"}}
    out = cli(
        "score",
        str(write(tmp_path, request)),
        "--catalogue-file",
        str(ROOT / "resources" / "catalogues" / "qd34-2014.json"),
    ).json()
    assert out["catalogue"] == "QD34-2014"
    assert next(i for i in out["indicators"] if i["code"] == "TC2.1")["points"] == 50


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{not json", "FILE_BAD_JSON"),
        ("[1, 2]", "SCORE_BAD_REQUEST"),
        ({"catalogue": "QD99", "unit_category": "other", "values": {}}, "CATALOGUE_NOT_FOUND"),
        ({"catalogue": "QD06-2019", "values": {}}, "SCORE_BAD_REQUEST"),
        ({"catalogue": "QD06-2019", "unit_category": "lowland", "values": {}}, "UNIT_BAD_CATEGORY"),
        ({"catalogue": "QD06-2019", "commune": "12345", "values": {}}, "UNIT_NOT_FOUND"),
        (
            {"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC99": 1}},
            "VAL_UNKNOWN_INDICATOR",
        ),
        (
            {"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": "60/50"}},
            "VAL_NUMERATOR_ABOVE_DENOMINATOR",
        ),
        (
            {
                "catalogue": "QD06-2019",
                "unit_category": "other",
                "values": {"TC2.1": {"numerator": -1, "denominator": 5}},
            },
            "VAL_NEGATIVE",
        ),
        (
            {"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": "many"}},
            "VAL_FORMAT",
        ),
    ],
)
def test_bad_score_requests(cli: Runner, tmp_path: Path, content: object, error: str) -> None:
    result = cli("score", str(write(tmp_path, content)))
    assert result.code in (3, 4)
    assert error in result.err
    assert result.out == ""
    assert "Traceback" not in result.err


def test_not_utf8_file(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"catalogue": "Lạng Sơn"}'.encode("utf-16"))
    result = cli("score", str(path))
    assert result.code == 3
    assert "FILE_NOT_UTF8" in result.err
