"""The network page with a big network (176 actors, as on 300 real articles), in real Chromium.

The page's own data block is swapped for a generated network of fictional actors, so the drawing
code meets the size that made labels 5 px high; the store stays the small fictional one.
"""

from __future__ import annotations

import json
import random
import re

import pytest
from test_web_browser import browser, page, server_url, shot  # noqa: F401  (fixtures shared with these tests)

pytestmark = pytest.mark.browser

TYPES = ("PERSON", "ORG", "GPE", "NORP")


def big_network(n_nodes: int = 176, n_edges: int = 260, seed: int = 7) -> dict:
    """A scale-free-ish network: a few hubs with many links, most actors with one or two."""
    rng = random.Random(seed)
    nodes = [
        {"id": f"E{i:04d}", "name": f"Actor {i} {rng.choice(['Avel', 'Brun', 'Corvo', 'Dessa'])}",
         "type": TYPES[i % 4], "country": None, "degree": 0, "events": 0}
        for i in range(n_nodes)
    ]  # fmt: skip
    edges: dict[tuple[int, int], dict] = {}
    while len(edges) < n_edges:
        a = min(int(rng.paretovariate(1.2)) - 1, n_nodes - 1)
        b = rng.randrange(n_nodes)
        if a == b or (a, b) in edges:
            continue
        weight = rng.randint(1, 6)
        coop = rng.randint(0, weight)
        edges[(a, b)] = {
            "source": nodes[a]["id"],
            "target": nodes[b]["id"],
            "weight": weight,
            "cooperation": coop,
            "conflict": weight - coop,
        }
    for (a, b), edge in edges.items():
        for end in (a, b):
            nodes[end]["degree"] += 1
            nodes[end]["events"] += edge["weight"]
    return {"nodes": [n for n in nodes if n["degree"]], "edges": list(edges.values())}


def test_big_network_labels_are_readable_and_apart(page, server_url):  # noqa: F811
    network = big_network()
    data = json.dumps(network).replace("<", "\\u003c")

    def swap_data(route):
        response = route.fetch()
        body = re.sub(
            r'(<script type="application/json" id="network-data">).*?(</script>)',
            lambda m: m.group(1) + data + m.group(2),
            response.text(),
            flags=re.S,
        )
        # The heading counts the generated network too, so the screenshot reads true.
        counts = f"({len(network['nodes'])} actors, {len(network['edges'])} links, generated)"
        body = re.sub(r"\(\d+ actors, \d+ links, \d+ events\)", counts, body)
        route.fulfill(response=response, body=body)

    page.route(server_url + "/network", swap_data)
    page.goto(server_url + "/network")
    page.wait_for_selector("#network[data-ready=layout]")
    assert page.locator("#network a.node").count() == len(network["nodes"]) > 150
    labels = page.evaluate(
        """() => [...document.querySelectorAll("#network .labels text")].map(t => {
            const b = t.getBoundingClientRect();
            return {id: t.dataset.id, x: b.x, y: b.y, w: b.width, h: b.height};
        })"""
    )
    assert len(labels) >= 20
    assert all(label["h"] >= 12 for label in labels), min(label["h"] for label in labels)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
            apart = apart or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, (a["id"], b["id"])
    # The busiest actors are among the labelled.
    busiest = sorted(network["nodes"], key=lambda n: -n["events"])[:5]
    labelled = {label["id"] for label in labels}
    assert sum(n["id"] in labelled for n in busiest) >= 4
    shot(page, "network-176-actors")
    # Zooming in shows more names, still at the same size on screen.
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, -200)
    zoomed = page.evaluate(
        """() => [...document.querySelectorAll("#network .labels text")].map(t => t.getBoundingClientRect().height)"""
    )
    assert zoomed and min(zoomed) >= 12
    shot(page, "network-176-actors-zoomed")
