"""The store on PostgreSQL (issue 16, first slice): the migrations build the models' schema there,
the refusing triggers refuse there too, and the basic use cases run on a PostgreSQL-backed
workspace. Each test gets an empty database on a throwaway server (tests/postgres_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError

from assessor_app.paths import migrations_dir
from assessor_app.services import assessments, reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from assessor_app.storage.database import SCHEMA_HEAD, Database
from assessor_app.storage.database_postgres import driver_url, is_postgres_url, shown_url
from assessor_app.storage.schema import Base
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]  # the fixtures this module uses

REFUSING = {
    "audit_log_no_update",
    "audit_log_no_delete",
    "signed_heads_no_update",
    "signed_heads_no_delete",
    "catalogues_no_update",
}


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = Database(postgres_url, migrations_dir())
    yield opened
    opened.close()


@pytest.fixture
def pg_workspace(postgres_url: str, home: Path) -> Iterator[Workspace]:
    ws = open_workspace(home, actor="Hoàng Văn Thụ", store=postgres_url)
    reference_data.ensure_initialised(ws)
    yield ws
    ws.close()


def test_urls_name_the_psycopg_driver_and_hide_the_password() -> None:
    assert is_postgres_url("postgresql://u@h/db")
    assert is_postgres_url("postgresql+psycopg://u@h/db")
    assert not is_postgres_url("/home/u/store.sqlite3")
    assert driver_url("postgresql://u:pw@h:5433/db") == "postgresql+psycopg://u:pw@h:5433/db"
    assert "pw" not in shown_url("postgresql://u:pw@h/db")
    with pytest.raises(ValueError, match="driver"):
        driver_url("postgresql+psycopg2://u@h/db")


def test_an_empty_database_is_migrated_to_the_models(database: Database) -> None:
    assert database.is_postgres
    assert database.engine.dialect.name == "postgresql"
    assert database.revision() == SCHEMA_HEAD
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_opening_it_again_migrates_nothing(postgres_url: str, database: Database) -> None:
    again = Database(postgres_url, migrations_dir())
    try:
        assert again.revision() == SCHEMA_HEAD
    finally:
        again.close()


def test_the_refusing_triggers_exist(database: Database) -> None:
    with database.engine.connect() as connection:
        names = set(
            connection.exec_driver_sql(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            ).scalars()
        )
    assert names >= REFUSING


def _audited(workspace: Workspace) -> int:
    created = assessments.create(workspace, "06385", 2016)
    assessments.set_value(workspace, created.id, "TC2.1", "40/50")
    return created.id


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET reason = 'sửa'", "DELETE FROM audit_log"],
)
def test_the_audit_log_refuses_updates_and_deletes(pg_workspace: Workspace, statement: str) -> None:
    _audited(pg_workspace)
    with (
        pytest.raises(DBAPIError, match="append-only"),
        pg_workspace.database.transaction() as session,
    ):
        session.execute(sa.text(statement))
    with pg_workspace.database.reading() as session:
        assert session.execute(sa.text("SELECT count(*) FROM audit_log")).scalar_one() >= 2


@pytest.mark.parametrize(
    "statement",
    ["UPDATE signed_heads SET document = 'x'", "DELETE FROM signed_heads"],
)
def test_signed_heads_refuse_updates_and_deletes(database: Database, statement: str) -> None:
    # The trigger fires per row: one row must exist for it to speak.
    with database.transaction() as session:
        columns = sa.inspect(session.connection()).get_columns("signed_heads")
        values = {
            column["name"]: _filler(column)
            for column in columns
            if not column["nullable"] and column.get("default") is None and column["name"] != "id"
        }
        session.execute(sa.insert(Base.metadata.tables["signed_heads"]).values(**values))
    with (
        pytest.raises(DBAPIError, match="signed_heads is append-only"),
        database.transaction() as session,
    ):
        session.execute(sa.text(statement))


def _filler(column: dict[str, object]) -> object:
    kind = str(column["type"]).upper()
    if "INT" in kind:
        return 1
    if "BOOL" in kind:
        return False
    return "x"


def test_a_stored_catalogue_is_immutable(pg_workspace: Workspace) -> None:
    with (
        pytest.raises(DBAPIError, match="a stored catalogue is immutable"),
        pg_workspace.database.transaction() as session,
    ):
        session.execute(sa.text("UPDATE catalogues SET document = '{}'"))
    # Columns outside the pinned content may still change (as on SQLite: UPDATE OF …).
    with pg_workspace.database.transaction() as session:
        session.execute(sa.text("UPDATE catalogues SET title_vi = title_vi"))


def test_init_assessment_figures_and_score_on_postgres(pg_workspace: Workspace) -> None:
    # init: the shipped catalogues and unit lists are there.
    assert reference_data.catalogue(pg_workspace, "QD06-2019").code == "QD06-2019"
    qd34 = assessments.create(pg_workspace, "06385", 2016)
    assert qd34.catalogue_code == "QD34-2014"
    assert qd34.commune_name
    detail = assessments.set_value(pg_workspace, qd34.id, "TC2.1", "49/50")
    tc2 = next(c for c in detail.score.criteria if c.code == "TC2")
    assert tc2.points == 50
    assert detail.summary.total == detail.score.total == 50
    assert detail.summary.revision == 1
    again = assessments.detail(pg_workspace, qd34.id)
    assert again.summary.total == 50
    assert len(assessments.audit(pg_workspace, qd34.id).entries) == 2


def test_writes_are_serializable_and_reads_are_read_only_snapshots(database: Database) -> None:
    with database.transaction() as session:
        level = session.execute(sa.text("SHOW transaction_isolation")).scalar_one()
        assert level == "serializable"
        assert session.execute(sa.text("SHOW transaction_read_only")).scalar_one() == "off"
    with database.reading() as session:
        level = session.execute(sa.text("SHOW transaction_isolation")).scalar_one()
        assert level == "repeatable read"
        with pytest.raises(DBAPIError, match="read-only transaction"):
            session.execute(sa.text("INSERT INTO meta (key, value) VALUES ('k', 'v')"))


def test_two_writers_deciding_on_the_same_rows_one_is_store_busy(database: Database) -> None:
    """Write skew: each counts the rows, then adds one; SERIALIZABLE refuses the second commit,
    and the refusal is STORE_BUSY ("nothing was changed; try again"), not a bug."""
    from assessor_app.domain.errors import StoreError

    count = sa.text("SELECT count(*) FROM meta WHERE key LIKE 'skew%'")
    insert = sa.text("INSERT INTO meta (key, value) VALUES (:key, :value)")
    with pytest.raises(StoreError) as caught, database.transaction() as first:  # noqa: PT012
        seen = first.execute(count).scalar_one()
        with database.transaction() as second:
            second.execute(count).scalar_one()
            second.execute(insert, {"key": "skew-2", "value": "x"})
        first.execute(insert, {"key": f"skew-{seen + 1}", "value": "x"})
    assert caught.value.code == "STORE_BUSY"
    assert "postgresql+psycopg://postgres@" in str(caught.value)
    with database.reading() as session:
        assert session.execute(count).scalar_one() == 1  # the second writer's row only
