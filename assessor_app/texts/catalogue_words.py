"""Words about stored catalogues and their drafts (issue 15): where a catalogue came from."""

from __future__ import annotations

from assessor_app.i18n import pgettext
from assessor_app.texts.lookup import label_or_code

CATALOGUE_ORIGINS = ("shipped", "imported", "published", "release")


def catalogue_origin(origin: str, language: str) -> str:
    """Where a stored catalogue came from ("published" → "do tỉnh ban hành")."""
    return label_or_code(
        {
            "shipped": pgettext("catalogue origin", "shipped with the app", language),
            "imported": pgettext("catalogue origin", "imported from a file", language),
            "published": pgettext("catalogue origin", "published by the province", language),
            "release": pgettext(
                "catalogue origin", "released by the province (signed file received)", language
            ),
        },
        origin,
    )
