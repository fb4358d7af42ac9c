/* industry-kg views: draw the page's graph with vis-network, then search, filter and show details.
   Every name, alias and evidence sentence comes from a document: it only ever reaches the page as text
   (textContent, input values), never as HTML. */
(function () {
  "use strict";
  performance.mark("kg-script");

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var nodeData = readJson("kg-nodes");
  var edgeData = readJson("kg-edges");
  var options = readJson("kg-options");
  var positions = kgLayout(nodeData.map(function (n) { return n.id; }),
                           edgeData.map(function (e) { return [e.from, e.to]; }));
  nodeData.forEach(function (n) { var p = positions.get(n.id); n.x = p.x; n.y = p.y; });
  performance.mark("kg-layout");
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(edgeData);
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
      ["relations", network.getConnectedEdges(id).length]
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
    e.evidence.forEach(function (ev) {
      if (ev.text) {
        parts.push(el("blockquote", ev.text));
        parts.push(el("p", "document: " + ev.doc, "source"));
      } else {
        parts.push(el("p", "reference data: " + ev.doc, "source"));
      }
    });
    if (e.moreEvidence) { parts.push(el("p", "and " + e.moreEvidence + " more", "source")); }
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

  var names = document.getElementById("names");
  var seen = new Set();
  nodeData.forEach(function (n) {
    namesOf(n).forEach(function (name) {
      if (seen.has(name)) { return; }
      seen.add(name);
      var option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });

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
}());
