"""The one message type of expected errors and reasons: a stable code, an English template (a
gettext msgid) and the parameters that fill it.

Templates are written where the message arises, marked with `N_` so that the extractor finds them;
`i18n.render` translates the template, then fills it with `fill`, the one formatter. A message that
counts something has two English forms, marked together with `Nn_` ("{count} assessment" and
"{count} assessments"): the form is chosen by its `count` parameter (gettext's ngettext), so each
language says it with its own plural rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Mark a string for translation without translating it here (gettext convention)."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural pair for translation (ngettext) without translating it here."""
    return singular, plural


def fill(template: str, params: Mapping[str, Any]) -> str:
    """`template` with its `{name}` placeholders filled; a template that does not match its
    parameters (a bug, or a broken translation) still shows, with the parameters after it."""
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {dict(params)}"


@dataclass(frozen=True)
class Message:
    """A code, an English template and its parameters: what an error or a reason says."""

    code: str
    template: str  # the singular form, when the message counts something
    params: dict[str, Any] = field(default_factory=dict)
    plural: str | None = None  # the plural form: chosen by params["count"]

    @classmethod
    def counted(cls, code: str, forms: tuple[str, str], count: int, **params: Any) -> Message:
        """A message that counts: `forms` from `Nn_(singular, plural)`, `count` its number."""
        return cls(code, forms[0], {"count": count, **params}, forms[1])

    def english(self) -> str:
        return fill(english_form(self.template, self.plural, self.params), self.params)

    def to_json(self) -> dict[str, Any]:
        data = {"code": self.code, "template": self.template, "params": self.params}
        if self.plural is not None:
            data["plural"] = self.plural
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        plural = data.get("plural")
        return cls(
            str(data.get("code", "")),
            str(data.get("template", data.get("code", ""))),
            dict(data.get("params") or {}),
            str(plural) if plural is not None else None,
        )


def english_form(template: str, plural: str | None, params: Mapping[str, Any]) -> str:
    """The English form of a message: the plural one when it has one and its count is not 1."""
    if plural is None:
        return template
    return template if params.get("count") == 1 else plural
