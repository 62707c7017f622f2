"""Pure domain model: catalogues, scoring, units, assessment rules. No Qt, no SQL, no I/O."""
