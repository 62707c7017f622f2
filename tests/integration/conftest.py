from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.services import reference_data
from assessor_app.services.workspace import Workspace, open_workspace


@pytest.fixture
def workspace(home: Path) -> Iterator[Workspace]:
    ws = open_workspace(home, actor="Hoàng Văn Thụ")
    reference_data.initialise(ws)
    yield ws
    ws.close()
