"""Messages that count something have a singular and a plural form, chosen by their `count`
(ngettext), in English and in Vietnamese; the forms survive the JSON a quarantine row keeps."""

from __future__ import annotations

from assessor_app import i18n
from assessor_app.core.messages import Message, Nn_
from assessor_app.services.import_decide import CONFLICT_FORMS, stored_reason

FORMS = Nn_(
    "{count} indicator was changed both here and in the bundle: {indicators}. Choose one side, with a reason.",
    "{count} indicators were changed both here and in the bundle: {indicators}. Choose one side for each, with a reason.",
)


def test_the_form_follows_the_count_in_english() -> None:
    one = Message.counted("IMPORT_CONFLICT", FORMS, 1, indicators="TC2.1")
    two = Message.counted("IMPORT_CONFLICT", FORMS, 2, indicators="TC2.1, TC4.1")
    assert one.english().startswith("1 indicator was changed")
    assert two.english().startswith("2 indicators were changed")
    assert i18n.render(one, "en") == one.english()
    assert i18n.render(two, "en") == two.english()


def test_vietnamese_has_one_form() -> None:
    two = Message.counted("IMPORT_CONFLICT", FORMS, 2, indicators="TC2.1, TC4.1")
    assert i18n.render(two, "vi").startswith("2 chỉ tiêu đã bị thay đổi")


def test_the_plural_form_is_kept_in_json() -> None:
    message = Message.counted("IMPORT_CONFLICT", FORMS, 3, indicators="a, b, c")
    again = Message.from_json(message.to_json())
    assert again == message
    assert "plural" not in Message("X", "Plain.").to_json()
    assert Message.from_json(Message("X", "Plain.").to_json()).plural is None


def test_a_reason_stored_before_plurals_is_read_with_both_forms() -> None:
    legacy = {
        "code": "IMPORT_CONFLICT",
        "template": "{count} indicator(s) were changed both here and in the bundle: {indicators}. Choose one side for each, with a reason.",
        "params": {"count": 1, "indicators": "TC2.1"},
    }
    reason = stored_reason(legacy)
    assert (reason.template, reason.plural) == CONFLICT_FORMS
    assert i18n.render(reason, "en").startswith("1 indicator was changed")
    assert i18n.render(reason, "vi").startswith("1 chỉ tiêu")
