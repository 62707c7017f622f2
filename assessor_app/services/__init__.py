"""Use cases: one function, one transaction. No Qt; results are plain records."""
