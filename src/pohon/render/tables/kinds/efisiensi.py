"""`--jenis efisiensi`: capaian, budget absorption and efficiency per sasaran for one year
(LKjIP Tabel 3.5, source 002): E = Σ((PAKI × CKI) − RAKI) / Σ(PAKI × CKI) × 100%."""

from __future__ import annotations

from pohon.catalogue import t
from pohon.render.tables.common import Input, head, subtitle
from pohon.render.tables.kinds import TableKind
from pohon.render.tables.kinds._ukur import measurement, pct, sasaran_rows
from pohon.render.tables.model import Cell, Section, TableDoc


def build_efisiensi(inp: Input) -> TableDoc:
    lang, tree = inp.lang, inp.tree
    m = measurement(inp)
    cols = [t("tabel_no", lang), t("tabel_sasaran", lang), t("tabel_indikator_kinerja", lang),
            t("tabel_capaian", lang) + " (%)", t("tabel_serapan", lang) + " (%)", t("tabel_efisiensi", lang) + " (%)"]
    sec = Section(t("tabel_efisiensi", lang), [], [[head(c) for c in cols]], cols, [5, 42, 40, 12, 12, 12])
    derived = []
    for lead, node, nm in sasaran_rows(inp, m):
        if nm.derived:
            derived.append(node.id)
        sec.rows.append([*lead, pct(nm.capaian), pct(nm.serapan),
                         Cell(nm.efisiensi, kind="percent", problem=inp.problems(node.id, (("dilaporkan",),)))
                         if nm.efisiensi is not None else Cell("")])
    sec.notes.append(t("tabel_catatan_efisiensi", lang))
    if derived:
        sec.notes.append(t("tabel_catatan_turunan", lang, ids=", ".join(derived)))
    return TableDoc("efisiensi", t("tabel_judul_efisiensi", lang, year=m.year), subtitle(tree, lang), [sec], lang=lang,
                    orientation="landscape")


KIND = TableKind("efisiensi", build_efisiensi, "tabel_help_efisiensi", order=84)
