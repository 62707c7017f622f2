"""The Alembic migrations of the store, installed as the package `assessor_app.migrations` (see
`pyproject.toml`). The app runs them itself when it opens a store (`storage.database`)."""
