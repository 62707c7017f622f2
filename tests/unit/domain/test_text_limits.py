"""Limits on free text (domain/text.py): one place, one check, clear coded errors."""

from __future__ import annotations

import unicodedata

import pytest

from assessor_app.domain.assessment import optional_reason, require_reason
from assessor_app.domain.errors import InputError
from assessor_app.domain.text import (
    AGENCY,
    CAPTION,
    COMMENT,
    DOSSIER_LINE,
    DOSSIER_NAME,
    DOSSIER_TEXT,
    NAME,
    REASON,
    TextRule,
    check_text,
    checked_clean,
    shorten,
)

RULES = [REASON, COMMENT, CAPTION, NAME, AGENCY, DOSSIER_NAME, DOSSIER_LINE, DOSSIER_TEXT]


def refusal(text: str, rule: TextRule, **params: str) -> InputError:
    with pytest.raises(InputError) as caught:
        check_text(text, rule, **params)
    return caught.value


def test_the_limits() -> None:
    assert (REASON.limit, COMMENT.limit, NAME.limit, AGENCY.limit) == (2000, 2000, 200, 200)
    assert (CAPTION.limit, DOSSIER_NAME.limit, DOSSIER_LINE.limit, DOSSIER_TEXT.limit) == (
        500,
        200,
        500,
        2000,
    )


@pytest.mark.parametrize("rule", RULES)
def test_text_up_to_the_limit_passes_unchanged(rule: TextRule) -> None:
    text = "ệ" * rule.limit
    assert check_text(text, rule, field="f") is text


@pytest.mark.parametrize("rule", RULES)
def test_one_character_more_is_refused_with_the_length_and_the_limit(rule: TextRule) -> None:
    error = refusal("a" * (rule.limit + 1), rule, field="issuer")
    assert error.code == "TEXT_TOO_LONG"
    assert error.params["length"] == rule.limit + 1
    assert error.params["limit"] == rule.limit
    assert error.params["kind"] == rule.kind
    assert str(rule.limit) in error.english()


def test_length_is_counted_after_nfc_and_without_the_ends() -> None:
    decomposed = unicodedata.normalize("NFD", "ệ") * NAME.limit  # 3 code points each
    assert len(decomposed) > NAME.limit
    check_text("  " + decomposed + "\n ", REASON)
    check_text(decomposed, NAME)


def test_the_messages_name_the_field() -> None:
    assert "reason" in refusal("x" * 2001, REASON).english()
    assert "comment" in refusal("x" * 2001, COMMENT).english()
    assert "name" in refusal("x" * 201, NAME).english()
    assert "agency" in refusal("x" * 201, AGENCY).english()
    error = refusal("x" * 201, DOSSIER_NAME, field="signer_name")
    assert "'signer_name'" in error.english()
    assert error.params["field"] == "signer_name"


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b"])
@pytest.mark.parametrize("rule", RULES)
def test_control_characters_are_refused_everywhere(rule: TextRule, character: str) -> None:
    error = refusal(f"Lê{character}Văn", rule, field="f")
    assert error.code == "TEXT_CONTROL_CHARACTER"
    assert error.params["character"] == f"U+{ord(character):04X}"


@pytest.mark.parametrize("character", ["\n", "\r", "\t", "\u202e", "\u2066", "\u200f"])
def test_names_refuse_line_breaks_tabs_and_direction_marks(character: str) -> None:
    for rule in (NAME, AGENCY, DOSSIER_NAME):
        assert refusal(f"Lê{character}Văn", rule, field="f").code == "TEXT_CONTROL_CHARACTER"


def test_longer_texts_keep_line_breaks_and_tabs() -> None:
    for rule in (REASON, COMMENT, CAPTION, DOSSIER_LINE, DOSSIER_TEXT):
        check_text("Ủy ban nhân dân\nxã Hữu Liên\t(2016)\r\n", rule, field="issuer")


def test_checked_clean_checks_then_cleans() -> None:
    assert checked_clean("  Hoàng   Thị\u00a0Lan ", NAME) == "Hoàng Thị Lan"
    with pytest.raises(InputError):
        checked_clean("Hoàng\nThị Lan", NAME)  # not silently folded into a space


def test_reasons() -> None:
    assert require_reason("  Sửa  số liệu ") == "Sửa số liệu"
    assert optional_reason(None) == ""
    with pytest.raises(InputError) as caught:
        require_reason("x" * 2001)
    assert caught.value.code == "TEXT_TOO_LONG"
    with pytest.raises(InputError) as caught:
        optional_reason("x\x1b[31m")
    assert caught.value.code == "TEXT_CONTROL_CHARACTER"


def test_shorten() -> None:
    assert shorten("49/50") == "49/50"
    short = shorten("9" * 5000)
    assert len(short) < 45
    assert short.startswith("9" * 20)
    assert "…" in short
