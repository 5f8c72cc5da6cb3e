"""Import rules of the layout (DESIGN.md): checked on the source, so a violation fails `make test`.

- a stage (``nlp/<stage>/``) imports no other stage;
- ``nlp/`` imports none of store, web, cli, corpus, batch, export;
- ``corpus/`` imports no store (cross-article rules are pure; only store/ runs SQL);
- no import cycle between the modules of ``web/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsgraph"
STAGES = ("structure", "entities", "coref", "quantities", "places", "times", "quotes", "events")


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path = SRC) -> set[str]:
    """Absolute names of every module ``path`` imports, at any depth of the file."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from . import x` imports the module x
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def violations(paths: list[Path], forbidden: tuple[str, ...], root: Path = SRC) -> list[str]:
    return [
        f"{path.relative_to(root)} imports {target}"
        for path in paths
        for target in sorted(imported_modules(path, root))
        if any(target == f or target.startswith(f + ".") for f in forbidden)
    ]


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_other_stage(stage):
    others = tuple(f"newsgraph.nlp.{s}" for s in STAGES if s != stage)
    assert violations(modules_under(f"nlp/{stage}"), others) == []


def test_nlp_imports_no_outer_layer():
    outer = tuple(f"newsgraph.{p}" for p in ("store", "web", "cli", "corpus", "batch", "export"))
    assert violations(modules_under("nlp"), outer) == []


def test_corpus_imports_no_store():
    assert violations(modules_under("corpus"), ("newsgraph.store",)) == []


def test_web_has_no_import_cycle():
    # the package itself is left out: `from . import views` names a module, not the package
    web = {module_name(p): p for p in modules_under("web") if p.name != "__init__.py"}
    graph = {m: {t for t in imported_modules(p) if t in web and t != m} for m, p in web.items()}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in graph[node]:
            if nxt in trail:
                cycles.append(" -> ".join(trail[trail.index(nxt) :] + [nxt]))
            elif len(trail) < len(graph):
                visit(nxt, trail + [nxt])

    for start in graph:
        visit(start, [start])
    assert cycles == []


def test_the_rules_see_a_violation(tmp_path):
    """The checker itself: a stage importing another stage is reported, however it is written."""
    stage = tmp_path / "newsgraph" / "nlp" / "events"
    stage.mkdir(parents=True)
    bad = stage / "bad.py"
    bad.write_text(
        "from ..coref import CorefStage\n\ndef f():\n    from .. import quotes\n", encoding="utf-8"
    )
    found = violations([bad], ("newsgraph.nlp.coref", "newsgraph.nlp.quotes"), root=tmp_path)
    assert found == [
        "newsgraph/nlp/events/bad.py imports newsgraph.nlp.coref",
        "newsgraph/nlp/events/bad.py imports newsgraph.nlp.coref.CorefStage",
        "newsgraph/nlp/events/bad.py imports newsgraph.nlp.quotes",
    ]
