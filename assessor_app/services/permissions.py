"""Who may do what on a shared store (issue 16): the check each guarded use case makes first.

On a PostgreSQL store the server says who is connected and which group roles they hold
(storage/officers.py); a use case needing a duty they lack is refused with STORE_NOT_PERMITTED,
naming the role to ask the administrator for, before it changes anything. The server refuses the
same writes again on the decision and release tables (defence in depth). A SQLite store has a
single user, who may do everything: the check costs nothing there.
"""

from __future__ import annotations

from assessor_app.domain.errors import N_, StoreError
from assessor_app.domain.officer_roles import Duty, role_name
from assessor_app.services.workspace import Workspace
from assessor_app.storage import officers
from assessor_app.storage.repository import Repository

# The refusal of each duty: what the officer may not do, and the role to ask for.
REFUSALS = {
    Duty.IMPORT: N_(
        "{user} may not import bundles or releases, settle held bundles or enrol and revoke the keys of teams and offices on this store: ask the store's administrator for the role {role} (store grant {user} --role importer). Nothing was changed."
    ),
    Duty.APPRAISE: N_(
        "{user} may not appraise assessments on this store: ask the store's administrator for the role {role} (store grant {user} --role appraiser). Nothing was changed."
    ),
    Duty.DECIDE: N_(
        "{user} may not record decisions or commendations on this store: ask the store's administrator for the role {role} (store grant {user} --role decider). Nothing was changed."
    ),
    Duty.PUBLISH: N_(
        "{user} may not publish catalogues, write catalogue drafts, enrol or revoke the province's key or change this store's own signing key: ask the store's administrator for the role {role} (store grant {user} --role publisher). Nothing was changed."
    ),
}


def not_permitted(user: str, duty: Duty) -> StoreError:
    return StoreError("STORE_NOT_PERMITTED", REFUSALS[duty], user=user, role=role_name(duty))


def require(workspace: Workspace, repo: Repository, duty: Duty) -> None:
    """Refuse (STORE_NOT_PERMITTED) unless the connected officer holds `duty`; inside the use
    case's transaction, so a role revoked a moment ago counts."""
    if not workspace.database.is_postgres:
        return
    officer = officers.connected_officer(repo.session.connection())
    if duty not in officer.duties:
        raise not_permitted(officer.user, duty)


def check(workspace: Workspace, duty: Duty) -> None:
    """The same refusal before a use case asks for anything (a passphrase, a file, a preview): in
    a short read of its own. The use case's transaction may check again with `require`."""
    if not workspace.database.is_postgres:
        return
    with workspace.database.reading() as session:
        require(workspace, Repository(session), duty)
