/* industry-kg document pages: mark the text — each mention by the type of what it names, linking to its page,
   each sentence that states a relation, with the id evidence links point to (#c<start>) — list the relations
   beside it, and highlight a sentence's relations when it is clicked or linked to.

   The text is in the page (escaped); the marks are offsets (kg-doc) and the entities positions in the search
   data (window.kgSearchData: [label, Chinese label, aliases, type, link, IRI, relations]). Document text only
   ever reaches the page through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-doc").textContent);
  var search = window.kgSearchData || { entities: [], types: [] };
  var article = document.getElementById("text");
  var text = article.textContent;

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  // Links in the search data start from the output folder; this page lies one folder deeper.
  function linkFrom(link) {
    if (!link) { return ""; }
    return link.indexOf("doc/") === 0 ? link.slice(4) : "../" + link;
  }

  function entity(position) { return position >= 0 ? search.entities[position] : null; }

  // ------------------------------------------------------------------ the marks

  // [start, end, depth, make(): an element] for each sentence (depth 0) and mention (depth 1)
  var spans = [];
  data.sentences.forEach(function (s) {
    spans.push([s[0], s[1], 0, function () {
      var e = el("span", null, s[1] > s[0] ? "ev" : "");
      e.id = "c" + s[0];
      if (s[1] > s[0]) {
        e.dataset.r = s[2].join(" ");
        e.tabIndex = 0;
        if (s[2].every(function (i) { return data.statements[i][4]; })) { e.classList.add("inferred"); }
      }
      return e;
    }]);
  });
  var counts = {};
  data.mentions.forEach(function (m) {
    var type = search.types[m[3]] || "Enterprise", row = entity(m[2]);
    counts[type] = (counts[type] || 0) + 1;
    spans.push([m[0], m[1], 1, function () {
      var e;
      if (row) {
        e = el("a", null, "m t-" + type);
        e.href = linkFrom(row[4]);
        e.title = row[0] + " (" + type + ")" + (row[1] ? " " + row[1] : "");
      } else {
        e = el("span", null, "m t-" + type);
        e.title = "no entity found for this " + type.toLowerCase() + " name";
      }
      return e;
    }]);
  });
  spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || a[2] - b[2]; });

  // The text rebuilt as text nodes and elements: spans nest (sentences hold mentions), none crosses another.
  var root = document.createDocumentFragment(), stack = [[text.length, root]], pos = 0;
  function emit(until) {
    if (until > pos) { stack[stack.length - 1][1].appendChild(document.createTextNode(text.slice(pos, until))); pos = until; }
  }
  spans.forEach(function (span) {
    while (stack.length > 1 && stack[stack.length - 1][0] <= span[0]) { emit(stack[stack.length - 1][0]); stack.pop(); }
    if (span[1] > stack[stack.length - 1][0]) { return; }
    emit(span[0]);
    var e = span[3]();
    stack[stack.length - 1][1].appendChild(e);
    if (span[1] > span[0]) { stack.push([span[1], e]); }
  });
  while (stack.length > 1) { emit(stack[stack.length - 1][0]); stack.pop(); }
  emit(text.length);
  article.replaceChildren(root);

  // ------------------------------------------------------------------ the mention filter, the relations

  var body = document.body;
  var filter = document.getElementById("mention-filter");
  function toggleRow(name, label, className) {
    var row = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = name;
    box.addEventListener("change", function () { body.classList.toggle("hide-" + name, !box.checked); });
    row.appendChild(box);
    row.appendChild(el("span", label, className));
    if (counts[name]) { row.appendChild(el("span", counts[name], "count")); }
    filter.appendChild(row);
  }
  search.types.forEach(function (type) { if (counts[type]) { toggleRow(type, type, "m t-" + type); } });
  toggleRow("ev", "sentence stating a relation", "ev");
  toggleRow("inferred", "relation inferred from its context", "ev inferred");

  function entityLink(position) {
    var row = entity(position);
    if (!row) { return el("span", "?"); }
    var a = el("a", row[0]);
    a.href = linkFrom(row[4]);
    return a;
  }

  var list = document.getElementById("statement-list");
  data.statements.forEach(function (st, i) {
    var li = el("li");
    li.id = "r" + i;
    li.dataset.c = "c" + st[3];
    if (st[4]) { li.className = "inferred"; }
    li.appendChild(entityLink(st[0]));
    li.appendChild(document.createTextNode(" \u2014" + st[1] + "\u2192 "));
    li.appendChild(entityLink(st[2]));
    var sentence = el("a", "sentence", "sentence");
    sentence.href = "#c" + st[3];
    li.appendChild(document.createTextNode(" "));
    li.appendChild(sentence);
    var how = [];
    if (st[4]) { how.push("inferred"); }
    if (st[5] >= 0) { how.push("confidence " + st[5]); }
    if (how.length) { li.appendChild(el("span", " (" + how.join(", ") + ")", "how")); }
    list.appendChild(li);
  });

  // ------------------------------------------------------------------ a sentence's relations

  var info = document.getElementById("info");

  // The relations a sentence states, highlighted in the list and copied into the panel above it.
  function pick(sentence) {
    document.querySelectorAll("#text .ev.on, #statement-list li.on").forEach(function (x) { x.classList.remove("on"); });
    if (!sentence) { info.replaceChildren(); return []; }
    sentence.classList.add("on");
    var items = (sentence.dataset.r || "").split(" ").filter(Boolean).map(function (n) {
      return document.getElementById("r" + n);
    }).filter(Boolean);
    items.forEach(function (li) { li.classList.add("on"); });
    var copy = el("ul");
    items.forEach(function (li) {
      var item = li.cloneNode(true);
      item.removeAttribute("id");
      copy.appendChild(item);
    });
    info.replaceChildren(el("h2", "This sentence states " + items.length + " relation" + (items.length === 1 ? "" : "s")),
                         copy);
    return items.map(function (li) { return li.id; });
  }
  window.kgDocument = { pick: function (id) { return pick(document.getElementById(id)); }, ready: true };

  article.addEventListener("click", function (event) {
    if (event.target.closest("a")) { return; }
    pick(event.target.closest(".ev"));
  });
  article.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList.contains("ev")) { pick(event.target); }
  });

  // The address names a sentence (#c<start>): the marks did not exist when the page loaded, so go there now.
  function fromAddress() {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    if (!target) { return; }
    target.scrollIntoView({ block: "center" });
    pick(target.classList.contains("ev") ? target : null);
    target.classList.add("on");
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
  body.setAttribute("data-ready", "true");
}());
