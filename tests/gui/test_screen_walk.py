"""Walk every screen and dialog of the app in Vietnamese and in English, read every text a user sees
(labels, buttons, titles, menus, headers, the first rows of every list, tooltips, placeholders) and
fail on what looks like an internal code or is in the wrong language:

- snake_case words, UPPER_SNAKE words and codes in brackets ("[E123]", "[BUNDLE_...]");
- in Vietnamese, an English msgid shown untranslated;
- in English, Vietnamese letters, except in data: names of communes and districts (the shipped unit
  lists), of people and what they typed (the demo's and this walk's inputs, read from their source
  files), and the store's folder. Those are whitelisted by where they come from, not as strings.

Each screen is saved to test-artifacts/screens/LANG-SCREEN.png (a window at 1366×768). Defects that
another slice of the current work fixes are marked xfail (strict) with the defect named; the lead
removes the mark when merging that slice.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)
from pytestqt.qtbot import QtBot

from assessor_app import i18n
from assessor_app.paths import resource
from assessor_app.services import reference_data
from assessor_app.ui import qt_translations
from assessor_app.ui.context import UiContext
from assessor_app.ui.settings_dialog import LANGUAGES
from tests.gui import walk_screens
from tests.gui.conftest import save_screenshot
from tests.gui.screen_text import visible_texts

ROOT = Path(__file__).resolve().parents[2]

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
UPPER_SNAKE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
BRACKETED = re.compile(r"\[[A-Z][A-Z0-9_.\-]*\]")
# The one way a code may show: after the sentence, labelled, for the user to quote to support.
LABELLED_CODE = re.compile(r"\((?:Mã lỗi|Error code): [A-Z][A-Z0-9_]*\)")

# --- known defects: (language, screen) → what is wrong, marked xfail(strict) until fixed (none now)
KNOWN: dict[tuple[str, str], str] = {}
# Screens whose fields are printed in documents, which are always Vietnamese, or hold what officials
# write (an evidence's caption): their examples (placeholders such as "KT. Chủ tịch", "Sổ tiêm
# chủng 2026") are Vietnamese in either language.
DOCUMENT_SCREENS = {
    "dossier-details",
    "summary",
    "decision",
    "evidence",
    "decisions",
    "revoke",
    "commend",
}


# --- the rules
@cache
def _untranslated() -> frozenset[str]:
    """The app's msgids (resources/locale/assessor_app.pot) that have no Vietnamese of their own
    (contexts dropped): shown as they are, they are English in a Vietnamese window."""
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    with resource("locale", "assessor_app.pot").open("rb") as file:
        template = read_po(file)
    with resource("locale", "vi", "LC_MESSAGES", "assessor_app.mo").open("rb") as file:
        vietnamese = read_mo(file)
    out = set()
    for message in template:
        if not message.id or not isinstance(message.id, str):
            continue
        found = vietnamese.get(message.id, message.context)
        if found is None or not found.string or found.string == message.id:
            out.add(message.id)
    return frozenset(out)


ENGLISH_WORDS = {"the", "and", "of", "to", "is", "are", "your", "this", "with", "for", "from"}


def _english(line: str) -> bool:
    """A line of English: ASCII words, two or more of them English function words."""
    words = re.findall(r"[A-Za-z']+", line)
    return (
        line.isascii() and len(words) >= 3 and len(ENGLISH_WORDS & {w.lower() for w in words}) >= 2
    )


def _literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 2
    }


def _catalogue_wordings() -> set[str]:
    """What a figure counts, in the catalogue's own Vietnamese (no translation exists: in English
    it is the tooltip of a generic caption)."""
    from assessor_app.domain.catalogue import CountRule, RateRule

    found: set[str] = set()
    for catalogue in reference_data.shipped_catalogues():
        for indicator in catalogue.indicators():
            rule = indicator.rule
            if isinstance(rule, RateRule):
                found |= {rule.numerator_label_vi, rule.denominator_label_vi}
            elif isinstance(rule, CountRule):
                found.add(rule.count_label_vi)
    return found


# A legal act's number is a name: "06/QĐ-TTg", "34/2014/QĐ-TTg", "25/2014/TT-BLĐTBXH".
LEGAL_NUMBER = re.compile(r"(?:\b(?:QĐ|TT|NĐ) )?\b\d+/(?:\d{4}/)?[A-ZĐ]+(?:-[A-Za-zĐđ&]+)+")
# PostgreSQL's own programs, named as they are typed (the user guide's part for the administrator)
POSTGRES_PROGRAMS = re.compile(r"\bpg_(?:dump|restore)\b")


@cache
def _data_names() -> tuple[str, ...]:
    """Text that comes from data, not from the app: place names of the unit lists, and what
    people typed in the demo store and in this walk (read from those sources). Longest first."""
    names: set[str] = set()
    places: set[str] = set()
    for unit_list in reference_data.shipped_unit_lists():
        places |= {unit_list.province_name, unit_list.title_vi}
        for unit in unit_list.units:
            places |= {unit.name, unit.district_name or ""}
    # "Xã Hữu Liên" is also said "Hữu Liên"; "Tỉnh Lạng Sơn", "Lạng Sơn"
    names |= places | {p.split(" ", 1)[1] for p in places if " " in p}
    names |= {name for _code, name in LANGUAGES}  # each language named in itself
    names |= _literals(ROOT / "assessor_app" / "services" / "recognition_authorities.py")
    names |= _literals(ROOT / "assessor_app" / "services" / "demo.py")
    names |= _literals(ROOT / "tests" / "gui" / "walk_screens.py")
    names |= _literals(ROOT / "tests" / "store_template.py")
    names |= _literals(ROOT / "tests" / "gui" / "test_bundles_support.py")
    names |= _literals(ROOT / "tests" / "pdf_certificates.py")  # the signer of the signed PDFs
    names |= _catalogue_wordings()
    names |= _procedure_wordings()
    return tuple(sorted((n for n in names if n.strip()), key=len, reverse=True))


def _procedure_wordings() -> set[str]:
    """What the shipped procedures say (who acts, documents, sources, reasons): Vietnamese data,
    shown as it is in either language."""
    from assessor_app.services.procedure_files import shipped_regimes

    said: set[str] = set()
    for regime in shipped_regimes():
        said |= {regime.title, regime.cycle.source, regime.cycle.reason}
        for step in regime.steps:
            said |= {step.title}
            for fact in (*step.documents, *(a.who for a in step.actors)):
                said |= {fact.value, fact.source, fact.reason}
        for deadline in regime.deadlines:
            said |= {deadline.reporter, deadline.recipient, deadline.source, deadline.reason}
    # as the walk reads them: legal numbers are names already replaced (`_without_data`)
    return {LEGAL_NUMBER.sub("«data»", text) for text in said}


def _window_data(window: QWidget) -> list[str]:
    """Data a window shows from the store or the shipped procedure: the recognising authority the
    decision dialog names (as the document will, in Vietnamese), what the recorded decisions say."""
    from assessor_app.services import decisions, unit_merges
    from assessor_app.services.commendations import FORMS
    from assessor_app.ui.decisions.commend_dialog import CommendDialog
    from assessor_app.ui.decisions.decisions_view import DecisionsWindow
    from assessor_app.ui.reports.decision_dialog import DecisionDialog
    from assessor_app.ui.units.merges_dialog import MergesDialog

    if isinstance(window, DecisionsWindow):  # what the decisions recorded say, as written
        return [
            text
            for e in window.model.entries
            for text in (
                e.authority,
                e.reason,
                e.form,
                *e.concerns,
                *e.not_recognised,
                *e.revoked_since,
            )
            if text
        ]
    if isinstance(window, CommendDialog):
        return list(FORMS)  # the forms as decisions write them
    if isinstance(window, MergesDialog) or isinstance(window.parent(), MergesDialog):
        # the source's own spelling of old communes and districts ("Xã Mẫu Sơn (huyện Lộc Bình)")
        rows = unit_merges.shipped_merge_table().rows
        return sorted({t for r in rows for t in (r.old_name, r.district)}, key=len, reverse=True)
    if not isinstance(window, DecisionDialog) or window.scope.count() == 0:
        return []
    found = decisions.configured_authority(
        window.context.workspace, window.year.value(), str(window.scope.currentData())
    )
    return [found.decider, found.issuer]


@cache
def _spoken_fingerprint() -> re.Pattern[str]:
    """A key's fingerprint read as Vietnamese words (two or more of the reading's list in a row):
    data in every language, like the hex it stands for."""
    from assessor_app.texts.fingerprint_reading import word_list

    word = "|".join(re.escape(w) for w in sorted(word_list(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{word})(?:(?:\s*[·/]\s*|\s+)(?:{word}))+(?!\w)")


def _without_data(text: str, folders: list[str]) -> str:
    text = LEGAL_NUMBER.sub("«data»", _spoken_fingerprint().sub("«data»", text))
    text = POSTGRES_PROGRAMS.sub("«data»", text)
    for folder in folders:
        text = text.replace(folder, "«data»")
    for name in _data_names():
        if name in text:
            text = text.replace(name, "«data»")
    return text


def _vietnamese_letters(text: str) -> bool:
    # "≠" (the mark of a difference, as the CLI prints it) decomposes to "=" and a combining mark
    decomposed = unicodedata.normalize("NFD", text.replace("≠", ""))
    return any("\u0300" <= c <= "\u036f" or c in "đĐ" for c in decomposed)


def problems(
    texts: list[tuple[str, str]], language: str, folders: list[str], screen: str = ""
) -> list[str]:
    untranslated = _untranslated()
    found = []
    for where, raw in texts:
        text = raw.replace("&&", "\x00").replace("&", "").replace("\x00", "&")
        masked = LABELLED_CODE.sub("«code»", _without_data(text, folders))
        for rule, pattern in (("code", SNAKE), ("code", UPPER_SNAKE), ("code", BRACKETED)):
            for match in pattern.findall(masked):
                found.append(f"{where}: {rule} {match!r} in {raw!r}")
        if language == "vi":
            for line in {text, *text.splitlines()}:
                words = re.search(r"[a-z]{3}", line)  # not "PDF", "OK"
                if line in untranslated and words and not _vietnamese_letters(line):
                    found.append(f"{where}: untranslated {line!r}")
            for line in _without_data(text, folders).splitlines():
                if _english(line):
                    found.append(f"{where}: English in Vietnamese: {line!r}")
        elif where == "QLineEdit placeholder" and screen in DOCUMENT_SCREENS:
            continue
        elif _vietnamese_letters(masked):
            found.append(f"{where}: Vietnamese in English: {raw!r}")
    return sorted(set(found))


# --- the walk
def _params() -> list[object]:
    params = []
    for language in ("vi", "en"):
        for screen in walk_screens.SCREENS:
            marks = []
            if (language, screen) in KNOWN:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[(language, screen)]))
            params.append(pytest.param(language, screen, marks=marks, id=f"{language}-{screen}"))
    return params


@pytest.mark.parametrize(("language", "screen"), _params())
def test_walk(
    qtbot: QtBot,
    qapp: QApplication,
    demo_context: UiContext,
    tmp_path: Path,
    language: str,
    screen: str,
) -> None:
    i18n.set_language(language)
    qt_translations.install(qapp, language)

    def wait(condition: object) -> None:
        qtbot.waitUntil(condition, timeout=30000)  # type: ignore[arg-type]

    walk = walk_screens.Walk(demo_context, tmp_path / "walk", wait)
    walk.scratch.mkdir()
    try:
        window = walk_screens.SCREENS[screen](walk)
        walk_screens.settle()
        save_screenshot(window, f"{language}-{screen}")
        folders = [str(demo_context.workspace.home.root), str(tmp_path), *_window_data(window)]
        texts = visible_texts(window)
        assert len(texts) > 2, texts  # the screen says something
        found = problems(texts, language, folders, screen)
        assert not found, "\n".join(found)
    finally:
        walk.close()
        qt_translations.install(qapp, "vi")
