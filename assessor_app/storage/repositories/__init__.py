"""The repository's queries, one module per aggregate; `storage.repository.Repository` joins them.

Each module is a mixin over an open session: reference data (catalogues, unit lists), assessments
(with their values, notes, evidence and team), the audit log. A new query goes into the module of
the aggregate it reads, takes and returns records (`storage/records.py`) and domain enums.
"""
