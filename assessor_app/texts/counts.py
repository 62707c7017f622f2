"""How many of what, in words with the right plural ("1 comment", "3 comments"; Vietnamese has one
form): the changes importing a bundle makes to an assessment, on screen and in the command line."""

from __future__ import annotations

from assessor_app.i18n import ngettext
from assessor_app.texts.numbers import number


def plan_changes(
    language: str,
    *,
    members_added: int = 0,
    members_removed: int = 0,
    comments_added: int = 0,
    evidence_added: int = 0,
    evidence_removed: int = 0,
    flags_added: int = 0,
    audit_entries_added: int = 0,
) -> list[str]:
    """One phrase per kind of change that happens (none for a count of 0)."""
    phrases = (
        (
            members_added,
            ngettext(
                "{count} team member added", "{count} team members added", members_added, language
            ),
        ),
        (
            members_removed,
            ngettext(
                "{count} team member removed",
                "{count} team members removed",
                members_removed,
                language,
            ),
        ),
        (
            comments_added,
            ngettext("{count} comment added", "{count} comments added", comments_added, language),
        ),
        (
            evidence_added,
            ngettext(
                "{count} evidence file added",
                "{count} evidence files added",
                evidence_added,
                language,
            ),
        ),
        (
            evidence_removed,
            ngettext(
                "{count} evidence file removed",
                "{count} evidence files removed",
                evidence_removed,
                language,
            ),
        ),
        (
            flags_added,
            ngettext(
                "{count} follow-up mark added",
                "{count} follow-up marks added",
                flags_added,
                language,
            ),
        ),
        (
            audit_entries_added,
            ngettext(
                "{count} history entry from other computers",
                "{count} history entries from other computers",
                audit_entries_added,
                language,
            ),
        ),
    )
    return [text.format(count=number(count, language)) for count, text in phrases if count]


def assessments(count: int, language: str) -> str:
    """ "1 assessment", "12 assessments"."""
    return ngettext("{count} assessment", "{count} assessments", count, language).format(
        count=number(count, language)
    )
