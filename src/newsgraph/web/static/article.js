/* Article page: hover or click a highlight to see what was found there. */
"use strict";
(function () {
  var ng = window.newsgraph;
  var details = ng.readJSON("annotation-details", {});
  var panel = document.getElementById("detail");
  var body = document.getElementById("article-body");
  if (!panel || !body) return;
  var pinned = null;

  var KINDS = { entity: "Entity", quote: "Quote", event: "Event" };
  var FIELDS = {
    entity: [["type", "Type"], ["titles", "Titles"], ["country", "Country"], ["mentions", "Mentions"]],
    quote: [["speaker", "Speaker"], ["quote_kind", "Kind"], ["cue", "Cue"]],
    event: [["type", "Type"], ["mode", "Mode"], ["modality", "Modality"], ["source", "Source"],
            ["target", "Target"], ["location", "Place"], ["time", "When"], ["figures", "Figures"]]
  };

  function heading(info) {
    if (info.kind === "entity") return info.name;
    if (info.kind === "quote") return "Quote";
    return (info.type || "Event") + " event";
  }

  function show(keys) {
    panel.textContent = "";
    keys.forEach(function (key) {
      var info = details[key];
      if (!info) return;
      var box = ng.el("div", { "class": "detail-item", "data-kind": info.kind });
      box.appendChild(ng.el("h3", null, heading(info)));
      var list = ng.el("dl");
      (FIELDS[info.kind] || []).forEach(function (pair) {
        var value = info[pair[0]];
        if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
        list.appendChild(ng.el("dt", null, pair[1]));
        list.appendChild(ng.el("dd", null, Array.isArray(value) ? value.join("; ") : value));
      });
      if (info.kind === "quote" && info.text) {
        list.appendChild(ng.el("dt", null, "Said"));
        list.appendChild(ng.el("dd", null, "\u201c" + info.text + "\u201d"));
      }
      box.appendChild(list);
      if (info.link) box.appendChild(ng.el("a", { href: info.link, "class": "entity-link" }, "Open entity page \u2192"));
      panel.appendChild(box);
    });
    if (!panel.childNodes.length) panel.appendChild(ng.el("p", { "class": "hint" }, "Hover or click a highlight for details."));
  }

  // Nested highlights (a name inside a quote) show all their layers, innermost first.
  function keysAt(target) {
    var keys = [];
    for (var node = target; node && node !== body; node = node.parentNode) {
      if (node.getAttribute && node.getAttribute("data-ann")) keys.push(node.getAttribute("data-ann"));
    }
    return keys;
  }

  function select(span) {
    Array.prototype.forEach.call(body.querySelectorAll(".hl.selected"), function (n) { n.classList.remove("selected"); });
    Array.prototype.forEach.call(document.querySelectorAll(".side li.active"), function (n) { n.classList.remove("active"); });
    if (!span) return;
    span.classList.add("selected");
    keysAt(span).forEach(function (key) {
      var item = document.querySelector('.side li[data-ann-ref="' + key + '"]');
      if (item) item.classList.add("active");
    });
  }

  body.addEventListener("mouseover", function (event) {
    if (pinned) return;
    var keys = keysAt(event.target);
    if (keys.length) show(keys);
  });
  body.addEventListener("click", function (event) {
    var span = event.target.closest ? event.target.closest("[data-ann]") : null;
    if (!span) { pinned = null; select(null); return; }
    pinned = span;
    select(span);
    show(keysAt(span));
  });
  body.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.getAttribute("data-ann")) {
      event.preventDefault();
      event.target.click();
    }
  });
  // Side list items light up their spans in the text.
  Array.prototype.forEach.call(document.querySelectorAll(".side li[data-ann-ref]"), function (item) {
    item.addEventListener("mouseenter", function () {
      var key = item.getAttribute("data-ann-ref");
      var spans = body.querySelectorAll('[data-ann="' + key + '"]');
      Array.prototype.forEach.call(spans, function (n) { n.classList.add("selected"); });
      if (!pinned) show([key]);
    });
    item.addEventListener("mouseleave", function () {
      Array.prototype.forEach.call(body.querySelectorAll(".hl.selected"), function (n) {
        if (n !== pinned) n.classList.remove("selected");
      });
    });
  });
  var toggle = document.getElementById("toggle-highlights");
  if (toggle) toggle.addEventListener("change", function () { body.classList.toggle("plain", !toggle.checked); });
})();
