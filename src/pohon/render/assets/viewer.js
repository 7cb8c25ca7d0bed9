/* pohon offline viewer: pan/zoom, search, click to highlight a path, details panel, check findings.
   User text is only ever written with textContent (never innerHTML). No network access
   except, in `pohon serve`, polling the local server for a new version. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pohon-data").textContent);
  var NODES = DATA.nodes, L = DATA.labels;
  var FINDINGS = DATA.findings || null; /* null: the tree was not checked */
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
    // depth first in document order, without recursion or re-copying the stack (deep and wide trees)
    var out = [], stack = NODES[i].children.slice().reverse();
    while (stack.length) {
      var c = stack.pop(), kids = NODES[c].children;
      out.push(c);
      for (var k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
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
  /* Centre box i in the view; with `legible`, zoom in first when it is drawn too small to read. */
  function centreOn(i, legible) {
    var g = shapeOf(i);
    if (!g || !svg || !g.getBBox) return;
    var bb = g.getBBox();
    var m = g.getCTM && svg.getCTM ? svg.getCTM().inverse().multiply(g.getCTM()) : null;
    var cx = bb.x + bb.width / 2, cy = bb.y + bb.height / 2, bw = bb.width;
    if (m) { var x = m.a * cx + m.c * cy + m.e, y = m.b * cx + m.d * cy + m.f; cx = x; cy = y; bw *= Math.abs(m.a) || 1; }
    var w = vb[2], h = vb[3];
    if (legible) {
      var r = svg.getBoundingClientRect();
      var s = Math.max(vb[2] / r.width, vb[3] / r.height); /* svg units per pixel */
      if (r.width > 0 && bw / s < 150) { var k = bw / (260 * s); w *= k; h *= k; }
    }
    vb = [cx - w / 2, cy - h / 2, w, h];
    applyVB();
  }

  /* ---- selection ---- */
  function clearHighlight() {
    selected = null;
    if (svg) svg.classList.remove("focus");
    each(".hl", function (e) { e.classList.remove("hl"); });
    each(".sel", function (e) { e.classList.remove("sel"); });
    each(".finding.active", function (e) { e.classList.remove("active"); });
  }
  function mark(i, cls) {
    var g = shapeOf(i);
    if (g) g.classList.add(cls);
    var badge = cls === "hl" ? document.getElementById("fb-" + i) : null;
    if (badge) badge.classList.add(cls);
    each('[data-i="' + i + '"]', function (e) { e.classList.add(cls); });
  }
  function select(i, fromPanel) {
    clearHighlight();
    selected = i;
    if (svg) svg.classList.add("focus");
    var up = ancestors(i), down = descendants(i);
    [i].concat(up, down).forEach(function (k) { mark(k, "hl"); });
    [i].concat(down).forEach(function (k) { var e = edgeOf(k); if (e && NODES[k].parent !== null) e.classList.add("hl"); });
    up.forEach(function (k) { var e = edgeOf(k); if (e && NODES[k].parent !== null) e.classList.add("hl"); });
    var g = shapeOf(i);
    if (g) g.classList.add("sel");
    findingsOf(i).forEach(function (k, j) {
      var li = document.querySelector('#findings-list [data-f="' + k + '"]');
      if (!li) return;
      li.classList.add("hl");
      if (j === 0 && !fromPanel) showInPanel(li);
    });
    details(i);
  }
  function findingsOf(i) { return (NODES[i] && NODES[i].findings) || []; }

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
    var own = findingsOf(i);
    if (own.length) {
      body.appendChild(el("h3", null, L.render_v_findings_box + " (" + own.length + ")"));
      var fl = el("ul", "findings-list");
      own.forEach(function (k) { fl.appendChild(findingItem(FINDINGS[k], false)); });
      body.appendChild(fl);
    }
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
          [L.render_f_realisasi, ind.realisasi.map(function (p) { return p[0] + ": " + p[1]; })],
          [L.tabel_capaian, (ind.capaian || []).map(function (p) { return p[0] + ": " + p[1]; })]
        ]));
        (ind.tw || []).forEach(function (yq) { box.appendChild(trend(yq[0], yq[1])); });
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

  // the quarterly trend of one indicator in one year: target, realisation, capaian as a bar, status
  function trend(year, quarters) {
    var table = el("table", "trend");
    table.appendChild(el("caption", null, L.render_f_triwulan + " " + year));
    var head = el("tr");
    ["", L.tabel_target, L.tabel_realisasi, L.tabel_capaian, L.tabel_status].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    quarters.forEach(function (q) {
      var tr = el("tr");
      tr.appendChild(el("td", null, "TW" + q[0]));
      tr.appendChild(el("td", null, q[1]));
      tr.appendChild(el("td", null, q[2]));
      var cell = el("td", "tw-cap");
      if (q[3] !== null) {
        var bar = el("span", "tw-fill" + (q[3] >= 100 ? " ok" : " behind"));
        bar.style.width = Math.max(0, Math.min(q[3], 150)) / 1.5 + "%";
        cell.appendChild(bar);
        cell.appendChild(el("span", "tw-text", String(q[3]).replace(".", ",") + "%"));
      }
      tr.appendChild(cell);
      tr.appendChild(el("td", null, q[4]));
      table.appendChild(tr);
    });
    return table;
  }

  function indexFromTarget(t) {
    while (t && t !== document) {
      if (t.id) {
        var m = /^(?:a_)?pn-(\d+)$/.exec(t.id);
        if (m) return parseInt(m[1], 10);
      }
      if (t.getAttribute && t.getAttribute("data-i") !== null) return parseInt(t.getAttribute("data-i"), 10);
      if (t.getAttribute && t.getAttribute("data-badge") !== null) return parseInt(t.getAttribute("data-badge"), 10);
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

  /* ---- check findings: panel, badges, status ---- */
  function findingItem(f, inPanel) {
    var li = el("li", "finding sev-" + f.sev);
    var head = el("div", "fhead");
    head.appendChild(el("span", "fsev", L["sev_" + f.sev] || f.sev));
    head.appendChild(el("b", "fcode", f.code));
    if (inPanel) head.appendChild(el("span", "oid fnode", f.node || L.render_v_whole_file));
    li.appendChild(head);
    li.appendChild(el("div", "fmsg", f.message));
    if (f.hint) li.appendChild(el("div", "fhint", f.hint));
    li.appendChild(el("div", "oid floc", f.where + (f.field ? " · " + f.field : "")));
    if (inPanel && f.node && (f.i === null || f.i === undefined)) li.appendChild(el("div", "nobox", L.render_v_not_drawn));
    return li;
  }
  /* Bring box i into the current view: pan the diagram, or open and scroll the outline/table. */
  function reveal(i) {
    var view = document.querySelector(".view.active");
    if (!view || view.id === "view-diagram") { centreOn(i, true); return; }
    var target = view.querySelector('[data-i="' + i + '"]');
    if (!target) return;
    for (var p = target.parentNode; p && p !== view; p = p.parentNode) { if (p.tagName === "DETAILS") p.open = true; }
    target.scrollIntoView({ block: "center" });
  }
  /* Scroll the findings panel so that `li` shows just under its heading (when it is out of view). */
  function showInPanel(li) {
    var panel = document.getElementById("findings");
    if (!panel) return;
    var head = panel.querySelector("h2"), top = li.offsetTop - (head ? head.offsetHeight : 0) - 4;
    if (top < panel.scrollTop || li.offsetTop + li.offsetHeight > panel.scrollTop + panel.clientHeight) {
      panel.scrollTop = Math.max(0, top);
    }
  }
  function pickFinding(k) {
    var f = FINDINGS[k];
    if (f.i === null || f.i === undefined) return;
    select(f.i, true);
    reveal(f.i);
    var li = document.querySelector('#findings-list [data-f="' + k + '"]');
    if (li) { li.classList.add("active"); showInPanel(li); }
  }
  var NS = "http://www.w3.org/2000/svg";
  function svgBadge(layer, i) {
    var n = NODES[i], g = shapeOf(i);
    if (!g || !g.getBBox) return;
    var bb = g.getBBox(), label = "\u26a0 " + n.nf, h = 16, w = 12 + 7.5 * label.length;
    var b = document.createElementNS(NS, "g");
    b.setAttribute("class", "fbadge fb-" + n.fsev);
    b.setAttribute("id", "fb-" + i);
    b.setAttribute("data-badge", String(i)); /* not data-i: search marks and outline rows use that */
    var title = document.createElementNS(NS, "title");
    title.textContent = n.id + ": " + findingsOf(i).map(function (k) { return FINDINGS[k].code; }).join(", ");
    b.appendChild(title);
    var x = bb.x + bb.width - w - 6, y = bb.y - h / 2;
    var rect = document.createElementNS(NS, "rect");
    [["x", x], ["y", y], ["width", w], ["height", h], ["rx", h / 2]].forEach(function (a) { rect.setAttribute(a[0], a[1]); });
    b.appendChild(rect);
    var text = document.createElementNS(NS, "text");
    [["x", x + w / 2], ["y", y + h / 2 + 4], ["text-anchor", "middle"], ["font-size", "11"]].forEach(function (a) { text.setAttribute(a[0], a[1]); });
    text.textContent = label;
    b.appendChild(text);
    layer.appendChild(b);
  }
  function inlineBadge(i) {
    var n = NODES[i];
    each('.outline [data-i="' + i + '"], table.nodes tr[data-i="' + i + '"]', function (e) {
      var host = e.tagName === "DETAILS" ? e.querySelector("summary") : e.tagName === "TR" ? e.querySelector("td") : e;
      if (host) host.appendChild(el("span", "fb-inline fb-" + n.fsev, "\u26a0 " + n.nf));
    });
  }
  if (FINDINGS) {
    var flist = document.getElementById("findings-list");
    if (flist) {
      FINDINGS.forEach(function (f, k) {
        var li = findingItem(f, true);
        li.setAttribute("data-f", String(k));
        if (f.i !== null && f.i !== undefined) {
          li.setAttribute("role", "button");
          li.tabIndex = 0;
          li.addEventListener("click", function () { pickFinding(k); });
          li.addEventListener("keydown", function (ev) {
            if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pickFinding(k); }
          });
        }
        flist.appendChild(li);
      });
    }
    var layer = null, root = svg ? svg.querySelector("g.graph") || svg : null;
    if (root) {
      layer = document.createElementNS(NS, "g");
      layer.setAttribute("id", "fbadges");
      root.appendChild(layer);
    }
    NODES.forEach(function (n, i) {
      if (!n.nf) return;
      if (layer) svgBadge(layer, i);
      inlineBadge(i);
    });
    var status = document.getElementById("status"), panel = document.getElementById("findings");
    if (status && panel) {
      status.addEventListener("click", function () {
        var hidden = panel.classList.toggle("collapsed");
        status.setAttribute("aria-expanded", hidden ? "false" : "true");
      });
    }
  }

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
  window.pohonViewer = {
    select: select, clear: clearHighlight, search: runSearch, fit: fit, nodes: NODES, findings: FINDINGS,
    pickFinding: FINDINGS ? pickFinding : null, selected: function () { return selected; }
  };
})();
