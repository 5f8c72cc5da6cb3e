"""The web package's shape: no import cycles, and the API answers the store's own declared shapes."""

from __future__ import annotations

import ast
from pathlib import Path

import newsgraph.web

WEB = Path(newsgraph.web.__file__).resolve().parent


def _web_imports(path: Path) -> set[str]:
    """Modules of newsgraph.web that ``path`` imports (relative ``from .x import`` or absolute)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif node.level == 0 and (node.module or "").startswith("newsgraph.web."):
                found.add(node.module.split(".")[2])
    return found


def test_web_modules_import_no_cycle():
    graph = {p.stem: _web_imports(p) - {p.stem} for p in WEB.glob("*.py") if p.stem != "__init__"}
    graph = {name: {n for n in deps if n in graph} for name, deps in graph.items()}
    assert {"app", "pages", "views"} <= set(graph)

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    return [*path, start]
                if nxt not in path:
                    stack.append((nxt, [*path, nxt]))
        return None

    cycles = [c for name in sorted(graph) if (c := cycle_from(name))]
    assert not cycles, f"import cycles in newsgraph.web: {cycles}"


def test_api_row_models_are_the_store_shapes():
    from newsgraph.store import shapes
    from newsgraph.web import schemas

    for name in ("ArticleRow", "EntityRow", "QuoteRow", "EventRow", "EntityProfile", "Network", "StoreStats"):
        assert getattr(schemas, name) is getattr(shapes, name), name
