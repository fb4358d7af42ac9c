/* industry-kg index: find any entity by a label or alias, English or Chinese, and link to its page.
   The names come from documents: they reach the page only as text (textContent). The data
   (window.kgSearchData, assets/search-data.js) is a list of [label, Chinese label, aliases, type, link]. */
(function () {
  "use strict";
  var SHOWN = 20;
  var data = window.kgSearchData || { types: [], entities: [] };

  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // Each entity's names folded once: [entity index, folded name, name].
  var names = [];
  data.entities.forEach(function (row, i) {
    [row[0], row[1]].concat(row[2]).forEach(function (name) {
      if (name) { names.push([i, norm(name), name]); }
    });
  });

  // The entities whose names match: an exact name first, then a name starting with the query, then one
  // containing it; among equals the shorter name. Each entity once, with the name that matched best.
  function find(query) {
    var q = norm(query);
    if (!q) { return []; }
    var best = new Map();
    names.forEach(function (n) {
      var at = n[1].indexOf(q);
      if (at < 0) { return; }
      var rank = n[1] === q ? 0 : at === 0 ? 1 : 2;
      var seen = best.get(n[0]);
      if (!seen || rank < seen.rank || (rank === seen.rank && n[1].length < seen.length)) {
        best.set(n[0], { entity: n[0], rank: rank, length: n[1].length, name: n[2] });
      }
    });
    return Array.from(best.values()).sort(function (a, b) {
      return a.rank - b.rank || a.length - b.length || a.entity - b.entity;
    });
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  var input = document.getElementById("find");
  var list = document.getElementById("found");
  var count = document.getElementById("found-count");

  function show() {
    var matches = find(input.value);
    var rows = matches.slice(0, SHOWN).map(function (m) {
      var row = data.entities[m.entity];
      var li = el("li");
      var a = el("a", row[0]);
      a.href = row[4];
      li.appendChild(a);
      if (row[1]) { li.appendChild(el("span", " " + row[1])); }
      if (m.name !== row[0] && m.name !== row[1]) { li.appendChild(el("span", " (" + m.name + ")")); }
      li.appendChild(el("span", " " + data.types[row[3]], "type"));
      return li;
    });
    list.replaceChildren.apply(list, rows);
    count.textContent = input.value.trim() ? matches.length + " found" + (matches.length > SHOWN ? ", first " + SHOWN + " shown" : "") : "";
    return matches.slice(0, SHOWN).map(function (m) { return data.entities[m.entity][4]; });
  }

  input.addEventListener("input", show);
  document.getElementById("find-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var links = show();
    if (links.length === 1) { location.href = links[0]; }
  });
  window.kgSearch = function (query) { input.value = query; return show(); };
}());
