"""Which catalogue version is in force, and since when (issue 15): per catalogue code, the release
of the province in force on a day — the one with the latest "in force from" day not after it (a
later release in force from the same day replaces an earlier one) — with who published it and
when it was received here. Read by `catalogue in-force`, `catalogue list` and the app's lists.

Only releases count (imported from the province, or published here by the province itself): an
older release replayed later is refused on import (services/catalogue_release_import.py), and
even one recorded cannot displace a later day in force.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from assessor_app.services import keys
from assessor_app.services.trust_keys import trusted_key
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repositories.releases import ReleaseQueries, StoredRelease


@dataclass(frozen=True)
class InForce:
    code: str
    version: str
    content_hash: str
    since: date  # in force from
    publisher: str  # the publishing office
    published_by: str
    received_at: str  # UTC, when this store recorded the release
    release_id: str
    signer: str  # the signing key's fingerprint
    upcoming: tuple[StoredRelease, ...] = ()  # releases of the code in force from a later day
    signer_owner: str = ""  # whose key signed it, as its card names them ("" if unknown here)


def _rank(release: StoredRelease) -> tuple[str, int, str]:
    return (release.in_force_from, release.sequence, release.received_at)


def in_force_of(releases: list[StoredRelease], day: date) -> list[InForce]:
    """The release in force on `day` for each code that has one (pure: see `in_force`)."""
    today = day.isoformat()
    found: list[InForce] = []
    for code in sorted({r.catalogue_code for r in releases}):
        mine = [r for r in releases if r.catalogue_code == code]
        current = [r for r in mine if r.in_force_from <= today]
        if not current:
            continue
        best = max(current, key=_rank)
        later = tuple(sorted((r for r in mine if r.in_force_from > today), key=_rank))
        found.append(
            InForce(
                code,
                best.catalogue_version,
                best.catalogue_hash,
                date.fromisoformat(best.in_force_from),
                best.publisher,
                best.published_by,
                best.received_at,
                best.release_id,
                best.signer_fingerprint,
                later,
            )
        )
    return found


def signer_owner(workspace: Workspace, fingerprint: str) -> str:
    """Whose key `fingerprint` is: the enrolled card's owner, or this installation's own key
    (the province sees its own releases); "" when neither."""
    enrolled = trusted_key(workspace, fingerprint)
    if enrolled is not None:
        return enrolled.owner
    own = keys.key_info(workspace)
    return own.owner if own is not None and own.fingerprint == fingerprint else ""


def in_force(workspace: Workspace, day: date | None = None) -> list[InForce]:
    """Per catalogue code, the version in force on `day` (today by default), with the owner of
    the key that signed it."""
    with workspace.database.reading() as session:
        releases = ReleaseQueries(session).releases()
    found = in_force_of(releases, day or workspace.today())
    return [replace(i, signer_owner=signer_owner(workspace, i.signer)) for i in found]


def releases(workspace: Workspace) -> list[StoredRelease]:
    """Every release recorded here, by code, in the order received."""
    with workspace.database.reading() as session:
        return ReleaseQueries(session).releases()


@dataclass(frozen=True)
class Standing:
    """How a stored catalogue version stands: since when a release puts it in force (None:
    never released here) and whether it is the version in force today."""

    since: date | None
    in_force: bool


def standings(workspace: Workspace, day: date | None = None) -> dict[str, Standing]:
    """Per content hash of a released version, its standing: "since when" is the release's
    day in force, not the legal text's effective date (`catalogue list`, the catalogues window)."""
    with workspace.database.reading() as session:
        recorded = ReleaseQueries(session).releases()
    current = {i.content_hash for i in in_force_of(recorded, day or workspace.today())}
    found: dict[str, Standing] = {}
    for release in sorted(recorded, key=_rank):  # the latest release of a version speaks
        found[release.catalogue_hash] = Standing(
            date.fromisoformat(release.in_force_from), release.catalogue_hash in current
        )
    return found
