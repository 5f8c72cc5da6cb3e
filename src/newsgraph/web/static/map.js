/* World map of geocoded events: our own equirectangular projection on SVG.
   Country outlines come from world.json (Natural Earth, public domain), shipped
   with the package; no tiles and no outside requests. */
"use strict";
(function () {
  var ng = window.newsgraph;
  var box = document.getElementById("map");
  if (!box) return;
  var points = ng.readJSON("map-points", []);
  // Map units: x = lon + 180, y = 90 - lat; the view leaves out the polar seas.
  var FULL = { x: 0, y: 6, w: 360, h: 150 };
  var view = { x: FULL.x, y: FULL.y, w: FULL.w, h: FULL.h };
  var svg = ng.svgEl("svg", { role: "img", "aria-label": "world map of events", preserveAspectRatio: "xMidYMid meet" });
  var land = ng.svgEl("g", { "class": "land" });
  var dots = ng.svgEl("g", { "class": "dots" });
  svg.appendChild(land);
  svg.appendChild(dots);
  box.appendChild(svg);
  var tip = null;

  function project(lon, lat) { return [lon + 180, 90 - lat]; }

  function ringPath(ring) {
    var out = "";
    for (var i = 0; i < ring.length; i++) {
      var p = project(ring[i][0], ring[i][1]);
      out += (i ? "L" : "M") + p[0].toFixed(2) + " " + p[1].toFixed(2);
    }
    return out + "Z";
  }

  function drawWorld(world) {
    (world.features || []).forEach(function (feature) {
      var geometry = feature.geometry || {};
      var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates || [];
      var d = "";
      polygons.forEach(function (polygon) { polygon.forEach(function (ring) { d += ringPath(ring); }); });
      var path = ng.svgEl("path", { d: d, "class": "country" });
      var title = ng.svgEl("title");
      title.textContent = (feature.properties && feature.properties.name) || "";
      path.appendChild(title);
      land.appendChild(path);
    });
    box.setAttribute("data-ready", "world");
  }

  // Events at the same place share one dot; its colour is the commonest type there.
  function groupPoints() {
    var groups = {};
    points.forEach(function (p) {
      if (typeof p.lat !== "number" || typeof p.lon !== "number") return;
      var key = p.lat.toFixed(2) + "," + p.lon.toFixed(2) + "," + (p.geo_precision || "");
      (groups[key] = groups[key] || { lat: p.lat, lon: p.lon, place: p.place, precision: p.geo_precision, events: [] }).events.push(p);
    });
    return Object.keys(groups).map(function (k) { return groups[k]; });
  }

  function commonestType(events) {
    var counts = {}, best = null;
    events.forEach(function (e) { counts[e.type] = (counts[e.type] || 0) + 1; if (!best || counts[e.type] > counts[best]) best = e.type; });
    return best;
  }

  var groups = groupPoints();
  // A country- or region-level place is its area's centre, not a spot: it is drawn as a wide
  // translucent disc with a dashed rim, never as a solid point.
  var AREA_RADIUS = { country: 5, region: 3 };
  function isArea(group) { return group.precision === "country" || group.precision === "region"; }
  function radiusFor(group) {
    var base = (1.6 + Math.sqrt(group.events.length) * 1.1);
    if (isArea(group)) base = Math.max(base, AREA_RADIUS[group.precision] + Math.sqrt(group.events.length));
    return base * view.w / FULL.w;
  }
  function precisionText(group) {
    return group.precision === "country" ? "somewhere in the country (drawn at its centre)"
      : group.precision === "region" ? "somewhere in the region (drawn at its centre)"
      : group.precision ? "at the " + group.precision : "precision unknown";
  }

  function drawDots() {
    dots.textContent = "";
    // Areas first, so the points inside them stay on top and clickable.
    groups.sort(function (a, b) { return (isArea(b) - isArea(a)) || b.events.length - a.events.length; });
    groups.forEach(function (group) {
      var p = project(group.lon, group.lat);
      var colour = ng.eventColour(commonestType(group.events));
      var dot = ng.svgEl("circle", { cx: p[0], cy: p[1], r: radiusFor(group), "class": isArea(group) ? "dot area" : "dot point",
        fill: colour, tabindex: "0", "data-precision": group.precision || "" });
      if (isArea(group)) dot.style.stroke = colour;
      var title = ng.svgEl("title");
      title.textContent = (group.place || "") + ": " + group.events.length + " event" + (group.events.length > 1 ? "s" : "") +
        ", " + precisionText(group);
      dot.appendChild(title);
      dot.addEventListener("click", function (event) { event.stopPropagation(); showTip(group, dot); });
      dot.addEventListener("keydown", function (event) { if (event.key === "Enter") showTip(group, dot); });
      dot._group = group;
      dots.appendChild(dot);
    });
  }

  function hideTip() {
    if (tip) tip.remove();
    tip = null;
    Array.prototype.forEach.call(dots.querySelectorAll(".selected"), function (d) { d.classList.remove("selected"); });
  }

  function showTip(group, dot) {
    hideTip();
    dot.classList.add("selected");
    tip = ng.el("div", { "class": "map-tip" });
    tip.appendChild(ng.el("b", null, (group.place || "Unnamed place") + " (" + group.events.length + ")"));
    tip.appendChild(ng.el("div", { "class": "meta" }, precisionText(group)));
    var list = ng.el("ul");
    group.events.slice(0, 40).forEach(function (e) {
      var item = ng.el("li");
      item.appendChild(ng.el("span", { "class": "tag ev", "data-type": e.type }, e.type));
      item.lastChild.style.background = ng.eventColour(e.type);
      item.appendChild(document.createTextNode(" " + (e.source || "?") + " \u2192 " + (e.target || "?") + " "));
      var link = ng.el("a", { href: "/articles/" + encodeURIComponent(e.article_id || "") }, e.published || "article");
      item.appendChild(link);
      list.appendChild(item);
    });
    tip.appendChild(list);
    var rect = box.getBoundingClientRect(), dotRect = dot.getBoundingClientRect();
    tip.style.left = Math.min(rect.width - 240, Math.max(4, dotRect.left - rect.left + 12)) + "px";
    tip.style.top = Math.min(rect.height - 60, Math.max(4, dotRect.top - rect.top - 10)) + "px";
    box.appendChild(tip);
  }

  function applyView() {
    svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    Array.prototype.forEach.call(dots.childNodes, function (dot) { dot.setAttribute("r", radiusFor(dot._group)); });
  }

  function zoom(factor, cx, cy) {
    var w = Math.max(10, Math.min(FULL.w, view.w / factor));
    var h = w * FULL.h / FULL.w;
    cx = cx === undefined ? view.x + view.w / 2 : cx;
    cy = cy === undefined ? view.y + view.h / 2 : cy;
    view.x = cx - (cx - view.x) * w / view.w;
    view.y = cy - (cy - view.y) * h / view.h;
    view.w = w; view.h = h;
    clamp();
    applyView();
  }

  function clamp() {
    view.x = Math.max(FULL.x - view.w * 0.5, Math.min(FULL.x + FULL.w - view.w * 0.5, view.x));
    view.y = Math.max(FULL.y - view.h * 0.5, Math.min(FULL.y + FULL.h - view.h * 0.5, view.y));
  }

  function toMap(clientX, clientY) {
    var rect = svg.getBoundingClientRect();
    return [view.x + (clientX - rect.left) / rect.width * view.w, view.y + (clientY - rect.top) / rect.height * view.h];
  }

  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var at = toMap(event.clientX, event.clientY);
    zoom(event.deltaY < 0 ? 1.25 : 0.8, at[0], at[1]);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (event) {
    if (event.target.classList && event.target.classList.contains("dot")) return;
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var rect = svg.getBoundingClientRect();
    view.x = drag.vx - (event.clientX - drag.x) / rect.width * view.w;
    view.y = drag.vy - (event.clientY - drag.y) / rect.height * view.h;
    clamp();
    applyView();
  });
  window.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("click", function () { hideTip(); });

  var controls = ng.el("div", { "class": "zoom" });
  [["+", function () { zoom(1.5); }], ["\u2212", function () { zoom(1 / 1.5); }],
   ["\u21ba", function () { view = { x: FULL.x, y: FULL.y, w: FULL.w, h: FULL.h }; applyView(); }]].forEach(function (b) {
    var button = ng.el("button", { type: "button", "aria-label": b[0] === "+" ? "zoom in" : b[0] === "\u2212" ? "zoom out" : "reset view" }, b[0]);
    button.addEventListener("click", b[1]);
    controls.appendChild(button);
  });
  box.appendChild(controls);

  applyView();
  drawDots();
  fetch(box.getAttribute("data-world"))
    .then(function (response) { if (!response.ok) throw new Error("world outline: HTTP " + response.status); return response.json(); })
    .then(drawWorld)
    .catch(function (error) { box.setAttribute("data-ready", "error"); box.appendChild(ng.el("p", { "class": "error" }, String(error))); });
})();
