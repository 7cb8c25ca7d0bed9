"""A ``PerformanceTree`` → deterministic Graphviz DOT source.

The DOT text is built here as a string (not through pygraphviz) so that it is byte-identical
for identical input: nodes and edges in the tree's document order, no timestamps, no version.
Every box is an HTML-like label: node id, the statement wrapped for long Indonesian sentences,
then its indicators (and targets of one year) in a smaller font. All boxes of one role share a
rank; a column of position bands (PK/SKP levels) runs down the left; the title and legend sit
on top.
"""

from __future__ import annotations

import weakref

from pohon.catalogue import t
from pohon.diagnostics import Severity, count
from pohon.frozen import Frozen
from pohon.model.roles import roles
from pohon.model.tree import Node, PerformanceTree
from pohon.model.values import format_number
from pohon.render.bands import Band, bands_for, profile_band_labels
from pohon.render.style import default_style, role_style

DIRECTIONS = ("TB", "LR")
MAX_TEXT = 1000  # characters of one text drawn in a box (statement, indicator, partner); more ends in "…"
MAX_LINES = 40  # indicator lines drawn in one box; more end in "…"
MAX_NAME = 100  # characters of an id used as it is for a Graphviz node name

# What never reaches Graphviz: C0/C1 control characters (tab, line feed and carriage return are
# whitespace and only separate words), surrogates and Unicode noncharacters. Graphviz rejects a
# NUL, silently draws an empty box for the others, and XML (SVG) cannot hold them. None of them
# is printable (``str.isprintable``), so most texts never need the pattern: it is compiled when
# first needed.
_BAD_CHARS = ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
              + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000)) + "]")
_bad_pattern = None


def _bad():
    global _bad_pattern
    if _bad_pattern is None:
        import re

        _bad_pattern = re.compile(_BAD_CHARS)
    return _bad_pattern


def escape(text: str) -> str:
    """``html.escape(text)`` (``& < > " '``), without importing :mod:`html` and its entity table."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


REPLACEMENT = "\ufffd"  # shown instead (DejaVu has a glyph for it; the control pictures it lacks)


_OPTION_DEFAULTS = {  # field → default; the order is the positional order
    "year": None,  # --tahun: show the targets of this year
    "root": None,  # --root: render the subtree under this id
    "depth": None,  # --depth: levels below the root (0 = the root alone)
    "direction": "TB",  # --arah
    "lang": "id",
    "indicators": True,  # --tanpa-indikator turns this off
    "style": None,  # the style table (``load_style``); None = the package default
    "band_labels": None,  # role → band label; None = from the file's profile
    "title": True,
    "legend": True,
    "interactive": False,  # for the HTML viewer: stacked boxes get ids and links
    "mark_findings": False,  # --temuan: boxes with check findings get a coloured border and label
    "capaian": None,  # --capaian: a pohon.render.capaian.CapaianView (fill by category, capaian per indicator)
}


class RenderOptions:
    """What a diagram shows; every field maps to a ``pohon render`` option.

    A plain class rather than a dataclass (each of those costs ~0.5 ms to define at import, on
    every ``pohon render``); :meth:`replace` makes a changed copy.
    """

    __slots__ = tuple(_OPTION_DEFAULTS)
    year: int | None
    root: str | None
    depth: int | None
    direction: str
    lang: str
    indicators: bool
    style: dict | None
    band_labels: dict[str, str] | None
    title: bool
    legend: bool
    interactive: bool
    mark_findings: bool
    capaian: object

    def __init__(self, *args, **kwargs) -> None:
        if len(args) > len(_OPTION_DEFAULTS):
            raise TypeError(f"RenderOptions takes at most {len(_OPTION_DEFAULTS)} positional arguments")
        values = dict(_OPTION_DEFAULTS)
        for name, value in zip(_OPTION_DEFAULTS, args):
            values[name] = value
        for name, value in kwargs.items():
            if name not in values:
                raise TypeError(f"RenderOptions got an unexpected keyword argument {name!r}")
            if name in list(_OPTION_DEFAULTS)[:len(args)]:
                raise TypeError(f"RenderOptions got multiple values for argument {name!r}")
            values[name] = value
        for name, value in values.items():
            setattr(self, name, value)

    def replace(self, **changes) -> RenderOptions:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        return RenderOptions(**{**{n: getattr(self, n) for n in _OPTION_DEFAULTS}, **changes})

    def __eq__(self, other) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _OPTION_DEFAULTS)

    __hash__ = None  # mutable, like the dataclass it was

    def __repr__(self) -> str:
        return "RenderOptions(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in _OPTION_DEFAULTS) + ")"


class Selection:
    """The nodes one diagram draws, in walk order, and how many nodes each one hides."""

    __slots__ = ("nodes", "hidden", "context")

    def __init__(self, nodes: list[Node], hidden: dict[str, int] | None = None, context: set[str] | None = None):
        self.nodes = nodes
        self.hidden = {} if hidden is None else hidden
        self.context = set() if context is None else context  # ancestors shown above a split page's subtree

    def __repr__(self) -> str:
        return f"Selection(nodes={self.nodes!r}, hidden={self.hidden!r}, context={self.context!r})"


class BoxFindings(Frozen):
    """What the check findings of one box come to: the worst severity, how many, which rules."""

    __slots__ = ("severity", "count", "codes")

    def __init__(self, severity: str, count: int, codes: tuple[str, ...]) -> None:
        object.__setattr__(self, "severity", severity)  # "error" or "warning"
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "codes", codes)  # sorted, each once


def box_findings(findings) -> dict[str, BoxFindings]:
    """Node id → its errors and warnings (info is advice: it marks no box)."""
    grouped: dict[str, list] = {}
    for d in findings or ():
        if d.node is not None and d.severity is not Severity.INFO:
            grouped.setdefault(d.node, []).append(d)
    return {node_id: BoxFindings(min(ds, key=lambda d: d.severity.order).severity.value, len(ds),
                                 tuple(sorted({d.code for d in ds})))
            for node_id, ds in grouped.items()}


def findings_text(findings, lang: str) -> str:
    """``3 kesalahan, 5 peringatan`` (or ``Tidak ada temuan``) for a list of diagnostics."""
    c = count(list(findings or ()))
    parts = []
    for sev in ("error", "warning", "info"):
        n = c[sev]
        if n:
            parts.append(t(f"render_count_{sev}" + ("_1" if n == 1 else ""), lang, n=n))
    return ", ".join(parts) if parts else t("render_findings_none", lang)


def _findings_tag(marks: BoxFindings, style: dict) -> str:
    """The text of a box's findings label: ``⚠ 2 · M004, M005``."""
    most = int(style["findings"]["max_codes"])
    codes = ", ".join(marks.codes[:most]) + (", …" if len(marks.codes) > most else "")
    return f"⚠ {marks.count} · {codes}"


_SIZES: "weakref.WeakKeyDictionary[PerformanceTree, dict[str, int]]" = weakref.WeakKeyDictionary()


def subtree_sizes(tree: PerformanceTree) -> dict[str, int]:
    """Node id → number of nodes below it (computed once per tree)."""
    sizes = _SIZES.get(tree)
    if sizes is None:
        sizes = {}
        for node in reversed(list(tree.walk())):  # children before their parent
            sizes[node.id] = sum(1 + sizes[c.id] for c in tree.children(node.id))
        _SIZES[tree] = sizes
    return sizes


def select(tree: PerformanceTree, root: str | None = None, depth: int | None = None) -> Selection:
    """Nodes under ``root`` (all trees when None), at most ``depth`` levels below it.

    A node whose children are cut off records how many nodes it hides (``Selection.hidden``).
    Only the kept part of the tree is visited.
    """
    if depth is None:
        return Selection(list(tree.walk(root)) if root else list(tree.walk()))
    starts = [root] if root else [n.id for n in tree if tree.parent(n.id) is None]
    sizes = subtree_sizes(tree)
    nodes: list[Node] = []
    hidden: dict[str, int] = {}
    stack = [(s, 0) for s in reversed(starts)]
    while stack:
        node_id, level = stack.pop()
        nodes.append(tree.node(node_id))
        if level >= depth:
            if sizes.get(node_id):
                hidden[node_id] = sizes[node_id]
            continue
        stack.extend((c.id, level + 1) for c in reversed(tree.children(node_id)))
    return Selection(nodes, hidden)


def _q(name: str) -> str:
    """A DOT quoted identifier."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def clean_text(text) -> str:
    """User text as Graphviz may draw it: every character that it cannot (see ``_BAD_CHARS``) becomes
    a visible U+FFFD, so the box shows that something is there instead of going blank."""
    text = text if isinstance(text, str) else str(text)
    if text.isprintable():  # the common case, checked in C: nothing of ``_BAD_CHARS`` is printable
        return text
    bad = _bad()
    return bad.sub(REPLACEMENT, text) if bad.search(text) else text


def _short(text, limit: int = MAX_NAME) -> str:
    from pohon.textsafe import clip

    return clip(clean_text(text), limit)


def _nid(node_id: str) -> str:
    """The Graphviz node name of a box: its id, unless the id is too long or holds characters that
    Graphviz cannot take; then a name no id can have (ids hold no spaces) with a digest of the id."""
    if len(node_id) <= MAX_NAME and (node_id.isprintable() or not _bad().search(node_id)):
        return node_id
    import hashlib

    digest = hashlib.sha256(node_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"node {clean_text(node_id[:40])} {digest}"


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap; a fast equivalent of ``textwrap.wrap``, on :func:`clean_text`.

    A word longer than a line is cut into pieces of a line each (Graphviz cannot take a text run
    of more than 16 KB), and a text longer than ``MAX_TEXT`` characters is cut with "…".
    """
    width = max(8, int(width))
    text = clean_text(text)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT - 1] + "…"
    words = text.split()
    if len(text) <= width:  # one line (no word, nor the words joined by one space, is longer)
        return [" ".join(words)] if words else [""]
    # Greedy, a line at a time: on the text with single spaces, a line ends at the last space
    # within ``width`` characters of its start (the words that fit, as adding them one by one).
    text = " ".join(words)
    n = len(text)
    lines: list[str] = []
    pos = 0
    while n - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut > pos:
            lines.append(text[pos:cut])
            pos = cut + 1
            continue
        # the line starts with a word longer than a line: pieces of a line each; what is left
        # of it (if anything) starts the next line
        end = text.find(" ", pos)
        if end < 0:
            end = n
        while end - pos > width:
            lines.append(text[pos:pos + width])
            pos += width
        if pos == end:
            pos += 1  # nothing left of the word: the next line starts with the next word
    if pos < n:
        lines.append(text[pos:])
    return lines or [""]


def _lines(text: str, width: int) -> str:
    # the wrapped lines hold no line feed (it separates words): escape them in one go
    return escape("\n".join(_wrap(text, width))).replace("\n", "<BR/>")


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


def _content(node: Node, opts: RenderOptions, style: dict, hidden: int = 0, marks: BoxFindings | None = None) -> str:
    """The inner table of a box: id, (findings,) statement, then indicators / crosscutting / hidden count."""
    rs = role_style(style, node.role_key)
    cc = style["crosscutting"] if node.is_crosscutting else {}
    g = style["graph"]
    text_colour = cc.get("text", rs["text"])
    sub_colour = cc.get("subtext", rs["subtext"])
    if opts.capaian is not None and node.id in opts.capaian.fill:  # dark text on the light category fill
        text_colour, sub_colour = style["capaian"]["text"], style["capaian"]["subtext"]
    wrap = int(rs["wrap"])
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{g["id_size"]}" COLOR="{sub_colour}">{_lines(node.id, 40)}</FONT></TD></TR>']
    if marks is not None:
        fs = style["findings"]
        ms = fs[marks.severity]
        rows.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{ms["fill"]}"><FONT POINT-SIZE="{fs["fontsize"]}" '
                    f'COLOR="{ms["text"]}"><B>{escape(_findings_tag(marks, style))}</B></FONT></TD></TR>')
    # one row per line: Graphviz spaces <BR/>-separated lines of a large or bold font too tightly
    bold = bool(rs.get("bold"))
    for line in _wrap(node.uraian, wrap):
        text = f"<B>{escape(line)}</B>" if bold else escape(line)
        rows.append(f'<TR><TD CELLPADDING="0"><FONT POINT-SIZE="{rs["fontsize"]}" COLOR="{text_colour}">{text}</FONT></TD></TR>')
    small = g["indicator_size"]
    extra: list[str] = []
    if opts.indicators:
        lines = indicator_lines(node, opts.year, opts.lang)
        if opts.capaian is not None:
            measured = opts.capaian.lines.get(node.id, [])
            lines = [f"{line} — {measured[k]}" if k < len(measured) and measured[k] else line
                     for k, line in enumerate(lines)]
        for line in lines[:MAX_LINES]:
            extra.append("• " + _lines(line, int(wrap * 1.2)))
        if len(lines) > MAX_LINES:
            extra.append(f"• … (+{len(lines) - MAX_LINES})")
    if node.is_crosscutting:
        extra.append("<I>" + _lines(crosscutting_text(node, opts.lang), int(wrap * 1.2)) + "</I>")
    if opts.capaian is not None and node.id in opts.capaian.derived:
        extra.append("<I>" + _lines(opts.capaian.derived[node.id], int(wrap * 1.2)) + "</I>")
    if hidden:
        extra.append("<I>" + escape(t("render_hidden", opts.lang, n=hidden)) + "</I>")
    if extra:
        rows.append("<HR/>")
        body = "<BR/>".join(extra)
        rows.append(f'<TR><TD><FONT POINT-SIZE="{small}" COLOR="{sub_colour}">{body}</FONT></TD></TR>')
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" COLOR="{cc.get("border", rs["border"])}">'
            + "".join(rows) + "</TABLE>")


def node_label(node: Node, opts: RenderOptions, style: dict, hidden: int = 0,
               marks: BoxFindings | None = None) -> str:
    return "<" + _content(node, opts, style, hidden, marks) + ">"


def stack_label(nodes: list[tuple[int, Node]], opts: RenderOptions, style: dict, hidden: dict[str, int],
                interactive: bool, marks: dict[str, BoxFindings] | None = None) -> str:
    """Sibling leaves as one column of boxes (one Graphviz node): keeps wide trees page-sized."""
    g = style["graph"]
    cells = []
    for i, node in nodes:
        rs = role_style(style, node.role_key)
        fill, border, look = rs["fill"], rs["border"], "rounded"
        if node.is_crosscutting:
            cc = style["crosscutting"]
            fill, border, look = cc["fill"], cc["border"], f"rounded,{cc['style']}"
        if opts.capaian is not None and node.id in opts.capaian.fill:
            fill = opts.capaian.fill[node.id]
        mark = (marks or {}).get(node.id)
        width = 1
        if mark is not None:
            border, width = style["findings"][mark.severity]["border"], int(style["findings"]["cell_border"])
        anchor = (f' ID="pn-{i}" HREF="#{escape(_short(node.id))}" TOOLTIP="{escape(_short(node.id))}"'
                  if interactive else "")
        cells.append(f'<TD{anchor} BGCOLOR="{fill}" COLOR="{border}" BORDER="{width}" STYLE="{look}" CELLPADDING="4" '
                     f'VALIGN="TOP">' + _content(node, opts, style, hidden.get(node.id, 0), mark) + "</TD>")
    cols = 2 if len(cells) >= int(g.get("stack_two_columns_from", 4)) else 1
    rows = ["<TR>" + "".join(cells[k:k + cols]) + "</TR>" for k in range(0, len(cells), cols)]
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="{g["stack_gap"]}" CELLPADDING="0">'
            + "".join(rows) + "</TABLE>>")


def _title_label(tree: PerformanceTree, opts: RenderOptions, style: dict, role_keys: list[str],
                 findings: list | None = None) -> str:
    """Title, period and legend in one compact block above the diagram (and, marking findings,
    how many the check found and what the marks mean)."""
    g = style["graph"]
    org = tree.doc.organisasi
    name = org.singkat or org.nama
    title = _lines(f"{t('render_title', opts.lang)} — {name}", 100)
    sub = f"{t('render_period', opts.lang)} {tree.doc.periode}"
    if opts.year is not None:
        sub += " · " + t("render_target_year", opts.lang, tahun=opts.year)
    if opts.capaian is not None:
        sub += " · " + t("render_capaian_legenda", opts.lang, year=opts.capaian.year)
    if findings is not None:
        sub += " · " + t("render_findings_summary", opts.lang, text=findings_text(findings, opts.lang))
    head = (f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="1">'
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{g["title_size"]}"><B>{title}</B></FONT></TD></TR>'
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{g["legend_size"] + 1}" COLOR="#404040">{_lines(sub, 140)}</FONT></TD></TR>'
            f"</TABLE>")
    cells = [f'<TD><FONT POINT-SIZE="{g["title_size"]}"> </FONT></TD><TD VALIGN="TOP">{head}</TD>']
    if opts.legend:
        items = []
        for key in role_keys:
            rs = role_style(style, key)
            label = next((r.name(opts.lang) for r in roles() if r.key == key), key)
            items.append(f'<TD BGCOLOR="{rs["fill"]}" COLOR="{rs["border"]}" BORDER="1" STYLE="rounded">'
                         f'<FONT POINT-SIZE="{g["legend_size"]}" COLOR="{rs["text"]}">{escape(label)}</FONT></TD>')
        cc = style["crosscutting"]
        items.append(f'<TD BGCOLOR="{cc["fill"]}" COLOR="{cc["border"]}" BORDER="1" STYLE="rounded,{cc["style"]}">'
                     f'<FONT POINT-SIZE="{g["legend_size"]}" COLOR="{cc["text"]}">'
                     f'{escape(t("render_crosscutting", opts.lang))}</FONT></TD>')
        if opts.capaian is not None:
            for label, colour in opts.capaian.legend:
                items.append(f'<TD BGCOLOR="{colour}" COLOR="{style["capaian"]["border"]}" BORDER="1" STYLE="rounded">'
                             f'<FONT POINT-SIZE="{g["legend_size"]}" COLOR="{style["capaian"]["text"]}">{escape(label)}</FONT></TD>')
        if findings is not None:
            fs = style["findings"]
            for sev in ("error", "warning"):
                ms = fs[sev]
                items.append(f'<TD BGCOLOR="#ffffff" COLOR="{ms["border"]}" BORDER="{int(fs["cell_border"])}" STYLE="rounded">'
                             f'<FONT POINT-SIZE="{g["legend_size"]}"><FONT COLOR="{ms["border"]}"><B>⚠</B></FONT> '
                             f'{escape(t("render_legend_" + sev, opts.lang))}</FONT></TD>')
        per_row = 3
        rows = "".join("<TR>" + "".join(items[k:k + per_row]) + "</TR>" for k in range(0, len(items), per_row))
        legend = (f'<TABLE BORDER="0" CELLSPACING="3" CELLPADDING="2">'
                  f'<TR><TD COLSPAN="{per_row}" ALIGN="LEFT"><FONT POINT-SIZE="{g["legend_size"]}"><B>'
                  f'{escape(t("render_legend", opts.lang))}</B></FONT></TD></TR>{rows}</TABLE>')
        cells.append(f'<TD WIDTH="24"> </TD><TD VALIGN="TOP">{legend}</TD>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0"><TR>' + "".join(cells) + "</TR></TABLE>>"


def _stacks(tree: PerformanceTree, nodes: list[Node], chosen: set[str]) -> dict[str, list[str]]:
    """Parents whose drawn children are all leaves of one role (at least two): parent → children."""
    kids: dict[str, list[str]] = {}
    has_kids: set[str] = set()
    for node in nodes:
        parent = tree.parent(node.id)
        if parent is not None and parent.id in chosen:
            kids.setdefault(parent.id, []).append(node.id)
            has_kids.add(parent.id)
    out = {}
    for pid, children in kids.items():
        if len(children) < 2 or any(c in has_kids for c in children):
            continue
        if len({tree.node(c).role_key for c in children}) == 1:
            out[pid] = children
    return out


def build_dot(tree: PerformanceTree, opts: RenderOptions | None = None, selection: Selection | None = None,
              name: str = "pohon", findings: list | None = None) -> str:
    """The DOT source of a diagram of ``tree`` (or of ``selection`` of its nodes).

    ``findings`` (diagnostics of the check, :class:`pohon.diagnostics.Diagnostic`) marks the boxes
    they are about (``--temuan``); None draws no marks and leaves the output as without them.
    """
    opts = opts or RenderOptions()
    style = opts.style or default_style()
    if selection is None:
        selection = select(tree, opts.root, opts.depth)
    labels = opts.band_labels if opts.band_labels is not None else profile_band_labels(tree.doc, opts.lang)
    g = style["graph"]
    nodes = selection.nodes
    chosen = {n.id for n in nodes}
    marks = box_findings(findings) if findings is not None else {}
    role_keys_present = [r.key for r in roles() if any(n.role_key == r.key for n in nodes)]
    bands: list[Band] = bands_for(role_keys_present, labels)

    out: list[str] = [f"digraph {_q(_nid(name))} {{"]
    graph_attrs = {
        "rankdir": opts.direction if opts.direction in DIRECTIONS else "TB",
        "bgcolor": g["background"],
        "fontname": g["fontname"],
        "nodesep": g["nodesep"],
        "ranksep": g["ranksep"],
        "newrank": "true",
        "outputorder": "edgesfirst",
        "pad": "0.25",
        "margin": "0",
    }
    out.append("  graph [" + ", ".join(f"{k}={_q(str(v))}" for k, v in graph_attrs.items()) + "];")
    # The title block sits in the top row, between the band column and the first box (saves a
    # row of height on landscape pages); without bands, or left to right, it is the graph label.
    title_node = ((opts.title or opts.legend) and bands and graph_attrs["rankdir"] == "TB"
                  and not selection.context)  # a split page's context chain reads better alone
    if (opts.title or opts.legend) and not title_node:
        out.append(f"  graph [labelloc=t, labeljust=l, label={_title_label(tree, opts, style, role_keys_present, findings)}];")
    out.append(f'  node [shape=box, style="rounded,filled", fontname={_q(g["fontname"])}, margin="0.06,0.04", '
               f'height=0.3, penwidth=1.2];')
    out.append(f'  edge [arrowhead=none, color={_q(g["edge_color"])}, penwidth={g["edge_width"]}];')

    bs = style["band"]
    for band in bands:
        label = _lines(band.label, 40)
        out.append(f"  {_q('band ' + band.role_key)} [id={_q('band-' + band.role_key)}, class=\"band\", "
                   f'label=<<B>{label}</B>>, shape=box, style="filled", fillcolor={_q(bs["fill"])}, '
                   f'color={_q(bs["border"])}, fontcolor={_q(bs["text"])}, fontsize={bs["fontsize"]}, '
                   f"width={bs['width']}, height=0.5];")
    if title_node:
        out.append(f'  "title block" [id="title", class="title", shape=plain, style="", '
                   f"label={_title_label(tree, opts, style, role_keys_present, findings)}];")
    for upper, lower in zip(bands, bands[1:]):
        out.append(f"  {_q('band ' + upper.role_key)} -> {_q('band ' + lower.role_key)} [style=invis, weight=100];")

    index = {n.id: i for i, n in enumerate(nodes)}
    stacks = _stacks(tree, nodes, chosen) if g.get("stack_leaves", True) else {}
    stacked = {cid: pid for pid, kids in stacks.items() for cid in kids}
    placed: set[str] = set()
    for i, node in enumerate(nodes):
        if node.id in stacked:
            pid = stacked[node.id]
            if pid in placed:
                continue
            placed.add(pid)
            members = [(index[c], tree.node(c)) for c in stacks[pid]]
            label = stack_label(members, opts, style, selection.hidden, opts.interactive, marks)
            out.append(f"  {_q('stack ' + _nid(pid))} [id={_q(f'ps-{index[pid]}')}, class=\"pstack\", shape=plain, style=\"\", "
                       f"label={label}];")
            continue
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
        if opts.capaian is not None and node.id in opts.capaian.fill:
            attrs["fillcolor"] = opts.capaian.fill[node.id]
        mark = marks.get(node.id)
        if mark is not None:
            attrs["class"] += f" f-{mark.severity}"
            attrs.update(color=style["findings"][mark.severity]["border"], penwidth=style["findings"]["penwidth"])
        text = ", ".join(f"{k}={_q(str(v))}" for k, v in attrs.items())
        label = node_label(node, opts, style, selection.hidden.get(node.id, 0), mark)
        out.append(f"  {_q(_nid(node.id))} [{text}, label={label}];")

    for node in nodes:
        parent = tree.parent(node.id)
        if parent is None or parent.id not in chosen:
            continue
        if node.id in stacked:
            if stacks[parent.id][0] == node.id:
                out.append(f'  {_q(_nid(parent.id))} -> {_q("stack " + _nid(parent.id))} [id="pe-{index[node.id]}", class="pe"];')
        else:
            out.append(f'  {_q(_nid(parent.id))} -> {_q(_nid(node.id))} [id="pe-{index[node.id]}", class="pe"];')

    def rank_member(node_id: str) -> str:
        return "stack " + _nid(stacked[node_id]) if node_id in stacked else _nid(node_id)

    if title_node:
        first_band = bands[0].role_key
        top = [rank_member(n.id) for n in nodes if n.role_key == first_band]
        out.append(f'  {_q("band " + first_band)} -> "title block" [style=invis];')
        if top:
            out.append(f'  "title block" -> {_q(top[0])} [style=invis];')
    def nested(node) -> bool:  # a kondisi antara under a kondisi antara: below its parent, not in its row
        parent = tree.parent(node.id)
        return parent is not None and parent.role_key == node.role_key

    for band in bands:
        members = list(dict.fromkeys(rank_member(n.id) for n in nodes
                                     if n.role_key == band.role_key and not nested(n)))
        if members and not (title_node and band is bands[0]):  # keeps the band first in its row
            out.append(f'  {_q("band " + band.role_key)} -> {_q(members[0])} [style=invis];')
        extra = ["title block"] if title_node and band is bands[0] else []
        out.append("  { rank=same; " + "; ".join(_q(x) for x in [f"band {band.role_key}", *extra, *members]) + "; }")
    out.append("}")
    return "\n".join(out) + "\n"
