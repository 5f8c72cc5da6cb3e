/* Actor network: our own force layout (Fruchterman-Reingold) drawn on SVG.
   Edges are coloured by the share of cooperation and conflict events on them. */
"use strict";
(function () {
  var ng = window.newsgraph;
  var box = document.getElementById("network");
  if (!box) return;
  var data = ng.readJSON("network-data", { nodes: [], edges: [] });
  var nodes = data.nodes || [], edges = data.edges || [];
  if (!nodes.length) { box.setAttribute("data-ready", "empty"); box.style.display = "none"; return; }
  var TYPE_COLOURS = { PERSON: "#3b82c4", ORG: "#e08a2c", GPE: "#3a9a5b", NORP: "#a05fb5", LOC: "#2aa198", FAC: "#b8a200" };

  var index = {};
  nodes.forEach(function (n, i) { index[n.id] = i; });
  var links = edges.filter(function (e) { return e.source in index && e.target in index && e.source !== e.target; })
    .map(function (e) { return { s: index[e.source], t: index[e.target], edge: e }; });

  // Deterministic start on a sunflower spiral, busiest actors in the middle, so the picture is stable.
  var weight = function (n) { return (n.events || n.degree || 0) * 1000 + (n.degree || 0); };
  var order = nodes.map(function (_, i) { return i; }).sort(function (a, b) { return weight(nodes[b]) - weight(nodes[a]) || a - b; });
  var pos = new Array(nodes.length);
  order.forEach(function (nodeIndex, rank) {
    var r = 25 * Math.sqrt(rank + 0.5), a = rank * 2.39996;
    pos[nodeIndex] = { x: r * Math.cos(a), y: r * Math.sin(a) };
  });

  // Ideal edge length K in screen pixels; repulsion stops at 4K so separate
  // groups do not fly apart, and a pull to the centre packs them together.
  var K = 70;
  function layout() {
    var n = nodes.length, cutoff2 = 16 * K * K;
    var temperature = K, iterations = n > 150 ? 220 : 320;
    for (var step = 0; step < iterations; step++) {
      var disp = pos.map(function () { return { x: 0, y: 0 }; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          var d2 = dx * dx + dy * dy + 0.01;
          if (d2 > cutoff2) continue;
          var force = K * K / d2;
          disp[i].x += dx * force; disp[i].y += dy * force;
          disp[j].x -= dx * force; disp[j].y -= dy * force;
        }
      }
      links.forEach(function (l) {
        var a = pos[l.s], b = pos[l.t], dx = a.x - b.x, dy = a.y - b.y;
        var d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var force = d / K * Math.min(3, 1 + Math.log(1 + (l.edge.weight || 1)) * 0.3);
        disp[l.s].x -= dx * force; disp[l.s].y -= dy * force;
        disp[l.t].x += dx * force; disp[l.t].y += dy * force;
      });
      for (var m = 0; m < n; m++) {
        disp[m].x -= pos[m].x * 0.08; disp[m].y -= pos[m].y * 0.08;
        var len = Math.sqrt(disp[m].x * disp[m].x + disp[m].y * disp[m].y) + 0.01;
        var moved = Math.min(len, temperature);
        pos[m].x += disp[m].x / len * moved; pos[m].y += disp[m].y / len * moved;
      }
      temperature = Math.max(0.5, temperature * 0.985);
    }
  }

  function edgeClass(e) {
    var coop = e.cooperation || 0, conflict = e.conflict || 0, total = coop + conflict;
    if (!total) return "mixed";
    var share = coop / total;
    return share >= 0.67 ? "coop" : share <= 0.33 ? "conflict" : "mixed";
  }

  function radius(n) { return 5 + Math.sqrt(n.degree || 1) * 2.2; }

  layout();
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  pos.forEach(function (p) { minX = Math.min(minX, p.x); minY = Math.min(minY, p.y); maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y); });
  // A small network is not blown up past natural size: the view is at least 700 x 450 units.
  var pad = 60, w = Math.max(700, maxX - minX + 2 * pad), h = Math.max(450, maxY - minY + 2 * pad);
  var view = { x: (minX + maxX - w) / 2, y: (minY + maxY - h) / 2, w: w, h: h };
  var svg = ng.svgEl("svg", { role: "img", "aria-label": "network of actors", preserveAspectRatio: "xMidYMid meet" });
  var edgeLayer = ng.svgEl("g"), nodeLayer = ng.svgEl("g");
  svg.appendChild(edgeLayer); svg.appendChild(nodeLayer);
  function applyView() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
  applyView();

  var neighbours = nodes.map(function () { return []; });
  var edgeNodes = links.map(function (l) {
    neighbours[l.s].push(l.t); neighbours[l.t].push(l.s);
    var line = ng.svgEl("line", {
      x1: pos[l.s].x, y1: pos[l.s].y, x2: pos[l.t].x, y2: pos[l.t].y,
      "class": "edge " + edgeClass(l.edge), "stroke-width": 1 + Math.log2(1 + (l.edge.weight || 1)) * 1.3
    });
    var title = ng.svgEl("title");
    title.textContent = nodes[l.s].name + " \u2013 " + nodes[l.t].name + ": " + (l.edge.weight || 0) + " events (" +
      (l.edge.cooperation || 0) + " cooperation, " + (l.edge.conflict || 0) + " conflict)";
    line.appendChild(title);
    edgeLayer.appendChild(line);
    return line;
  });

  var nodeGroups = nodes.map(function (node, i) {
    var link = ng.svgEl("a", { href: "/entities/" + encodeURIComponent(node.id), "class": "node", "data-id": node.id });
    var circle = ng.svgEl("circle", { cx: pos[i].x, cy: pos[i].y, r: radius(node), fill: TYPE_COLOURS[node.type] || "#777777" });
    var title = ng.svgEl("title");
    title.textContent = node.name + " (" + (node.type || "?") + (node.country ? ", " + node.country : "") + "): " +
      (node.events || 0) + " events, " + (node.degree || 0) + " links";
    circle.appendChild(title);
    link.appendChild(circle);
    link.addEventListener("mouseenter", function () { focus(i); });
    link.addEventListener("mouseleave", function () { focus(null); });
    link.addEventListener("focus", function () { focus(i); });
    link.addEventListener("blur", function () { focus(null); });
    nodeLayer.appendChild(link);
    return link;
  });

  // Labels keep one size on screen whatever the zoom (LABEL_PX); the busiest actors are
  // labelled first, and a label that would overlap one already placed is left to hover, so
  // zooming in makes room for more names.
  var LABEL_PX = 13, MAX_LABELS = 60;
  var labelLayer = ng.svgEl("g", { "class": "labels" });
  svg.appendChild(labelLayer);
  function placeLabels() {
    labelLayer.textContent = "";
    var width = box.clientWidth || 1000, height = box.clientHeight || 640;
    // preserveAspectRatio "meet": the larger ratio of view units to pixels is the one in force.
    var unit = Math.max(view.w / width, view.h / height);
    var size = LABEL_PX * unit, placed = [];
    var shown = 0;
    for (var k = 0; k < order.length && shown < MAX_LABELS; k++) {
      var i = order[k], node = nodes[i], p = pos[i], r = radius(node);
      if (p.x < view.x || p.x > view.x + view.w || p.y < view.y || p.y > view.y + view.h) continue;
      var text = ng.svgEl("text", { x: p.x, y: p.y + size * 0.35, "font-size": size.toFixed(2),
        "stroke-width": (3 * unit).toFixed(2), "data-id": node.id });
      text.textContent = node.name;
      labelLayer.appendChild(text);
      // The text's real size, measured once drawn; the halo adds a little around it.
      var measured = text.getBBox(), w = measured.width + 2 * unit, h = measured.height;
      var sides = [[p.x + r + 2 * unit, "start"], [p.x - r - 2 * unit, "end"]], kept = false;
      for (var c = 0; c < sides.length && !kept; c++) {
        var x = sides[c][0], anchor = sides[c][1];
        var bx = anchor === "start" ? x : x - w, by = p.y - h / 2;
        var clash = placed.some(function (b) { return bx < b.x + b.w && b.x < bx + w && by < b.y + b.h && b.y < by + h; });
        if (clash) continue;
        placed.push({ x: bx, y: by, w: w, h: h });
        text.setAttribute("x", x);
        text.setAttribute("text-anchor", anchor);
        kept = true;
      }
      if (kept) shown++; else labelLayer.removeChild(text);
    }
    box.setAttribute("data-labels", String(shown));
  }

  function focus(i) {
    box.classList.toggle("focus", i !== null);
    Array.prototype.forEach.call(labelLayer.childNodes, function (t) {
      var j = index[t.getAttribute("data-id")];
      t.classList.toggle("near", i !== null && (j === i || neighbours[i].indexOf(j) >= 0));
    });
    nodeGroups.forEach(function (g, j) { g.classList.toggle("near", i !== null && (j === i || neighbours[i].indexOf(j) >= 0)); });
    edgeNodes.forEach(function (line, k) { line.classList.toggle("near", i !== null && (links[k].s === i || links[k].t === i)); });
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var rect = svg.getBoundingClientRect(), factor = event.deltaY < 0 ? 0.8 : 1.25;
    var cx = view.x + (event.clientX - rect.left) / rect.width * view.w, cy = view.y + (event.clientY - rect.top) / rect.height * view.h;
    view.x = cx - (cx - view.x) * factor; view.y = cy - (cy - view.y) * factor; view.w *= factor; view.h *= factor;
    applyView();
    placeLabels();
  }, { passive: false });

  box.appendChild(svg);
  placeLabels();
  window.addEventListener("resize", placeLabels);
  box.setAttribute("data-ready", "layout");
})();
