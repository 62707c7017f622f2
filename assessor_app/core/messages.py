"""The one message type of expected errors and reasons: a stable code, an English template (a
gettext msgid) and the parameters that fill it.

Templates are written where the message arises, marked with `N_` so that the extractor finds them;
`i18n.render` translates the template, then fills it with `fill`, the one formatter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def N_(message: str) -> str:
    """Mark a string for translation without translating it here (gettext convention)."""
    return message


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
    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return fill(self.template, self.params)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "template": self.template, "params": self.params}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        return cls(
            str(data.get("code", "")),
            str(data.get("template", data.get("code", ""))),
            dict(data.get("params") or {}),
        )
