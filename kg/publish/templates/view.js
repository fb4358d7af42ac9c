/* industry-kg views: draw the page's graph with vis-network, then label it, search, filter and show details.

   Every name, alias and evidence sentence comes from a document: it only ever reaches the page as text
   (textContent, canvas text, input values), never as HTML. The page data: nodes and edges (kg-nodes, kg-edges),
   vis-network's options (kg-options), the page's own (kg-page: the entity it is about, whether industries fold
   into their clusters, the words a name may leave out, where the page lies). A shard page (kg-shard) holds the
   pages of several entities and draws the one named after '#' in its address.

   Legibility: vis-network draws no labels; this script draws, after each drawing, the labels that fit at the
   current zoom without covering one another or another node — the page's own entity, the selected and the
   hovered ones first, then by rank (the best connected first) — at a fixed size on screen. An edge's relation
   is drawn while the pointer is on it. Selecting a node dims all but its neighbours. */
(function () {
  "use strict";
  performance.mark("kg-script");

  function readJson(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  var shard = readJson("kg-shard");
  var options = readJson("kg-options");
  var pageOptions = readJson("kg-page") || {};
  var listed = readJson("kg-listed");
  var searchData = window.kgSearchData || null;
  var current = null;  // the shard entry drawn
  var focusId = pageOptions.focus || null;
  var LABEL_PX = 12, LABEL_MAX = 40, DIMMED = 0.15;  // what shows through the veil over what a selection dims
  var TYPE_ORDER = ["Province", "City", "Cluster", "County", "Park", "Enterprise", "Town", "Industry"];

  function hashKey() {
    try { return decodeURIComponent(location.hash.slice(1)); } catch (e) { return location.hash.slice(1); }
  }

  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function nodeSize(degree) {  // kg.publish.html.node_size
    return Math.round(Math.min(40, 7 + 3.2 * Math.log2(1 + degree)) * 10) / 10;
  }

  // ------------------------------------------------------------------ shard pages and the search data

  // Links in the search data start from the output folder; a page of a build lies in it or one folder deeper.
  var here = pageOptions.here || "";
  var folder = here.indexOf("/") >= 0 ? here.split("/")[0] : "";
  function linkFrom(link) {
    if (!link) { return ""; }
    if (!folder) { return link; }
    return link.indexOf(folder + "/") === 0 ? link.slice(folder.length + 1) : "../" + link;
  }

  function entityIri(row) {
    return row[5].indexOf(":") < 0 ? searchData.prefix + row[5] : row[5];
  }

  // shard evidence: [document, sentence, start] (and 1 if inferred, the confidence or -1) or [dataset]
  function evidenceOf(ev) {
    if (typeof ev[0] !== "number") { return { doc: ev[0], text: "" }; }
    var doc = searchData.documents[ev[0]];
    return { doc: doc[0], text: ev[1], link: doc[1] ? linkFrom(doc[1] + "#c" + ev[2]) : "",
             derivation: ev[3] ? "inferred" : undefined, confidence: ev[4] >= 0 ? ev[4] : undefined };
  }

  function entryData(key) {
    var entry = shard.entries[key];
    var nodes = entry.nodes.map(function (i) {
      var n = searchData.entities[i], type = searchData.types[n[3]], own = i === entry.focus;
      var style = shard.styles[type] || ["#7f7f7f", "dot"];
      return { id: entityIri(n), key: "", label: n[0], labelZh: n[1], aliases: n[2], entityType: type,
               color: style[0], shape: style[1], degree: n[6],
               size: own ? Math.max(22, nodeSize(n[6])) : nodeSize(n[6]),
               borderWidth: own ? 3 : 1, page: own ? "" : linkFrom(n[4]) };
    });
    var edges = entry.edges.map(function (i) {
      var e = shard.edges[i];
      return { id: "e" + i, from: entityIri(searchData.entities[e[0]]), to: entityIri(searchData.entities[e[1]]),
               relation: e[2], color: shard.colours[e[2]], evidence: e[3].map(evidenceOf), moreEvidence: e[4],
               amount: e[5], stated: e.length > 6 ? e[6] : 1, inferred: e.length > 6 ? e[7] : null };
    });
    return { nodes: nodes, edges: edges, focus: entityIri(searchData.entities[entry.focus]) };
  }

  function listedOf(positions) {
    return positions.map(function (i) {
      var n = searchData.entities[i];
      return [n[0], n[1], searchData.types[n[3]], linkFrom(n[4])];
    });
  }

  function pickEntry() {
    var key = hashKey();
    if (shard.moved && shard.moved[key]) {  // an IRI the entity no longer has
      location.replace(shard.moved[key]);
    }
    var keys = Object.keys(shard.entries).sort();
    current = shard.entries[key] ? key : keys[0];
    var entry = shard.entries[current], row = searchData.entities[entry.focus];
    var data = entryData(current), others = new Set();
    data.edges.forEach(function (e) {
      if (e.from === data.focus) { others.add(e.to); } else if (e.to === data.focus) { others.add(e.from); }
    });
    var related = others.size + (entry.listed || []).length + (entry.hidden || 0);
    document.title = row[0];
    document.getElementById("title").textContent = row[0];
    document.getElementById("description").textContent = searchData.types[row[3]] + ": " + related +
      " related entit" + (related === 1 ? "y" : "ies") + (entry.listed ? " (the drawing shows the main ones, the list " +
      "beside it the others)" : "") + ", and where they lie and which clusters they fall in.";
    listed = { items: listedOf(entry.listed || []), hidden: entry.hidden || 0 };
    focusId = data.focus;
    return data;
  }

  // ------------------------------------------------------------------ the page's nodes and edges

  var nodeData, edgeData, byId, labelOrder;

  // A node as vis-network gets it: no `label` (the page draws labels itself).
  function prepare(data) {
    nodeData = data.nodes;
    edgeData = data.edges;
    byId = new Map();
    nodeData.forEach(function (n) {
      n.name = n.label || n.labelZh || n.id;
      delete n.label;
      byId.set(n.id, n);
    });
    edgeData.forEach(function (e) { delete e.label; });
    labelOrder = nodeData.slice().sort(function (a, b) {
      if (a.rank !== undefined && b.rank !== undefined) { return a.rank - b.rank; }
      return (b.id === focusId) - (a.id === focusId) || (b.degree || 0) - (a.degree || 0) ||
        TYPE_ORDER.indexOf(a.entityType) - TYPE_ORDER.indexOf(b.entityType) ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    }).map(function (n) { return n.id; });
  }

  if (listed && listed.positions) { listed = { items: listedOf(listed.positions), hidden: listed.hidden }; }
  prepare(shard ? pickEntry() : { nodes: readJson("kg-nodes"), edges: readJson("kg-edges") });

  // ------------------------------------------------------------------ industries folded into clusters

  var foldOf = new Map(), foldedInto = new Map(), expanded = new Set();
  function indexFolds() {
    foldOf.clear(); foldedInto.clear(); expanded.clear();
    nodeData.forEach(function (n) {
      if (n.fold && byId.has(n.fold)) {
        foldOf.set(n.id, n.fold);
        (foldedInto.get(n.fold) || foldedInto.set(n.fold, []).get(n.fold)).push(n.id);
      }
    });
  }
  indexFolds();

  function isFolded(id) {
    var c = foldOf.get(id);
    return c !== undefined && !expanded.has(c);
  }

  // An edge to a folded industry is drawn to its cluster instead, one dashed edge per end, relation and
  // cluster: "Sihui hasIndustry (5 industries of this cluster)".
  function proxies() {
    var found = new Map();
    edgeData.forEach(function (e) {
      var a = isFolded(e.from) ? foldOf.get(e.from) : e.from, b = isFolded(e.to) ? foldOf.get(e.to) : e.to;
      if ((a === e.from && b === e.to) || a === b) { return; }
      var key = a + "\u0001" + e.relation + "\u0001" + b, proxy = found.get(key);
      if (!proxy) {
        proxy = { id: "fold:" + key, from: a, to: b, relation: e.relation, color: e.color,
                  proxy: true, via: [], dashes: [5, 4], evidence: [], moreEvidence: 0, amount: "" };
        found.set(key, proxy);
      }
      proxy.via.push(e.id);
    });
    found.forEach(function (p) { p.width = Math.min(6, 1 + Math.log2(p.via.length)); });
    return Array.from(found.values());
  }

  // ------------------------------------------------------------------ filters

  var hiddenTypes = new Set(), hiddenRelations = new Set(), hiddenDerivations = new Set();
  var minConfidence = 0;
  var edgeById = new Map();

  function nodeVisible(id) {
    var n = byId.get(id);
    return !!n && !hiddenTypes.has(n.entityType) && !isFolded(id);
  }

  function sureEnough(e) {
    if (e.proxy) { return e.via.some(function (id) { return sureEnough(edgeById.get(id)); }); }
    var stated = e.stated === undefined ? 1 : e.stated, inferred = e.inferred === undefined ? null : e.inferred;
    if (stated === null && inferred === null) { return true; }
    return (stated !== null && !hiddenDerivations.has("stated") && stated >= minConfidence) ||
      (inferred !== null && !hiddenDerivations.has("inferred") && inferred >= minConfidence);
  }

  function edgeVisible(e) {
    return !hiddenRelations.has(e.relation) && nodeVisible(e.from) && nodeVisible(e.to) && sureEnough(e);
  }

  // ------------------------------------------------------------------ layout and drawing

  function placed() {
    edgeById = new Map(edgeData.map(function (e) { return [e.id, e]; }));
    var shownNodes = nodeData.filter(function (n) { return !isFolded(n.id); });
    var links = edgeData.concat(proxies()).filter(function (e) { return !isFolded(e.from) && !isFolded(e.to); });
    var positions = kgLayout(shownNodes.map(function (n) { return n.id; }),
                             links.map(function (e) { return [e.from, e.to]; }), focusId);
    shownNodes.forEach(function (n) { var p = positions.get(n.id); n.x = p.x; n.y = p.y; });
    nodeData.forEach(function (n) {  // folded: start at their cluster, placed around it when it unfolds
      if (n.x === undefined) { var c = byId.get(foldOf.get(n.id)); n.x = c ? c.x : 0; n.y = c ? c.y : 0; }
    });
  }

  placed();
  performance.mark("kg-layout");
  var nodes = new vis.DataSet(nodeData);
  var edges = new vis.DataSet(edgeData.concat(proxies()));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeVisible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  performance.mark("kg-network");

  var view = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
               ready: false, readyAt: null, labelsDrawn: [] };
  window.kgView = view;

  var measure = document.createElement("canvas").getContext("2d");
  var widths = new Map();
  function labelText(n) {
    var t = n.name;
    return t.length > LABEL_MAX ? t.slice(0, LABEL_MAX - 1) + "\u2026" : t;
  }
  function textWidth(text, bold) {
    var key = (bold ? "b" : "n") + text, w = widths.get(key);
    if (w === undefined) {
      measure.font = (bold ? "bold " : "") + LABEL_PX + "px sans-serif";
      w = measure.measureText(text).width;
      widths.set(key, w);
    }
    return w;
  }

  var selected = null, hovered = null, hoveredEdge = null, highlighted = null, highlightedId = null;

  // Boxes already taken on screen, in cells of a grid: a label goes where it overlaps none.
  function Boxes() { this.cells = new Map(); }
  Boxes.prototype.keys = function (b, fn) {
    var C = 64;
    for (var x = Math.floor(b.x / C); x <= Math.floor((b.x + b.w) / C); x++) {
      for (var y = Math.floor(b.y / C); y <= Math.floor((b.y + b.h) / C); y++) { fn(x + "," + y); }
    }
  };
  Boxes.prototype.add = function (b) {
    var cells = this.cells;
    this.keys(b, function (k) { (cells.get(k) || cells.set(k, []).get(k)).push(b); });
  };
  Boxes.prototype.hits = function (b, except) {
    var found = false, cells = this.cells;
    this.keys(b, function (k) {
      (cells.get(k) || []).forEach(function (o) {
        if (o.id !== except && o.x < b.x + b.w && b.x < o.x + o.w && o.y < b.y + b.h && b.y < o.y + o.h) { found = true; }
      });
    });
    return found;
  };

  // Where a label may go around its node, in order of preference: below, above, right, left.
  function spots(p, r, w, h) {
    return [{ x: p.x - w / 2, y: p.y + r + 2 }, { x: p.x - w / 2, y: p.y - r - 2 - h },
            { x: p.x + r + 3, y: p.y - h / 2 }, { x: p.x - r - 3 - w, y: p.y - h / 2 }];
  }

  // A selection dims the rest: a white veil over the drawing, and the selected node, its neighbours and the
  // edges between them drawn again on top (cheaper than restyling thousands of nodes through their data).
  function veil(ctx) {
    if (!highlighted) { return; }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255, 255, 255, " + (1 - DIMMED) + ")";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var edgeBodies = network.body.edges;
    network.body.edgeIndices.forEach(function (id) {
      var e = edgeBodies[id];
      if (e.connected && (e.fromId === highlightedId || e.toId === highlightedId)) { e.draw(ctx); e.drawArrows(ctx); }
    });
    network.body.nodeIndices.forEach(function (id) {
      if (highlighted.has(id)) { network.body.nodes[id].draw(ctx); }
    });
  }

  function drawLabels(ctx) {
    veil(ctx);
    var scale = network.getScale(), W = container.clientWidth, H = container.clientHeight;
    var ids = network.body.nodeIndices, bodies = network.body.nodes;
    var shapes = new Boxes(), taken = new Boxes(), drawn = [];
    var screen = new Map();
    ids.forEach(function (id) {
      var b = bodies[id], p = network.canvasToDOM({ x: b.x, y: b.y }), r = (b.options.size || 10) * scale;
      var box = { id: id, x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
      screen.set(id, { p: p, r: r, box: box });
      shapes.add(box);
    });
    var must = [selected, hovered, focusId].filter(function (id, i, all) {
      return id && all.indexOf(id) === i && screen.has(id);
    });
    must.forEach(function (id) { taken.add(screen.get(id).box); });
    var leadingCount = Math.ceil(ids.length / 10);
    ctx.save();
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.lineJoin = "round";
    must.concat(labelOrder).forEach(function (id, i) {
      var first = i < must.length;
      if (!first && (must.indexOf(id) >= 0 || !screen.has(id))) { return; }
      if (highlighted && !highlighted.has(id)) { return; }
      var n = byId.get(id), text = labelText(n), w = textWidth(text, first) + 4, h = LABEL_PX + 4;
      var leading = i - must.length < leadingCount;
      var at = screen.get(id), box = null;
      // a label covers no other label and no node that has one; a label of the best ranked (the first tenth)
      // may cover a node that has none, the others may not
      spots(at.p, at.r, w, h).some(function (spot) {
        var candidate = { id: id, x: spot.x, y: spot.y, w: w, h: h };
        if (candidate.x < 0 || candidate.x + w > W || candidate.y < 0 || candidate.y + h > H) { return false; }
        if (!first && (taken.hits(candidate, id) || (!leading && shapes.hits(candidate, id)))) { return false; }
        box = candidate;
        return true;
      });
      if (!box) { return; }
      taken.add(box);
      if (!first) { taken.add(at.box); }
      drawn.push({ id: id, text: text, x: box.x, y: box.y, w: box.w, h: box.h, px: LABEL_PX, must: first });
      var origin = network.DOMtoCanvas({ x: box.x + 2, y: box.y + 2 });
      ctx.font = (first ? "bold " : "") + (LABEL_PX / scale) + "px sans-serif";
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
      ctx.fillStyle = first ? "#000000" : "#222222";
      ctx.strokeText(text, origin.x, origin.y);
      ctx.fillText(text, origin.x, origin.y);
    });
    ctx.textAlign = "center";
    var e = hoveredEdge && network.body.edges[hoveredEdge];
    if (e && e.from && e.to) {
      var x = (e.from.x + e.to.x) / 2, y = (e.from.y + e.to.y) / 2, relation = (edges.get(hoveredEdge) || {}).relation;
      ctx.font = "bold " + (LABEL_PX / scale) + "px sans-serif";
      ctx.textBaseline = "middle";
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = "#333333";
      ctx.strokeText(relation, x, y);
      ctx.fillText(relation, x, y);
      view.edgeLabel = { id: hoveredEdge, text: relation };
    } else {
      view.edgeLabel = null;
    }
    ctx.restore();
    view.labelsDrawn = drawn;
  }
  network.on("afterDrawing", drawLabels);
  view.labels = function () { return view.labelsDrawn.slice(); };

  // Selecting a node keeps it and its neighbours in colour and dims the rest (see veil); null undoes it.
  function highlight(id) {
    highlightedId = id;
    highlighted = id ? new Set([id].concat(network.getConnectedNodes(id))) : null;
    view.highlighted = highlighted ? Array.from(highlighted) : null;
    network.redraw();
  }
  view.highlight = highlight;

  // The view fitted to the window around the page's entity (kept at the centre), or fitted whole.
  function fitView() {
    if (focusId && nodeVisible(focusId) && network.body.nodes[focusId]) {
      var centre = network.getPosition(focusId), W = container.clientWidth, H = container.clientHeight;
      var dx = 1, dy = 1;
      network.body.nodeIndices.forEach(function (id) {
        var b = network.body.nodes[id], r = (b.options.size || 10) + 30;
        dx = Math.max(dx, Math.abs(b.x - centre.x) + r + 60);
        dy = Math.max(dy, Math.abs(b.y - centre.y) + r + 20);
      });
      var scale = Math.max(0.05, Math.min(1.5, (W / 2) / dx, (H / 2) / dy));
      network.moveTo({ position: centre, scale: scale, animation: false });
    } else {
      network.fit({ animation: false });
    }
  }
  view.fit = fitView;

  network.once("afterDrawing", function () {
    view.ready = true;
    view.readyAt = performance.mark("kg-ready").startTime;
    document.body.setAttribute("data-ready", "true");
  });

  // ------------------------------------------------------------------ details panel

  var info = document.getElementById("info");
  var pinned = null;  // the node or edge last clicked: shown again when the pointer leaves another one

  function fields(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === "" || row[1] === null || row[1] === undefined) { return; }
      dl.appendChild(el("dt", row[0]));
      dl.appendChild(el("dd", row[1]));
    });
    return dl;
  }

  function labelOf(id) {
    var n = byId.get(id);
    return n ? n.name : id;
  }

  function button(text, onClick) {
    var b = el("button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function showNode(id) {
    var n = byId.get(id);
    if (!n) { return; }
    var parts = [el("h2", n.name), fields([
      ["type", n.entityType],
      ["label (en)", n.name],
      ["label (zh)", n.labelZh],
      ["aliases", (n.aliases || []).join("; ")],
      ["relations", n.degree !== undefined ? n.degree : network.getConnectedEdges(id).length],
      ["counts", n.note]
    ])];
    var inside = foldedInto.get(id);
    if (inside) {
      parts.push(el("p", inside.length + " industries of this cluster " + (expanded.has(id) ? "are drawn." : "are folded into it."), "note"));
      parts.push(button(expanded.has(id) ? "Fold them" : "Show them", function () { toggleFold(id); }));
    }
    if (n.page) {
      var link = el("a", "Open its page");
      link.href = n.page;
      var para = el("p");
      para.appendChild(link);
      parts.push(para);
    }
    info.replaceChildren.apply(info, parts);
  }

  // Where a sentence is in its document's page: from the page's list of documents, or a shard's search data.
  var documentPages = null;
  function evidenceLink(ev) {
    if (ev.link) { return ev.link; }
    if (ev.start === undefined) { return ""; }
    if (!documentPages) {
      documentPages = new Map(Object.entries(pageOptions.documents || {}));
      if (searchData && !pageOptions.documents) {
        searchData.documents.forEach(function (d) { if (d[1]) { documentPages.set(d[0], linkFrom(d[1])); } });
      }
    }
    var page = documentPages.get(ev.doc);
    return page ? page + "#c" + ev.start : "";
  }
  view.evidenceLink = evidenceLink;

  function evidenceParts(ev) {
    var parts = [];
    if (ev.text) {
      parts.push(el("blockquote", ev.text));
      var source = el("p", "", "source"), where = evidenceLink(ev);
      if (where) {
        var a = el("a", ev.doc);
        a.href = where;
        a.title = "Read the sentence in its document";
        source.appendChild(a);
      } else {
        source.appendChild(el("span", "document: " + ev.doc));
      }
      var how = [];
      if (ev.derivation === "inferred") { how.push("inferred from its context"); }
      if (ev.confidence !== undefined && ev.confidence !== null) { how.push("confidence " + ev.confidence); }
      if (how.length) { source.appendChild(el("span", " (" + how.join(", ") + ")", "how")); }
      parts.push(source);
    } else {
      parts.push(el("p", "reference data: " + ev.doc, "source"));
    }
    return parts;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    if (e.proxy) {
      var cluster = isFolded(e.from) || foldedInto.has(e.from) && !byId.get(e.to).fold ? e.from : e.to;
      var names = e.via.map(function (v) {
        var real = edgeById.get(v);
        return labelOf(foldOf.has(real.from) ? real.from : real.to);
      });
      info.replaceChildren(el("h2", e.relation), fields([["from", labelOf(e.from)], ["to", labelOf(e.to)]]),
        el("p", names.length + " relation" + (names.length > 1 ? "s" : "") + " with industries folded into " +
               labelOf(cluster) + ": " + names.join("; "), "note"),
        button("Show them", function () { toggleFold(cluster); }));
      return;
    }
    var parts = [el("h2", e.relation), fields([["from", labelOf(e.from)], ["to", labelOf(e.to)], ["amount", e.amount]])];
    if (e.note) { parts.push(el("p", e.note, "note")); }
    e.evidence.forEach(function (ev) { parts.push.apply(parts, evidenceParts(ev)); });
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

  network.on("hoverNode", function (p) { hovered = p.node; showNode(p.node); network.redraw(); });
  network.on("blurNode", function () { hovered = null; showPinned(); network.redraw(); });
  network.on("hoverEdge", function (p) { hoveredEdge = p.edge; showEdge(p.edge); network.redraw(); });
  network.on("blurEdge", function () { hoveredEdge = null; showPinned(); network.redraw(); });
  network.on("click", function (p) {
    if (p.nodes.length) {
      pinned = { node: p.nodes[0] };
      selected = p.nodes[0];
      if (foldedInto.has(selected) && !expanded.has(selected)) { toggleFold(selected); }
      highlight(selected);
    } else if (p.edges.length) {
      pinned = { edge: p.edges[0] };
    } else {
      pinned = null;
      selected = null;
      highlight(null);
    }
    showPinned();
  });

  // ------------------------------------------------------------------ folding

  function toggleFold(cluster) {
    var inside = foldedInto.get(cluster) || [];
    if (expanded.has(cluster)) {
      expanded.delete(cluster);
    } else {
      expanded.add(cluster);
      var c = network.getPosition(cluster), radius = Math.max(90, 7 * inside.length);
      nodes.update(inside.map(function (id, i) {
        var angle = 2 * Math.PI * i / inside.length - Math.PI / 2;
        var n = byId.get(id);
        n.x = c.x + radius * Math.cos(angle);
        n.y = c.y + radius * Math.sin(angle);
        return { id: id, x: n.x, y: n.y };
      }));
    }
    edges.remove(edges.getIds({ filter: function (e) { return e.proxy; } }));
    edges.add(proxies());
    refresh(false);
    if (selected) { highlight(selected); }
    if (pinned && pinned.node === cluster) { showNode(cluster); }
  }
  view.toggleFold = toggleFold;

  // ------------------------------------------------------------------ counts and filters

  var shown = document.getElementById("shown");
  function updateCounts() {
    var types = {}, relations = {}, totalTypes = {}, totalRelations = {};
    nodeData.forEach(function (n) { totalTypes[n.entityType] = (totalTypes[n.entityType] || 0) + 1; });
    edgeData.forEach(function (e) { totalRelations[e.relation] = (totalRelations[e.relation] || 0) + 1; });
    nodeView.forEach(function (n) { types[n.entityType] = (types[n.entityType] || 0) + 1; });
    edgeView.forEach(function (e) { relations[e.relation] = (relations[e.relation] || 0) + 1; });
    [["#type-filter input", "type", types, totalTypes], ["#relation-filter input", "relation", relations, totalRelations]]
      .forEach(function (kind) {
        document.querySelectorAll(kind[0]).forEach(function (box) {
          var name = box.dataset[kind[1]], count = box.parentNode.querySelector(".count");
          count.textContent = String(box.checked ? kind[2][name] || 0 : kind[3][name] || 0);
          count.classList.toggle("off", !box.checked);
          box.parentNode.hidden = !kind[3][name];
        });
      });
    var folded = nodeData.length - nodeView.length - nodeData.filter(function (n) { return hiddenTypes.has(n.entityType); }).length;
    shown.textContent = nodeView.length + " of " + nodeData.length + " entities, " + edgeView.length + " relations drawn" +
      (folded > 0 ? " (" + folded + " industries folded into their clusters: click a cluster to unfold them)" : "");
  }

  function refresh(refit) {
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
    if (refit) { fitView(); }
  }
  view.refresh = refresh;

  function toggle(hidden, value, on) {
    if (on) { hidden.delete(value); } else { hidden.add(value); }
    refresh(true);
  }
  document.querySelectorAll("#type-filter input").forEach(function (box) {
    box.addEventListener("change", function () { toggle(hiddenTypes, box.dataset.type, box.checked); });
  });
  document.querySelectorAll("#relation-filter input").forEach(function (box) {
    box.addEventListener("change", function () { toggle(hiddenRelations, box.dataset.relation, box.checked); });
  });
  document.querySelectorAll("#evidence-filter input[data-derivation]").forEach(function (box) {
    box.addEventListener("change", function () { toggle(hiddenDerivations, box.dataset.derivation, box.checked); });
  });
  var confidence = document.getElementById("min-confidence");
  if (confidence) {
    confidence.addEventListener("input", function () {
      minConfidence = parseFloat(confidence.value) || 0;
      document.getElementById("min-confidence-value").textContent = String(minConfidence);
      refresh(true);
    });
  }

  // ------------------------------------------------------------------ zoom

  function zoom(factor) {
    network.moveTo({ scale: Math.max(0.02, Math.min(5, network.getScale() * factor)), animation: false });
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.4); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1 / 1.4); });
  document.getElementById("zoom-fit").addEventListener("click", fitView);

  // ------------------------------------------------------------------ selecting an entity

  // Select an entity: its neighbours stay in colour, the rest dims (unless `keepAll`: a page opening on its own
  // entity shows all of its context); the view moves to it unless `keepScale`.
  function focusNode(id, keepScale, keepAll) {
    var n = byId.get(id);
    if (!n) { return null; }
    if (hiddenTypes.has(n.entityType)) {  // the node is filtered out: show its type again
      var box = document.querySelector('#type-filter input[data-type="' + CSS.escape(n.entityType) + '"]');
      if (box) { box.checked = true; }
      hiddenTypes.delete(n.entityType);
      refresh(false);
    }
    if (isFolded(id)) { toggleFold(foldOf.get(id)); }
    selected = id;
    pinned = { node: id };
    network.selectNodes([id]);
    highlight(keepAll ? null : id);
    if (!keepScale) { network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false }); }
    showNode(id);
    return id;
  }
  view.select = focusNode;

  // ------------------------------------------------------------------ search

  var matcher = null, entries = null;
  var input = document.getElementById("search");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-result");

  function buildMatcher() {
    entries = nodeData.map(function (n) {
      return { names: [n.name, n.labelZh].concat(n.aliases || []), id: n.id, label: n.name, zh: n.labelZh,
               type: n.entityType, link: "", order: 0 };
    });
    if (searchData) {
      searchData.entities.forEach(function (row) {
        var iri = entityIri(row);
        if (byId.has(iri)) { return; }
        entries.push({ names: [row[0], row[1]].concat(row[2]), id: null, label: row[0], zh: row[1],
                       type: searchData.types[row[3]], link: linkFrom(row[4]), order: 1 });
      });
    }
    matcher = new kgMatch.Matcher(entries, pageOptions.optional || (searchData && searchData.optional) || []);
  }

  // The entities whose names match: those on this page first within each tier; [{entry, tier, name}].
  function find(query, limit) {
    if (!matcher) { buildMatcher(); }
    return matcher.find(query, limit || 20).map(function (m) {
      var e = entries[m.entry];
      return { id: e.id, link: e.link, label: e.label, zh: e.zh, type: e.type, name: m.name, tier: m.tier };
    });
  }
  view.find = find;

  function showResults(found, query) {
    var rows = found.map(function (m) {
      var li = el("li"), target;
      if (m.id) {
        target = el("button", m.label);
        target.type = "button";
        target.addEventListener("click", function () { focusNode(m.id); results.hidden = true; });
      } else {
        target = el("a", m.label);
        target.href = m.link;
      }
      li.appendChild(target);
      if (m.zh && m.zh !== m.label) { li.appendChild(el("span", m.zh, "zh")); }
      if (m.name !== m.label && m.name !== m.zh) { li.appendChild(el("span", "(" + m.name + ")", "alias")); }
      li.appendChild(el("span", m.type + (m.id ? ", on this page" : ""), "type"));
      return li;
    });
    results.replaceChildren.apply(results, rows);
    results.hidden = !rows.length;
    status.textContent = query.trim() ? (found.length ? found.length + (found.length >= 20 ? "+" : "") + " found" : "no match") : "";
  }

  var pending = null;
  function live() {
    clearTimeout(pending);
    var query = input.value;
    if (!query.trim()) { showResults([], ""); return; }
    pending = setTimeout(function () { showResults(find(query), query); }, matcher || !searchData ? 0 : 30);
  }
  input.addEventListener("input", live);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { results.hidden = true; }
  });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var found = find(input.value);
    showResults(found, input.value);
    if (found.length && found[0].id) { focusNode(found[0].id); results.hidden = true; }
    else if (found.length) { location.href = found[0].link; }
  });
  document.addEventListener("click", function (event) {
    if (!document.getElementById("search-form").contains(event.target)) { results.hidden = true; }
  });

  // Type `query` into the search box and select the best match drawn on this page (its id, or null).
  function search(query) {
    input.value = query;
    var found = find(query);
    showResults(found, query);
    var onPage = found.filter(function (m) { return m.id; })[0];
    return onPage ? focusNode(onPage.id) : null;
  }
  view.search = search;

  // ------------------------------------------------------------------ the entity's relations, the names not drawn

  // Beside the drawing of one entity's page: its relations by kind, each with its first sentence.
  function showRelations() {
    var section = document.getElementById("relations");
    if (!focusId || !byId.has(focusId)) { section.hidden = true; return; }
    var groups = new Map();
    edgeData.forEach(function (e) {
      if (e.from !== focusId && e.to !== focusId) { return; }
      var key = (e.from === focusId ? "\u2014" + e.relation + "\u2192" : "\u2190" + e.relation + "\u2014");
      (groups.get(key) || groups.set(key, []).get(key)).push(e);
    });
    var parts = [], total = 0;
    Array.from(groups.keys()).sort().forEach(function (key) {
      var list = groups.get(key), ul = el("ul");
      total += list.length;
      parts.push(el("h3", key + " (" + list.length + ")"));
      list.sort(function (a, b) {
        var x = labelOf(a.from === focusId ? a.to : a.from), y = labelOf(b.from === focusId ? b.to : b.from);
        return x < y ? -1 : x > y ? 1 : 0;
      }).forEach(function (e) {
        var li = el("li"), other = e.from === focusId ? e.to : e.from;
        var name = el("button", labelOf(other), "relation");
        name.type = "button";
        name.addEventListener("click", function () {
          pinned = { edge: e.id };
          network.selectEdges([e.id]);
          showEdge(e.id);
        });
        li.appendChild(name);
        var first = e.evidence[0];
        if (first && first.text) {
          li.appendChild(el("q", first.text.length > 160 ? first.text.slice(0, 159) + "\u2026" : first.text));
          if (evidenceLink(first)) {
            var a = el("a", "in " + first.doc, "source");
            a.href = evidenceLink(first);
            li.appendChild(a);
          }
        } else if (first) {
          li.appendChild(el("span", " reference data", "source"));
        }
        ul.appendChild(li);
      });
      parts.push(ul);
    });
    document.getElementById("relations-list").replaceChildren.apply(document.getElementById("relations-list"), parts);
    document.getElementById("relations-count").textContent = String(total);
    section.hidden = total === 0;
  }

  var LISTED_SHOWN = 100;
  var listedFilter = document.getElementById("listed-filter");
  function norm(s) {
    return String(s || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }
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

  // A paths page lists its hops: clicking one shows its relation and evidence.
  document.querySelectorAll("#chains li[data-edge]").forEach(function (li) {
    li.addEventListener("click", function (event) {
      if (event.target.tagName === "A") { return; }
      pinned = { edge: li.dataset.edge };
      network.selectEdges([li.dataset.edge]);
      showEdge(li.dataset.edge);
    });
  });

  // ------------------------------------------------------------------ the address: #key picks an entity

  function focusKey() {
    var key = hashKey();
    var node = key && nodeData.find(function (n) { return n.key === key; });
    if (node) { focusNode(node.id); }
  }

  function start() {  // the entity the page is about selected, everything laid out and fitted
    updateCounts();
    showListed();
    showRelations();
    fitView();
    if (focusId && byId.has(focusId)) {
      focusNode(focusId, true, true);
    }
  }

  function redraw() {  // a shard page: draw the entry the address now names
    prepare(pickEntry());
    indexFolds();
    placed();
    matcher = null;
    pinned = null;
    selected = null;
    highlighted = null;
    info.replaceChildren(el("p", "Hover or click a node or an edge to see what it is and where it comes from.", "hint"));
    edges.clear();
    nodes.clear();
    nodes.add(nodeData);
    edges.add(edgeData.concat(proxies()));
    refresh(false);
    start();
  }

  start();
  if (shard) {
    window.addEventListener("hashchange", function () { if (hashKey() !== current) { redraw(); } });
  } else {
    focusKey();
    window.addEventListener("hashchange", focusKey);
  }
  view.redraw = redraw;
}());
