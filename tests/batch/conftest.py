"""A local Ray cluster for the session (its own temp folder, 2 CPUs, no writes to the home folder)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from corpora import bounded

from newsgraph.batch.ray_engine import ray_available


@pytest.fixture(scope="session")
def ray_cluster():
    """A local Ray cluster for the whole session, started as the engine starts one: 2 CPUs, its own
    temp folder, token authentication without a token file in the home folder."""
    if not ray_available():
        pytest.skip("ray is not installed (pip install 'newsgraph[ray]')")
    from newsgraph.batch.ray_engine import RayOptions, _init_ray

    home = Path(tempfile.mkdtemp(prefix="ngtest-home-"))
    saved = os.environ.get("HOME")
    os.environ["HOME"] = str(home)  # Ray's processes inherit it: anything written there is seen
    try:
        with bounded(180):
            ray, temp = _init_ray(RayOptions(num_cpus=2))
    finally:
        if saved is not None:
            os.environ["HOME"] = saved
    yield ray, home
    ray.shutdown()
    if temp:
        shutil.rmtree(temp, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)
