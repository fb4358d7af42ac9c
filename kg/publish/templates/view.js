/* industry-kg views: draw the page's graph with vis-network, then search, filter and show details.
   Every name, alias and evidence sentence comes from a document: it only ever reaches the page as text
   (textContent, input values), never as HTML. A shard page (kg-shard) holds the neighbourhoods of several
   entities and draws the one named after '#' in its address. */
(function () {
  "use strict";
  performance.mark("kg-script");

  function readJson(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  var shard = readJson("kg-shard");
  var options = readJson("kg-options");
  var listed = readJson("kg-listed");
  var current = null;  // the shard entry drawn

  function hashKey() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  // A shard entry's nodes and edges as vis-network objects (the shard stores them once, as arrays: node
  // [iri, label, Chinese label, aliases, type, link], edge [from, to, relation, evidence, more, amount]),
  // the entry's own node drawn larger.
  // A shard entry's nodes and edges as vis-network objects. A shard names its nodes by position in the
  // build's search data (window.kgSearchData: [label, Chinese label, aliases, type, link, IRI]) and stores
  // edges as arrays [from, to, relation, evidence, more evidence, amount]; the entry's own node is larger.
  var entities = window.kgSearchData || null;

  function nodeId(i) {
    var id = entities.entities[i][5];
    return id.indexOf(":") < 0 ? entities.prefix + id : id;
  }

  // Links in the search data start from the output folder; every page that loads it lies one folder deeper.
  var folder = location.pathname.split("/").slice(-2, -1)[0];
  function linkFrom(link) {
    if (!link) { return ""; }
    return link.indexOf(folder + "/") === 0 ? link.slice(folder.length + 1) : "../" + link;
  }

  function entryData(key) {
    var entry = shard.entries[key];
    var nodes = entry.nodes.map(function (i) {
      var n = entities.entities[i], type = entities.types[n[3]], own = i === entry.focus;
      var style = shard.styles[type] || ["#7f7f7f", "dot"];
      return { id: nodeId(i), key: "", label: n[0], labelZh: n[1], aliases: n[2], entityType: type,
               color: style[0], shape: style[1], size: own ? 24 : 12, borderWidth: own ? 3 : 1,
               page: own ? "" : linkFrom(n[4]) };
    });
    var edges = entry.edges.map(function (i) {
      var e = shard.edges[i];
      return { id: "e" + i, from: nodeId(e[0]), to: nodeId(e[1]), label: e[2], relation: e[2],
               color: shard.colours[e[2]], evidence: e[3].map(function (ev) { return { doc: ev[0], text: ev[1] }; }),
               moreEvidence: e[4], amount: e[5] };
    });
    return { nodes: nodes, edges: edges };
  }

  function listedOf(positions) {
    return positions.map(function (i) {
      var n = entities.entities[i];
      return [n[0], n[1], entities.types[n[3]], linkFrom(n[4])];
    });
  }

  function pickEntry() {
    var keys = Object.keys(shard.entries).sort();
    var key = hashKey();
    current = shard.entries[key] ? key : keys[0];
    var entry = shard.entries[current];
    document.title = entry.title;
    document.getElementById("title").textContent = entry.title;
    document.getElementById("description").textContent = entry.description;
    listed = { items: listedOf(entry.listed), hidden: entry.hidden };
    return entryData(current);
  }

  function placed(data) {
    var positions = kgLayout(data.nodes.map(function (n) { return n.id; }),
                             data.edges.map(function (e) { return [e.from, e.to]; }));
    data.nodes.forEach(function (n) { var p = positions.get(n.id); n.x = p.x; n.y = p.y; });
    return data;
  }

  if (listed && listed.positions) { listed = { items: listedOf(listed.positions), hidden: listed.hidden }; }
  var first = placed(shard ? pickEntry() : { nodes: readJson("kg-nodes"), edges: readJson("kg-edges") });
  var nodeData = first.nodes;
  performance.mark("kg-layout");
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(first.edges);
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();

  function nodeShown(id) {
    var node = nodes.get(id);
    return node !== null && !hiddenTypes.has(node.entityType);
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenTypes.has(n.entityType); } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return !hiddenRelations.has(e.relation) && nodeShown(e.from) && nodeShown(e.to); }
  });
  var network = new vis.Network(document.getElementById("graph"), { nodes: nodeView, edges: edgeView }, options);
  performance.mark("kg-network");

  var view = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
               ready: false, readyAt: null };
  window.kgView = view;

  // The nodes are laid out already (kgLayout, above) and physics is off: the first drawing is the final one.
  network.once("afterDrawing", function () {
    view.ready = true;
    view.readyAt = performance.mark("kg-ready").startTime;
    document.body.setAttribute("data-ready", "true");
  });
  network.fit();

  // ------------------------------------------------------------------ details panel

  var info = document.getElementById("info");
  var pinned = null;  // the node or edge last clicked: shown again when the pointer leaves another one

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function fields(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === "" || row[1] === null || row[1] === undefined) { return; }
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    return dl;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    var parts = [el("h2", n.label), fields([
      ["type", n.entityType],
      ["label (en)", n.label],
      ["label (zh)", n.labelZh],
      ["aliases", n.aliases.join("; ")],
      ["relations", network.getConnectedEdges(id).length],
      ["counts", n.note]
    ])];
    if (n.page) {
      var link = el("a", "Open its page");
      link.href = n.page;
      var para = el("p");
      para.appendChild(link);
      parts.push(para);
    }
    info.replaceChildren.apply(info, parts);
  }

  function labelOf(id) {
    var n = nodes.get(id);
    return n ? n.label : id;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var parts = [el("h2", e.relation), fields([
      ["from", labelOf(e.from)], ["to", labelOf(e.to)], ["amount", e.amount]
    ])];
    if (e.note) { parts.push(el("p", e.note, "note")); }
    e.evidence.forEach(function (ev) {
      if (ev.text) {
        parts.push(el("blockquote", ev.text));
        parts.push(el("p", "document: " + ev.doc, "source"));
      } else {
        parts.push(el("p", "reference data: " + ev.doc, "source"));
      }
    });
    if (e.moreEvidence) {
      parts.push(el("p", e.evidence.length ? "and " + e.moreEvidence + " more"
                                           : e.moreEvidence + " evidence: on the page of " + labelOf(e.from), "source"));
    }
    info.replaceChildren.apply(info, parts);
  }

  function showPinned() {
    if (pinned && pinned.node) { showNode(pinned.node); }
    else if (pinned && pinned.edge) { showEdge(pinned.edge); }
  }

  network.on("hoverNode", function (p) { showNode(p.node); });
  network.on("hoverEdge", function (p) { showEdge(p.edge); });
  network.on("blurNode", showPinned);
  network.on("blurEdge", showPinned);
  network.on("click", function (p) {
    if (p.nodes.length) { pinned = { node: p.nodes[0] }; }
    else if (p.edges.length) { pinned = { edge: p.edges[0] }; }
    else { pinned = null; }
    showPinned();
  });

  // ------------------------------------------------------------------ filters

  var shown = document.getElementById("shown");
  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    shown.textContent = nodeView.length + " entities, " + edgeView.length + " relations";
  }

  function toggle(hidden, value, shown) {
    if (shown) { hidden.delete(value); } else { hidden.add(value); }
    refresh();
  }
  document.querySelectorAll("#type-filter input").forEach(function (box) {
    box.addEventListener("change", function () { toggle(hiddenTypes, box.dataset.type, box.checked); });
  });
  document.querySelectorAll("#relation-filter input").forEach(function (box) {
    box.addEventListener("change", function () { toggle(hiddenRelations, box.dataset.relation, box.checked); });
  });

  // ------------------------------------------------------------------ search

  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function namesOf(n) {
    return [n.label, n.labelZh].concat(n.aliases).filter(function (s) { return s; });
  }

  function fillNames() {
    var names = document.getElementById("names");
    var seen = new Set();
    var options = [];
    nodeData.forEach(function (n) {
      namesOf(n).forEach(function (name) {
        if (seen.has(name)) { return; }
        seen.add(name);
        var option = document.createElement("option");
        option.value = name;
        options.push(option);
      });
    });
    names.replaceChildren.apply(names, options);
  }
  fillNames();

  // The best match for a query: an exact name, then a name starting with it, then one containing it;
  // among equals the shortest name. Returns the node id or null.
  function find(query) {
    var q = norm(query);
    if (!q) { return null; }
    var best = null;
    nodeData.forEach(function (n) {
      namesOf(n).forEach(function (name) {
        var s = norm(name);
        var rank = s === q ? 0 : s.indexOf(q) === 0 ? 1 : s.indexOf(q) > 0 ? 2 : -1;
        if (rank < 0) { return; }
        if (!best || rank < best.rank || (rank === best.rank && s.length < best.length)) {
          best = { id: n.id, rank: rank, length: s.length, name: name };
        }
      });
    });
    return best;
  }

  var result = document.getElementById("search-result");
  function search(query) {
    var match = find(query);
    if (!match) {
      result.textContent = "no match";
      return null;
    }
    var n = nodes.get(match.id);
    if (hiddenTypes.has(n.entityType)) {  // the node is filtered out: show its type again
      var box = document.querySelector('#type-filter input[data-type="' + CSS.escape(n.entityType) + '"]');
      if (box) { box.checked = true; }
      hiddenTypes.delete(n.entityType);
      refresh();
    }
    network.selectNodes([match.id]);
    network.focus(match.id, { scale: 1.2, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
    pinned = { node: match.id };
    showNode(match.id);
    result.textContent = match.name === n.label ? n.label : n.label + " (" + match.name + ")";
    return match.id;
  }
  view.search = search;

  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search(document.getElementById("search").value);
  });

  // ------------------------------------------------------------------ legend counts, the names not drawn

  // The legend counts what the page draws (a shard page changes what it draws): rows of nothing are hidden.
  function updateLegend() {
    var types = {}, relations = {};
    nodeData.forEach(function (n) { types[n.entityType] = (types[n.entityType] || 0) + 1; });
    edges.forEach(function (e) { relations[e.relation] = (relations[e.relation] || 0) + 1; });
    [["#type-filter input", "type", types], ["#relation-filter input", "relation", relations]].forEach(function (kind) {
      document.querySelectorAll(kind[0]).forEach(function (box) {
        var n = kind[2][box.dataset[kind[1]]] || 0;
        box.parentNode.querySelector(".count").textContent = String(n);
        box.parentNode.hidden = n === 0;
      });
    });
  }

  var LISTED_SHOWN = 100;
  var listedFilter = document.getElementById("listed-filter");
  function showListed() {
    var list = document.getElementById("listed-items");
    if (!list) { return; }
    var items = listed ? listed.items : [];
    var hidden = listed ? listed.hidden : 0;
    var q = norm(listedFilter.value);
    var matching = items.filter(function (item) {
      return !q || norm(item[0]).indexOf(q) >= 0 || norm(item[1]).indexOf(q) >= 0;
    });
    var rows = matching.slice(0, LISTED_SHOWN).map(function (item) {
      var li = el("li");
      var name = item[0] + (item[1] ? " " + item[1] : "");
      if (item[3]) {
        var a = el("a", name);
        a.href = item[3];
        li.appendChild(a);
      } else {
        li.appendChild(el("span", name));
      }
      li.appendChild(el("span", " " + item[2], "type"));
      return li;
    });
    if (matching.length > LISTED_SHOWN) {
      rows.push(el("li", (matching.length - LISTED_SHOWN) + " more: filter to find them", "hint"));
    }
    if (hidden) { rows.push(el("li", "and " + hidden + " more (search on the index)", "hint")); }
    list.replaceChildren.apply(list, rows);
    document.getElementById("listed-count").textContent = String(items.length + hidden);
    document.getElementById("listed").hidden = items.length + hidden === 0;
  }
  if (listedFilter) { listedFilter.addEventListener("input", showListed); }

  // ------------------------------------------------------------------ the address: #key picks an entity

  function focusKey() {
    var key = hashKey();
    var node = key && nodeData.find(function (n) { return n.key === key; });
    if (!node) { return; }
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.2 });
    pinned = { node: node.id };
    showNode(node.id);
  }

  function redraw() {  // a shard page: draw the entry the address now names
    var data = placed(pickEntry());
    nodeData = data.nodes;
    pinned = null;
    info.replaceChildren(el("p", "Hover or click a node or an edge to see what it is and where it comes from.", "hint"));
    edges.clear();
    nodes.clear();
    nodes.add(data.nodes);
    edges.add(data.edges);
    fillNames();
    refresh();
    updateLegend();
    showListed();
    network.fit();
  }

  updateLegend();
  showListed();
  if (shard) {
    window.addEventListener("hashchange", function () { if (hashKey() !== current) { redraw(); } });
  } else {
    focusKey();
    window.addEventListener("hashchange", focusKey);
  }
  view.redraw = redraw;
}());
