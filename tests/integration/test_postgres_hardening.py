"""Attacks on the PostgreSQL store (issue 16, review): evidence another record still uses is never
deleted by a failed writer's cleanup; several programs opening an old store at once migrate it
once; an officer who may not migrate is refused before any copy; an officer's raw SQL cannot forge
the audit log or remove evidence; evidence read back is checked against its size and hash. On a
throwaway server (tests/postgres_server.py)."""

from __future__ import annotations

import io
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError

from assessor_app.domain.errors import StoreError
from assessor_app.domain.officer_roles import Duty, role_name
from assessor_app.paths import migrations_dir
from assessor_app.services import officers_admin
from assessor_app.services.workspace import open_workspace
from assessor_app.storage.database import SCHEMA_HEAD, Database
from assessor_app.storage.database_postgres import driver_url, make_postgres_engine
from assessor_app.storage.evidence_database import DatabaseEvidence
from assessor_app.storage.evidence_shared import SharedFolderEvidence
from assessor_app.storage.repository import Repository
from tests.postgres_server import PostgresServer, postgres_server, postgres_url

pytestmark = [pytest.mark.postgres, pytest.mark.migrates]
__all__ = ["postgres_server", "postgres_url"]  # the fixtures this module uses

AT = "2026-12-07T10:00:00Z"


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = Database(postgres_url, migrations_dir())
    yield opened
    opened.close()


def _as_user(postgres_server: PostgresServer, url: str, *duties: Duty) -> tuple[str, str]:
    """A new login user holding `duties`, and the store's URL as them."""
    user = f"u_{uuid.uuid4().hex[:10]}"
    postgres_server.psql(f"CREATE ROLE {user} LOGIN")
    for duty in duties:
        officers_admin.grant(url, user, duty)
    return user, make_url(url).set(username=user).render_as_string(hide_password=False)


def _engine(url: str) -> Engine:
    return sa.create_engine(driver_url(url), isolation_level="AUTOCOMMIT")


# 1. A failed writer's cleanup never deletes content another record refers to.


def test_cleanup_keeps_database_evidence_another_record_refers_to(
    database: Database, tmp_path: Path
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo X"))  # A stores X (new)
    assert stored.created
    again = evidence.put_stream(io.BytesIO(b"photo X"))  # B finds X stored: stores nothing
    assert not again.created
    with database.transaction() as session:  # B's transaction commits its reference
        Repository(session).ensure_blob(stored.sha256, stored.size, AT)
    evidence.discard(stored.sha256)  # A's transaction failed: its cleanup
    evidence.undo_created(stored.sha256)
    with evidence.open(stored.sha256) as stream:
        assert stream.read() == b"photo X"


def test_cleanup_removes_database_evidence_nothing_refers_to(
    database: Database, tmp_path: Path
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo Y"))
    evidence.discard(stored.sha256)
    assert not evidence.exists(stored.sha256)
    with database.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM evidence_chunks")).scalar() == 0


def test_a_reference_committed_during_the_cleanup_is_never_left_without_content(
    database: Database, tmp_path: Path
) -> None:
    """B's transaction refers to X while A's cleanup runs: the server refuses one of them (A's
    cleanup then keeps X, or B's reference is not committed)."""
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo Z"))
    b_engine = database.engine.execution_options(isolation_level="SERIALIZABLE")
    with b_engine.connect() as b:
        b.begin()
        b.execute(
            sa.text("INSERT INTO evidence_blobs (sha256, size, stored_at) VALUES (:h, 7, :at)"),
            {"h": stored.sha256, "at": AT},
        )
        evidence.discard(stored.sha256)  # never an error: a cleanup must not hide the cause
        try:
            b.commit()
            b_committed = True
        except DBAPIError:
            b_committed = False
    with database.engine.connect() as connection:
        referred = connection.execute(sa.text("SELECT count(*) FROM evidence_blobs")).scalar()
    assert referred == (1 if b_committed else 0)
    if b_committed:
        with evidence.open(stored.sha256) as stream:
            assert stream.read() == b"photo Z"


def test_cleanup_after_a_failed_write_leaves_shared_folder_content(tmp_path: Path) -> None:
    """Another officer's computer may have referred to it meanwhile: content is never removed."""
    shared = tmp_path / "share"
    shared.mkdir()
    evidence = SharedFolderEvidence(shared)
    stored = evidence.put_stream(io.BytesIO(b"photo X"))
    evidence.discard(stored.sha256)
    evidence.undo_created(stored.sha256)
    assert evidence.path_of(stored.sha256).read_bytes() == b"photo X"


# 2. Several programs opening an old store at once migrate it once.


def _database_at(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = make_postgres_engine(url).execution_options(isolation_level="SERIALIZABLE")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


OPEN = """
import sys
from assessor_app.domain.errors import StoreError
from assessor_app.paths import migrations_dir
from assessor_app.storage.database import Database
try:
    Database(sys.argv[1], migrations_dir()).close()
except StoreError as error:
    print(error.code, error)
    sys.exit(3)
"""


def test_programs_opening_an_old_store_at_once_migrate_it_once(postgres_url: str) -> None:
    _database_at(postgres_url, "0023")
    programs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, postgres_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [program.communicate(timeout=120)[0] for program in programs]
    assert [program.returncode for program in programs] == [0] * 4, outputs
    database = Database(postgres_url, migrations_dir())
    try:
        assert database.revision() == SCHEMA_HEAD
    finally:
        database.close()


# 3. An officer who may not migrate is refused at once, before any copy of the store.


def test_an_officer_opening_an_old_store_is_refused_before_any_copy(
    postgres_server: PostgresServer, postgres_url: str, home: Path
) -> None:
    _database_at(postgres_url, "0024")  # officers exist from 0024: they may read the store
    user = f"u_{uuid.uuid4().hex[:10]}"
    postgres_server.psql(f"CREATE ROLE {user} LOGIN; GRANT {role_name(Duty.IMPORT)} TO {user}")
    url = make_url(postgres_url).set(username=user).render_as_string(hide_password=False)
    with pytest.raises(StoreError) as refused:
        open_workspace(home, actor="Cán bộ", store=url)
    assert refused.value.code == "STORE_UPGRADE_NOT_PERMITTED"
    assert "--store postgresql+psycopg://postgres@" in str(refused.value)  # the owner may
    assert "0024" in str(refused.value)
    assert list(home.joinpath("backups").glob("*")) == []
    database = Database(postgres_url, migrations_dir())  # the owner then may
    try:
        assert database.revision() == SCHEMA_HEAD
    finally:
        database.close()


# 9. What the server enforces against an officer's raw SQL; evidence checked on reading.


def test_an_officer_cannot_forge_the_audit_log_or_rewrite_it(
    postgres_server: PostgresServer, database: Database, postgres_url: str
) -> None:
    user, url = _as_user(postgres_server, postgres_url, Duty.IMPORT)
    insert = sa.text(
        "INSERT INTO audit_log (chain, seq, at, actor, action, target, old_json, new_json, "
        "reason, prev_hash, hash) VALUES ('store', :seq, :at, :actor, 'x', '', 'null', 'null', "
        "'', '', '')"
    )
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            for forged in ("Giám đốc [postgres]", "postgres", f"Nguyễn [{user}] [postgres]"):
                with pytest.raises(ProgrammingError) as refused:
                    connection.execute(insert, {"seq": 900, "at": AT, "actor": forged})
                assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
            connection.execute(insert, {"seq": 901, "at": AT, "actor": f"Nguyễn [{user}]"})
            connection.execute(insert, {"seq": 902, "at": AT, "actor": user})
            for statement in (
                "UPDATE audit_log SET actor = 'someone'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
            ):
                with pytest.raises(ProgrammingError) as refused:
                    connection.execute(sa.text(statement))
                assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_an_officer_cannot_remove_or_rewrite_evidence_with_raw_sql(
    postgres_server: PostgresServer, database: Database, postgres_url: str, tmp_path: Path
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo X"))
    with database.transaction() as session:
        Repository(session).ensure_blob(stored.sha256, stored.size, AT)
    _user, url = _as_user(postgres_server, postgres_url, Duty.IMPORT, Duty.APPRAISE)
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            for statement in (
                "DELETE FROM evidence_chunks",
                "DELETE FROM evidence_contents",
                "DELETE FROM evidence_blobs",
                "UPDATE evidence_chunks SET data = 'x'",
                "UPDATE evidence_contents SET size = 1",
                "UPDATE evidence_blobs SET size = 1",
            ):
                with pytest.raises(ProgrammingError) as refused:
                    connection.execute(sa.text(statement))
                assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
            removed = connection.execute(
                sa.text("SELECT assessor_discard_evidence(:h)"), {"h": stored.sha256}
            ).scalar()
            assert removed is False  # referred to: kept
    finally:
        engine.dispose()
    with evidence.open(stored.sha256) as stream:
        assert stream.read() == b"photo X"


def test_an_officer_may_still_store_and_discard_unreferenced_evidence(
    postgres_server: PostgresServer, database: Database, postgres_url: str, tmp_path: Path
) -> None:
    _user, url = _as_user(postgres_server, postgres_url, Duty.IMPORT)
    theirs = Database(url, migrations_dir())
    try:
        evidence = DatabaseEvidence(theirs, tmp_path / "cache")
        stored = evidence.put_stream(io.BytesIO(b"photo W"))
        assert evidence.exists(stored.sha256)
        evidence.discard(stored.sha256)
        assert not evidence.exists(stored.sha256)
    finally:
        theirs.close()


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE evidence_chunks SET data = 'photo Q'",  # same size, other bytes
        "UPDATE evidence_chunks SET data = 'photo'",  # shorter
        "UPDATE evidence_contents SET size = 3",  # the size recorded is wrong
    ],
)
def test_evidence_whose_stored_bytes_changed_is_refused_on_reading(
    database: Database, postgres_url: str, tmp_path: Path, tamper: str
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo X"))
    owner = _engine(postgres_url)  # the server's superuser: a damaged disk, a restore gone wrong
    try:
        with owner.connect() as connection:
            connection.execute(sa.text(tamper))
    finally:
        owner.dispose()
    with pytest.raises(StoreError) as refused, evidence.open(stored.sha256) as stream:
        stream.read()
    assert refused.value.code == "EVIDENCE_CORRUPT"
    assert stored.sha256 in str(refused.value)
    assert not evidence.verify(stored.sha256)
    with pytest.raises(StoreError):
        evidence.readable_path(stored.sha256)
    assert list((tmp_path / "cache").rglob(stored.sha256)) == []


# 10. Review 2: the server's checks cannot be hijacked, and held bundles keep their content.

_STORE_ENTRY = sa.text(
    "INSERT INTO audit_log (chain, seq, at, actor, action, target, old_json, new_json, "
    "reason, prev_hash, hash) VALUES (:chain, :seq, :at, :actor, 'x', '', 'null', 'null', "
    "'', '', '')"
)


@pytest.mark.parametrize(
    "decoy",
    [
        # the actor check reads the audit log's owner from pg_class: a temporary pg_class
        # naming the officer as owner must not be what it reads
        "CREATE TEMP TABLE pg_class AS SELECT oid, "
        "(SELECT oid FROM pg_catalog.pg_roles WHERE rolname = session_user) AS relowner "
        "FROM pg_catalog.pg_class WHERE relname = 'audit_log'",
        # nor a temporary function shadowing the role check
        "CREATE FUNCTION pg_temp.pg_has_role(name, oid, text) RETURNS boolean "
        "LANGUAGE sql AS 'SELECT true'",
    ],
)
def test_a_temporary_object_cannot_hijack_the_actor_check(
    postgres_server: PostgresServer, database: Database, postgres_url: str, decoy: str
) -> None:
    user, url = _as_user(postgres_server, postgres_url, Duty.IMPORT)
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            with pytest.raises(ProgrammingError) as no_temp:  # taken from PUBLIC by 0025
                connection.execute(sa.text("CREATE TEMP TABLE scratch (x int)"))
            assert no_temp.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
        # an office that gave TEMP back: the checks must hold on their own
        postgres_server.psql(
            f'GRANT TEMP ON DATABASE "{make_url(postgres_url).database}" TO {user}'
        )
        with engine.connect() as connection:  # a fresh session: nothing planned yet
            connection.execute(sa.text(decoy))
            with pytest.raises(ProgrammingError) as refused:
                connection.execute(
                    _STORE_ENTRY, {"chain": "store", "seq": 900, "at": AT, "actor": "Giám đốc"}
                )
            assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_a_temporary_table_cannot_hijack_the_evidence_checks(
    postgres_server: PostgresServer, database: Database, postgres_url: str, tmp_path: Path
) -> None:
    """A temporary evidence_blobs with no rows would let the discard function believe nothing
    refers to a content; a temporary evidence_contents would let the read trigger read nothing."""
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"photo V"))
    with database.transaction() as session:
        Repository(session).ensure_blob(stored.sha256, stored.size, AT)
    user, url = _as_user(postgres_server, postgres_url, Duty.IMPORT)
    postgres_server.psql(f'GRANT TEMP ON DATABASE "{make_url(postgres_url).database}" TO {user}')
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("CREATE TEMP TABLE evidence_blobs (sha256 text)"))
            connection.execute(sa.text("CREATE TEMP TABLE quarantine (content_sha256 text)"))
            removed = connection.execute(
                sa.text("SELECT assessor_discard_evidence(:h)"), {"h": stored.sha256}
            ).scalar()
            assert removed is False
    finally:
        engine.dispose()
    with evidence.open(stored.sha256) as stream:
        assert stream.read() == b"photo V"


def test_only_an_importer_may_copy_another_devices_log(
    postgres_server: PostgresServer, database: Database, postgres_url: str
) -> None:
    """Chains 'uid@device' keep the sending device's actors (an import copies them): an officer
    without the import duty cannot append a forged entry to one."""
    appraiser, url = _as_user(postgres_server, postgres_url, Duty.APPRAISE, Duty.DECIDE)
    _importer, importer_url = _as_user(postgres_server, postgres_url, Duty.IMPORT)
    engine, importer = _engine(url), _engine(importer_url)
    entry = {"chain": "u-1@device-a", "seq": 1, "at": AT, "actor": "Giám đốc"}
    try:
        with engine.connect() as connection:
            with pytest.raises(ProgrammingError) as refused:
                connection.execute(_STORE_ENTRY, entry)
            assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
            assert f"{appraiser} may not write to u-1@device-a" in str(refused.value)
        with importer.connect() as connection:
            connection.execute(_STORE_ENTRY, entry)  # what an import does
    finally:
        engine.dispose()
        importer.dispose()


def _hold(database: Database, bundle_id: str, sha256: str) -> None:
    with database.transaction() as session:
        session.execute(
            sa.text(
                "INSERT INTO quarantine (bundle_id, content_sha256, received_at, device_id, "
                "sequence, key_fingerprint, reasons_json, details_json, status) VALUES "
                "(:b, :h, :at, 'd', 1, 'k', '[]', '{}', 'held')"
            ),
            {"b": bundle_id, "h": sha256, "at": AT},
        )


def test_cleanup_keeps_the_content_of_a_bundle_another_officer_holds(
    database: Database, tmp_path: Path
) -> None:
    """Two officers import the same bundle at once: A stored its content first, B held it and
    committed; A's run, refused, cleans up what it created: B's held bundle keeps its bytes."""
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"bundle bytes"))
    assert stored.created
    _hold(database, "b1", stored.sha256)
    evidence.discard(stored.sha256)
    evidence.undo_created(stored.sha256)
    with evidence.open(stored.sha256) as stream:
        assert stream.read() == b"bundle bytes"


def test_no_officer_removes_a_held_bundles_content_with_raw_sql(
    postgres_server: PostgresServer, database: Database, postgres_url: str, tmp_path: Path
) -> None:
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"bundle bytes 2"))
    _hold(database, "b2", stored.sha256)
    _user, url = _as_user(postgres_server, postgres_url, Duty.APPRAISE)
    nobody, nobody_url = _as_user(postgres_server, postgres_url)
    postgres_server.psql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {nobody}")
    engine, no_duty = _engine(url), _engine(nobody_url)
    try:
        with engine.connect() as connection:
            removed = connection.execute(
                sa.text("SELECT assessor_discard_evidence(:h)"), {"h": stored.sha256}
            ).scalar()
            assert removed is False
        with no_duty.connect() as connection:  # a user holding no duty may not call it at all
            with pytest.raises(ProgrammingError) as refused:
                connection.execute(
                    sa.text("SELECT assessor_discard_evidence(:h)"), {"h": stored.sha256}
                )
            assert refused.value.orig.sqlstate == "42501"  # type: ignore[union-attr]
    finally:
        engine.dispose()
        no_duty.dispose()
    with evidence.open(stored.sha256) as stream:
        assert stream.read() == b"bundle bytes 2"


def test_a_hold_committed_during_the_cleanup_is_never_left_without_content(
    database: Database, tmp_path: Path
) -> None:
    """B holds the bundle while A's cleanup runs: the server refuses one of them."""
    evidence = DatabaseEvidence(database, tmp_path / "cache")
    stored = evidence.put_stream(io.BytesIO(b"bundle bytes 3"))
    b_engine = database.engine.execution_options(isolation_level="SERIALIZABLE")
    with b_engine.connect() as b:
        b.begin()
        b.execute(
            sa.text(
                "INSERT INTO quarantine (bundle_id, content_sha256, received_at, device_id, "
                "sequence, key_fingerprint, reasons_json, details_json, status) VALUES "
                "('b3', :h, :at, 'd', 1, 'k', '[]', '{}', 'held')"
            ),
            {"h": stored.sha256, "at": AT},
        )
        evidence.discard(stored.sha256)
        try:
            b.commit()
            b_committed = True
        except DBAPIError:
            b_committed = False
    with database.engine.connect() as connection:
        held = connection.execute(sa.text("SELECT count(*) FROM quarantine")).scalar()
    assert held == (1 if b_committed else 0)
    if b_committed:
        with evidence.open(stored.sha256) as stream:
            assert stream.read() == b"bundle bytes 3"


def test_the_checks_follow_migration_0026_down_and_up_again(postgres_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    engine = make_postgres_engine(postgres_url).execution_options(isolation_level="SERIALIZABLE")
    try:
        for step in (
            lambda: command.upgrade(config, "head"),
            lambda: command.downgrade(config, "0025"),
            lambda: command.upgrade(config, "head"),
        ):
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                step()
        with engine.connect() as connection:
            triggers = connection.execute(
                sa.text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            ).scalars()
            assert {
                "assessor_audit_actor",
                "assessor_blob_reads_content",
                "assessor_hold_reads_content",
            } <= set(triggers)
    finally:
        engine.dispose()
