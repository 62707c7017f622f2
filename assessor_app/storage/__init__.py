"""The local store: SQLAlchemy 2 over one SQLite file, plus content-addressed evidence files."""
