/* pohon offline viewer: pan/zoom, search, click to highlight a path, details panel.
   User text is only ever written with textContent (never innerHTML). No network access
   except, in `pohon serve`, polling the local server for a new version. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pohon-data").textContent);
  var NODES = DATA.nodes, L = DATA.labels;
  var svg = document.querySelector("#canvas svg");
  var canvas = document.getElementById("canvas");
  var selected = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function shapeOf(i) {
    return document.getElementById("pn-" + i) || document.getElementById("a_pn-" + i);
  }
  function edgeOf(i) {
    var e = document.getElementById("pe-" + i);
    if (e) return e;
    var n = NODES[i];
    if (n.parent === null || n.parent === undefined) return null;
    var first = NODES[n.parent].children[0];
    return first !== undefined ? document.getElementById("pe-" + first) : null;
  }
  function ancestors(i) {
    var out = [], p = NODES[i].parent;
    while (p !== null && p !== undefined) { out.push(p); p = NODES[p].parent; }
    return out;
  }
  function descendants(i) {
    var out = [], stack = NODES[i].children.slice();
    while (stack.length) { var c = stack.shift(); out.push(c); stack = NODES[c].children.concat(stack); }
    return out;
  }
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }

  /* ---- pan & zoom (viewBox) ---- */
  var vb0 = null, vb = null;
  if (svg) {
    var b = svg.viewBox.baseVal;
    vb0 = [b.x, b.y, b.width, b.height];
    vb = vb0.slice();
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  }
  function applyVB() { svg.setAttribute("viewBox", vb.join(" ")); }
  function toSvg(cx, cy) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(vb[2] / r.width, vb[3] / r.height);
    var ox = (r.width * s - vb[2]) / 2, oy = (r.height * s - vb[3]) / 2;
    return [vb[0] - ox + (cx - r.left) * s, vb[1] - oy + (cy - r.top) * s, s];
  }
  function fit() { vb = vb0.slice(); applyVB(); }
  if (svg) {
    canvas.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = toSvg(ev.clientX, ev.clientY), k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
      var w = vb[2] * k, h = vb[3] * k;
      if (w < vb0[2] / 40 || w > vb0[2] * 4) return;
      vb = [p[0] - (p[0] - vb[0]) * k, p[1] - (p[1] - vb[1]) * k, w, h];
      applyVB();
    }, { passive: false });
    var drag = null;
    canvas.addEventListener("mousedown", function (ev) {
      if (ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, vb: vb.slice(), moved: false };
    });
    window.addEventListener("mousemove", function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      canvas.classList.add("dragging");
      var s = toSvg(0, 0)[2];
      vb = [drag.vb[0] - dx * s, drag.vb[1] - dy * s, vb[2], vb[3]];
      applyVB();
    });
    window.addEventListener("mouseup", function () {
      canvas.classList.remove("dragging");
      setTimeout(function () { drag = null; }, 0);
    });
  }
  function centreOn(i) {
    var g = shapeOf(i);
    if (!g || !svg || !g.getBBox) return;
    var bb = g.getBBox();
    var m = g.getCTM && svg.getCTM ? svg.getCTM().inverse().multiply(g.getCTM()) : null;
    var cx = bb.x + bb.width / 2, cy = bb.y + bb.height / 2;
    if (m) { var x = m.a * cx + m.c * cy + m.e, y = m.b * cx + m.d * cy + m.f; cx = x; cy = y; }
    vb = [cx - vb[2] / 2, cy - vb[3] / 2, vb[2], vb[3]];
    applyVB();
  }

  /* ---- selection ---- */
  function clearHighlight() {
    selected = null;
    if (svg) svg.classList.remove("focus");
    each(".hl", function (e) { e.classList.remove("hl"); });
    each(".sel", function (e) { e.classList.remove("sel"); });
  }
  function mark(i, cls) {
    var g = shapeOf(i);
    if (g) g.classList.add(cls);
    each('[data-i="' + i + '"]', function (e) { e.classList.add(cls); });
  }
  function select(i) {
    clearHighlight();
    selected = i;
    if (svg) svg.classList.add("focus");
    var up = ancestors(i), down = descendants(i);
    [i].concat(up, down).forEach(function (k) { mark(k, "hl"); });
    [i].concat(down).forEach(function (k) { var e = edgeOf(k); if (e && NODES[k].parent !== null) e.classList.add("hl"); });
    up.forEach(function (k) { var e = edgeOf(k); if (e && NODES[k].parent !== null) e.classList.add("hl"); });
    var g = shapeOf(i);
    if (g) g.classList.add("sel");
    details(i);
  }

  function dl(pairs) {
    var d = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === "" || p[1] === null || p[1] === undefined || (p[1].length === 0)) return;
      d.appendChild(el("dt", null, p[0]));
      d.appendChild(el("dd", null, Array.isArray(p[1]) ? p[1].join("; ") : p[1]));
    });
    return d;
  }
  function link(k) {
    var a = el("a", null, NODES[k].id);
    a.title = NODES[k].uraian;
    a.addEventListener("click", function () { select(k); centreOn(k); });
    return a;
  }
  function details(i) {
    var n = NODES[i], body = document.getElementById("details-body");
    body.textContent = "";
    body.appendChild(el("div", "oid", n.id));
    body.appendChild(el("div", "statement", n.uraian));
    if (n.crosscutting) body.appendChild(el("div", "cc-note", n.crosscutting));
    body.appendChild(dl([
      [L.render_f_role, n.role], [L.render_f_band, n.band], [L.render_f_component, n.komponen],
      [L.render_f_code, n.kode],
      [L.render_f_budget, n.pagu.map(function (p) { return p[0] + ": " + p[1]; })],
      [L.render_f_position, n.jabatan], [L.render_f_factor, n.faktor], [L.render_f_notes, n.catatan]
    ]));
    if (n.indikator.length) {
      body.appendChild(el("h3", null, L.render_f_indicators));
      n.indikator.forEach(function (ind) {
        var box = el("div", "ind");
        box.appendChild(el("div", null, "• " + ind.uraian));
        box.appendChild(dl([
          [L.render_f_unit, ind.satuan], [L.render_f_polarity, ind.polaritas],
          [L.render_f_targets, ind.target.map(function (p) { return p[0] + ": " + p[1]; })],
          [L.render_f_realisasi, ind.realisasi.map(function (p) { return p[0] + ": " + p[1]; })]
        ]));
        body.appendChild(box);
      });
    }
    var up = ancestors(i);
    if (up.length) {
      body.appendChild(el("h3", null, L.render_f_path));
      var p = el("div", "path");
      up.reverse().forEach(function (k, j) { if (j) p.appendChild(document.createTextNode(" › ")); p.appendChild(link(k)); });
      p.appendChild(document.createTextNode(" › " + n.id));
      body.appendChild(p);
    }
    if (n.children.length) {
      body.appendChild(el("h3", null, L.render_f_children + " (" + n.children.length + ")"));
      var ul = el("ul", "kids");
      n.children.forEach(function (k) {
        var li = el("li");
        li.appendChild(link(k));
        li.appendChild(document.createTextNode(" " + NODES[k].uraian));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
  }

  function indexFromTarget(t) {
    while (t && t !== document) {
      if (t.id) {
        var m = /^(?:a_)?pn-(\d+)$/.exec(t.id);
        if (m) return parseInt(m[1], 10);
      }
      if (t.getAttribute && t.getAttribute("data-i") !== null) return parseInt(t.getAttribute("data-i"), 10);
      t = t.parentNode;
    }
    return null;
  }
  if (svg) {
    svg.addEventListener("click", function (ev) {
      ev.preventDefault();
      if (drag && drag.moved) return;
      var i = indexFromTarget(ev.target);
      if (i === null) clearHighlight(); else select(i);
    });
  }
  each(".outline [data-i] > summary, .outline .leaf, table.nodes tr[data-i]", function (e) {
    e.addEventListener("click", function (ev) {
      var i = indexFromTarget(ev.currentTarget);
      if (i !== null) select(i);
    });
  });

  /* ---- search ---- */
  var search = document.getElementById("search"), count = document.getElementById("matches");
  function haystack(n) {
    return [n.id, n.uraian].concat(n.indikator.map(function (x) { return x.uraian; })).join("\n").toLowerCase();
  }
  var HAY = NODES.map(haystack);
  function runSearch() {
    each(".match", function (e) { e.classList.remove("match"); });
    var q = search.value.trim().toLowerCase();
    if (!q) { count.textContent = ""; return []; }
    var hits = [];
    HAY.forEach(function (h, i) { if (h.indexOf(q) >= 0) { hits.push(i); mark(i, "match"); } });
    count.textContent = DATA.matches.replace("{n}", hits.length);
    return hits;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = runSearch(); if (hits.length) { select(hits[0]); centreOn(hits[0]); } }
    if (ev.key === "Escape") { search.value = ""; runSearch(); }
  });

  /* ---- tabs, buttons ---- */
  each(".tab", function (b) {
    b.addEventListener("click", function () {
      each(".tab", function (x) { x.classList.toggle("active", x === b); });
      each(".view", function (v) { v.classList.toggle("active", v.id === "view-" + b.getAttribute("data-view")); });
    });
  });
  document.getElementById("fit").addEventListener("click", function () { if (svg) fit(); });
  document.getElementById("clear").addEventListener("click", function () { clearHighlight(); search.value = ""; runSearch(); });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("expand").addEventListener("click", function () { each(".outline details", function (d) { d.open = true; }); });
  document.getElementById("collapse").addEventListener("click", function () { each(".outline details", function (d) { d.open = false; }); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== search) { ev.preventDefault(); search.focus(); }
  });

  /* ---- live preview (pohon serve) ---- */
  if (DATA.live && DATA.live.poll) {
    var version = DATA.live.version;
    setInterval(function () {
      fetch(DATA.live.poll, { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (v) {
        if (v.trim() && v.trim() !== version) location.reload();
      }).catch(function () {});
    }, DATA.live.interval || 1000);
  }
  window.pohonViewer = { select: select, clear: clearHighlight, search: runSearch, fit: fit, nodes: NODES };
})();
