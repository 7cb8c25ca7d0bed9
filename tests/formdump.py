"""A whole form (:class:`TableDoc`) as plain Markdown-like text, blocks before and after the main
table included, for the golden files of tests/test_forms.py. It depends on no writer: it pins
what a form holds, not how a format lays it out."""

from __future__ import annotations

from pohon.render.tables.model import PageBreak, Paragraph, Section, Signatures, Table, TableDoc


def _cell(cell) -> str:
    if cell is None:
        return "^"  # covered by a span
    text = cell.text.replace("\n", " / ").replace("|", "\\|")
    if cell.colspan > 1 or cell.rowspan > 1:
        text += f" {{{cell.rowspan}x{cell.colspan}}}"
    if cell.style:
        text += f" [{cell.style}]"
    if cell.problem:
        text += " ⚠"
    return text


def _rows(rows) -> list[str]:
    return ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]


def _table(header, columns, rows, title=()) -> list[str]:
    out = [f"  {line}" for line in title]
    out += _rows(header) if header else ["| " + " | ".join(columns) + " |"]
    out.append("|" + "---|" * len(columns))
    return out + _rows(rows)


def _signatures(parties, place_date: str) -> list[str]:
    out = [f"[{place_date}]"] if place_date else []
    return out + [f"<{s.party}> {s.position} · {s.name}" + (f" · {s.rank}" if s.rank else "")
                  + (f" · NIP {s.nip}" if s.nip else "") for s in parties]


def _block(block) -> list[str]:
    if isinstance(block, Paragraph):
        return [f"({block.style or 'p'}) {block.text}"]
    if isinstance(block, Table):
        return _table(block.header, block.columns, block.rows, block.title)
    if isinstance(block, Signatures):
        return _signatures(block.parties, block.place_date)
    if isinstance(block, PageBreak):
        return ["--- page break ---"]
    raise TypeError(type(block))


def _section(sec: Section) -> list[str]:
    out = [f"## [{sec.name}]", *sec.title]
    for block in sec.before:
        out += _block(block)
    out += ["", "MAIN:"] + _table(sec.header, sec.columns, sec.rows)
    out += [f"note: {n}" for n in sec.notes]
    for block in sec.after:
        out += _block(block)
    out += _signatures(sec.signatures, sec.place_date)
    return out + [""]


def dump(doc: TableDoc) -> str:
    out = [f"# {doc.title}", doc.subtitle, f"kind {doc.kind} · {doc.orientation} · {doc.paper} · lang {doc.lang}", ""]
    for sec in doc.sections:
        out += _section(sec)
    out += ["FINDINGS:"] + [f"- {f}" for f in doc.findings]
    return "\n".join(out) + "\n"
