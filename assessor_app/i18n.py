"""Translation of the app's own strings (gettext), shared by every layer above the domain.

Vietnamese is the default language; English is the language of the msgids. The domain never
translates: it raises errors and reasons with English templates and parameters, and callers render
them here in the user's language.
"""

from __future__ import annotations

import gettext
import os
from typing import Any, Protocol

from assessor_app.core.messages import fill
from assessor_app.paths import resource

DOMAIN = "assessor_app"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_ENV = "ASSESSOR_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


class Renderable(Protocol):
    @property
    def template(self) -> str: ...

    @property
    def params(self) -> dict[str, Any]: ...


def set_language(language: str | None = None) -> str:
    """Switch the app's language; unknown languages fall back to Vietnamese."""
    global _translation, _language
    chosen = (language or os.environ.get(LANGUAGE_ENV) or DEFAULT_LANGUAGE).split("_")[0].lower()
    if chosen not in LANGUAGES:
        chosen = DEFAULT_LANGUAGE
    _language = chosen
    _translation = gettext.translation(
        DOMAIN, localedir=resource("locale"), languages=[chosen], fallback=True
    )
    return chosen


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def render(item: Renderable) -> str:
    """Translate an error's or a reason's template, then fill in its parameters."""
    try:
        return _(item.template).format(**item.params)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
        return fill(item.template, item.params)


set_language(None)
