"""A key another officer took meanwhile (issue 16): a use case checks that a key is free (a
decision's number, a bundle's id) and inserts it; when another officer's transaction inserted it
and committed in between, PostgreSQL may refuse the insert as a unique violation (23505) rather
than a serialization failure. A use case run through `run_in_transaction` is run again, and its
own check answers (found by tests/integration/test_postgres_crash.py: two officers recording a
decision with the same number at once got "unexpected error"). When it cannot be run again (a
`transaction()` block) or the retries run out, it is STORE_DUPLICATE: another officer recorded the
same thing; "try again" would only fail again, so the screen reloads instead of keeping the edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from assessor_app.domain.errors import StoreError
from assessor_app.paths import migrations_dir
from assessor_app.storage.database import Database
from assessor_app.storage.database_postgres import RETRY_ATTEMPTS
from tests.postgres_server import postgres_server, postgres_url

pytestmark = [pytest.mark.postgres]
__all__ = ["postgres_server", "postgres_url"]

FIND = sa.text("SELECT value FROM meta WHERE key = 'decision 7/QĐ-UBND'")
INSERT = sa.text("INSERT INTO meta (key, value) VALUES ('decision 7/QĐ-UBND', :who)")


@pytest.fixture
def database(postgres_url: str) -> Iterator[Database]:
    opened = Database(postgres_url, migrations_dir())
    yield opened
    opened.close()


def test_a_key_inserted_meanwhile_is_store_duplicate_and_nothing_is_written(
    database: Database,
) -> None:
    def record() -> None:
        with database.transaction() as session:
            assert session.execute(FIND).first() is None  # the use case's check: free
            with database.transaction() as other:  # another officer, committed first
                other.execute(INSERT, {"who": "B"})
            session.execute(INSERT, {"who": "A"})

    with pytest.raises(StoreError) as caught:
        record()
    assert caught.value.code == "STORE_DUPLICATE"
    assert not caught.value.retryable  # reload and check: the same change would fail again
    assert "postgresql+psycopg://postgres@" in str(caught.value)
    with database.reading() as session:
        assert session.execute(FIND).scalar_one() == "B"


def test_a_duplicate_still_there_after_the_retries_is_store_duplicate(database: Database) -> None:
    """A use case without a check of its own inserts a key taken each time: run again a few
    times, then STORE_DUPLICATE (not STORE_BUSY, "try again" forever)."""
    runs: list[int] = []

    def record(session: Session) -> None:
        runs.append(1)
        with database.transaction() as other:
            other.execute(
                sa.text("INSERT INTO meta (key, value) VALUES (:k, 'B')"), {"k": f"k{len(runs)}"}
            )
        session.execute(
            sa.text("INSERT INTO meta (key, value) VALUES (:k, 'A')"), {"k": f"k{len(runs)}"}
        )

    with pytest.raises(StoreError) as caught:
        database.run_in_transaction(record)
    assert caught.value.code == "STORE_DUPLICATE"
    assert len(runs) == RETRY_ATTEMPTS


def test_run_again_the_use_cases_own_check_answers(database: Database) -> None:
    runs: list[str] = []

    def record(session: Session) -> str:
        if session.execute(FIND).first() is not None:
            runs.append("taken")
            return "taken"  # the use case's own refusal (DECISION_NUMBER_TAKEN)
        if not runs:
            with database.transaction() as other:
                other.execute(INSERT, {"who": "B"})
        runs.append("insert")
        session.execute(INSERT, {"who": "A"})
        return "recorded"

    assert database.run_in_transaction(record) == "taken"
    assert runs == ["insert", "taken"]
