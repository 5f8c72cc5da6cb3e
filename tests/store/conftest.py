"""Store fixtures: a store in a tmp_path file."""

from __future__ import annotations

import pytest

from newsgraph.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.db") as s:
        yield s
