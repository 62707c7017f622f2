"""Every audit action the code can write reads as words in both languages: what changed, old → new
for every field (a justification too), who, when, why; undo and redo named as such; never a code,
JSON or English in Vietnamese."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.audit import AuditEntry
from assessor_app.texts import labels
from assessor_app.texts.audit import REDO_REASON, UNDO_REASON, AuditTexts
from assessor_app.texts.audit_fields import HIDDEN, flatten, known_fields, shorten

ROOT = Path(__file__).resolve().parents[3]
FP = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
FP2 = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
BUNDLE = "5f0c8e2a-8d7b-4c1e-9a53-0d6b2f6f1e11"
LONG = (
    "Xã đã thành lập câu lạc bộ quyền trẻ em ở cả bảy thôn, sinh hoạt đều hằng tháng, có sổ "
    "theo dõi và biên bản từng buổi"
)
LETTER = {
    "issuer": "Ủy ban nhân dân\nxã Hữu Liên",
    "issuer_parent": "Ủy ban nhân dân huyện Hữu Lũng",
    "number": "12/TTr-UBND",
    "place": "Hữu Liên",
    "date": "2026-10-05",
    "signer_name": "Hoàng Văn Thắng",
    "signer_title": "Chủ tịch",
    "signer_authority": "TM. Ủy ban nhân dân",
    "addressee": "Ủy ban nhân dân huyện Hữu Lũng",
    "recipients": ["Như trên", "Lưu: VT"],
}
COUNCIL = {
    "held_at": "2026-10-01T08:00",
    "ended_at": "2026-10-01T11:30",
    "place": "Hội trường xã",
    "number": "05/BB-HĐĐG",
    "chair": "Hoàng Văn Thắng",
    "chair_position": "Chủ tịch UBND xã",
    "secretary": "Lý Thị Hoa",
    "members": [{"name": "Vi Văn Tâm", "position": "Công an xã", "role": "", "present": True}],
    "content": ["Xem xét kết quả tự đánh giá."],
    "conclusion": "Đề nghị công nhận.",
    "votes_for": 7,
    "votes_against": 0,
    "date_reason": "",
}
DOSSIER = {"format": "dossier", "version": 1, "letter": LETTER, "council": COUNCIL}
REPORT: dict[str, Any] = {
    "number": "12/BC-UBND",
    "day": "2026-11-20",
    "signer_position": "Phó Giám đốc",
    "signer_name": "Đinh Văn Hưng",
    "signer_authority": "KT. Giám đốc",
    "addressee": "",
    "recipients": [],
    "plan_number": "",
    "plan_date": None,
    "plan_title": "",
    "general": "",
    "shortcomings": "",
    "causes": "",
    "directions": "",
    "proposals": "",
}
COMMUNE = {"code": "06385", "name": "Xã Hữu Liên", "district": "", "total": 930, "reason": ""}

# Old and new values as the services write them (their shape, not their exact figures).
SAMPLES: dict[str, tuple[str, Any, Any, str]] = {
    "create": (
        "assessment:u",
        None,
        {
            "commune": "06385",
            "year": 2026,
            "kind": "team",
            "catalogue": "ab" * 32,
            "category": "other",
        },
        "",
    ),
    "set_value": (
        "indicator:TC2.1",
        {"numerator": 40, "denominator": 50},
        {"numerator": 49, "denominator": 50},
        "",
    ),
    "clear_value": ("indicator:TC2.1", {"numerator": 49, "denominator": 50}, None, ""),
    "finalize": (
        "assessment:u",
        "draft",
        {"status": "finalized", "total": 855, "recognized": True},
        "",
    ),
    "reopen": ("assessment:u", "finalized", "draft", "Sửa số liệu"),
    "delete": ("assessment:u", None, {"deleted_at": "2026-11-02T03:00:00Z"}, "Tạo nhầm"),
    "attach_evidence": (
        "indicator:TC7.1",
        None,
        {"sha256": "ab" * 32, "filename": "sổ.jpg", "caption": "Sổ"},
        "",
    ),
    "remove_evidence": (
        "indicator:TC7.1",
        {"sha256": "ab" * 32, "filename": "sổ.jpg"},
        None,
        "Nhầm tệp",
    ),
    "caption_evidence": ("evidence:3", "Sổ", "Sổ tiêm chủng", ""),
    "comment": ("indicator:TC2.1", None, LONG, ""),
    "follow_up": ("indicator:TC2.1", False, True, ""),
    "set_source": ("indicator:TC2.1", None, "Sổ hộ tịch của xã", ""),
    "add_member": (
        "member:4",
        None,
        {"name": "Hoàng Thị Lan", "agency": "health", "role": "lead"},
        "",
    ),
    "remove_member": (
        "member:4",
        {"name": "Hoàng Thị Lan", "agency": "health", "role": "lead"},
        None,
        "Chuyển công tác",
    ),
    "set_member_role": (
        "member:4",
        {"name": "Hoàng Thị Lan", "agency": "health", "role": "lead"},
        {"name": "Hoàng Thị Lan", "agency": "health", "role": "member"},
        "",
    ),
    "assign": ("criterion:TC2", None, 4, ""),
    "import_catalogue": (
        "catalogue:QD06-2019",
        None,
        {"version": "2019.1", "content_hash": "cd" * 32},
        "",
    ),
    "migrate_catalogue": (
        "assessment:5f0c8e2a",
        {
            "catalogue": "ab" * 32,
            "code": "QD06-2019",
            "version": "2019.1",
            "total": 235,
            "recognized": False,
        },
        {
            "catalogue": "cd" * 32,
            "code": "QD06-2019",
            "version": "2026.1",
            "total": 140,
            "recognized": False,
            "complete": False,
            "indicators": {
                "TC2.1": {
                    "outcome": "carried_changed",
                    "why": None,
                    "old_points": 75,
                    "new_points": 60,
                },
                "TC1.4": {
                    "outcome": "dropped",
                    "why": "not_in_new",
                    "old_points": 20,
                    "new_points": None,
                },
                "TC1.5": {
                    "outcome": "reenter",
                    "why": "new_indicator",
                    "old_points": None,
                    "new_points": None,
                },
            },
            "dropped": {"TC1.4": {"value": True, "evidence": [], "comments": [], "source": None}},
        },
        "Tỉnh ban hành bộ tiêu chí chính thức",
    ),
    "new_catalogue_draft": (
        "catalogue:QD06-2019",
        None,
        {"version": "2026.1", "content_hash": "cd" * 32, "draft": 1},
        "",
    ),
    "save_catalogue_draft": (
        "catalogue:QD06-2019",
        {"version": "2026.1", "content_hash": "cd" * 32},
        {"version": "2026.1", "content_hash": "ef" * 32, "draft": 1},
        "",
    ),
    "publish_catalogue": (
        "catalogue:QD06-2019",
        None,
        {"version": "2026.1", "content_hash": "ef" * 32, "draft": 1, "based_on": "cd" * 32},
        "",
    ),
    "delete_catalogue_draft": (
        "catalogue:QD06-2019",
        {"version": "2026.1", "draft": 1},
        None,
        "",
    ),
    "set_unit_category": (
        "unit:06385",
        "other",
        "mountain_island_difficult",
        "Theo quyết định của tỉnh",
    ),
    "confirm_unit_merge": (
        "unit_merge:2025-33.2",
        {"status": "unverified", "old_code": "06544", "new_code": "06529"},
        {"status": "confirmed", "old_code": "06544", "new_code": "06529"},
        "Đối chiếu Nghị quyết 1672",
    ),
    "correct_unit_merge": (
        "unit_merge:2025-27.3",
        {"status": "unverified", "old_code": None, "new_code": "06286"},
        {"status": "corrected", "old_code": "06286", "new_code": "06286"},
        "Khánh Khê thuộc huyện Văn Quan",
    ),
    "set_profile": (
        "profile",
        {
            "profile_kind": "team",
            "person_name": "An",
            "person_agency": "health",
            "unit_list": "LS-2025",
        },
        {
            "profile_kind": "office",
            "person_name": "An",
            "person_agency": "justice",
            "unit_list": "LS-2025",
        },
        "",
    ),
    "profile": (
        "profile",
        {
            "profile_kind": "team",
            "person_name": "An",
            "person_agency": "health",
            "unit_list": "LS-2025",
        },
        {
            "profile_kind": "team",
            "person_name": "Bình",
            "person_agency": "health",
            "unit_list": "LS-2025",
        },
        "",
    ),
    "set_target": ("target:2026", None, 75.0, ""),
    "set_dossier_details": (
        "dossier:u",
        DOSSIER,
        {**DOSSIER, "letter": {**LETTER, "number": "15/TTr-UBND", "recipients": ["Như trên"]}},
        "",
    ),
    "record_decision": (
        "decision:2",
        None,
        {
            "number": "1234/QĐ-UBND",
            "year": 2026,
            "scope": "20",
            "decider": "Chủ tịch Ủy ban nhân dân tỉnh",
            "recognised": [COMMUNE],
            "not_recognised": [],
            "catalogue": "QD06-2019",
            "authority_status": "secondary",
            "authorities_version": "2026.1",
            "appraisal": {"number": "45/BC-SNV", "date": "2026-11-01"},
        },
        "",
    ),
    "revoke_decision": (
        "decision:3",
        None,
        {
            "number": "130/QĐ-UBND",
            "year": 2026,
            "scope": "20",
            "decider": "Chủ tịch Ủy ban nhân dân tỉnh",
            "reason": "Số liệu tiêu chí 2 không đúng thực tế",
            "revokes": {
                "id": 2,
                "number": "1234/QĐ-UBND",
                "date": "2026-12-05",
                "authority": "Ủy ban nhân dân tỉnh Lạng Sơn",
            },
            "revoked": [COMMUNE],
            "catalogue": "QD06-2019",
            "authority_status": "secondary",
        },
        "Số liệu tiêu chí 2 không đúng thực tế",
    ),
    "record_commendation": (
        "commendation:1",
        None,
        {
            "number": "88/QĐ-UBND",
            "date": "2026-12-20",
            "year": 2026,
            "issuer": "Ủy ban nhân dân tỉnh Lạng Sơn",
            "form": "Bằng khen",
            "reason": "Có thành tích xuất sắc trong công tác xây dựng xã phù hợp với trẻ em",
            "units": [{"code": "06400", "name": "Xã Hữu Liên"}],
            "people": [{"name": "Lý Thị Hoa", "position": "Công chức", "unit": "Xã Hữu Liên"}],
        },
        "",
    ),
    "set_report_details": ("report:20:2026", None, REPORT, ""),
    "set_planned_communes": (
        "plan:186:2016",
        {"communes": [{"code": "06385", "name": "Thị trấn Hữu Lũng"}]},
        {"communes": [COMMUNE]},
        "Kế hoạch năm 2016 của huyện",
    ),
    "set_budget_line": (
        "budget:20:plan:central",
        {"planned": 1_200_000_000, "spent": None, "note": ""},
        {"planned": 1_200_000_000, "spent": 950_000_000, "note": "Quyết toán"},
        "Tổng hợp quyết toán",
    ),
    "set_procedure_actor": (
        "procedure:QD06-2019:appraisal:2025-07-01",
        "Sở Y tế",
        "Sở Nội vụ",
        "Công văn của Ủy ban nhân dân tỉnh giao Sở Nội vụ thẩm định",
    ),
    "set_procedure_deadline": (
        "procedure:QD06-2019:province_report:2025-07-01",
        "10/12",
        "15/12",
        "Bộ Y tế yêu cầu báo cáo trước ngày 15 tháng 12",
    ),
    "unset_procedure_actor": (
        "procedure:QD06-2019:appraisal:2025-07-01",
        "Sở Nội vụ",
        "Sở Y tế",
        "Công văn giao Sở Nội vụ đã hết hiệu lực",
    ),
    "unset_procedure_deadline": (
        "procedure:QD06-2019:province_report:2025-07-01",
        "15/12",
        "10/12",
        "Bộ Y tế trở lại thời hạn ngày 10 tháng 12",
    ),
    "export": (
        f"bundle:{BUNDLE}",
        None,
        {"bundle": BUNDLE, "sequence": 3, "manifest_hash": "ef" * 32, "contains_drafts": False},
        "",
    ),
    "export_burnt": (
        f"bundle:{BUNDLE}",
        "reserved",
        {"status": "burnt", "sequence": 4, "path": "/home/an/xuất/gói.zip"},
        "",
    ),
    "import": (
        f"bundle:{BUNDLE}",
        None,
        {
            "bundle": BUNDLE,
            "device": "897cbd0d",
            "sequence": 3,
            "action": "updated",
            "indicators": ["TC2.1", "TC4.1"],
            "resolved": {"TC7.1": "incoming"},
            "members_added": 1,
            "comments_added": 0,
            "evidence_added": 2,
            "status": "finalized",
            "revision": 12,
        },
        "",
    ),
    "merge": (
        "indicator:TC2.1",
        {"numerator": 40, "denominator": 50},
        {"numerator": 49, "denominator": 50},
        "",
    ),
    "resolve": (
        "indicator:TC7.1",
        {"local": True, "incoming": False, "vid": "ab12"},
        {"choice": "incoming", "value": False},
        "Số liệu của đoàn đúng",
    ),
    "reject_bundle": (f"bundle:{BUNDLE}", "held", "rejected", "Gửi nhầm"),
    "receipt": (
        f"bundle:{BUNDLE}",
        None,
        {"bundle": BUNDLE, "outcome": "accepted", "receipt": "9c1d2e3f-aaaa", "signer": FP},
        "",
    ),
    "key_init": (
        f"key:{FP}",
        None,
        {"fingerprint": FP, "owner": "An", "agency": "Sở Y tế", "role": "team"},
        "",
    ),
    "key_rotate": (f"key:{FP2}", {"fingerprint": FP}, {"fingerprint": FP2}, ""),
    "key_enrol": (
        f"key:{FP}",
        None,
        {"owner": "An", "agency": "Sở Y tế", "via": "card", "role": "office", "device": "897cbd0d"},
        "",
    ),
    "publish_release": (
        f"release:{BUNDLE}",
        None,
        {
            "catalogues": ["QD06-2019@2027.1"],
            "in_force_from": "2027-01-01",
            "procedure_items": 2,
            "sequence": 7,
            "manifest_hash": "ab" * 32,
        },
        "",
    ),
    "hold_change": ("indicator:TC2.1", None, None, ""),
    "apply_held_change": ("indicator:TC2.1", None, None, ""),
    "discard_held_change": ("indicator:TC2.1", None, None, "cũ"),
    "import_release": (
        f"release:{BUNDLE}",
        None,
        {
            "catalogues": ["QD06-2019@2027.1"],
            "hashes": ["cd" * 32],
            "in_force_from": "2027-01-01",
            "publisher": "Tỉnh Lạng Sơn",
            "signer": FP,
            "sequence": 7,
            "procedure_items": 0,
        },
        "",
    ),
    "key_role": (
        f"key:{FP}",
        {"role": "", "device": None},
        {"role": "team", "device": "897cbd0d"},
        "",
    ),
    "key_revoke": (
        f"key:{FP}",
        {"revoked_above_seq": None},
        {"revoked_above_seq": 7},
        "Máy bị mất",
    ),
    # The appraisal's steps (services/appraisals.py ACTIONS), on the office's review.
    "appraisal_start": (
        f"appraisal:{BUNDLE}",
        "submitted",
        {"state": "under_appraisal", "round": 1, "appraises": BUNDLE},
        "",
    ),
    "appraisal_return": (
        f"appraisal:{BUNDLE}",
        "under_appraisal",
        {"state": "returned", "round": 1, "appraises": BUNDLE, "comments": ["TC2.1"]},
        "Thiếu sổ theo dõi",
    ),
    "appraisal_resubmit": (
        f"appraisal:{BUNDLE}",
        "returned",
        {"state": "submitted", "round": 2, "appraises": BUNDLE, "revision": 7},
        "",
    ),
    "appraisal_appraise": (
        f"appraisal:{BUNDLE}",
        "under_appraisal",
        {
            "state": "appraised",
            "round": 2,
            "appraises": BUNDLE,
            "total": 855,
            "recognized": True,
        },
        "",
    ),
    "appraisal_undo": (
        f"appraisal:{BUNDLE}",
        "appraised",
        {"state": "under_appraisal", "round": 2, "appraises": BUNDLE},
        "Nhập nhầm điểm",
    ),
    "appraisal_decide": (
        f"appraisal:{BUNDLE}",
        "appraised",
        {"state": "recognised", "round": 1, "appraises": BUNDLE, "decision": "125/QĐ-UBND"},
        "",
    ),
}


def _resolve(node: ast.expr, constants: dict[str, str]) -> set[str]:
    """The action names an argument can be: a literal, either side of `a if c else b`, or a
    module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _resolve(node.body, constants) | _resolve(node.orelse, constants)
    if isinstance(node, ast.Name) and node.id in constants:
        return {constants[node.id]}
    return set()


# Calls that write an entry, and where their action is: repository.append_audit(chain, at,
# actor, action, ...), make_entry(chain, previous, at, actor, action, ...), and the bulk
# entry's chain.add(action, ...).
_WRITERS = {"append_audit": 3, "make_entry": 4, "add": 0}


def _written_by(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
        for target in node.targets
        if isinstance(target, ast.Name) and isinstance(node.value.value, str)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in _WRITERS or len(node.args) <= _WRITERS[name]:
            continue
        if name == "add" and not (
            isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "chain"
        ):
            continue
        found |= _resolve(node.args[_WRITERS[name]], constants)
    return found


def actions_written() -> set[str]:
    """Every action the application's code can write to an audit log."""
    found: set[str] = set()
    for path in (ROOT / "assessor_app").rglob("*.py"):
        found |= _written_by(path)
    return found


def _entry(action: str, seq: int = 1) -> AuditEntry:
    target, old, new, reason = SAMPLES[action]
    return AuditEntry(
        "u", seq, "2026-11-02T03:04:05Z", "Hoàng Thị Lan", action, target, old, new, reason, "", ""
    )


def _said(texts: AuditTexts, entry: AuditEntry) -> list[str]:
    return [
        texts.action(entry),
        texts.target(entry),
        texts.change(entry),
        texts.change(entry, full=True),
        texts.reason(entry),
        texts.sentence(entry),
    ]


SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ENGLISH = re.compile(
    r"\b(undo|redo|export|import|true|false|none|null|draft|finalized|accepted|rejected|held|"
    r"team|office|health|justice|card|updated|incoming|local|burnt|reserved)\b",
    re.IGNORECASE,
)


def test_the_walk_finds_the_actions_the_code_writes() -> None:
    written = actions_written()
    # Through the repository, through make_entry (bulk entry), through a named constant.
    assert {"create", "set_value", "clear_value", "key_rotate", "set_report_details"} <= written
    assert {"comment", "add_member"} <= written


def test_every_step_of_the_appraisal_has_a_label_and_a_sample_here() -> None:
    """The appraisal writes its actions through a table (services/appraisals.py ACTIONS), which
    the walk above cannot read."""
    from assessor_app.services.appraisals import APPRAISAL_ACTIONS

    assert set(APPRAISAL_ACTIONS) <= set(labels.AUDIT_ACTIONS)
    assert set(APPRAISAL_ACTIONS) <= set(SAMPLES)


def test_every_action_written_has_a_label_and_a_sample_here() -> None:
    """A new kind of entry fails here until it has words (labels.audit_action) and a sample
    below that proves its change reads as words."""
    written = actions_written()
    assert written <= set(labels.AUDIT_ACTIONS), written - set(labels.AUDIT_ACTIONS)
    assert written <= set(SAMPLES), written - set(SAMPLES)


@pytest.mark.parametrize("action", sorted(SAMPLES))
def test_every_action_reads_as_vietnamese(action: str) -> None:
    entry = _entry(action)
    texts = AuditTexts([entry], "vi", members={4: "Hoàng Thị Lan"}, evidence={3: "sổ.jpg"})
    said = _said(texts, entry)
    assert texts.action(entry) != action
    assert texts.change(entry)
    for text in said:
        assert not SNAKE.search(text), (action, text)
        assert not re.search(r'[{\["]', text), (action, text)
        assert not ENGLISH.search(text), (action, text)
        assert not re.search(f"{FP}|{BUNDLE}", text), (action, text)  # shortened
    assert "Hoàng Thị Lan" in texts.sentence(entry)
    assert "02/11/2026 10:04:05" in texts.sentence(entry)  # when, in Vietnam time
    if entry.reason:
        assert entry.reason in texts.sentence(entry)


@pytest.mark.parametrize("action", sorted(SAMPLES))
def test_every_action_reads_as_english(action: str) -> None:
    entry = _entry(action)
    texts = AuditTexts([entry], "en", members={4: "Hoàng Thị Lan"}, evidence={3: "sổ.jpg"})
    for text in _said(texts, entry):
        assert not SNAKE.search(text), (action, text)
        assert not re.search(r"[{\[]", text), (action, text)
    vietnamese = AuditTexts([entry], "vi")
    if action != "profile":  # the old code of set_profile reads the same
        assert texts.action(entry) != vietnamese.action(entry)


def test_every_field_the_samples_write_has_a_name() -> None:
    for action, (_target, old, new, _reason) in SAMPLES.items():
        for record in (old, new):
            if isinstance(record, dict) and {"numerator", "points"} & record.keys():
                continue  # a figure, said as one ("49/50")
            for path in flatten(record):
                leaf = path.rpartition(".")[2]
                assert path in known_fields() or leaf in known_fields(), (action, path)
    assert "manifest_hash" in HIDDEN


def test_a_justification_edit_says_what_changed() -> None:
    """The issue: "60 điểm → 60 điểm" when only the justification changed."""
    old = {"points": 60, "justification": "Có câu lạc bộ"}
    new = {"points": 60, "justification": "Có câu lạc bộ ở 7 thôn"}
    entry = AuditEntry(
        "u", 1, "2026-11-02T03:04:05Z", "A", "set_value", "indicator:TC11.1", old, new, "", "", ""
    )
    change = AuditTexts([entry], "vi").change(entry)
    assert change == "giải trình: “Có câu lạc bộ” → “Có câu lạc bộ ở 7 thôn”"
    assert "60 điểm" not in change
    both = AuditEntry(
        "u",
        2,
        "",
        "A",
        "set_value",
        "indicator:TC11.1",
        old,
        {"points": 70, "justification": LONG},
        "",
        "",
        "",
    )
    texts = AuditTexts([both], "vi")
    assert texts.change(both).startswith("60 điểm → 70 điểm; giải trình: “Có câu lạc bộ” → “Xã đã")
    assert "…" in texts.change(both)
    assert LONG not in texts.change(both)
    assert LONG in texts.change(both, full=True)  # whole in the tooltip
    first = AuditEntry("u", 3, "", "A", "set_value", "indicator:TC11.1", None, new, "", "", "")
    assert texts.change(first) == "60 điểm — giải trình: “Có câu lạc bộ ở 7 thôn”"
    # The command line and the editor store a first justification as the reason too: said once.
    given = AuditEntry(
        "u", 4, "", "A", "set_value", "indicator:TC11.1", None, new, new["justification"], "", ""
    )
    assert texts.change(given) == "60 điểm"
    assert texts.reason(given) == "Có câu lạc bộ ở 7 thôn"


def test_undo_and_redo_are_named_as_such() -> None:
    old, new = {"numerator": 49, "denominator": 50}, {"numerator": 40, "denominator": 50}
    undo = AuditEntry(
        "u", 1, "", "A", "set_value", "indicator:TC2.1", old, new, UNDO_REASON, "", ""
    )
    redo = AuditEntry(
        "u", 2, "", "A", "set_value", "indicator:TC2.1", new, old, REDO_REASON, "", ""
    )
    vi = AuditTexts([undo, redo], "vi")
    assert vi.action(undo) == "Hoàn tác: " + labels.audit_action("set_value", "vi")
    assert vi.action(redo) == "Làm lại: " + labels.audit_action("set_value", "vi")
    assert vi.reason(undo) == vi.reason(redo) == ""
    en = AuditTexts([undo], "en")
    assert en.action(undo) == "Undo: " + labels.audit_action("set_value", "en")


def test_a_record_change_names_each_field() -> None:
    entry = _entry("set_dossier_details")
    change = AuditTexts([entry], "vi").change(entry)
    assert "12/TTr-UBND → 15/TTr-UBND" in change
    assert "Như trên; Lưu: VT → Như trên" in change
    assert "Chủ tịch" not in change  # unchanged fields are not repeated
    profile = _entry("set_profile")
    said = AuditTexts([profile], "vi").change(profile)
    assert labels.sector("health", "vi") + " → " + labels.sector("justice", "vi") in said


def test_the_ui_stores_the_reasons_this_module_reads() -> None:
    source = (ROOT / "assessor_app/ui/editor/undo_commands.py").read_text(encoding="utf-8")
    assert f'UNDO_REASON = "{UNDO_REASON}"' in source
    assert f'REDO_REASON = "{REDO_REASON}"' in source


def test_shorten_cuts_at_a_word() -> None:
    assert shorten("ngắn") == "ngắn"
    cut = shorten(LONG, 40)
    assert cut.endswith("…")
    assert len(cut) <= 40
    assert LONG.startswith(cut[:-1])
    assert shorten("một\n  hai") == "một hai"
