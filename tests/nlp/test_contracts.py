"""Every stage declares the Doc._ layers it reads and writes, and spaCy finds no gap."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

NLP_DIR = Path(__file__).resolve().parents[2] / "src" / "newsgraph" / "nlp"
STAGES = ("structure", "entities", "coref", "quantities", "places", "times", "quotes", "events")
# Layers set outside any stage (the article, before the pipeline runs) or cached views of other layers.
NOT_STAGE_LAYERS = {"ng_article", "ng_cache_text", "ng_cache_mention_index"}
# Look-ups shared by the stages that read layers on a stage's behalf.
SHARED_READERS = {"mentions.py": {"ng_entities", "ng_coref"}}


def test_analyze_pipes_reports_no_problems(pipeline):
    analysis = pipeline.nlp.analyze_pipes(pretty=False)
    assert analysis["problems"] == {name: [] for name in pipeline.nlp.pipe_names}


def _declared(stage: str, key: str) -> set[str]:
    source = (NLP_DIR / stage / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == key and isinstance(node.value, ast.List):
            return {
                elt.value.removeprefix("doc._.")
                for elt in node.value.elts
                if isinstance(elt, ast.Constant) and str(elt.value).startswith("doc._.")
            }
    raise AssertionError(f"stage {stage} declares no {key}")


def _layers_used(stage: str) -> tuple[set[str], set[str]]:
    """Layers the stage's modules read and write, plus those read through shared look-ups."""
    read, written = set(), set()
    for path in (NLP_DIR / stage).glob("*.py"):
        text = path.read_text(encoding="utf-8")
        written |= set(re.findall(r"\._\.(ng_\w+)\s*=(?!=)", text))
        read |= set(re.findall(r"\._\.(ng_\w+)", text))
        for module, layers in SHARED_READERS.items():
            if f"lookups.{module.removesuffix('.py')} import" in text:
                read |= layers
    return read - written - NOT_STAGE_LAYERS, written - NOT_STAGE_LAYERS


@pytest.mark.parametrize("stage", STAGES)
def test_stage_declares_every_layer_it_reads_and_writes(stage):
    read, written = _layers_used(stage)
    assigns = _declared(stage, "assigns")
    requires = _declared(stage, "requires") if stage != "structure" else set()
    assert written <= assigns, f"{stage} writes {sorted(written - assigns)} without declaring them"
    assert read <= requires | assigns, f"{stage} reads {sorted(read - requires - assigns)} undeclared"


def test_no_stage_uses_user_data_as_a_side_channel():
    offenders = [str(p) for p in NLP_DIR.rglob("*.py") if "user_data" in p.read_text(encoding="utf-8")]
    assert offenders == []
