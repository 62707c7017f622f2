"""Officers are people (issue 16): each connects as their own PostgreSQL user; the audit log
records the server's user; the group roles decide who may import, appraise, decide and publish,
in the app and again on the server (raw SQL). On a throwaway server (tests/postgres_server.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from assessor_app.domain.errors import NotFoundError, StoreError
from assessor_app.domain.officer_roles import GROUP_ROLES, Duty
from assessor_app.services import (
    appraisals,
    assessments,
    held_changes,
    officers_admin,
    reference_data,
)
from assessor_app.services.decisions import DecisionInput, record_decision
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.database_postgres import driver_url
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]  # the fixtures this module uses

DECISION = DecisionInput(
    year=2026, unit="20", number="125/QĐ-UBND", decided_on=date(2026, 12, 5), signer_name="Hà"
)


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
) -> Iterator[Callable[..., tuple[str, Workspace]]]:
    """officer(*duties, name=…): a new login user on the server holding `duties`, and a
    workspace connected as them (its own data home)."""
    opened: list[Workspace] = []

    def make(*duties: Duty, name: str = "Cán bộ") -> tuple[str, Workspace]:
        user = f"u_{uuid.uuid4().hex[:10]}"
        postgres_server.psql(f"CREATE ROLE {user} LOGIN")
        for duty in duties:
            officers_admin.grant(postgres_url, user, duty)
        url = make_url(postgres_url).set(username=user).render_as_string(hide_password=False)
        ws = open_workspace(home / user, actor=name, store=url)
        opened.append(ws)
        return user, ws

    yield make
    for ws in opened:
        ws.close()


def test_the_migration_creates_the_group_roles(admin: Workspace) -> None:
    with admin.database.engine.connect() as connection:
        found = connection.execute(
            sa.text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:r) AND NOT rolcanlogin"),
            {"r": list(GROUP_ROLES)},
        ).scalars()
        assert sorted(found) == sorted(GROUP_ROLES)


def test_the_audit_actor_is_the_server_user_whatever_name_is_given(officer) -> None:  # type: ignore[no-untyped-def]
    user, ws = officer(Duty.APPRAISE, name="Nguyễn Văn Giả")
    created = assessments.create(ws, "06385", 2016)
    entries = assessments.audit(ws, created.id).entries
    assert entries[0].actor == f"Nguyễn Văn Giả [{user}]"
    assert ws.actor.endswith(f"[{user}]")


def test_grant_and_list_officers(officer, postgres_url: str) -> None:  # type: ignore[no-untyped-def]
    user, _ws = officer(Duty.IMPORT, Duty.DECIDE)
    listed = officers_admin.list_officers(postgres_url)
    assert sorted(d.value for d in listed[user]) == ["decider", "importer"]
    officers_admin.grant(postgres_url, user, Duty.DECIDE, revoke=True)
    assert officers_admin.list_officers(postgres_url)[user] == [Duty.IMPORT]
    with pytest.raises(NotFoundError) as missing:
        officers_admin.grant(postgres_url, "nobody_here", Duty.IMPORT)
    assert missing.value.code == "OFFICER_NOT_FOUND"


def test_an_officer_without_the_role_is_refused_with_the_role_named(officer, admin) -> None:  # type: ignore[no-untyped-def]
    user, importer = officer(Duty.IMPORT)
    with pytest.raises(StoreError) as refused:
        record_decision(importer, DECISION)
    assert refused.value.code == "STORE_NOT_PERMITTED"
    assert "assessor_decider" in str(refused.value)
    assert user in str(refused.value)
    submitted = assessments.create(admin, "06385", 2016)
    with pytest.raises(StoreError, match="assessor_appraiser") as refused:
        appraisals.start(importer, submitted.id)
    assert refused.value.code == "STORE_NOT_PERMITTED"


def test_the_server_refuses_raw_writes_to_decisions_and_releases(  # type: ignore[no-untyped-def]
    officer, postgres_url: str
) -> None:
    user, _ws = officer(Duty.IMPORT, Duty.APPRAISE)
    decider, _ = officer(Duty.DECIDE)
    url = driver_url(make_url(postgres_url).set(username=user).render_as_string(False))
    engine = sa.create_engine(url)
    try:
        for table in ("recognition_decisions", "commendations", "catalogue_releases"):
            with engine.begin() as connection, pytest.raises(ProgrammingError, match="permission"):
                connection.execute(sa.text(f"DELETE FROM {table}"))
        with engine.connect() as connection:
            can = "SELECT has_table_privilege(:u, :t, 'INSERT')"
            assert connection.execute(
                sa.text(can), {"u": decider, "t": "recognition_decisions"}
            ).scalar()
            assert not connection.execute(
                sa.text(can), {"u": decider, "t": "catalogue_releases"}
            ).scalar()
            assert connection.execute(sa.text(can), {"u": user, "t": "indicator_values"}).scalar()
            assert not connection.execute(
                sa.text(can), {"u": user, "t": "alembic_version"}
            ).scalar()
    finally:
        engine.dispose()


def test_a_raw_refusal_through_the_store_is_store_not_permitted(officer) -> None:  # type: ignore[no-untyped-def]
    _user, ws = officer(Duty.APPRAISE)
    with pytest.raises(StoreError) as refused, ws.database.transaction() as session:
        session.execute(sa.text("DELETE FROM recognition_decisions"))
    assert refused.value.code == "STORE_NOT_PERMITTED"


def test_a_user_without_any_role_cannot_open_the_store(  # type: ignore[no-untyped-def]
    postgres_server: PostgresServer, postgres_url: str, admin: Workspace, home: Path
) -> None:
    user = f"u_{uuid.uuid4().hex[:10]}"
    postgres_server.psql(f"CREATE ROLE {user} LOGIN")
    url = make_url(postgres_url).set(username=user).render_as_string(hide_password=False)
    with pytest.raises(StoreError) as refused:
        open_workspace(home / user, store=url)
    assert refused.value.code in ("STORE_NOT_PERMITTED", "STORE_UNREADABLE")


def test_two_officers_on_the_same_assessment_both_versions_are_kept(officer, admin) -> None:  # type: ignore[no-untyped-def]
    first_user, first = officer(Duty.APPRAISE, name="Lan")
    _second_user, second = officer(Duty.APPRAISE, name="Minh")
    created = assessments.create(admin, "06385", 2016)
    seen = assessments.detail(first, created.id).summary.revision
    assert assessments.detail(second, created.id).summary.revision == seen
    held_changes.set_value_expecting(first, created.id, "TC2.1", "49/50", "")
    with pytest.raises(StoreError) as conflict:
        held_changes.set_value_expecting(second, created.id, "TC2.1", "30/50", "")
    assert conflict.value.code == "STORE_CONFLICT"
    assert f"Lan [{first_user}]" in str(conflict.value)
    stored = assessments.detail(admin, created.id)
    assert stored.values["TC2.1"] is not None
    (held,) = held_changes.list_held(admin, created.id)
    assert held.found_revision == seen + 1
    assert held.held_by.startswith("Minh [")
    # A person decides: the held figure replaces the stored one (both stayed until now).
    held_changes.apply_held(first, held.id)
    assert held_changes.list_held(admin, created.id) == []
    assert "30" in str(assessments.detail(admin, created.id).values["TC2.1"].value)
