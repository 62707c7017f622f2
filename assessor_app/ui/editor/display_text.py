"""The tooltip the editor shows for a catalogue part: its status, source and note (words and
numbers come from the text layer, `assessor_app.texts`)."""

from __future__ import annotations

from assessor_app import i18n
from assessor_app.domain.catalogue import Sourced, Status
from assessor_app.domain.text import nfc
from assessor_app.i18n import _
from assessor_app.texts import labels


def provenance_tooltip(provenance: Sourced, effective: Status | None = None) -> str:
    """Status, source and note of a catalogue part, for a tooltip or a details line."""
    language = i18n.language()
    status = labels.catalogue_status(effective or provenance.status, language)
    lines = [_("Status: {status}").format(status=status)]
    if effective is not None and effective is not provenance.status:
        lines.append(
            _("(own wording: {status}; some bands are less certain)").format(
                status=labels.catalogue_status(provenance.status, language)
            )
        )
    if provenance.source:
        lines.append(_("Source: {source}").format(source=provenance.source))
    if provenance.note:
        lines.append(_("Note: {note}").format(note=provenance.note))
    return nfc("\n".join(lines))
