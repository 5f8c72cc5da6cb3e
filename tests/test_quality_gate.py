"""The quality gate's own logic (benchmarks/dev_gold.py): floors, means, the table."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dev_gold():
    spec = importlib.util.spec_from_file_location("dev_gold", REPO / "benchmarks" / "dev_gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_mean_below_its_floor_fails_the_gate(dev_gold):
    rows = [{"events": 0.2, "quotes": 1.0}, {"events": 0.4}]
    assert dev_gold.check_floors(rows, {"events": 0.3, "quotes": 0.9}) == []
    assert dev_gold.check_floors(rows, {"events": 0.31}) == ["events: mean 0.300 is below its floor 0.310"]


def test_a_component_nobody_scores_is_below_any_floor(dev_gold):
    assert dev_gold.check_floors([{"quotes": 1.0}], {"times": 0.5}) == [
        "times: mean 0.000 is below its floor 0.500"
    ]


def test_floors_file_names_known_components(dev_gold):
    floors = json.loads((REPO / "quality_floors.json").read_text(encoding="utf-8"))
    keys = {k for k in floors if not k.startswith("_")}
    assert keys <= set(dev_gold.COMPONENTS) | {"overall"}
    assert all(0.0 <= floors[k] <= 1.0 for k in keys)


def test_outputs_compare_by_content(dev_gold, tmp_path):
    dev_gold.save_outputs({"a": {"x": 1}, "b": {"y": 2}}, tmp_path)
    assert dev_gold.compare_outputs({"a": {"x": 1}, "b": {"y": 3}, "c": {}}, tmp_path) == ["b", "c"]


def test_no_shared_folder_scores_nothing_and_passes(dev_gold, tmp_path, capsys):
    assert dev_gold.main(["--shared", str(tmp_path), "--floors", str(REPO / "quality_floors.json")]) == 0
    assert "nothing to score" in capsys.readouterr().err
