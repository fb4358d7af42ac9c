/* industry-kg index: find any entity by a label or alias, English or Chinese, as you type (typos forgiven as
   `kg show` forgives them: match.js), and any document by its name; link to its page. The names come from
   documents: they reach the page only as text (textContent). The data (window.kgSearchData,
   assets/search-data.js) lists entities as [label, Chinese label, aliases, type, link, IRI] and documents as
   [name, link]. */
(function () {
  "use strict";
  var SHOWN = 20;
  var data = window.kgSearchData || { types: [], entities: [], documents: [], optional: [] };
  var entries = data.entities.map(function (row) {
    return { names: [row[0], row[1]].concat(row[2]), row: row };
  });
  (data.documents || []).forEach(function (doc) {
    if (doc[1]) { entries.push({ names: [doc[0]], document: doc, order: 1 }); }
  });
  var matcher = null;

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
    matcher = matcher || new kgMatch.Matcher(entries, data.optional);
    var matches = input.value.trim() ? matcher.find(input.value, 200) : [];
    var rows = matches.slice(0, SHOWN).map(function (m) {
      var entry = entries[m.entry], li = el("li"), a;
      if (entry.document) {
        a = el("a", entry.document[0]);
        a.href = entry.document[1];
        li.appendChild(a);
        li.appendChild(el("span", " document", "type"));
        return li;
      }
      var row = entry.row;
      a = el("a", row[0]);
      a.href = row[4];
      li.appendChild(a);
      if (row[1]) { li.appendChild(el("span", row[1], "zh")); }
      if (m.name !== row[0] && m.name !== row[1]) { li.appendChild(el("span", " (" + m.name + ")", "alias")); }
      li.appendChild(el("span", " " + data.types[row[3]], "type"));
      return li;
    });
    list.replaceChildren.apply(list, rows);
    count.textContent = input.value.trim() ? (matches.length ? matches.length + (matches.length >= 200 ? "+" : "") +
      " found" + (matches.length > SHOWN ? ", first " + SHOWN + " shown" : "") : "no match") : "";
    return matches.slice(0, SHOWN).map(function (m) {
      var entry = entries[m.entry];
      return entry.document ? entry.document[1] : entry.row[4];
    });
  }

  input.addEventListener("input", show);
  document.getElementById("find-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var links = show();
    if (links.length) { location.href = links[0]; }
  });
  window.kgSearch = function (query) { input.value = query; return show(); };
}());
