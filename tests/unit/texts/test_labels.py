"""Every code a person can meet has a label in both languages: each enum of the domain, each code
stored as a string, each audit action the services write."""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import assessor_app.domain
from assessor_app import i18n
from assessor_app.reports.summary import ExclusionReason
from assessor_app.texts import labels

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ("vi", "en")


def _domain_enums() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for module_info in pkgutil.iter_modules(assessor_app.domain.__path__):
        module = importlib.import_module(f"assessor_app.domain.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, enum.Enum) and value.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return [found[key] for key in sorted(found)]


DOMAIN_ENUMS = _domain_enums()


def test_the_walk_finds_the_enums_of_the_domain() -> None:
    names = {e.__name__ for e in DOMAIN_ENUMS}
    assert {"AssessmentStatus", "AssessmentKind", "Sector", "UnitType", "RuleKind"} <= names


@pytest.mark.parametrize("kind", DOMAIN_ENUMS, ids=lambda e: e.__name__)
def test_every_member_of_every_domain_enum_has_a_label_in_both_languages(
    kind: type[enum.Enum],
) -> None:
    label = labels.ENUM_LABELS.get(kind)
    assert label is not None, f"add a label function for {kind.__name__} to texts/labels.py"
    for member in kind:
        vi, en = (label(member, language) for language in LANGUAGES)
        assert vi.strip(), member
        assert en.strip(), member
        assert vi != member.value, f"{member!r} has no Vietnamese label"
        assert vi != en, f"{member!r}: the Vietnamese label is the English one"


@pytest.mark.parametrize("family", sorted(labels.CODE_LABELS))
def test_every_stored_code_has_a_label_in_both_languages(family: str) -> None:
    codes, label = labels.CODE_LABELS[family]
    for code in codes:
        vi, en = (label(code, language) for language in LANGUAGES)
        assert vi.strip(), (family, code)
        assert en.strip(), (family, code)
        assert vi != code, (family, code)
        assert vi != en, (family, code)


def test_the_summary_reports_exclusion_reasons_are_the_labelled_ones() -> None:
    assert {r.value for r in ExclusionReason} == set(labels.CODE_LABELS["exclusion reason"][0])


def _audit_actions_written() -> set[str]:
    """The action (4th argument) of every `append_audit(...)` call in the services and storage."""
    actions: set[str] = set()
    for folder in ("services", "storage"):
        for path in (ROOT / "assessor_app" / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "append_audit"
                    and len(node.args) >= 4
                ):
                    for part in ast.walk(node.args[3]):
                        if isinstance(part, ast.Constant) and isinstance(part.value, str):
                            actions.add(part.value)
    return actions


def test_every_audit_action_the_app_writes_has_a_label() -> None:
    written = _audit_actions_written()
    assert {"create", "set_value", "clear_value", "finalize", "import"} <= written
    assert written <= set(labels.AUDIT_ACTIONS), written - set(labels.AUDIT_ACTIONS)


def test_unknown_codes_are_shown_as_recorded() -> None:
    assert labels.audit_action("teleport", "vi") == "teleport"
    assert labels.quarantine_status("lost", "en") == "lost"
    assert labels.receipt_reason("NEW_CODE", "vi") == ""  # the caller shows the code


def test_one_word_for_one_status_everywhere() -> None:
    """The issue's complaint: "Đang đánh giá" in the list and "Bản nháp" in the editor."""
    assert labels.assessment_status("draft", "vi") == "Đang đánh giá"
    assert labels.review_status("review", "draft", "vi") == labels.assessment_status("draft", "vi")
    assert labels.assessment_status("draft", "en") == "Draft"


def test_english_labels_are_english() -> None:
    """The issue's complaint: English mode still showed Vietnamese kinds, sectors and roles."""
    assert labels.assessment_kind("team", "en") == "Inter-sector team inspection"
    assert labels.sector("health", "en") == "Health"
    assert labels.member_role("lead", "en") == "Team lead"
    assert labels.unit_type("xa", "en") == "Commune"
    assert labels.unit_type("xa", "vi") == "Xã"


def test_a_label_never_shares_a_translation_with_the_same_english_words() -> None:
    # "Commune" the unit type is "Xã"; "Commune" the column title covers every kind of unit.
    assert i18n.translator("vi").gettext("Commune") == "Xã, phường, thị trấn"
    assert labels.unit_type("xa", "vi") == "Xã"


def test_part_titles_in_english_when_the_catalogue_gives_them() -> None:
    from assessor_app.services import reference_data

    catalogue = next(c for c in reference_data.shipped_catalogues() if c.code == "QD06-2019")
    criterion = catalogue.criteria[1]
    assert labels.part_title(criterion, "vi") == "Trẻ em được khai sinh đúng quy định"
    english = labels.part_title(criterion, "en")
    assert english == criterion.title_en
    assert english.isascii()
