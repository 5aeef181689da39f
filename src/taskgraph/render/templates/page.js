// The page's script: draws the network from positions computed in Python (no physics, so the
// first frame is the final picture), labels nodes without overlap, colours by the chosen mode,
// filters by kind and section, and shows tooltips. Every text from the data goes on the page
// through textContent, never innerHTML: names in a plan can hold markup.
(function () {
  "use strict";
  var P = JSON.parse(document.getElementById("taskgraph-data").textContent);
  window.taskgraph = { settled: false, labelsDrawn: 0 };
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  document.title = P.title;
  $("page-title").textContent = P.title;
  $("page-subtitle").textContent = P.subtitle;

  var N = P.nodes.length;
  var FONT = "TaskgraphCJK, sans-serif";
  var LABEL_PX = { section: 13, leader: 13, unit: 12, group: 12, collective: 12, task: 11 };
  var BIG = P.edges.length > 4000 || N > 3000;
  var X = new Float64Array(N), Y = new Float64Array(N);
  P.nodes.forEach(function (n, i) { X[i] = n.x; Y[i] = n.y; });
  var TYPES = {};
  P.types.forEach(function (t) { TYPES[t.kind] = t; });
  var modeIndex = 0;
  var section = P.sections.length ? P.defaultSection : -1;
  var hiddenKinds = {};
  var visible = new Uint8Array(N);
  var hoverId = null;

  // --- colours ------------------------------------------------------------------------------
  function shade(hex, f) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.round(((v >> 16) & 255) * f), g = Math.round(((v >> 8) & 255) * f), b = Math.round((v & 255) * f);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  function colourOf(i) {
    var n = P.nodes[i];
    if (n.c && P.modes.length) return P.modes[modeIndex].legend[n.c[modeIndex]].color;
    return TYPES[n.kind].color;
  }
  function visColour(c) {
    var border = shade(c, 0.7);
    return { background: c, border: border, highlight: { background: c, border: "#111" }, hover: { background: c, border: "#111" } };
  }
  function visNode(i) {
    var n = P.nodes[i];
    return { id: i, x: X[i], y: Y[i], size: n.size, shape: TYPES[n.kind].shape, color: visColour(colourOf(i)) };
  }

  // --- filters and sections -----------------------------------------------------------------
  function shown(i) {
    var n = P.nodes[i];
    if (hiddenKinds[n.kind]) return false;
    if (section >= 0 && (!n.sec || n.sec.indexOf(section) < 0)) return false;
    return true;
  }
  function refreshVisible() {
    var count = 0;
    for (var i = 0; i < N; i++) { visible[i] = shown(i) ? 1 : 0; count += visible[i]; }
    $("status").textContent = count + " of " + N + " nodes shown";
  }
  function applyLayout() {
    // Each section has its own layout; "all" uses the whole view's, clustered by section.
    var L = section >= 0 ? P.layouts[String(section)] : null;
    P.nodes.forEach(function (n, i) { X[i] = n.x; Y[i] = n.y; });
    if (L) for (var k = 0; k < L.length; k += 3) { X[L[k]] = L[k + 1]; Y[L[k]] = L[k + 2]; }
  }
  applyLayout();
  refreshVisible();

  var nodes = new vis.DataSet(P.nodes.map(function (n, i) { return visNode(i); }));
  var edges = new vis.DataSet(P.edges.map(function (e, k) {
    var edge = { id: k, from: e[0], to: e[1], width: e[2], color: { color: P.edgeRoles[e[3]].color, highlight: "#2d3436", hover: "#2d3436" } };
    if (P.directed) edge.arrows = { to: { enabled: true, scaleFactor: 0.55 } };
    return edge;
  }));
  var view = new vis.DataView(nodes, { filter: function (item) { return visible[item.id] === 1; } });
  var container = $("graph");
  var options = {
    physics: false,
    layout: { improvedLayout: false },
    nodes: { borderWidth: 1, borderWidthSelected: 3 },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5 },
    interaction: { hover: true, multiselect: true, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, keyboard: false }
  };
  var network = new vis.Network(container, { nodes: view, edges: edges }, options);
  function fit() {
    // vis-network's fit() never zooms past 1 and ignores labels: fit the shown nodes, with
    // room for labels around them.
    var w = container.clientWidth, h = container.clientHeight;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = 0; i < N; i++) {
      if (!visible[i]) continue;
      var r = P.nodes[i].size;
      x0 = Math.min(x0, X[i] - r); x1 = Math.max(x1, X[i] + r);
      y0 = Math.min(y0, Y[i] - r); y1 = Math.max(y1, Y[i] + r);
    }
    if (!isFinite(x0) || !w || !h) return;
    var scale = Math.min((w - 160) / Math.max(x1 - x0, 1), (h - 60) / Math.max(y1 - y0, 1), 1.6);
    scale = Math.max(scale, 0.005);
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 + 10 / scale }, scale: scale, animation: false });
  }
  fit();

  // --- labels: largest first, none over another, more as one zooms in ------------------------
  var widths = new Float32Array(N).fill(-1);
  function labelFont(kind) {
    return (kind === "section" || kind === "leader" ? "bold " : "") + LABEL_PX[kind] + "px " + FONT;
  }
  network.on("afterDrawing", function (ctx) {
    var canvas = ctx.canvas;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    if (!w || !h) return;
    var ratio = canvas.width / w;
    var scale = network.getScale(), vp = network.getViewPosition();
    var selected = network.getSelectedNodes();
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var CELL = 48, cells = new Map(), seen = new Uint8Array(N), count = 0;
    // A box is [x0, y0, x1, y1, disc]; the first few labels may lie over discs, never over labels.
    function hits(x0, y0, x1, y1, add, disc) {
      for (var cx = Math.floor(x0 / CELL); cx <= Math.floor(x1 / CELL); cx++) {
        for (var cy = Math.floor(y0 / CELL); cy <= Math.floor(y1 / CELL); cy++) {
          var key = cx * 100003 + cy, list = cells.get(key);
          if (add) { if (!list) cells.set(key, list = []); list.push([x0, y0, x1, y1, disc]); continue; }
          if (list) for (var k = 0; k < list.length; k++) {
            var b = list[k];
            if (disc && b[4]) continue;
            if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) return true;
          }
        }
      }
      return false;
    }
    var font = null;
    function draw(i, force) {
      if (seen[i] || !visible[i]) return;
      seen[i] = 1;
      var n = P.nodes[i];
      var sx = (X[i] - vp.x) * scale + w / 2, sy = (Y[i] - vp.y) * scale + h / 2;
      var r = n.size * scale;
      if (sx < -200 || sx > w + 200 || sy < -40 || sy > h + 40) return;
      // Zoomed far out on a large graph, only the first few dots of a pixel get a name.
      if (!force && r < 2 && count >= 40) return;
      var f = labelFont(n.kind);
      if (f !== font) { ctx.font = font = f; }
      if (widths[i] < 0) widths[i] = ctx.measureText(n.label).width;
      // Below the node, else above, right or left of it: the first place that is free.
      var px = LABEL_PX[n.kind], tw = widths[i] + 4, th = px + 2, box = null;
      var places = [[sx - tw / 2, sy + r + 1], [sx - tw / 2, sy - r - th - 1], [sx + r + 3, sy - th / 2], [sx - r - 3 - tw, sy - th / 2]];
      for (var q = 0; q < (force ? 1 : places.length); q++) {
        var b = [places[q][0], places[q][1], places[q][0] + tw, places[q][1] + th];
        if (force || !hits(b[0], b[1], b[2], b[3], false, count < 12)) { box = b; break; }
      }
      if (!box) return;
      hits(box[0], box[1], box[2], box[3], true, false);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      var tx = (box[0] + box[2]) / 2, ty = box[1] + 1;
      ctx.strokeText(n.label, tx, ty);
      ctx.fillStyle = n.kind === "task" ? "#57606f" : "#1e272e";
      ctx.fillText(n.label, tx, ty);
      count++;
    }
    // The discs of the larger nodes are kept clear of labels too.
    for (var d = 0; d < N; d++) {
      if (!visible[d]) continue;
      var rr = P.nodes[d].size * scale;
      if (rr < 7) continue;
      var dx = (X[d] - vp.x) * scale + w / 2, dy = (Y[d] - vp.y) * scale + h / 2;
      if (dx < -rr || dx > w + rr || dy < -rr || dy > h + rr) continue;
      hits(dx - rr * 0.8, dy - rr * 0.8, dx + rr * 0.8, dy + rr * 0.8, true, true);
    }
    if (hoverId !== null) draw(hoverId, true);
    selected.forEach(function (i) { draw(i, true); });
    for (var k = 0; k < P.labelOrder.length && count < 600; k++) draw(P.labelOrder[k], false);
    ctx.restore();
    window.taskgraph.labelsDrawn = count;
  });
  // --- tooltips and details -------------------------------------------------------------------
  function fillTip(box, i) {
    box.textContent = "";
    P.nodes[i].tip.forEach(function (line, k) {
      if (typeof line === "string") { box.appendChild(el("div", k === 0 ? "head" : "", line)); return; }
      var g = P.glossary[line[0]] || { label: line[0], zh: "", definition: "" };
      box.appendChild(el("div", "", g.label + (g.zh ? " " + g.zh : "") + ": " + line[1]));
      if (g.definition) box.appendChild(el("div", "def", g.definition));
    });
  }
  function tipText(i) {
    var box = el("div");
    fillTip(box, i);
    return Array.prototype.map.call(box.childNodes, function (c) { return c.textContent; }).join("\n");
  }
  // vis-network empties its container when it starts: the tooltip goes in afterwards.
  var tip = el("div", "tg-tooltip");
  tip.id = "tooltip";
  tip.hidden = true;
  container.appendChild(tip);
  function place(pointer) {
    tip.hidden = false;
    var w = container.clientWidth, h = container.clientHeight;
    var x = pointer.x + 14, y = pointer.y + 14;
    if (x + tip.offsetWidth > w) x = Math.max(0, pointer.x - 14 - tip.offsetWidth);
    if (y + tip.offsetHeight > h) y = Math.max(0, h - tip.offsetHeight);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) { hoverId = p.node; fillTip(tip, p.node); place(p.pointer.DOM); });
  network.on("blurNode", function () { hoverId = null; hideTip(); });
  network.on("hoverEdge", function (p) {
    var e = P.edges[p.edge];
    if (!e) return;
    var a = P.nodes[e[0]].label, b = P.nodes[e[1]].label;
    var what = P.view === "full" ? P.edgeRoles[e[3]].label : e[4] + (P.view === "units" ? " shared tasks" : " tasks");
    tip.textContent = "";
    tip.appendChild(el("div", "head", a + (P.directed ? " → " : " — ") + b));
    tip.appendChild(el("div", "", what));
    place(p.pointer.DOM);
  });
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  function show(i) { fillTip($("details"), i); }
  network.on("click", function (p) { if (p.nodes.length) show(p.nodes[0]); });
  function keepPositions(p) {
    if (!p.nodes.length) return;
    var at = network.getPositions(p.nodes);
    p.nodes.forEach(function (i) { X[i] = at[i].x; Y[i] = at[i].y; });
  }
  network.on("dragging", keepPositions);
  network.on("dragEnd", keepPositions);

  // --- legend ---------------------------------------------------------------------------------
  var GLYPH = { star: "★", diamond: "◆", hexagon: "⬢", square: "■", dot: "●" };
  function legendRow(color, text, shape, ids) {
    var row = el("div", "legend-item");
    var sw = el("span", shape && shape !== "dot" ? "glyph" : "swatch", shape && shape !== "dot" ? GLYPH[shape] : undefined);
    if (shape && shape !== "dot") sw.style.color = color; else sw.style.background = color;
    row.appendChild(sw);
    row.appendChild(document.createTextNode(text));
    if (ids) row.addEventListener("click", function () { network.selectNodes(ids.filter(function (i) { return visible[i]; })); network.redraw(); });
    return row;
  }
  function idsWhere(test) { var out = []; for (var i = 0; i < N; i++) if (test(P.nodes[i])) out.push(i); return out; }
  function renderLegend() {
    var box = $("legend");
    box.textContent = "";
    if (P.modes.length) {
      var mode = P.modes[modeIndex];
      box.appendChild(el("h2", "", "Colour: " + mode.label));
      mode.legend.forEach(function (item, k) {
        var row = legendRow(item.color, item.label + " (" + item.count + ")", null,
          idsWhere(function (n) { return n.c && n.c[modeIndex] === k; }));
        var fns = item.functions || [];
        if (fns.length) {
          var more = fns.length > 8 ? " … and " + (fns.length - 8) + " more (see the function colouring)" : "";
          row.appendChild(el("span", "functions", fns.slice(0, 8).join(", ") + more));
        }
        box.appendChild(row);
      });
    }
    box.appendChild(el("h2", "", "Nodes"));
    P.types.forEach(function (t) {
      var color = t.coloured && P.modes.length ? "#bbb" : t.color;
      box.appendChild(legendRow(color, t.label + " (" + t.count + ")" + (t.coloured && P.modes.length ? ", coloured by " + P.modes[modeIndex].label : ""), t.shape,
        idsWhere(function (n) { return n.kind === t.kind; })));
    });
    var g = P.glossary[P.sizeBy];
    box.appendChild(el("h2", "", "Size"));
    if (P.sizeBy === "degree") {
      box.appendChild(el("div", "note", "Node area: degree, the number of ties in this view" + (P.view === "full" ? " (tasks and sections drawn at a fixed size)" : "") + "."));
    } else {
      box.appendChild(el("div", "note", "Node area: " + (g ? g.label + (g.zh ? " " + g.zh : "") : P.sizeBy) + "."));
      if (g && g.definition) box.appendChild(el("div", "note", g.definition));
    }
    if (P.roleUsed.length) {
      box.appendChild(el("h2", "", "Edges"));
      P.roleUsed.forEach(function (k) {
        var row = el("div", "legend-item");
        var line = el("span", "line");
        line.style.borderTopColor = P.edgeRoles[k].color;
        row.appendChild(line);
        row.appendChild(document.createTextNode(P.edgeRoles[k].label));
        box.appendChild(row);
      });
    } else if (P.view !== "full") {
      box.appendChild(el("div", "note", "Edge width: " + (P.view === "units" ? "shared tasks." : "tasks.")));
    }
    box.appendChild(el("div", "note", "Labels: the largest nodes first, never one over another; zoom in for more."));
  }
  function setMode(k) {
    modeIndex = k;
    var updates = [];
    for (var i = 0; i < N; i++) if (P.nodes[i].c) updates.push({ id: i, color: visColour(colourOf(i)) });
    nodes.update(updates);
    renderLegend();
    var radios = document.querySelectorAll("input[name=colour]");
    for (var r = 0; r < radios.length; r++) radios[r].checked = Number(radios[r].value) === k;
  }
  var modes = $("colour-modes");
  if (P.modes.length) {
    modes.appendChild(document.createTextNode("Colour: "));
    P.modes.forEach(function (m, k) {
      var label = el("label");
      var radio = el("input");
      radio.type = "radio"; radio.name = "colour"; radio.value = String(k); radio.checked = k === 0;
      radio.dataset.mode = m.key;
      radio.addEventListener("change", function () { if (radio.checked) setMode(k); });
      label.appendChild(radio);
      label.appendChild(document.createTextNode(" " + m.label + " "));
      modes.appendChild(label);
    });
  }
  renderLegend();

  // --- kind filter, section selector ----------------------------------------------------------
  function refresh() { refreshVisible(); view.refresh(); }
  P.types.forEach(function (t) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.kind = t.kind;
    box.addEventListener("change", function () { hiddenKinds[t.kind] = !box.checked; refresh(); });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + t.label));
    $("kinds").appendChild(label);
    $("kinds").appendChild(document.createTextNode(" "));
  });
  var select = $("section");
  function setSection(k) {
    section = k;
    select.value = String(k);
    applyLayout();
    var moved = [];
    for (var i = 0; i < N; i++) moved.push({ id: i, x: X[i], y: Y[i] });
    nodes.update(moved);
    refresh();
    fit();
  }
  if (P.sections.length) {
    var all = el("option", "", "(all sections, clustered by section)");
    all.value = "-1";
    select.appendChild(all);
    P.sections.forEach(function (s, k) {
      var opt = el("option", "", (s.depth ? "\u3000" : "") + s.label + " (" + s.tasks + ")");
      opt.value = String(k);
      select.appendChild(opt);
    });
    select.value = String(section);
    select.addEventListener("change", function () { setSection(Number(select.value)); });
  } else {
    $("section-box").style.display = "none";
  }
  $("fit").addEventListener("click", fit);

  // --- search ---------------------------------------------------------------------------------
  var list = $("labels"), byLabel = {};
  P.nodes.forEach(function (n, i) {
    if (byLabel[n.label] !== undefined) return;
    byLabel[n.label] = i;
    list.appendChild(el("option")).value = n.label;
  });
  function find() {
    var q = $("search").value.trim();
    if (!q) return;
    var id = byLabel[q];
    if (id === undefined) {
      for (var i = 0; i < N; i++) if (P.nodes[i].label.indexOf(q) >= 0) { id = i; break; }
    }
    if (id === undefined) { $("status").textContent = "not found: " + q; return; }
    if (!visible[id]) {
      // Show what was asked for: its kind back on, and all sections if its own is not shown.
      var kind = P.nodes[id].kind;
      hiddenKinds[kind] = false;
      var box = document.querySelector("input[data-kind=" + kind + "]");
      if (box) box.checked = true;
      if (!shown(id)) setSection(-1); else refresh();
    }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    show(id);
  }
  $("search-go").addEventListener("click", find);
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") find(); });
  window.addEventListener("beforeprint", function () { network.redraw(); });

  Object.assign(window.taskgraph, {
    data: P, nodes: P.nodes, edges: P.edges, network: network, view: view, settled: true,
    setMode: setMode, setSection: setSection, tooltipText: tipText,
    section: function () { return section; },
    domPosition: function (i) { return network.canvasToDOM({ x: X[i], y: Y[i] }); },
    indexOf: function (label) { return byLabel[label]; }
  });
})();
