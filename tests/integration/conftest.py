from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import reference_data
from assessor_app.services.workspace import Workspace, open_workspace
from tests.store_template import REFERENCE, StoreTemplates


@pytest.fixture
def workspace(home: Path, store_templates: StoreTemplates) -> Iterator[Workspace]:
    """A store with the shipped reference data (a copy of the run's template: see
    tests/store_template.py); `initialise` runs on it as on every new store."""
    store_templates.home_from(REFERENCE, home)
    ws = open_workspace(home, actor="Hoàng Văn Thụ")
    reference_data.ensure_initialised(ws)
    yield ws
    ws.close()
