"""Every use case's write transaction is retried on a PostgreSQL store (issue 16).

The services write through `Database.run_in_transaction(work)`, which runs `work` again from
scratch when the server refuses it for another officer's transaction. `with
database.transaction()` cannot be retried (a with-block's body runs once), so a service may use it
only with a `# no retry: why` comment on the line or in the three lines above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "assessor_app" / "services"
MARK = "# no retry:"
ABOVE = 3


def bare_transactions(source: str) -> list[int]:
    """Lines of `.transaction()` calls without a `# no retry:` comment next to them."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "transaction"
        ):
            nearby = lines[max(node.lineno - 1 - ABOVE, 0) : node.lineno]
            if not any(MARK in line for line in nearby):
                found.append(node.lineno)
    return found


def test_the_services_are_found() -> None:
    assert len(list(SERVICES.glob("*.py"))) > 50


def test_no_service_opens_a_transaction_that_cannot_be_retried_without_saying_why() -> None:
    bare = [
        f"services/{module.name}:{line}"
        for module in sorted(SERVICES.glob("*.py"))
        for line in bare_transactions(module.read_text(encoding="utf-8"))
    ]
    assert not bare, (
        "write through workspace.database.run_in_transaction(work), with nothing outside the "
        f"session in `work`; or say why it cannot be retried ({MARK} …): {bare}"
    )


def test_the_scan_finds_a_bare_transaction_and_accepts_a_reasoned_one() -> None:
    bare = """
def f(workspace):
    with workspace.database.transaction() as session:
        pass
"""
    reasoned = """
def f(workspace):
    # no retry: it streams a large file inside
    with workspace.database.transaction() as session:
        pass
"""
    assert bare_transactions(bare) == [3]
    assert bare_transactions(reasoned) == []
    assert bare_transactions("def f(db):\n    db.run_in_transaction(lambda s: None)\n") == []
