"""Catalogues and unit lists: loading the shipped ones, importing new ones, browsing them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assessor_app.core.canonical import canonical_json, canonical_sha256
from assessor_app.domain.assessment import require_reason
from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import N_, InputError, NotFoundError
from assessor_app.domain.text import clean, fold
from assessor_app.domain.units import AdminUnit, UnitList, UnitType, parse_unit_list, search
from assessor_app.paths import resource
from assessor_app.services.catalogue_preference import preferred
from assessor_app.services.clock import vietnam_today
from assessor_app.services.files import read_json
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import CategoryOverride, StoredUnit, UnitListRecord
from assessor_app.storage.repository import STORE_CHAIN, Repository


def shipped_catalogue_files() -> list[Path]:
    return sorted(resource("catalogues").glob("*.json"))


def shipped_unit_files() -> list[Path]:
    return sorted(resource("units").glob("*.json"))


def load_catalogue_file(path: str | Path) -> Catalogue:
    """Read and validate a catalogue file (no store involved)."""
    return parse_catalogue(read_json(path))


def shipped_catalogues() -> list[Catalogue]:
    return [load_catalogue_file(p) for p in shipped_catalogue_files()]


def shipped_unit_lists() -> list[UnitList]:
    return [parse_unit_list(read_json(p)) for p in shipped_unit_files()]


SHIPPED_DATA_KEY = "shipped_reference_data"


@dataclass(frozen=True)
class InitReport:
    catalogues_added: list[str]
    unit_lists_added: list[str]
    database: str


def store_catalogue(
    repo: Repository, document: object, origin: str, now: str
) -> tuple[Catalogue, bool]:
    """Store a catalogue document (once per content): (the catalogue, stored now)."""
    catalogue = parse_catalogue(document)
    if repo.catalogue_record_by_hash(catalogue.content_hash) is not None:
        return catalogue, False
    repo.add_catalogue(
        catalogue.code,
        catalogue.version,
        catalogue.content_hash,
        catalogue.title_vi,
        canonical_json(document).decode("utf-8"),
        origin,
        now,
    )
    return catalogue, True


def _store_unit_list(repo: Repository, document: object, now: str) -> tuple[UnitList, bool]:
    unit_list = parse_unit_list(document)
    digest = canonical_sha256(document)
    if repo.has_unit_list(unit_list.code):
        return unit_list, False
    repo.add_unit_list(
        unit_list.code,
        unit_list.title_vi,
        unit_list.valid_from.isoformat(),
        unit_list.valid_to.isoformat() if unit_list.valid_to else None,
        digest,
        canonical_json(document).decode("utf-8"),
        now,
        (
            (
                u.code,
                u.name,
                u.search_key(),
                u.unit_type.value,
                u.district_code,
                u.district_name,
                u.default_category.value,
            )
            for u in unit_list.units
        ),
    )
    return unit_list, True


def initialise(workspace: Workspace) -> InitReport:
    """Load the shipped catalogues and unit lists; running it again changes nothing."""
    now = workspace.clock()
    catalogue_docs = [read_json(p) for p in shipped_catalogue_files()]
    unit_docs = [read_json(p) for p in shipped_unit_files()]

    def _work(session: WriteSession) -> tuple[list[str], list[str]]:
        added_catalogues: list[str] = []  # anew in each run: a refused run's are not kept
        added_lists: list[str] = []
        repo = Repository(session)
        for document in catalogue_docs:
            catalogue, added = store_catalogue(repo, document, "shipped", now)
            if added:
                added_catalogues.append(f"{catalogue.code} {catalogue.version}")
        for document in unit_docs:
            unit_list, added = _store_unit_list(repo, document, now)
            if added:
                added_lists.append(unit_list.code)
        repo.set_meta(SHIPPED_DATA_KEY, _shipped_fingerprint())
        return added_catalogues, added_lists

    added_catalogues, added_lists = workspace.database.run_in_transaction(_work)
    # The store in use: the data folder's file, or the server's (its URL without the password).
    return InitReport(added_catalogues, added_lists, str(workspace.database.location))


def _shipped_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in shipped_catalogue_files() + shipped_unit_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_initialised(workspace: Workspace) -> None:
    """Load the shipped reference data when this store has not seen this app's version of it
    (a new store, or an update that ships a corrected catalogue)."""
    fingerprint = _shipped_fingerprint()
    with workspace.database.reading() as session:
        seen = Repository(session).meta(SHIPPED_DATA_KEY)
    if seen != fingerprint:
        initialise(workspace)


def import_catalogue(workspace: Workspace, path: str | Path) -> tuple[Catalogue, bool]:
    """Add a catalogue file (e.g. the province's official one) to the store; audited."""
    document = read_json(path)

    def _work(session: WriteSession) -> tuple[Catalogue, bool]:
        repo = Repository(session)
        catalogue, added = store_catalogue(repo, document, "imported", workspace.clock())
        if added:
            repo.append_audit(
                STORE_CHAIN,
                workspace.clock(),
                workspace.actor,
                "import_catalogue",
                f"catalogue:{catalogue.code}",
                None,
                {"version": catalogue.version, "content_hash": catalogue.content_hash},
            )
        return catalogue, added

    return workspace.database.run_in_transaction(_work)


# --- catalogues in the store


def catalogues(workspace: Workspace) -> list[Catalogue]:
    with workspace.database.reading() as session:
        return [workspace.catalogue_of(row) for row in Repository(session).catalogue_records()]


def catalogue(workspace: Workspace, code: str) -> Catalogue:
    """The stored catalogue that speaks for this code (services/catalogue_preference.py: the
    province's published text over an imported file over the shipped one, then the newest), or
    the one with this content hash."""
    with workspace.database.reading() as session:
        repo = Repository(session)
        stored = repo.catalogue_records()  # by code, oldest version first
        wanted = clean(code).upper()
        row = repo.catalogue_record_by_hash(code) or preferred(stored, wanted)
        if row is None:
            raise NotFoundError(
                "CATALOGUE_NOT_FOUND",
                N_("There is no criteria catalogue '{code}'. Known: {known}."),
                code=code,
                known=", ".join(sorted({r.code for r in stored})) or "-",
            )
        return workspace.catalogue_of(row)


# --- unit lists in the store


@dataclass(frozen=True)
class UnitRecord:
    code: str
    name: str
    unit_type: UnitType
    district_code: str
    district_name: str
    category: UnitCategory
    category_is_default: bool
    list_code: str
    valid_from: date
    valid_to: date | None


def _record(row: StoredUnit, overrides: dict[str, str]) -> UnitRecord:
    override = overrides.get(row.code)
    return UnitRecord(
        code=row.code,
        name=row.name,
        unit_type=UnitType(row.unit_type),
        district_code=row.district_code,
        district_name=row.district_name,
        category=UnitCategory(override or row.default_category),
        category_is_default=override is None,
        list_code=row.list_code,
        valid_from=date.fromisoformat(row.list_valid_from),
        valid_to=date.fromisoformat(row.list_valid_to) if row.list_valid_to else None,
    )


def _list_valid_on(repo: Repository, day: date) -> UnitListRecord:
    listing = repo.unit_list_valid_on(day)
    if listing is None:
        raise NotFoundError(
            "UNITS_NONE_ON_DATE", N_("No unit list is valid on {day}."), day=day.isoformat()
        )
    return listing


def unit_lists(workspace: Workspace) -> list[tuple[str, str, date, date | None, int]]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        return [
            (
                row.code,
                row.title_vi,
                date.fromisoformat(row.valid_from),
                date.fromisoformat(row.valid_to) if row.valid_to else None,
                row.unit_count,
            )
            for row in repo.unit_list_records()
        ]


def units_on(workspace: Workspace, day: date) -> list[UnitRecord]:
    with workspace.database.reading() as session:
        repo = Repository(session)
        listing = _list_valid_on(repo, day)
        overrides = repo.category_overrides()
        return [_record(row, overrides) for row in repo.units_in_list(listing.code)]


def search_units(
    workspace: Workspace, text: str, day: date | None = None, all_lists: bool = False
) -> list[UnitRecord]:
    """Diacritic-insensitive search by name, code or district in the list valid on `day` (today by
    default), or in every list with `all_lists` (a code then appears once per list that holds it)."""
    words = fold(text).split()
    if not words:
        raise InputError("SEARCH_EMPTY", N_("Type part of a name or a code to search for."))
    with workspace.database.reading() as session:
        repo = Repository(session)
        overrides = repo.category_overrides()
        lists = (
            repo.unit_list_records()
            if all_lists
            else [_list_valid_on(repo, day or workspace.today())]
        )
        records = [
            _record(row, overrides) for listing in lists for row in repo.units_in_list(listing.code)
        ]
    domain_units = [
        AdminUnit(r.code, r.name, r.unit_type, r.list_code, r.district_code, r.district_name)
        for r in records
    ]
    order = {(u.list_code, u.code): index for index, u in enumerate(search(domain_units, text))}
    hits = [r for r in records if (r.list_code, r.code) in order]
    return sorted(hits, key=lambda r: order[(r.list_code, r.code)])


def unit_history(workspace: Workspace, code: str) -> list[UnitRecord]:
    """Every list entry for a commune code, oldest first (names change; codes stay)."""
    code = clean(code)
    with workspace.database.reading() as session:
        repo = Repository(session)
        overrides = repo.category_overrides()
        rows = repo.unit_records_with_code(code)
        if not rows:
            raise NotFoundError(
                "UNIT_NOT_FOUND",
                N_("There is no administrative unit with code '{code}'."),
                code=code,
            )
        return [_record(row, overrides) for row in rows]


def set_unit_category(workspace: Workspace, code: str, category: str, reason: str) -> UnitRecord:
    """Correct a unit's category (e.g. a lowland commune); audited, applies to new assessments."""
    try:
        chosen = UnitCategory(category)
    except ValueError:
        raise InputError(
            "UNIT_BAD_CATEGORY",
            N_("Unknown unit category '{category}'; use one of: {allowed}."),
            category=category,
            allowed=", ".join(c.value for c in UnitCategory),
        ) from None
    reason = require_reason(reason)
    history = unit_history(workspace, code)
    now = workspace.clock()

    def _work(session: WriteSession) -> None:
        repo = Repository(session)
        row = repo.category_override_record(history[-1].code)
        old = row.category.value if row else None
        repo.set_category_override(
            CategoryOverride(history[-1].code, chosen, reason, workspace.actor, now)
        )
        repo.append_audit(
            STORE_CHAIN,
            now,
            workspace.actor,
            "set_unit_category",
            f"unit:{history[-1].code}",
            old or history[-1].category.value,
            chosen.value,
            reason,
        )

    workspace.database.run_in_transaction(_work)
    return unit_history(workspace, code)[-1]


@dataclass(frozen=True)
class UnitListChoice:
    code: str
    title_vi: str
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def valid_on_today(self) -> bool:
        """Valid today in Vietnam (the first-start questions come before any workspace)."""
        return self.valid_on(vietnam_today())


def unit_list_choices() -> list[UnitListChoice]:
    """The shipped unit lists (no store needed: the first-start questions come before it)."""
    return [
        UnitListChoice(u.code, u.title_vi, u.valid_from, u.valid_to) for u in shipped_unit_lists()
    ]
