"""The offline interactive viewer: one self-contained HTML file (no CDN, no network).

The Graphviz SVG is inlined; node data travels as JSON in a ``<script type="application/json">``
block with ``<``, ``>`` and ``&`` escaped, and the viewer script writes user text only through
``textContent``. Everything else is rendered by Jinja2 with autoescaping on.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from pohon.catalogue import t, word
from pohon.model.values import format_number, format_rupiah
from pohon.render.bands import profile_band_labels
from pohon.render.dot import Selection, box_findings, clean_text, crosscutting_text, findings_text, indicator_lines
from pohon.render.style import default_style

_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)

_LABEL_KEYS = [
    "render_v_search", "render_v_diagram", "render_v_outline", "render_v_table", "render_v_details",
    "render_v_fit", "render_v_clear", "render_v_print", "render_v_hint", "render_v_expand", "render_v_collapse",
    "render_f_id", "render_f_role", "render_f_band", "render_f_statement", "render_f_indicators", "render_f_unit",
    "render_f_targets", "render_f_realisasi", "render_f_polarity", "render_f_component", "render_f_code",
    "render_f_budget", "render_f_position", "render_f_notes", "render_f_factor", "render_f_path",
    "render_f_children", "render_f_crosscutting", "render_f_parent", "render_yes",
    "render_v_findings", "render_v_findings_toggle", "render_v_findings_hint", "render_v_findings_box",
    "render_v_not_drawn", "render_v_whole_file", "sev_error", "sev_warning", "sev_info",
    "tabel_capaian", "tabel_target", "tabel_realisasi", "tabel_status", "render_f_triwulan",
]


def inline_svg(svg: bytes | str) -> str:
    """Graphviz SVG ready to sit inside HTML: no XML prolog, doctype or comments."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _XML_PROLOG.sub("", text)
    return _COMMENT.sub("", text).strip()


def _cleaned(data):
    """``data`` with every string through :func:`clean_text` (the page's data is a few levels deep)."""
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, dict):
        return {k: _cleaned(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_cleaned(v) for v in data]
    return data


def json_for_script(data) -> str:
    """JSON that cannot end a ``<script>`` element or open a comment inside it."""
    text = json.dumps(_cleaned(data), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _num(value, lang: str) -> str:
    return format_number(value) if lang == "id" else str(value)


def _components(node, lang: str) -> list[str]:
    try:
        from pohon.mapping.components import components_of
    except ImportError:  # pragma: no cover
        return []
    try:
        return [word(c.term, lang) for c in components_of(node)]
    except Exception:  # a label key missing must not break the viewer
        return [c.jenis + (f" {c.kode}" if c.kode else "") for c in components_of(node)]


def _depths(tree, nodes) -> dict[str, int]:
    """Depth of each of ``nodes`` (roots 0), each step up the tree taken once: a page of a chain
    thousands of levels deep costs as much as its number of boxes, not boxes × depth."""
    known: dict[str, int] = {}
    for node in nodes:
        path = []
        cur = node
        while cur is not None and cur.id not in known:
            path.append(cur.id)
            cur = tree.parent(cur.id)
        base = known[cur.id] + 1 if cur is not None else 0
        for k, node_id in enumerate(reversed(path)):
            known[node_id] = base + k
    return known


def node_records(tree, selection: Selection, lang: str = "id", band_labels: dict | None = None) -> list[dict]:
    """One plain record per drawn node, indexed like the DOT ids (``pn-<i>``)."""
    labels = band_labels if band_labels is not None else profile_band_labels(tree.doc, lang)
    nodes = selection.nodes
    index = {n.id: i for i, n in enumerate(nodes)}
    depths = _depths(tree, nodes)
    settings = None
    out = []
    for i, node in enumerate(nodes):
        parent = tree.parent(node.id)
        data = node.data
        indicators = []
        for k, ind in enumerate(node.indikator):
            record = {
                "uraian": ind.uraian,
                "satuan": ind.satuan or "",
                "polaritas": ind.polaritas,
                "target": [[str(y), _num(v, lang)] for y, v in sorted(ind.target.items())],
                "realisasi": [[str(y), _num(v, lang)] for y, v in sorted(ind.realisasi.items())],
                "capaian": [],
                "tw": [],
            }
            if ind.realisasi or ind.realisasi_tw:
                if settings is None:
                    from pohon.measure.settings import settings_of

                    settings = settings_of(tree.doc)
                record["capaian"], record["tw"] = _measured(tree, node, k, ind, settings, lang)
            indicators.append(record)
        out.append({
            "i": i,
            "id": node.id,
            "uraian": node.uraian,
            "role": node.role.name(lang) if node.role else "",
            "roleKey": node.role_key or "",
            "band": labels.get(node.role_key or "", ""),
            "parent": index.get(parent.id) if parent is not None else None,
            "parentId": parent.id if parent is not None else "",
            "children": [index[c.id] for c in tree.children(node.id) if c.id in index],
            "depth": depths[node.id],
            "indikator": indicators,
            "crosscutting": crosscutting_text(node, lang) if node.is_crosscutting else "",
            "komponen": _components(node, lang),
            "kode": data.kode or "",
            "pagu": [[str(y), format_rupiah(v)] for y, v in sorted(data.pagu.items())],
            "jabatan": [j.nama + (f" ({j.tingkat})" if j.tingkat else "") for j in data.jabatan],
            "faktor": data.faktor or "",
            "catatan": data.catatan or "",
            "context": node.id in selection.context,
        })
    return out


def _measured(tree, node, k: int, ind, settings, lang: str) -> tuple[list, list]:
    """Capaian per year with realisation (``[year, "98,3% (Sangat tinggi)"]``) and the quarterly
    trend per year (``[year, [[tw, target, realisasi, capaian or None, status]]]``)."""
    from pohon.measure.compute import measure_indicator
    from pohon.measure.numtext import dec_text

    capaian, quarters = [], []
    for y in sorted(set(ind.realisasi) | set(ind.realisasi_tw)):
        if y not in tree.years:
            continue
        m = measure_indicator(node, k, ind, y, tree.years, settings)
        if m.capaian is not None:
            band = (m.band.en if lang == "en" else m.band.id) if m.band else ""
            capaian.append([str(y), f"{dec_text(m.capaian)}%" + (f" ({band})" if band else "")])
        if m.quarters:
            quarters.append([str(y), [[q.tw, "" if q.target is None else _num(q.target, lang),
                                       "" if q.realisasi is None else _num(q.realisasi, lang),
                                       None if q.capaian is None else float(q.capaian), t(f"status_{q.status}", lang)]
                                      for q in m.quarters]])
    return capaian, quarters


@cache
def _asset(name: str) -> str:
    return resources.files("pohon").joinpath("render/assets", name).read_text(encoding="utf-8")


@cache
def _template():
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    text = resources.files("pohon").joinpath("templates/viewer.html.j2").read_text(encoding="utf-8")
    return env.from_string(text)


OUTLINE_NESTING = 100  # <details> nested at most this deep; deeper boxes follow their parent unnested


def _outline(records: list[dict]) -> list[tuple[str, dict | None]]:
    """The outline (``<details>``) view as a flat list of steps, roots first: ``("open", record)``
    opens a box with children, ``("leaf", record)`` is a box without, ``("close", None)`` closes the
    last open box. Built without recursion, so a chain thousands of levels deep is as easy as a
    wide tree; below ``OUTLINE_NESTING`` levels boxes are listed unnested (a browser's HTML parser
    stops nesting elements at a few hundred levels anyway)."""
    out: list[tuple[str, dict | None]] = []
    stack: list[tuple[dict | None, int]] = [(r, 0) for r in reversed(records) if r["parent"] is None]
    while stack:
        r, level = stack.pop()
        if r is None:
            out.append(("close", None))
        elif r["children"] and level < OUTLINE_NESTING:
            out.append(("open", r))
            stack.append((None, level))
            stack.extend((records[k], level + 1) for k in reversed(r["children"]))
        else:
            out.append(("leaf", r))
            stack.extend((records[k], level) for k in reversed(r["children"]))
    return out


def finding_records(findings, selection: Selection, lang: str = "id") -> list[dict]:
    """One plain record per finding, errors first, then in file order; ``i`` is the index of
    its box among the drawn nodes (None: about the whole file, or a box not on this page)."""
    index: dict[str, int] = {}
    for i, node in enumerate(selection.nodes):
        index.setdefault(node.id, i)
    out = []
    for k, d in enumerate(sorted(findings, key=lambda d: (d.severity.order, d.sort_key))):
        out.append({
            "k": k,
            "sev": d.severity.value,
            "code": d.code,
            "where": str(d.location),
            "node": d.node or "",
            "i": index.get(d.node) if d.node is not None else None,
            "field": d.path,
            "message": d.message(lang),
            "hint": d.hint(lang),
        })
    return out


def _with_findings(records: list[dict], findings: list[dict], marks: dict) -> None:
    """Each node record gets the indices of its findings and, for badges, the count and worst
    severity of its errors and warnings (as ``--temuan`` marks them)."""
    for r in records:
        r["findings"] = []
        mark = marks.get(r["id"])
        r["nf"] = mark.count if mark else 0
        r["fsev"] = mark.severity if mark else ""
    for f in findings:
        if f["i"] is not None:
            records[f["i"]]["findings"].append(f["k"])


def build_html(tree, opts, selection: Selection, svg: bytes | str, *, live: dict | None = None,
               findings: list | None = None) -> str:
    """The viewer page. ``live`` (used by ``pohon serve``): polling URL, version, diagnostics.

    ``findings``: the diagnostics of the tree's check (:class:`pohon.diagnostics.Diagnostic`),
    shown as badges on their boxes, a findings panel and a status in the bar; None (the tree was
    not checked) shows none of them.
    """
    lang = opts.lang
    labels = opts.band_labels if opts.band_labels is not None else profile_band_labels(tree.doc, lang)
    records = node_records(tree, selection, lang, labels)
    found = finding_records(findings, selection, lang) if findings is not None else None
    if found is not None:
        _with_findings(records, found, box_findings(findings))
    style = opts.style or default_style()
    org = tree.doc.organisasi
    title = f"{t('render_title', lang)} — {org.singkat or org.nama}"
    table_rows = []
    for r, node in zip(records, selection.nodes):
        table_rows.append(dict(r, lines=indicator_lines(node, opts.year, lang)))
    page = _template().render(
        lang=lang,
        title=title,
        subtitle=f"{org.nama} · {t('render_period', lang)} {tree.doc.periode}",
        svg=inline_svg(svg),
        data_json=json_for_script({"nodes": records, "labels": {k: t(k, lang) for k in _LABEL_KEYS},
                                   "matches": t("render_v_matches", lang, n="{n}"), "live": live or None,
                                   "findings": found}),
        findings=found,
        status=findings_text(findings, lang) if findings is not None else "",
        status_sev=_worst(found) if found is not None else "",
        fcolours=style["findings"],
        outline=_outline(records),
        rows=table_rows,
        L={k: t(k, lang) for k in _LABEL_KEYS},
        css=_asset("viewer.css"),
        js=_asset("viewer.js"),
        live=live,
    )
    # user text written by the template (outline, table, titles) shows control characters as
    # U+FFFD as in the diagram; JSON data carries them escaped, and no lone surrogate is left to
    # break the UTF-8 encoding of the page
    return clean_text(page)


def _worst(found: list[dict]) -> str:
    """``error``, ``warning`` or ``info`` (the worst severity found), ``ok`` when none."""
    for sev in ("error", "warning", "info"):
        if any(f["sev"] == sev for f in found):
            return sev
    return "ok"
