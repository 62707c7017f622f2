"""The shipped resources, installed as the package `assessor_app.resources` (see `pyproject.toml`):
criteria catalogues, unit lists, translations and fonts. Read through `assessor_app.paths.resource`."""
