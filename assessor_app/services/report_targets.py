"""The targets a summary measures each year against: the province's plan (20 % by 2015, 50 % by
2020), the national programme for children (65 % by 2025, 75 % by 2030; secondary sources) and the
province's own, stored in `meta` by services/reports.py `set_target`."""

from __future__ import annotations

import json

from assessor_app.reports.summary_model import DEFAULT_TARGETS, Target, TargetSource
from assessor_app.storage.repository import Repository

META_TARGETS = "plan_targets"  # JSON list of {"year": int, "percent": number}, set by the province


def stored_targets(repo: Repository) -> dict[int, float]:
    raw = repo.meta(META_TARGETS)
    if not raw:
        return {}
    try:
        items = json.loads(raw)
        return {int(item["year"]): float(item["percent"]) for item in items}
    except (KeyError, TypeError, ValueError):
        return {}


def targets_in(repo: Repository) -> tuple[Target, ...]:
    """The plan's and the national programme's targets (`DEFAULT_TARGETS`) and the province's own
    set in this store; by year, the province's own first where two fall in one year."""
    own = [
        Target(year, int(percent) if percent == int(percent) else percent, TargetSource.PROVINCE)
        for year, percent in stored_targets(repo).items()
    ]
    order = {TargetSource.PROVINCE: 0, TargetSource.PLAN: 1, TargetSource.NATIONAL: 2}
    return tuple(sorted((*own, *DEFAULT_TARGETS), key=lambda t: (t.year, order[t.source])))
