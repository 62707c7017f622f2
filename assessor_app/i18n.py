"""Translation of the app's own strings (gettext), shared by every layer above the domain.

Vietnamese is the default language; English is the language of the msgids. The domain never
translates: it raises errors and reasons with English templates and parameters, and callers render
them here in the user's language.

Two ways to ask: `_`, `ngettext` and `render` speak the app's current language (set by
`set_language`: the screen and the command line follow the setting); `translator(language)`,
`gettext_in`, `pgettext` and `ngettext(..., language=...)` speak the language they are given, which
is how the text layer (`assessor_app.texts`) writes printed documents in Vietnamese whatever the
screen's language.
"""

from __future__ import annotations

import functools
import gettext
import os
from typing import Any, Protocol

from assessor_app.core.messages import english_form, fill
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


def supported(language: str | None) -> str:
    """`language` as one of LANGUAGES ("vi_VN" → "vi"); unknown or empty ones are Vietnamese."""
    chosen = (language or DEFAULT_LANGUAGE).split("_")[0].split("-")[0].lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


@functools.cache
def translator(language: str) -> gettext.NullTranslations:
    """The translations of `language`, loaded once, whatever the app's current language."""
    return gettext.translation(
        DOMAIN, localedir=resource("locale"), languages=[supported(language)], fallback=True
    )


def set_language(language: str | None = None) -> str:
    """Switch the app's language; unknown languages fall back to Vietnamese."""
    global _translation, _language
    chosen = supported(language or os.environ.get(LANGUAGE_ENV))
    _language = chosen
    _translation = translator(chosen)
    return chosen


def language() -> str:
    """The app's current language: what the screen and the command line speak."""
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int, language: str | None = None) -> str:
    """The singular or plural form for `count`, in `language` (default: the app's language)."""
    translation = _translation if language is None else translator(language)
    return translation.ngettext(singular, plural, count)


def gettext_in(message: str, language: str) -> str:
    """`message` (a msgid written literally, so that the extractor finds it) in `language`."""
    return translator(language).gettext(message)


def pgettext(context: str, message: str, language: str) -> str:
    """`message` in `language`, told apart by `context` from the same English words meaning
    something else ("Commune" the unit type, "Commune" the column title)."""
    return translator(language).pgettext(context, message)


def render(item: Renderable, language: str | None = None) -> str:
    """Translate an error's or a reason's template, then fill in its parameters (in `language`;
    default: the app's language). A message that counts (with a `plural` form) takes the form its
    `count` parameter needs."""
    translation = _translation if language is None else translator(language)
    plural: str | None = getattr(item, "plural", None)
    count = item.params.get("count")
    try:
        if plural is not None and isinstance(count, int):
            return translation.ngettext(item.template, plural, count).format(**item.params)
        return translation.gettext(item.template).format(**item.params)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
        return fill(english_form(item.template, plural, item.params), item.params)


set_language(None)
