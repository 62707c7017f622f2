"""The duties of the officers beyond importing, appraising, deciding and publishing (issue 16):
held bundles are the importers', catalogue drafts and the store's own key the publishers', trusted
keys the importers' (a team's or an office's) or the publishers' (the province's). An officer
without the duty is refused with STORE_NOT_PERMITTED naming the role, and nothing changes; with it,
the use case works. And the migrated schema gives the group roles their privileges on every table,
so that a migration adding a table without granting them fails here. On a throwaway server
(tests/postgres_server.py); the officers as in test_postgres_officers.py."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from assessor_app.domain.errors import StoreError
from assessor_app.domain.officer_roles import GROUP_ROLES, Duty, role_name
from assessor_app.services import (
    bundle_import,
    catalogue_drafts,
    key_role,
    keys,
    officers_admin,
    quarantine,
    reference_data,
    trust,
)
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage import officers
from assessor_app.storage.database_postgres import driver_url
from assessor_app.storage.repository import STORE_CHAIN, Repository
from tests.integration.test_import import TEAM_PASS, export, open_site, rich_assessment
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]  # the fixtures this module uses

Officer = Callable[..., tuple[str, Workspace]]
AGENCY = "Sở Y tế Lạng Sơn"
PASS = "mật khẩu của sở, đủ dài"


@pytest.fixture
def admin(postgres_url: str, home: Path) -> Iterator[Workspace]:
    """The administrator (the server's superuser) sets the store up: migrations, init."""
    ws = open_workspace(home / "admin", actor="Quản trị", store=postgres_url)
    reference_data.ensure_initialised(ws)
    yield ws
    ws.close()


@pytest.fixture
def officer(
    postgres_server: PostgresServer, postgres_url: str, admin: Workspace, home: Path
) -> Iterator[Officer]:
    """officer(*duties): a new login user holding `duties`, and a workspace connected as them."""
    opened: list[Workspace] = []

    def make(*duties: Duty) -> tuple[str, Workspace]:
        user = f"u_{uuid.uuid4().hex[:10]}"
        postgres_server.psql(f"CREATE ROLE {user} LOGIN")
        for duty in duties:
            officers_admin.grant(postgres_url, user, duty)
        url = make_url(postgres_url).set(username=user).render_as_string(hide_password=False)
        ws = open_workspace(home / user, actor="Cán bộ", store=url)
        opened.append(ws)
        return user, ws

    yield make
    for ws in opened:
        ws.close()


def refused(user: str, duty: Duty, call: Callable[[], object]) -> None:
    with pytest.raises(StoreError) as error:
        call()
    assert error.value.code == "STORE_NOT_PERMITTED"
    assert role_name(duty) in str(error.value)
    assert user in str(error.value)


def store_log(ws: Workspace) -> int:
    """How many entries the store's own audit chain has (every guarded change appends one)."""
    with ws.database.reading() as session:
        return len(Repository(session).audit_entries(STORE_CHAIN))


# --- the privileges of the migrated schema --------------------------------------------------------

PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")


def missing_grants(connection: sa.Connection) -> list[str]:
    """What the group roles lack on the tables and sequences of the schema: every role reads every
    table; every table but the migrations' own record is written by the roles whose work writes
    it (all of them, or only its duty's for a restricted table); nothing is left to PUBLIC."""
    tables = connection.execute(
        sa.text(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    ).scalars()
    missing = []
    for table in sorted(tables):
        restricted = officers.RESTRICTED_TABLES.get(table)
        for role in [*GROUP_ROLES, "public"]:
            for privilege in PRIVILEGES:
                expected = role != "public" and (
                    privilege == "SELECT"
                    or (
                        table not in officers.READ_ONLY_TABLES
                        and (restricted is None or role == role_name(restricted))
                        # append-only tables (the audit log, evidence content): INSERT only
                        and (table not in officers.APPEND_ONLY_TABLES or privilege == "INSERT")
                    )
                )
                has = connection.execute(
                    sa.text("SELECT has_table_privilege(:r, :t, :p)"),
                    {"r": role, "t": f'"{table}"', "p": privilege},
                ).scalar_one()
                if has != expected:
                    missing.append(
                        f"{table}: {role} {privilege} {'missing' if expected else 'given'}"
                    )
    sequences = connection.execute(
        sa.text(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = current_schema()"
        )
    ).scalars()
    for sequence in sorted(sequences):
        for role in GROUP_ROLES:
            has = connection.execute(
                sa.text("SELECT has_sequence_privilege(:r, :s, 'USAGE')"),
                {"r": role, "s": f'"{sequence}"'},
            ).scalar_one()
            if not has:
                missing.append(f"{sequence}: {role} USAGE missing")
    return missing


def test_every_table_of_the_migrated_schema_has_the_grants_the_roles_need(
    admin: Workspace,
) -> None:
    with admin.database.engine.connect() as connection:
        assert missing_grants(connection) == []
        count = connection.execute(
            sa.text(
                "SELECT count(*) FROM information_schema.tables "
                "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
            )
        ).scalar_one()
        assert count > 20  # the whole schema was looked at


def test_a_table_added_without_the_grants_is_caught(admin: Workspace, postgres_url: str) -> None:
    """What a later migration forgetting `grant_privileges` would leave: the guard above names it;
    granting again (as such a migration must) settles it."""
    engine = sa.create_engine(driver_url(postgres_url))
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE later_table (id SERIAL PRIMARY KEY)")
            found = missing_grants(connection)
            assert "later_table: assessor_importer SELECT missing" in found
            assert "later_table_id_seq: assessor_importer USAGE missing" in found
            officers.grant_privileges(connection)
            assert missing_grants(connection) == []
    finally:
        engine.dispose()


# --- held bundles: the importers' -----------------------------------------------------------------


def test_a_held_bundle_is_settled_only_by_an_importer(
    officer: Officer, admin: Workspace, tmp_path: Path
) -> None:
    site = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    try:
        (tmp_path / "USB").mkdir()
        bundle = export(site, [rich_assessment(site, tmp_path)], tmp_path / "USB" / "b.ldbundle")
    finally:
        site.close()
    held = bundle_import.apply(admin, bundle)  # nobody trusts the team's key yet: held
    assert held.outcome == "quarantined"
    assert held.quarantine_id is not None
    held_id = held.quarantine_id
    before = store_log(admin)

    user, appraiser = officer(Duty.APPRAISE)
    refused(user, Duty.IMPORT, lambda: quarantine.reject(appraiser, held_id, "Không rõ người gửi"))
    refused(user, Duty.IMPORT, lambda: quarantine.retry(appraiser, held_id))
    refused(user, Duty.IMPORT, lambda: quarantine.resolve(appraiser, held_id, {}, "Đã đối chiếu"))
    assert quarantine.show(admin, held_id).item.status == "held"
    assert store_log(admin) == before

    _user, importer = officer(Duty.IMPORT)
    rejected = quarantine.reject(importer, held_id, "Không rõ người gửi")
    assert rejected.item.status == "rejected"
    assert quarantine.show(admin, held_id).item.status == "rejected"


# --- catalogue drafts: the publishers' ------------------------------------------------------------


def test_catalogue_drafts_are_written_only_by_a_publisher(
    officer: Officer, admin: Workspace
) -> None:
    draft = catalogue_drafts.new_draft(admin, "QD06-2019", "2026.1")
    changed = draft.document | {"title_vi": "Bộ tiêu chí sửa đổi 2026"}
    user, importer = officer(Duty.IMPORT, Duty.APPRAISE, Duty.DECIDE)
    refused(user, Duty.PUBLISH, lambda: catalogue_drafts.new_draft(importer, "QD06-2019", "2026.2"))
    refused(user, Duty.PUBLISH, lambda: catalogue_drafts.save_draft(importer, draft.id, changed))
    refused(user, Duty.PUBLISH, lambda: catalogue_drafts.delete_draft(importer, draft.id))
    assert catalogue_drafts.list_drafts(admin) == [draft]

    _user, publisher = officer(Duty.PUBLISH)
    saved = catalogue_drafts.save_draft(publisher, draft.id, changed)
    assert (
        catalogue_drafts.get_draft(admin, draft.id).document["title_vi"]
        == saved.document["title_vi"]
    )
    catalogue_drafts.delete_draft(publisher, draft.id)
    assert catalogue_drafts.list_drafts(admin) == []


# --- trusted keys: a team's by the importers, the province's by the publishers ----------------------


def card_of(root: Path, role: str) -> tuple[Path, str]:
    """A key card of a new installation with a key of `role`, and its fingerprint as read aloud."""
    site = open_site(root, "Người giữ khoá", "Người giữ khoá", TEAM_PASS, role)
    try:
        card = root / "card.json"
        keys.write_card(site, card)
        info = keys.key_info(site)
        assert info is not None
        return card, info.formatted
    finally:
        site.close()


def test_a_teams_key_is_trusted_and_revoked_by_an_importer_the_provinces_by_a_publisher(
    officer: Officer, admin: Workspace, tmp_path: Path
) -> None:
    team_card, team_fp = card_of(tmp_path / "team", "team")
    province_card, province_fp = card_of(tmp_path / "province", "province")
    user, appraiser = officer(Duty.APPRAISE, Duty.DECIDE, Duty.PUBLISH)
    refused(user, Duty.IMPORT, lambda: trust.enrol_card(appraiser, team_card, team_fp))
    assert trust.list_keys(admin) == []

    importer_user, importer = officer(Duty.IMPORT)
    enrolled = trust.enrol_card(importer, team_card, team_fp)
    refused(
        importer_user, Duty.PUBLISH, lambda: trust.enrol_card(importer, province_card, province_fp)
    )
    assert [k.fingerprint for k in trust.list_keys(admin)] == [enrolled.fingerprint]
    refused(user, Duty.IMPORT, lambda: trust.revoke(appraiser, enrolled.fingerprint, 0, "Mất máy"))
    assert trust.list_keys(admin)[0].revoked_above_seq is None
    assert trust.revoke(importer, enrolled.fingerprint, 0, "Mất máy").revoked_above_seq == 0

    # The province's key: a publisher (the first officer) enrols it; an importer cannot revoke it.
    province = trust.enrol_card(appraiser, province_card, province_fp)
    refused(
        importer_user, Duty.PUBLISH, lambda: trust.revoke(importer, province.fingerprint, 0, "")
    )
    kept = trust.trusted_key(admin, province.fingerprint)
    assert kept is not None
    assert not kept.revoked


# --- the store's own key: the publishers' ---------------------------------------------------------


def test_the_stores_own_key_is_made_and_changed_only_by_a_publisher(
    officer: Officer, admin: Workspace
) -> None:
    user, importer = officer(Duty.IMPORT, Duty.APPRAISE, Duty.DECIDE)
    refused(user, Duty.PUBLISH, lambda: keys.init_key(importer, "Lý Thị Duyệt", AGENCY, PASS))
    assert keys.key_info(admin) is None
    assert not keys.key_path(importer).exists()
    before = store_log(admin)

    _user, publisher = officer(Duty.PUBLISH)
    made = keys.init_key(publisher, "Lý Thị Duyệt", AGENCY, PASS, "office")
    assert _fingerprint(admin) == made.fingerprint
    refused(user, Duty.PUBLISH, lambda: keys.rotate(importer, PASS, PASS + " mới"))
    refused(user, Duty.PUBLISH, lambda: key_role.take_province_role(importer, PASS))
    assert _fingerprint(admin) == made.fingerprint
    assert store_log(admin) == before + 1  # the publisher's key_init only
    assert keys.rotate(publisher, PASS, PASS + " mới").fingerprint != made.fingerprint


def _fingerprint(ws: Workspace) -> str | None:
    info = keys.key_info(ws)  # the store's key (its file is in the data home of who made it)
    return None if info is None else info.fingerprint
