"""A key another officer took meanwhile (issue 16): a use case checks that a key is free (a
decision's number, a bundle's id) and inserts it; when another officer's transaction inserted it
and committed in between, PostgreSQL may refuse the insert as a unique violation (23505) rather
than a serialization failure. Either way it is STORE_BUSY ("nothing was changed; try again"), and
run again the use case's own check answers (found by tests/integration/test_postgres_crash.py:
two officers recording a decision with the same number at once got "unexpected error")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from assessor_app.domain.errors import StoreError
from assessor_app.paths import migrations_dir
from assessor_app.storage.database import Database
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


def test_a_key_inserted_meanwhile_is_store_busy_and_nothing_is_written(database: Database) -> None:
    def record() -> None:
        with database.transaction() as session:
            assert session.execute(FIND).first() is None  # the use case's check: free
            with database.transaction() as other:  # another officer, committed first
                other.execute(INSERT, {"who": "B"})
            session.execute(INSERT, {"who": "A"})

    with pytest.raises(StoreError) as caught:
        record()
    assert caught.value.code == "STORE_BUSY"
    with database.reading() as session:
        assert session.execute(FIND).scalar_one() == "B"


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
