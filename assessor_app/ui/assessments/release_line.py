"""The sentence saying which catalogue the province released is in force (issue 15), shown above
the assessments list and in the new-assessment dialog: "Bộ tiêu chí áp dụng: … phiên bản … (áp dụng
từ dd/mm/yyyy, do … ban hành)", one line per catalogue code; empty when none is."""

from __future__ import annotations

from assessor_app import i18n
from assessor_app.services import catalogue_in_force
from assessor_app.services.workspace import Workspace
from assessor_app.texts import releases


def in_force_text(workspace: Workspace) -> str:
    """Reads the store: call it on a worker thread where the caller can."""
    language = i18n.language()
    return "\n".join(
        releases.in_force_line(item.code, item.version, item.since, item.publisher, language)
        for item in catalogue_in_force.in_force(workspace)
    )
