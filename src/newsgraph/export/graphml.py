"""The actor network (entities linked by events, weighted) as GraphML for Gephi or networkx."""

from __future__ import annotations

import re
from typing import IO
from xml.sax.saxutils import escape, quoteattr

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

NODE_KEYS = (("name", "string"), ("type", "string"), ("country", "string"), ("degree", "int"))
EDGE_KEYS = (("weight", "double"), ("cooperation", "int"), ("conflict", "int"))


def _text(value) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def _attr(value) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def write_graphml(store, what: str, out: IO[str], *, limit: int = 100_000, min_weight: int = 1) -> int:
    """A directed GraphML graph: nodes are corpus entities, edges source -> target with event counts."""
    if what not in ("events", "entities"):
        raise ValueError("GraphML export holds the actor network; use --what events or entities")
    network = store.network(limit=limit, min_weight=min_weight)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
              'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')  # fmt: skip
    for name, kind in NODE_KEYS:
        out.write(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n')
    for name, kind in EDGE_KEYS:
        out.write(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n')
    out.write('  <graph id="actors" edgedefault="directed">\n')
    for node in network["nodes"]:
        out.write(f"    <node id={_attr(node['id'])}>\n")
        for name, _ in NODE_KEYS:
            if node.get(name) is not None:
                out.write(f'      <data key="{name}">{_text(node[name])}</data>\n')
        out.write("    </node>\n")
    for n, edge in enumerate(network["edges"]):
        out.write(f'    <edge id="e{n}" source={_attr(edge["source"])} target={_attr(edge["target"])}>\n')
        for name, _ in EDGE_KEYS:
            out.write(f'      <data key="{name}">{_text(edge[name] or 0)}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")
    return len(network["edges"])
