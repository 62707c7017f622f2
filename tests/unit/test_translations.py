"""The Vietnamese catalogue is complete, well-formed, compiled, and used at run time.

Runs the checks of `python packaging/i18n.py check`. A failure here usually means: a string was
added or reworded without `extract`, `update`, translating it in the vi .po, and `compile`
(see docs/translations.md).
"""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog

from assessor_app import i18n

TOOL_PATH = Path(__file__).resolve().parents[2] / "packaging" / "i18n.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("assessor_i18n_tool", TOOL_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def vi() -> Catalog:
    return tool.load_po("vi")


@pytest.fixture(scope="module")
def en() -> Catalog:
    return tool.load_po("en")


@pytest.fixture
def restore_language() -> Iterator[None]:
    yield
    i18n.set_language("vi")


def test_every_vietnamese_msgid_is_translated(vi: Catalog) -> None:
    assert tool.untranslated(vi) == []


def test_extraction_finds_no_msgid_missing_from_the_vietnamese_catalogue(vi: Catalog) -> None:
    # Sets of msgids only: locations, comments and order may differ freely.
    assert tool.missing_msgids(vi, tool.extract_catalog()) == []


def test_argparse_messages_are_in_the_catalogue(vi: Catalog) -> None:
    present = {tool.msgid_of(m) for m in tool.translatable(vi)}
    for message in tool.ARGPARSE_MESSAGES:
        assert message in present


@pytest.mark.parametrize("language", ["vi", "en"])
def test_placeholders_are_preserved(language: str) -> None:
    assert tool.placeholder_problems(tool.load_po(language)) == []


def test_vietnamese_text_is_nfc(vi: Catalog) -> None:
    for message in tool.translatable(vi):
        strings = [message.string] if isinstance(message.string, str) else message.string
        for string in strings:
            assert unicodedata.normalize("NFC", string) == string, message.id


@pytest.mark.parametrize("language", ["vi", "en"])
def test_committed_mo_matches_its_po(language: str) -> None:
    assert tool.mo_problems(language) == []


def test_the_check_command_passes() -> None:
    assert tool.check() == []


def test_app_speaks_vietnamese_then_english(
    vi: Catalog, en: Catalog, restore_language: None
) -> None:
    singular = [m for m in tool.translatable(vi) if isinstance(m.id, str)]
    plural = [m for m in tool.translatable(vi) if not isinstance(m.id, str)]
    assert singular
    assert plural

    assert i18n.set_language("vi") == "vi"
    assert i18n._("usage: ") == vi["usage: "].string
    assert i18n._("usage: ") != "usage: "
    for message in singular:
        if message.context:  # a label: asked for with its kind, in a language
            assert i18n.pgettext(message.context, message.id, "vi") == message.string
        else:
            assert i18n._(message.id) == message.string
    for message in plural:
        for count in (1, 2):
            assert i18n.ngettext(message.id[0], message.id[1], count) == message.string[0]

    assert i18n.set_language("en") == "en"
    assert i18n._("usage: ") == "usage: "
    for message in singular:
        if message.context:
            assert i18n.pgettext(message.context, message.id, "en") == message.id
        else:
            assert i18n._(message.id) == message.id
    for message in plural:
        assert i18n.ngettext(message.id[0], message.id[1], 1) == message.id[0]
        assert i18n.ngettext(message.id[0], message.id[1], 2) == message.id[1]
    assert {tool.key_of(m) for m in tool.translatable(en)} == {
        tool.key_of(m) for m in tool.translatable(vi)
    }


def test_the_explicit_language_ignores_the_current_one(restore_language: None) -> None:
    """Printed documents ask for Vietnamese while the screen speaks English, and the reverse."""
    i18n.set_language("en")
    assert i18n.pgettext("unit type", "Commune", "vi") == "Xã"
    assert i18n.gettext_in("No figures yet", "vi") == "Chưa có số liệu"
    assert i18n.ngettext("{count} case", "{count} cases", 2, language="vi") == "{count} trường hợp"
    assert i18n._("No figures yet") == "No figures yet"
    i18n.set_language("vi")
    assert i18n.pgettext("unit type", "Commune", "en") == "Commune"
    assert i18n.ngettext("{count} case", "{count} cases", 2, language="en") == "{count} cases"


# --- the checks themselves catch what they should ---------------------------------------------


def _catalog(*messages: tuple[str | tuple[str, str], str | tuple[str, ...]]) -> Catalog:
    catalog = Catalog(locale="vi")
    for msgid, msgstr in messages:
        catalog.add(msgid, msgstr)
    return catalog


def test_placeholder_check_catches_changed_placeholders() -> None:
    catalog = _catalog(
        ("Total: {total} / {max_total}", "Tổng điểm: {tong} / {max_total}"),
        ("invalid choice: %(value)r (choose from %(choices)s)", "lựa chọn sai: %(value)s"),
        ("unrecognized arguments: %s", "tham số không hợp lệ"),
        ("%(prog)s: error: %(message)s\n", "%(prog)s: lỗi: %(message)s"),
        ("Verdict: {verdict}", "Kết luận: {verdict}"),
        (("expected %s argument", "expected %s arguments"), ("cần %s giá trị",)),
    )
    problems = tool.placeholder_problems(catalog)
    assert len(problems) == 4
    assert not any("Verdict" in p or "expected" in p for p in problems)


def test_untranslated_check_catches_empty_and_fuzzy() -> None:
    catalog = _catalog(("points", ""), ("options", "tùy chọn"), ("category", "loại đơn vị"))
    catalog["options"].flags.add("fuzzy")
    assert len(tool.untranslated(catalog)) == 2


def test_missing_msgids_compares_msgid_sets_only() -> None:
    template = Catalog()
    template.add("points", locations=[("assessor_app/cli/commands.py", 1)])
    template.add("A new string.", locations=[("assessor_app/cli/commands.py", 2)])
    catalog = _catalog(("points", "điểm"), ("An old string.", "Một chuỗi cũ."))
    problems = tool.missing_msgids(catalog, template)
    assert len(problems) == 1
    assert "A new string." in problems[0]


def test_messages_with_a_context_are_told_apart() -> None:
    template = Catalog()
    template.add("Commune", context="unit type", locations=[("assessor_app/texts/labels.py", 1)])
    template.add("Commune", locations=[("assessor_app/ui/assessments/list_view.py", 1)])
    catalog = _catalog(("Commune", "Xã, phường, thị trấn"))
    problems = tool.missing_msgids(catalog, template)
    assert len(problems) == 1
    assert "unit type" in problems[0]
    labelled = template.get("Commune", context="unit type")
    assert tool.todo_key(labelled) == "unit type\x04Commune"
