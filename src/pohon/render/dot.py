"""A ``PerformanceTree`` → deterministic Graphviz DOT source.

The DOT text is built here as a string (not through pygraphviz) so that it is byte-identical
for identical input: nodes and edges in the tree's document order, no timestamps, no version.
Every box is an HTML-like label: node id, the statement wrapped for long Indonesian sentences,
then its indicators (and targets of one year) in a smaller font. All boxes of one role share a
rank; a column of position bands (PK/SKP levels) runs down the left; the title and legend sit
on top.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

from pohon.catalogue import t
from pohon.model.roles import roles
from pohon.model.tree import Node, PerformanceTree
from pohon.model.values import format_number
from pohon.render.bands import Band, bands_for, profile_band_labels
from pohon.render.style import load_style, role_style

DIRECTIONS = ("TB", "LR")


@dataclass
class RenderOptions:
    """What a diagram shows; every field maps to a ``pohon render`` option."""

    year: int | None = None  # --tahun: show the targets of this year
    root: str | None = None  # --root: render the subtree under this id
    depth: int | None = None  # --depth: levels below the root (0 = the root alone)
    direction: str = "TB"  # --arah
    lang: str = "id"
    indicators: bool = True  # --tanpa-indikator turns this off
    style: dict | None = None  # the style table (``load_style``); None = the package default
    band_labels: dict[str, str] | None = None  # role → band label; None = from the file's profile
    title: bool = True
    legend: bool = True


@dataclass
class Selection:
    """The nodes one diagram draws, in walk order, and how many nodes each one hides."""

    nodes: list[Node]
    hidden: dict[str, int] = field(default_factory=dict)
    context: set[str] = field(default_factory=set)  # ancestors shown above a split page's subtree


def select(tree: PerformanceTree, root: str | None = None, depth: int | None = None) -> Selection:
    """Nodes under ``root`` (all trees when None), at most ``depth`` levels below it."""
    nodes: list[Node] = []
    hidden: dict[str, int] = {}
    starts = [root] if root else None
    base = tree.depth(root) if root else 0
    walk = tree.walk(root) if starts else tree.walk()
    skip_under: set[str] = set()
    for node in walk:
        parent = tree.parent(node.id)
        if parent is not None and parent.id in skip_under:
            skip_under.add(node.id)
            continue
        nodes.append(node)
        if depth is not None and tree.depth(node.id) - base >= depth:
            below = len(tree.descendants(node.id))
            if below:
                hidden[node.id] = below
                skip_under.add(node.id)
    return Selection(nodes, hidden)


def _q(name: str) -> str:
    """A DOT quoted identifier."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrap(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width=max(8, int(width)), break_long_words=False,
                          break_on_hyphens=False)
    return lines or [""]


def _lines(text: str, width: int) -> str:
    return "<BR/>".join(escape(line) for line in _wrap(text, width))


def _value(value, lang: str) -> str:
    return format_number(value) if lang == "id" else (value if isinstance(value, str) else f"{value:g}")


def indicator_lines(node: Node, year: int | None, lang: str) -> list[str]:
    """Plain-text indicator lines of a box (also used by the viewer's table)."""
    out = []
    for ind in node.indikator:
        text = ind.uraian
        if year is not None:
            val = ind.target.get(year)
            shown = "–" if val is None else _value(val, lang) + (f" {ind.satuan}" if ind.satuan else "")
            text += " — " + t("render_target", lang, tahun=year, nilai=shown)
        elif ind.satuan:
            text += f" ({ind.satuan})"
        out.append(text)
    return out


def crosscutting_text(node: Node, lang: str) -> str:
    mitra = node.data.mitra
    if mitra:
        return t("render_crosscutting_with", lang, mitra=", ".join(mitra))
    return t("render_crosscutting_nopartner", lang)


def node_label(node: Node, opts: RenderOptions, style: dict, hidden: int = 0) -> str:
    rs = role_style(style, node.role_key)
    cc = style["crosscutting"] if node.is_crosscutting else {}
    g = style["graph"]
    text_colour = cc.get("text", rs["text"])
    sub_colour = cc.get("subtext", rs["subtext"])
    wrap = int(rs["wrap"])
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{g["id_size"]}" COLOR="{sub_colour}">{escape(node.id)}</FONT></TD></TR>']
    statement = _lines(node.uraian, wrap)
    if rs.get("bold"):
        statement = f"<B>{statement}</B>"
    rows.append(f'<TR><TD><FONT POINT-SIZE="{rs["fontsize"]}" COLOR="{text_colour}">{statement}</FONT></TD></TR>')
    small = g["indicator_size"]
    extra: list[str] = []
    if opts.indicators:
        for line in indicator_lines(node, opts.year, opts.lang):
            extra.append("• " + _lines(line, int(wrap * 1.15)).replace("<BR/>", "<BR/>  "))
    if node.is_crosscutting:
        extra.append("<I>" + _lines(crosscutting_text(node, opts.lang), int(wrap * 1.15)) + "</I>")
    if hidden:
        extra.append("<I>" + escape(t("render_hidden", opts.lang, n=hidden)) + "</I>")
    if extra:
        rows.append("<HR/>")
        body = "<BR/>".join(extra)
        rows.append(f'<TR><TD><FONT POINT-SIZE="{small}" COLOR="{sub_colour}">{body}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"


def _title_label(tree: PerformanceTree, opts: RenderOptions, style: dict, role_keys: list[str]) -> str:
    g = style["graph"]
    org = tree.doc.organisasi
    name = org.singkat or org.nama
    title = escape(f"{t('render_title', opts.lang)} — {name}")
    sub = f"{t('render_period', opts.lang)} {tree.doc.periode}"
    if opts.year is not None:
        sub += " · " + t("render_target_year", opts.lang, tahun=opts.year)
    rows = [f'<TR><TD><FONT POINT-SIZE="{g["title_size"]}"><B>{title}</B></FONT></TD></TR>',
            f'<TR><TD><FONT POINT-SIZE="{g["legend_size"] + 1}" COLOR="#404040">{escape(sub)}</FONT></TD></TR>']
    if opts.legend:
        cells = [f'<TD><FONT POINT-SIZE="{g["legend_size"]}"><B>{escape(t("render_legend", opts.lang))}:</B></FONT></TD>']
        for key in role_keys:
            rs = role_style(style, key)
            name = next((r.name(opts.lang) for r in roles() if r.key == key), key)
            cells.append(f'<TD BGCOLOR="{rs["fill"]}" COLOR="{rs["border"]}" BORDER="1" STYLE="rounded">'
                         f'<FONT POINT-SIZE="{g["legend_size"]}" COLOR="{rs["text"]}"> {escape(name)} </FONT></TD>')
        cc = style["crosscutting"]
        cells.append(f'<TD BGCOLOR="{cc["fill"]}" COLOR="{cc["border"]}" BORDER="1" STYLE="{cc["style"]}">'
                     f'<FONT POINT-SIZE="{g["legend_size"]}" COLOR="{cc["text"]}"> '
                     f'{escape(t("render_crosscutting", opts.lang))} </FONT></TD>')
        legend = '<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="3"><TR>' + "".join(cells) + "</TR></TABLE>"
        rows.append(f"<TR><TD>{legend}</TD></TR>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def build_dot(tree: PerformanceTree, opts: RenderOptions | None = None, selection: Selection | None = None,
              name: str = "pohon") -> str:
    """The DOT source of a diagram of ``tree`` (or of ``selection`` of its nodes)."""
    opts = opts or RenderOptions()
    style = opts.style or load_style()
    if selection is None:
        selection = select(tree, opts.root, opts.depth)
    labels = opts.band_labels if opts.band_labels is not None else profile_band_labels(tree.doc, opts.lang)
    g = style["graph"]
    nodes = selection.nodes
    chosen = {n.id for n in nodes}
    role_keys_present = [r.key for r in roles() if any(n.role_key == r.key for n in nodes)]
    bands: list[Band] = bands_for(role_keys_present, labels)

    out: list[str] = [f"digraph {_q(name)} {{"]
    graph_attrs = {
        "rankdir": opts.direction if opts.direction in DIRECTIONS else "TB",
        "bgcolor": g["background"],
        "fontname": g["fontname"],
        "nodesep": g["nodesep"],
        "ranksep": g["ranksep"],
        "newrank": "true",
        "outputorder": "edgesfirst",
        "pad": "0.25",
    }
    out.append("  graph [" + ", ".join(f"{k}={_q(str(v))}" for k, v in graph_attrs.items()) + "];")
    if opts.title or opts.legend:
        out.append(f"  graph [labelloc=t, labeljust=c, label={_title_label(tree, opts, style, role_keys_present)}];")
    out.append(f'  node [shape=box, style="rounded,filled", fontname={_q(g["fontname"])}, margin="0.06,0.04", '
               f'height=0.3, penwidth=1.2];')
    out.append(f'  edge [arrowhead=none, color={_q(g["edge_color"])}, penwidth={g["edge_width"]}];')

    bs = style["band"]
    for band in bands:
        label = escape(band.label)
        out.append(f"  {_q('band ' + band.role_key)} [id={_q('band-' + band.role_key)}, class=\"band\", "
                   f'label=<<B>{label}</B>>, shape=box, style="filled", fillcolor={_q(bs["fill"])}, '
                   f'color={_q(bs["border"])}, fontcolor={_q(bs["text"])}, fontsize={bs["fontsize"]}, '
                   f"width={bs['width']}, height=0.5];")
    for upper, lower in zip(bands, bands[1:]):
        out.append(f"  {_q('band ' + upper.role_key)} -> {_q('band ' + lower.role_key)} [style=invis, weight=100];")

    for i, node in enumerate(nodes):
        rs = role_style(style, node.role_key)
        attrs = {
            "id": f"pn-{i}",
            "class": "pn role-" + (node.role_key or "none") + (" cc" if node.is_crosscutting else "")
                     + (" ctx" if node.id in selection.context else ""),
            "fillcolor": rs["fill"],
            "color": rs["border"],
            "width": rs["width"],
        }
        if node.is_crosscutting:
            cc = style["crosscutting"]
            attrs.update(fillcolor=cc["fill"], color=cc["border"], style=f"rounded,filled,{cc['style']}",
                         penwidth=cc["penwidth"])
        text = ", ".join(f"{k}={_q(str(v))}" for k, v in attrs.items())
        label = node_label(node, opts, style, selection.hidden.get(node.id, 0))
        out.append(f"  {_q(node.id)} [{text}, label={label}];")

    index = {n.id: i for i, n in enumerate(nodes)}
    for node in nodes:
        parent = tree.parent(node.id)
        if parent is not None and parent.id in chosen:
            out.append(f'  {_q(parent.id)} -> {_q(node.id)} [id="pe-{index[node.id]}", class="pe"];')

    for band in bands:
        members = [n.id for n in nodes if n.role_key == band.role_key]
        out.append("  { rank=same; " + "; ".join(_q(x) for x in [f"band {band.role_key}", *members]) + "; }")
    out.append("}")
    return "\n".join(out) + "\n"
