"""The assessments list reads the store in a fixed number of statements, whatever the number of
assessments (issue 16): each statement is a round trip to a PostgreSQL server, and one per
assessment made the list of the 10× province send 20,000 of them (bench/measure_postgres.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from assessor_app.services import assessments, reference_data
from assessor_app.services.workspace import Workspace


@contextmanager
def statements(ws: Workspace) -> Iterator[list[str]]:
    sent: list[str] = []

    def one(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    event.listen(ws.database.engine, "before_cursor_execute", one)
    try:
        yield sent
    finally:
        event.remove(ws.database.engine, "before_cursor_execute", one)


def test_the_list_sends_as_many_statements_for_many_assessments_as_for_few(
    workspace: Workspace,
) -> None:
    communes = [u.code for u in reference_data.units_on(workspace, date(2026, 12, 31))]
    counts = []
    for batch in (communes[:2], communes[2:14]):
        for code in batch:  # finalised team checks: each a candidate for "submitted"
            created = assessments.create(workspace, code, 2026, kind="team")
            assessments.set_value(workspace, created.id, "TC2.1", "49/50")
            assessments.finalize(workspace, created.id)
        with statements(workspace) as sent:
            listed = assessments.list_assessments(workspace)
        counts.append(len(sent))
    assert len(listed) == 14
    assert counts[0] == counts[1]
