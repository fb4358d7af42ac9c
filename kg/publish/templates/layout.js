/* industry-kg views: node positions, computed once before the first drawing so vis-network needs no physics.

   A force-directed layout (Fruchterman and Reingold, 1991, "Graph drawing by force-directed placement"):
   linked nodes attract, nearby nodes repel, and the moves shrink as the layout cools. Repulsion is exact
   between nodes in neighbouring cells of a fine grid and approximate (each cell of a coarse grid acting as
   one body at its centre of mass) further away, so an iteration is near-linear in the number of nodes;
   a weak pull towards the centre keeps unconnected parts together. Seeded, so a page always looks the same.
   (vis-network's own physics needed 15-20 s to stabilise 2,000 nodes in headless Chromium; this takes
   well under a second.) */
var kgLayout = (function () {
  "use strict";

  var SPACING = 90;    // ideal distance between linked nodes, in vis-network's canvas units
  var FAR_CELLS = 6;   // the far field is computed on a FAR_CELLS x FAR_CELLS grid over the layout
  var GRAVITY = 0.3;

  function random(seed) {  // mulberry32: a small seeded generator
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function iterationsFor(n) {
    return Math.max(80, Math.min(300, Math.floor(200000 / Math.max(n, 1))));
  }

  // ids: node ids; links: [fromId, toId] pairs (direction ignored); pinned: an id kept at the centre (0, 0),
  // the entity a page is about, or null. Returns a Map id -> {x, y}.
  function layout(ids, links, pinned) {
    var n = ids.length;
    var index = new Map();
    ids.forEach(function (id, i) { index.set(id, i); });
    var pairs = [];
    links.forEach(function (l) {
      var a = index.get(l[0]), b = index.get(l[1]);
      if (a !== undefined && b !== undefined && a !== b) { pairs.push(a, b); }
    });
    var k = SPACING, k2 = k * k, cell = (n <= 600 ? 3 : 1.5) * k, reach2 = cell * cell;
    var side = k * Math.sqrt(n) * 1.2;
    var rand = random(7);
    var xs = new Float64Array(n), ys = new Float64Array(n), dx = new Float64Array(n), dy = new Float64Array(n);
    var degree = new Float64Array(n);
    for (var i = 0; i < n; i++) { xs[i] = (rand() - 0.5) * side; ys[i] = (rand() - 0.5) * side; }
    var pin = pinned === undefined || pinned === null ? -1 : (index.has(pinned) ? index.get(pinned) : -1);
    if (pin >= 0) { xs[pin] = 0; ys[pin] = 0; }
    for (var p = 0; p < pairs.length; p += 2) { degree[pairs[p]]++; degree[pairs[p + 1]]++; }
    // Hubs repel more (as in ForceAtlas2, by degree): their neighbours get room around them, hubs keep apart.
    var weight = new Float64Array(n);
    for (i = 0; i < n; i++) { weight[i] = Math.sqrt(1 + degree[i]); }
    var rounds = iterationsFor(n);
    var temperature = side / 8, cooling = temperature / (rounds + 1);
    var grid = new Map(), home = new Int32Array(n);
    var massCount = new Float64Array(FAR_CELLS * FAR_CELLS);
    var massX = new Float64Array(FAR_CELLS * FAR_CELLS), massY = new Float64Array(FAR_CELLS * FAR_CELLS);

    function key(cx, cy) { return (cx + 32768) * 65536 + (cy + 32768); }

    for (var round = 0; round < rounds; round++) {
      dx.fill(0); dy.fill(0);
      // near field, each pair once: within a cell, and with the four cells ahead of it
      grid.clear();
      for (i = 0; i < n; i++) {
        var c = key(Math.floor(xs[i] / cell), Math.floor(ys[i] / cell));
        var members = grid.get(c);
        if (members) { members.push(i); } else { grid.set(c, [i]); }
      }
      grid.forEach(function (members, c) {
        var cx = Math.floor(c / 65536) - 32768, cy = (c % 65536) - 32768;
        var lists = [members, grid.get(key(cx + 1, cy - 1)), grid.get(key(cx + 1, cy)),
                     grid.get(key(cx + 1, cy + 1)), grid.get(key(cx, cy + 1))];
        for (var a = 0; a < members.length; a++) {
          var m = members[a];
          for (var l = 0; l < lists.length; l++) {
            var list = lists[l];
            if (!list) { continue; }
            for (var b = (l === 0 ? a + 1 : 0); b < list.length; b++) {
              var j = list[b];
              var ddx = xs[m] - xs[j], ddy = ys[m] - ys[j], d2 = ddx * ddx + ddy * ddy;
              if (d2 >= reach2) { continue; }
              if (d2 < 1e-6) { ddx = 1; ddy = 0; d2 = 1; }  // two nodes on one spot
              var f = k2 * weight[m] * weight[j] / d2;
              dx[m] += ddx * f; dy[m] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
            }
          }
        }
      });
      // far field: every other cell of a coarse grid pushes as one body at its centre of mass
      var left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
      for (i = 0; i < n; i++) {
        left = Math.min(left, xs[i]); right = Math.max(right, xs[i]);
        top = Math.min(top, ys[i]); bottom = Math.max(bottom, ys[i]);
      }
      var size = Math.max(right - left, bottom - top, cell) / FAR_CELLS + 1e-6;
      massCount.fill(0); massX.fill(0); massY.fill(0);
      for (i = 0; i < n; i++) {
        var gx = Math.min(FAR_CELLS - 1, Math.floor((xs[i] - left) / size));
        var gy = Math.min(FAR_CELLS - 1, Math.floor((ys[i] - top) / size));
        home[i] = gx * FAR_CELLS + gy;
        massCount[home[i]] += weight[i]; massX[home[i]] += xs[i] * weight[i]; massY[home[i]] += ys[i] * weight[i];
      }
      var bodies = [];
      for (var g = 0; g < massCount.length; g++) {
        if (massCount[g]) { bodies.push(g, massCount[g], massX[g] / massCount[g], massY[g] / massCount[g]); }
      }
      for (i = 0; i < n; i++) {
        for (var q = 0; q < bodies.length; q += 4) {
          if (bodies[q] === home[i]) { continue; }
          var bx = xs[i] - bodies[q + 2], by = ys[i] - bodies[q + 3];
          var e2 = Math.max(bx * bx + by * by, reach2), fb = k2 * weight[i] * bodies[q + 1] / e2;
          dx[i] += bx * fb; dy[i] += by * fb;
        }
      }
      // attraction along links
      for (p = 0; p < pairs.length; p += 2) {
        var s = pairs[p], t = pairs[p + 1];
        var lx = xs[s] - xs[t], ly = ys[s] - ys[t], d = Math.sqrt(lx * lx + ly * ly) || 1e-3, fa = d / k;
        dx[s] -= lx * fa; dy[s] -= ly * fa; dx[t] += lx * fa; dy[t] += ly * fa;
      }
      // move, at most as far as the temperature allows
      for (i = 0; i < n; i++) {
        if (i === pin) { continue; }
        var pull = GRAVITY * weight[i];
        var fx = dx[i] - pull * xs[i], fy = dy[i] - pull * ys[i];
        var length = Math.sqrt(fx * fx + fy * fy);
        if (length > 0) {
          var step = Math.min(length, temperature);
          xs[i] += fx / length * step; ys[i] += fy / length * step;
        }
      }
      temperature = Math.max(temperature - cooling, k / 20);
    }
    var positions = new Map();
    ids.forEach(function (id, i) { positions.set(id, { x: xs[i], y: ys[i] }); });
    return positions;
  }

  return layout;
}());
