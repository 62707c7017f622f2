"""Words of a catalogue migration (domain/catalogue_migration.py): what happens to each
indicator's figure and why (re-exported by texts/labels.py)."""

from __future__ import annotations

from assessor_app.domain.catalogue_migration import MigrationCounts, Outcome, Why
from assessor_app.i18n import gettext_in, pgettext


def migration_outcome(outcome: Outcome, language: str) -> str:
    return {
        Outcome.CARRIED: pgettext("migration outcome", "Carried over", language),
        Outcome.CARRIED_CHANGED: pgettext(
            "migration outcome", "Carried over, points change", language
        ),
        Outcome.REENTER: pgettext("migration outcome", "To be re-entered", language),
        Outcome.DROPPED: pgettext("migration outcome", "Dropped", language),
    }[Outcome(outcome)]


def migration_why(why: Why | None, language: str) -> str:
    if why is None:
        return ""
    return {
        Why.NEW_INDICATOR: pgettext("migration why", "new indicator", language),
        Why.RULE_KIND_CHANGED: pgettext("migration why", "its kind of rule changed", language),
        Why.INPUTS_CHANGED: pgettext(
            "migration why", "its figures mean something else now", language
        ),
        Why.VALUE_REFUSED: pgettext("migration why", "the new rule refuses the figure", language),
        Why.NOT_IN_NEW: pgettext("migration why", "not in the new version", language),
    }[Why(why)]


def migration_counts(counts: MigrationCounts, language: str) -> str:
    """How many figures carry over, how many indicators were never entered, how many must be
    entered again and how many are dropped: one sentence for the preview, the CLI and the log."""
    return gettext_in(
        "{carried} figures carried over, {not_entered} not entered, {reenter} to re-enter, {dropped} dropped",
        language,
    ).format(
        carried=counts.carried,
        not_entered=counts.not_entered,
        reenter=counts.reenter,
        dropped=counts.dropped,
    )
