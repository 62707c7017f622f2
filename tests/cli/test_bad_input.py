"""The command line under bad input: every attack ends in one clear line and a documented exit
code (docs/cli.md, "Exit codes" and "What the command line accepts"), never exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Result, Runner

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "catalogues" / "qd34-2014.json"
BEYOND_SQLITE = "12345678901234567890123456"  # 26 digits: far above SQLite's 64-bit integers
JUST_ABOVE = str(2**63)
LARGEST = str(2**63 - 1)
FULL_WIDTH = "４９/５０"
ARABIC_INDIC = "٤٩/٥٠"


def one_line(result: Result, code: int, error: str) -> None:
    assert result.code == code, (result.out, result.err)
    assert error in result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert result.out == ""


@pytest.fixture
def aid(cli: Runner) -> str:
    created = cli("assessment", "new", "--commune", "06385", "--year", "2016")
    assert created.code == 0, created.err
    return created.out.strip()


def write(tmp_path: Path, data: object, name: str = "req.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


# --- ids outside SQLite's range


ID_COMMANDS = [
    (["assessment", "set", "{id}", "TC2.1", "1/2"], "ASSESSMENT_NOT_FOUND"),
    (["assessment", "show", "{id}"], "ASSESSMENT_NOT_FOUND"),
    (["assessment", "finalize", "{id}"], "ASSESSMENT_NOT_FOUND"),
    (["assessment", "reopen", "{id}", "--reason", "x"], "ASSESSMENT_NOT_FOUND"),
    (["assessment", "delete", "{id}", "--reason", "x"], "ASSESSMENT_NOT_FOUND"),
    (["assessment", "audit", "{id}"], "ASSESSMENT_NOT_FOUND"),
    (["quarantine", "show", "{id}"], "QUARANTINE_NOT_FOUND"),
    (["quarantine", "retry", "{id}"], "QUARANTINE_NOT_FOUND"),
    (["quarantine", "resolve", "{id}", "--reason", "x"], "QUARANTINE_NOT_FOUND"),
    (["quarantine", "reject", "{id}", "--reason", "x"], "QUARANTINE_NOT_FOUND"),
    (["dossier", "show", "{id}"], "ASSESSMENT_NOT_FOUND"),
    (["dossier", "set", "{id}", "--place", "Hữu Liên"], "ASSESSMENT_NOT_FOUND"),
    (["report", "dossier", "{id}", "--out", "x.pdf"], "ASSESSMENT_NOT_FOUND"),
]


@pytest.mark.parametrize("number", [BEYOND_SQLITE, JUST_ABOVE, LARGEST, "-" + BEYOND_SQLITE])
@pytest.mark.parametrize(("args", "error"), ID_COMMANDS)
def test_an_id_beyond_the_store_is_not_found(
    cli: Runner, aid: str, tmp_path: Path, number: str, args: list[str], error: str
) -> None:
    argv = [number if a == "{id}" else a for a in args]
    argv = [str(tmp_path / a) if a == "x.pdf" else a for a in argv]
    result = cli(*argv)
    one_line(result, 4, error)
    assert number in result.err


def test_export_of_an_id_beyond_the_store_is_not_found(
    cli: Runner, aid: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSESSOR_PASSPHRASE", "mật khẩu đủ dài")
    assert cli("keys", "init", "--name", "Hoàng Thị Lan", "--agency", "Sở Y tế").code == 0
    result = cli("export", aid, BEYOND_SQLITE, "--drafts", "--out", str(tmp_path / "b.ldbundle"))
    one_line(result, 4, "ASSESSMENT_NOT_FOUND")
    assert not (tmp_path / "b.ldbundle").exists()


# --- hostile JSON files


@pytest.mark.parametrize(
    "args",
    [["score", "{file}"], ["catalogue", "validate", "{file}"], ["catalogue", "import", "{file}"]],
)
@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_absurdly_deep_json_is_refused_in_one_line(
    cli: Runner, tmp_path: Path, args: list[str], opening: str
) -> None:
    closing = "]" if opening == "[" else "}"
    path = write(tmp_path, opening * 100_000 + "1" + closing * 100_000, "deep.json")
    result = cli(*[str(path) if a == "{file}" else a for a in args])
    one_line(result, 3, "FILE_TOO_DEEP")
    assert "deep.json" in result.err


@pytest.mark.parametrize("args", [["score", "{file}"], ["catalogue", "validate", "{file}"]])
def test_a_number_of_five_thousand_digits_is_refused_in_one_line(
    cli: Runner, tmp_path: Path, args: list[str]
) -> None:
    digits = "9" * 5000
    document = (
        '{"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": {"numerator": '
        + digits
        + ', "denominator": '
        + digits
        + "}}}"
    )
    path = write(tmp_path, document, "long.json")
    result = cli(*[str(path) if a == "{file}" else a for a in args])
    one_line(result, 3, "FILE_NUMBER_TOO_LONG")
    assert "long.json" in result.err
    assert len(result.err) < 400  # the number itself is not echoed


@pytest.mark.parametrize(
    "value",
    [
        "9" * 5000 + "/" + "9" * 5000,
        {"numerator": 10**20, "denominator": 10**21},
        "1000000000000000/1000000000000000",  # 16 digits
    ],
)
def test_figures_longer_than_fifteen_digits_are_refused(
    cli: Runner, tmp_path: Path, value: object
) -> None:
    request = {"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": value}}
    result = cli("score", str(write(tmp_path, request)))
    one_line(result, 3, "VAL_TOO_LONG")
    assert len(result.err) < 400


def test_a_figure_of_five_thousand_digits_on_the_command_line(cli: Runner, aid: str) -> None:
    result = cli("assessment", "set", aid, "TC2.1", "9" * 5000 + "/" + "9" * 5000)
    one_line(result, 3, "VAL_TOO_LONG")
    assert len(result.err) < 400
    assert cli("assessment", "set", aid, "TC2.1", "999999999999999/999999999999999").code == 0


# --- digits other than 0-9


@pytest.mark.parametrize("value", [FULL_WIDTH, ARABIC_INDIC, "49/５０", "٤٩/50"])
def test_digits_of_other_scripts_are_refused_with_a_clear_message(
    cli: Runner, aid: str, value: str
) -> None:
    result = cli("assessment", "set", aid, "TC2.1", value)
    one_line(result, 3, "VAL_DIGITS_NOT_ASCII")
    assert "0-9" in result.err
    assert cli("assessment", "show", aid, "--json").json()["values"] == {}


def test_other_digits_are_refused_for_counts_and_points(cli: Runner, aid: str) -> None:
    shown = cli("catalogue", "show", "QD34-2014", "--json").json()
    indicators = [i for c in shown["criteria"] for i in c["indicators"]]
    count = next(i["code"] for i in indicators if i["kind"] == "count")
    manual = next(i["code"] for i in indicators if i["kind"] == "manual")
    one_line(cli("assessment", "set", aid, count, "３"), 3, "VAL_DIGITS_NOT_ASCII")
    one_line(
        cli("assessment", "set", aid, manual, "points=٥", "--reason", "Có mô hình"),
        3,
        "VAL_DIGITS_NOT_ASCII",
    )


def test_other_digits_are_refused_in_score_requests(cli: Runner, tmp_path: Path) -> None:
    request = {"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": FULL_WIDTH}}
    one_line(cli("score", str(write(tmp_path, request))), 3, "VAL_DIGITS_NOT_ASCII")


@pytest.mark.parametrize(
    "args",
    [
        ["assessment", "show", "１"],
        ["assessment", "show", "١"],
        ["assessment", "show", "1_000"],
        ["assessment", "new", "--commune", "06385", "--year", "２０１６"],
        ["report", "target", "--year", "2030", "--percent", "５０"],
        ["report", "target", "--year", "2030", "--percent", "nan"],
        ["report", "summary", "--unit", "20", "--year", "٢٠١٦", "--out", "x.pdf"],
        ["export", "１", "--out", "x.ldbundle"],
        ["keys", "revoke", "AB", "--above-seq", "３"],
    ],
)
def test_number_arguments_take_only_digits_0_to_9(
    cli: Runner, aid: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # were a number read, `--out x.pdf` would land here
    result = cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert "0-9" in result.err
    assert result.out == ""
    assert result.err.count("\n") == 2  # the error and the hint to --help
    assert not list(tmp_path.glob("x.*"))


def test_a_revocation_threshold_beyond_the_store_is_refused(cli: Runner) -> None:
    result = cli("keys", "revoke", "AB" * 32, "--above-seq", BEYOND_SQLITE)
    assert result.code == 2, (result.out, result.err)
    assert "--above-seq" in result.err
    assert result.err.count("\n") == 2


# --- score requests read as strictly as bundles


def _request(**extra: object) -> dict[str, object]:
    return {"catalogue": "QD06-2019", "unit_category": "other", "values": {}, **extra}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            '{"catalogue": "QD06-2019", "unit_category": "other", "unit_category": "ward_central_city"}',
            "unit_category",
        ),
        (
            '{"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": "1/2", "TC2.1": "2/2"}}',
            "TC2.1",
        ),
        (
            '{"catalogue": "QD06-2019", "unit_category": "other", '
            '"values": {"TC2.1": {"numerator": 1, "numerator": 2, "denominator": 2}}}',
            "numerator",
        ),
    ],
)
def test_score_refuses_duplicate_keys(cli: Runner, tmp_path: Path, text: str, key: str) -> None:
    result = cli("score", str(write(tmp_path, text)))
    one_line(result, 3, "FILE_DUPLICATE_KEY")
    assert f"'{key}'" in result.err


@pytest.mark.parametrize(
    ("request_", "error", "key"),
    [
        (
            _request(values={"TC2.1": {"numerator": "49", "denominator": 50}}),
            "VAL_NOT_A_JSON_NUMBER",
            "numerator",
        ),
        (
            _request(values={"TC2.1": {"numerator": 49, "denominator": "50"}}),
            "VAL_NOT_A_JSON_NUMBER",
            "denominator",
        ),
        (
            _request(values={"TC2.1": {"numerator": 49.0, "denominator": 50}}),
            "VAL_NOT_A_NUMBER",
            "numerator",
        ),
        (
            _request(values={"TC2.1": {"numerator": 49, "denominator": 50, "note": 1}}),
            "VAL_UNKNOWN_KEY",
            "note",
        ),
        (_request(values={"TC2.1": {"numerator": 49}}), "VAL_MISSING_KEY", "denominator"),
        (_request(valeus={"TC2.1": "49/50"}), "SCORE_UNKNOWN_KEY", "valeus"),
        ({"catalogue": 6, "unit_category": "other"}, "SCORE_NOT_TEXT", "catalogue"),
        ({"catalogue": "QD06-2019", "unit_category": ["other"]}, "SCORE_NOT_TEXT", "unit_category"),
        ({"catalogue": "QD06-2019", "commune": 5977}, "SCORE_NOT_TEXT", "commune"),
    ],
)
def test_score_refuses_wrong_types_and_unknown_keys(
    cli: Runner, tmp_path: Path, request_: object, error: str, key: str
) -> None:
    result = cli("score", str(write(tmp_path, request_)))
    one_line(result, 3, error)
    assert key in result.err


def test_score_refuses_nan(cli: Runner, tmp_path: Path) -> None:
    text = '{"catalogue": "QD06-2019", "unit_category": "other", "values": {"TC2.1": {"numerator": NaN, "denominator": 5}}}'
    one_line(cli("score", str(write(tmp_path, text))), 3, "FILE_BAD_JSON")


def test_a_manual_justification_must_be_text(cli: Runner, tmp_path: Path) -> None:
    request = _request(values={"TC11.1": {"points": 1, "justification": 7}})
    result = cli("score", str(write(tmp_path, request)))
    one_line(result, 3, "VAL_NOT_TEXT")
    assert "justification" in result.err


def test_the_documented_forms_still_score(cli: Runner, tmp_path: Path) -> None:
    request = _request(
        values={
            "TC2.1": {"numerator": 49, "denominator": 50},
            "TC11.1": {"points": 1, "justification": "Có câu lạc bộ"},
            "TC1.1": "yes",
        }
    )
    assert cli("score", str(write(tmp_path, request))).code == 0
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(request).encode())  # as Windows Notepad saves it
    assert cli("score", str(bom)).code == 0


# --- usage errors


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["assessment", "set", "1", "TC2.1"], "assessor-app assessment set"),
        (
            ["assessment", "new", "--commune", "06385", "--year", "2016", "--kind", "bogus"],
            "assessor-app assessment new",
        ),
        (["frobnicate"], "assessor-app"),
        (["assessment", "show", "1", "--bogus"], "assessor-app"),
        (["assessment", "show", "abc"], "assessor-app assessment show"),
        (["assessment"], "assessor-app assessment"),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(cli: Runner, args: list[str], command: str) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    error, hint = result.err.splitlines()
    assert error.startswith(f"{command}: error: ")
    assert hint == f"Run '{command} --help' for the options."


def test_a_missing_value_is_named(cli: Runner) -> None:
    error = cli("assessment", "set", "1", "TC2.1").err.splitlines()[0]
    assert (
        error == "assessor-app assessment set: error: the following arguments are required: VALUE"
    )


def test_usage_errors_speak_the_users_language(cli: Runner) -> None:
    result = cli("assessment", "set", "1", "TC2.1", lang="vi")
    assert result.code == 2
    error, _hint = result.err.splitlines()
    assert error == "assessor-app assessment set: lỗi: thiếu các tham số bắt buộc sau: VALUE"


def test_help_is_unchanged(cli: Runner) -> None:
    result = cli("assessment", "set", "--help")
    assert result.code == 0
    assert result.err == ""
    assert result.out.startswith("usage: assessor-app assessment set")
    assert "--reason TEXT" in result.out


# --- limits on free text


LONG_REASON = "Lý do " * 400  # 2,400 characters


@pytest.mark.parametrize(
    "args",
    [
        ["assessment", "reopen", "{id}", "--reason", LONG_REASON],
        ["assessment", "delete", "{id}", "--reason", LONG_REASON],
        ["assessment", "set", "{id}", "TC2.1", "49/50", "--reason", LONG_REASON],
        ["units", "set-category", "06385", "other", "--reason", LONG_REASON],
        ["quarantine", "reject", "1", "--reason", LONG_REASON],
        ["quarantine", "resolve", "1", "--reason", LONG_REASON],
    ],
)
def test_reasons_longer_than_the_limit_are_refused(cli: Runner, aid: str, args: list[str]) -> None:
    result = cli(*[aid if a == "{id}" else a for a in args])
    one_line(result, 3, "TEXT_TOO_LONG")
    assert "2000" in result.err
    assert "reason" in result.err
    audit = cli("assessment", "audit", aid, "--json").json()
    assert [e["action"] for e in audit["entries"]] == ["create"]


def test_a_manual_justification_longer_than_the_limit_is_refused(cli: Runner, aid: str) -> None:
    shown = cli("catalogue", "show", "QD34-2014", "--json").json()
    manual = next(
        i["code"] for c in shown["criteria"] for i in c["indicators"] if i["kind"] == "manual"
    )
    result = cli("assessment", "set", aid, manual, "points=1", "--reason", LONG_REASON)
    one_line(result, 3, "TEXT_TOO_LONG")


@pytest.mark.parametrize(
    ("option", "value", "error", "field"),
    [
        ("--signer-name", "Hoàng " * 50, "TEXT_TOO_LONG", "signer_name"),
        ("--chair", "Hoàng\x1b[2JVăn", "TEXT_CONTROL_CHARACTER", "council_chair"),
        (
            "--council-member",
            "Lê Văn\x07 A|Cán bộ",
            "TEXT_CONTROL_CHARACTER",
            "council_members.name",
        ),
        ("--conclusion", "Đạt. " * 500, "TEXT_TOO_LONG", "council_conclusion"),
        ("--place", "Hữu Liên " * 100, "TEXT_TOO_LONG", "place"),
    ],
)
def test_dossier_fields_have_limits(
    cli: Runner, aid: str, option: str, value: str, error: str, field: str
) -> None:
    args = ["dossier", "set", aid, option, value]
    if option in ("--chair", "--council-member", "--conclusion"):
        args += ["--council-date", "2016-05-01", "--council-place", "Hội trường", "--chair", "Lê B"]
        if option == "--chair":
            args = args[:-2]
    result = cli(*args)
    one_line(result, 3, error)
    assert f"'{field}'" in result.err
    assert cli("dossier", "show", aid, "--json").json()["stored"] is False
