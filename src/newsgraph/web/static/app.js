/* Shared helpers for every page. Data comes from <script type="application/json">
   blocks; text is only ever set through textContent, never parsed as HTML. */
"use strict";
(function () {
  function readJSON(id, fallback) {
    var node = document.getElementById(id);
    if (!node) return fallback;
    try { return JSON.parse(node.textContent); } catch (e) { return fallback; }
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  var colours = readJSON("event-colours", {});
  function eventColour(type) { return colours[(type || "").toUpperCase()] || "#888888"; }

  // Event type tags take their type's colour, as in the charts.
  Array.prototype.forEach.call(document.querySelectorAll(".tag.ev[data-type]"), function (tag) {
    tag.style.background = eventColour(tag.getAttribute("data-type"));
  });
  Array.prototype.forEach.call(document.querySelectorAll(".hl-event"), function (span) {
    var type = null;
    span.classList.forEach(function (c) { if (c.indexOf("ev-") === 0) type = c.slice(3); });
    span.style.borderBottomColor = eventColour(type);
  });

  window.newsgraph = { readJSON: readJSON, el: el, svgEl: svgEl, eventColour: eventColour };
})();
