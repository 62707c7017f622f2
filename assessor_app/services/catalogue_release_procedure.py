"""The procedure values a catalogue release carries (`publish --with-procedure`): what the province
set with `procedure set-actor|set-deadline` (services/procedures.py), applied on import as the
province's word, each audited on the store chain as those commands audit theirs (old → new, with
the province's reason and the release named in the target).

Each value must name a regime, a step or report and a period of the shipped procedure, and be a
valid value (a name; a due day DD/MM): otherwise the whole release is refused (BUNDLE_CORRUPT).
"""

from __future__ import annotations

from collections.abc import Iterable

from assessor_app.domain.errors import InputError
from assessor_app.domain.procedure import Regime, parse_due_day
from assessor_app.domain.text import DOSSIER_LINE, check_text, clean
from assessor_app.services.catalogue_release_format import RELEASE_FILE, ReleaseManifest
from assessor_app.services.merge_model import corrupt
from assessor_app.services.procedures import (
    ACTOR,
    AUDIT_ACTOR,
    AUDIT_DEADLINE,
    DUE,
    regimes_in,
)
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.procedures import StoredOverride
from assessor_app.storage.repository import STORE_CHAIN, Repository
from assessor_app.texts import dates


def _bad(item: StoredOverride, problem: str) -> InputError:
    return corrupt(
        f"data/{RELEASE_FILE}",
        f"procedure value {item.regime}/{item.item}/{item.period_from}/{item.field}: {problem}",
    )


def check_procedure(items: Iterable[StoredOverride]) -> None:
    """Each value's own form (before anything is looked up in the store)."""
    seen: set[tuple[str, str, str, str]] = set()
    for item in items:
        key = (item.regime, item.item, item.period_from, item.field)
        if key in seen:
            raise _bad(item, "listed twice")
        seen.add(key)
        if item.field == DUE:
            try:
                parse_due_day(item.value)
            except InputError:
                raise _bad(item, "not a due day DD/MM") from None
        elif item.field == ACTOR:
            try:
                if not check_text(clean(item.value), DOSSIER_LINE, field="name"):
                    raise _bad(item, "no name")
            except InputError:
                raise _bad(item, "not a name") from None
        else:
            raise _bad(item, "unknown field")


def _old_value(regime: Regime, item: StoredOverride) -> str | None:
    """The value the release replaces here; None when the procedure has no such item."""
    if item.field == ACTOR:
        for step in regime.steps:
            if step.code == item.item:
                for actor in step.actors:
                    if actor.span.valid_from.isoformat() == item.period_from:
                        return actor.who.value
        return None
    for deadline in regime.deadlines:
        if deadline.code == item.item and deadline.span.valid_from.isoformat() == item.period_from:
            return dates.day_month(deadline.month, deadline.day)
    return None


def apply_procedure(
    workspace: Workspace, repo: Repository, manifest: ReleaseManifest, now: str
) -> int:
    """Store the release's procedure values (inside the import's transaction); how many."""
    if not manifest.procedure:
        return 0
    by_code = {regime.code: regime for regime in regimes_in(repo)}
    for item in manifest.procedure:
        regime = by_code.get(item.regime)
        old = None if regime is None else _old_value(regime, item)
        if old is None:
            raise _bad(item, "the procedure of this app has no such step, report or period")
        value = item.value
        if item.field == DUE:
            value = dates.day_month(*parse_due_day(item.value))
        by = f"{item.set_by} ({manifest.publisher})"
        repo.set_procedure_override(
            StoredOverride(
                item.regime, item.item, item.period_from, item.field, value, item.reason, now, by
            )
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            AUDIT_ACTOR if item.field == ACTOR else AUDIT_DEADLINE,
            f"procedure:{item.regime}:{item.item}:{item.period_from}",
            old,
            value,
            f"{item.reason} [release:{manifest.release_id}]",
        )
    return len(manifest.procedure)
