"""Positions (peta jabatan) and the owners of boxes: the domain class and the J rules, each rule
with a tree that raises it and the clean tree that does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.catalogue import rules
from pohon.cli import main
from pohon.loader.load import load_text, load_tree
from pohon.render.tables.build import build
from pohon.render.tables.common import DOTS
from pohon.model.positions import LevelOrder, PetaJabatan
from pohon.rules import check_result
from tests.helpers import chain, with_field

PETA = """\
peta_jabatan:
  - {id: KABAN, nama: Kepala Dinas, tingkat: JPT Pratama}
  - id: KABID
    nama: Kepala Bidang Kewaspadaan
    tingkat: Administrator
    atasan: KABAN
    pemegang: {nama: "Drs. Budi", nip: "19700101 199003 1 001", pangkat: "Pembina (IV/a)"}
  - {id: JF1, nama: Analis Kebijakan Ahli Muda, tingkat: Fungsional, jenjang: Ahli Muda, atasan: KABID}
"""
OWNERS = {"O1": "KABAN", "C1": "KABAN", "KAU1": "KABID", "KA1": "JF1", "KO1": "JF1"}


def with_peta(text: str, peta: str = PETA, owners: dict | None = None) -> str:
    """``text`` (a tree from :func:`chain`) with a peta jabatan and `pemilik:` on its boxes."""
    text = text.replace("kinerja:\n", peta + "kinerja:\n", 1)
    for node, owner in (OWNERS if owners is None else owners).items():
        text = with_field(text, node, f"pemilik: {owner}")
    return text


def run(text, **kw):
    return check_result(load_text(text, "t.yaml"), **kw)


def found(text, code):
    return [(d.node, d.line) for d in run(text) if d.code == code]


CLEAN = with_peta(chain())

FAILING = {
    "J001": with_peta(chain(), PETA + "  - {id: JF1, nama: Analis Lain, tingkat: JF, atasan: KABID}\n"),
    "J002": with_peta(chain(), PETA.replace("atasan: KABAN\n", "atasan: KABN\n")),
    "J003": with_peta(chain(), PETA.replace("tingkat: JPT Pratama}", "tingkat: JPT Pratama, atasan: JF1}")),
    "J004": with_peta(chain(), PETA.replace("jenjang: Ahli Muda, atasan: KABID", "jenjang: Ahli Muda, atasan: JF0")
                      + "  - {id: JF0, nama: Analis Kebijakan Ahli Madya, tingkat: JF, atasan: KABID}\n"),
    "J005": with_peta(chain(), PETA.replace("jenjang: Ahli Muda, atasan: KABID", "jenjang: Ahli Muda, atasan: KABAN")),
    "J006": with_peta(chain(), PETA.replace("    atasan: KABAN\n", "")),
    "J007": with_peta(chain(), owners={**OWNERS, "KO1": "JF2"}),
    "J008": with_peta(chain(), owners={k: v for k, v in OWNERS.items() if k != "KO1"}),
    "J009": with_peta(chain(), owners={**OWNERS, "KO1": "KABID"}),
    "J010": with_peta(chain(), PETA + "  - {id: SEK, nama: Sekretaris, tingkat: Administrator, atasan: KABAN}\n"),
    "J011": with_peta(chain(), PETA + "  - {id: KABID2, nama: Kepala Bidang Lain, tingkat: Administrator, atasan: KABAN}\n"
                      + "  - {id: JF2, nama: Analis Kebijakan, tingkat: JF, atasan: KABID2}\n",
                      owners={**OWNERS, "KA1": "JF2", "KO1": "JF2"}),
    "J012": with_field(with_peta(chain(), owners={k: v for k, v in OWNERS.items() if k != "KAU1"}), "KAU1",
                       "jabatan: Kepala Bidang Kewaspadaan"),
}


def test_the_clean_tree_with_positions_raises_nothing():
    assert run(CLEAN) == []


def test_trees_without_positions_raise_no_position_rule():
    assert [d.code for d in run(chain()) if d.code.startswith("J")] == []


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fires_on_its_fixture(code):
    assert found(FAILING[code], code), [(d.code, d.message()) for d in run(FAILING[code])]


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fixture_raises_nothing_else_of_the_group_unexpectedly(code):
    """Each failing tree is the clean one with one mistake: its own code is the first J finding."""
    codes = [d.code for d in run(FAILING[code]) if d.code.startswith("J")]
    assert code in codes


def test_every_position_rule_has_a_fixture():
    assert {c for c in rules() if c[0] == "J"} == set(FAILING)


# -- the domain class ---------------------------------------------------------------------------

def peta_of(text: str) -> PetaJabatan:
    return PetaJabatan.of(load_text(text, "t.yaml").tree)


def test_positions_link_superiors_owners_and_boxes():
    peta = peta_of(CLEAN)
    assert peta.declared and peta.ids == ["KABAN", "KABID", "JF1"]
    assert [p.id for p in peta.superiors("JF1")] == ["KABID", "KABAN"]
    assert [p.id for p in peta.subordinates("KABAN")] == ["KABID"] and [p.id for p in peta.heads()] == ["KABAN"]
    assert [n.id for n in peta.boxes("KABAN")] == ["O1", "C1"] and [p.id for p in peta.owners("KO1")] == ["JF1"]
    assert peta.position("JF1").level == "JF" and peta.position("KABAN").level == "JPT"
    assert peta.position("KABID").holders[0].pangkat == "Pembina (IV/a)"


def test_served_box_is_the_nearest_ancestor_of_the_superior_not_the_parent():
    """KO1's parent KA1 is JF1's own box; the result JF1 supports is its superior's KAU1."""
    peta = peta_of(CLEAN)
    assert peta.served_box("JF1", "KO1").id == "KAU1"
    assert peta.served_box("JF1", "KA1").id == "KAU1"
    assert peta.served_box("KABID", "KAU1").id == "C1"
    assert peta.served_box("KABAN", "C1") is None  # the head serves the Kepala Daerah, outside the tree


def test_a_loop_of_superiors_is_cut_at_the_most_senior_position_and_reported_once():
    peta = peta_of(FAILING["J003"])
    assert peta.problems.cycles == [["KABAN", "JF1", "KABID"]]
    assert peta.superior("KABAN") is None and peta.superior("KABID").id == "KABAN"
    assert [d.code for d in run(FAILING["J003"])] == ["J003"]


def test_a_tree_without_positions_has_an_empty_peta():
    peta = peta_of(chain())
    assert not peta.declared and len(peta) == 0 and peta.owners("KO1") == []


@pytest.mark.parametrize("rows,upper,lower,above,skipped", [
    ([["JPT"], ["JPT"], ["Administrator"], ["JF", "JP"], ["JF", "JP"]], "Administrator", "JF", True, []),
    ([["JPT"], ["JPT"], ["Administrator"], ["JF", "JP"], ["JF", "JP"]], "JPT", "JP", True, ["Administrator"]),
    ([["JPT"], ["JPT"], ["Administrator"], ["JF"], ["JF", "JP"]], "JF", "JP", False, []),  # peers
    ([["JPT"], ["JPT"], ["Administrator"], ["Pengawas"], ["JF", "JP"]], "Administrator", "JF", True, ["Pengawas"]),
    # Pengawas outside the profile sits between Administrator and JF without being a step of its own
    ([["JPT"], ["JPT"], ["Administrator"], ["JF", "JP"], ["JF", "JP"]], "Administrator", "Pengawas", True, []),
    ([["JPT"], ["JPT"], ["Administrator"], ["JF", "JP"], ["JF", "JP"]], "Pengawas", "JF", True, []),
])
def test_level_order_follows_the_profile(rows, upper, lower, above, skipped):
    order = LevelOrder(rows, ["JPT", "Administrator", "Pengawas", "JF", "JP"])
    assert order.above(upper, lower) is above
    assert order.skipped(upper, lower) == skipped


# -- the file format ------------------------------------------------------------------------------

def test_tingkat_is_read_without_case_and_in_its_long_forms():
    text = CLEAN.replace("tingkat: Fungsional", "tingkat: jabatan  fungsional").replace(
        "tingkat: JPT Pratama", "tingkat: jpt pratama")
    peta = peta_of(text)
    assert peta.position("JF1").data.tingkat == "Fungsional" and peta.position("KABAN").level == "JPT"


def test_an_unknown_tingkat_is_a_located_error_with_a_suggestion():
    (d,) = run(CLEAN.replace("tingkat: Administrator", "tingkat: Adminstrator"))
    assert (d.code, d.line, d.path) == ("F004", 8, "peta_jabatan[1].tingkat")
    assert "`Administrator`" in d.hint() and "Administrator" in d.message()


def test_an_unknown_key_in_a_position_lists_the_position_keys():
    (d,) = run(CLEAN.replace("atasan: KABAN\n", "atasn: KABAN\n"))
    assert d.code == "F003" and "`atasan`" in d.hint() and "pemegang" in d.hint()


def test_position_findings_are_located_in_the_peta_jabatan():
    (d,) = run(FAILING["J002"])
    assert (d.line, d.col, d.path) == (9, 5, "peta_jabatan[1].atasan")
    assert d.args["position"] == "KABID" and "Maksud Anda `KABAN`?" in d.hint()
    assert d.as_dict("en")["message"] == "Superior `KABN` of position KABID (Kepala Bidang Kewaspadaan) is not in the peta jabatan"


def test_an_unknown_owner_suggests_the_nearest_position_id():
    (d,) = [d for d in run(with_peta(chain(), owners={**OWNERS, "KAU1": "KABIDD"})) if d.code == "J007"]
    assert d.node == "KAU1" and d.path == "pemilik" and "Maksud Anda `KABID`?" in d.hint()


def test_pemilik_without_a_peta_jabatan_says_to_declare_one():
    text = with_field(chain(), "KAU1", "pemilik: KABID")
    (d,) = run(text)
    assert d.code == "J007" and "peta_jabatan" in d.hint()


def test_a_shared_box_names_several_owners():
    text = with_peta(chain(), PETA + "  - {id: JF2, nama: Analis Kebijakan Ahli Pertama, tingkat: JF, atasan: KABID}\n",
                     owners={**OWNERS, "KO1": "[JF1, JF2]"})
    assert run(text) == []
    peta = peta_of(text)
    assert [p.id for p in peta.owners("KO1")] == ["JF1", "JF2"] and [n.id for n in peta.boxes("JF2")] == ["KO1"]


def test_the_outcome_needs_no_owner_it_is_in_no_pk():
    assert run(with_peta(chain(), owners={k: v for k, v in OWNERS.items() if k != "O1"})) == []


def test_a_crosscutting_box_left_to_its_partner_needs_no_owner():
    text = with_peta(chain(extra="- {id: C2, induk: O1, uraian: Terkoordinirnya batas wilayah, "
                                 "crosscutting: [Bagian Tata Pemerintahan Setda]}"))
    assert run(text) == []


# -- PK and SKP ------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
KESBANGPOL = ROOT / "trees" / "kesbangpol-balangan.yaml"
KABID = ["Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik",
         "Kepala Bidang Ideologi Pancasila dan Wawasan Kebangsaan",
         "Kepala Bidang Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan",
         "Kepala Bidang Ketahanan Ekonomi, Sosial, Budaya dan Agama", "Kepala Bidang Politik Dalam Negeri"]


def table(kind: str, source, lang: str = "id", year: int | None = None):
    loaded = load_tree(source) if isinstance(source, Path) else load_text(source, "t.yaml")
    return build(kind, loaded.tree, lang, [year] if year else None, check_result(loaded))


def position_of_section(sec) -> str:
    """The position whose PK/SKP a section is: the first party's (the appraised employee's)."""
    return sec.signatures[-1].position


def rows_of(sec) -> list[list[str]]:
    """The body rows, without the SKP's "A. Utama" / "B. Tambahan" group rows."""
    return [[c.text if c else "" for c in row] for row in sec.rows if not (row[0] and row[0].colspan == sec.ncols)]


def statement_party(sec, i: int = 0) -> list[str]:
    """The values (name, NIP, position) of the first (0) or second (1) party in a PK's statement."""
    from pohon.render.tables.model import Table

    tables = [b for b in sec.before if isinstance(b, Table)]
    return [row[2].text for row in tables[i].rows]


def test_worked_example_has_one_pk_per_position_never_pooled():
    doc = table("pk", KESBANGPOL)
    names = [position_of_section(s) for s in doc.sections]
    assert names == ["Kepala Badan Kesatuan Bangsa dan Politik", *KABID,
                     *[k.replace("Kepala Bidang", "Pejabat Fungsional Bidang") for k in KABID]]
    assert not any("belum ditulis" in s.signatures[-1].position for s in doc.sections)
    head, was = doc.sections[0], doc.sections[1]
    tree = load_tree(KESBANGPOL).tree
    # the outcome is the organisation's Tujuan and the crosscutting C3 its partner's: no PK rows
    assert [r[1] for r in rows_of(head) if r[1]] == [tree.node("C1").uraian, tree.node("C2").uraian]
    assert [r[1] for r in rows_of(was) if r[1]] == ["Meningkatnya kewaspadaan masyarakat dan fasilitasi penanganan konflik sosial"]
    # the head signs with the Bupati (name unknown: a dotted line); a Kepala Bidang with the head
    assert [(g.party, g.position, g.name) for g in head.signatures] == [
        ("Pihak Kedua", "Bupati Balangan", DOTS),
        ("Pihak Pertama", "Kepala Badan Kesatuan Bangsa dan Politik", "Ir. ANSYARULLAH, M.AP")]
    assert (head.signatures[1].nip, head.signatures[1].rank) == ("19620508 198903 1 016", "Pembina Utama Muda (IV/c)")
    assert statement_party(head) == ["Ir. ANSYARULLAH, M.AP", "19620508 198903 1 016",
                                     "Kepala Badan Kesatuan Bangsa dan Politik"]
    assert statement_party(head, 1) == [DOTS, "Bupati Balangan"]
    assert [(g.party, g.position, g.name) for g in was.signatures] == [
        ("Pihak Kedua", "Kepala Badan Kesatuan Bangsa dan Politik", "Ir. ANSYARULLAH, M.AP"),
        ("Pihak Pertama", KABID[0], DOTS)]


def test_worked_example_skp_rows_name_the_superiors_result():
    doc = table("skp", KESBANGPOL)
    by_position = {position_of_section(s): s for s in doc.sections}
    # the head's SKP: its results with the Perspektif column, no superior's result
    assert by_position["Kepala Badan Kesatuan Bangsa dan Politik"].columns[-1] == "Perspektif"
    tree = load_tree(KESBANGPOL).tree
    text = {n.id: n.uraian for n in tree}
    jf = rows_of(by_position["Pejabat Fungsional Bidang Kewaspadaan Nasional dan Penanganan Konflik"])
    hasil = [r[2] for r in jf if r[2]]
    assert hasil == [text[i] for i in ("KA-WAS", "KO-WAS-1", "KO-WAS-2", "KO-WAS-3", "KO-WAS-4", "KO-WAS-5")]
    # every row of the JF serves the Kepala Bidang's box KAU-WAS, also the sub kegiatan whose parent is KA-WAS
    assert {r[1] for r in jf if r[2]} == {text["KAU-WAS"]}
    assert by_position["Pejabat Fungsional Bidang Kewaspadaan Nasional dan Penanganan Konflik"].signatures[0].position == KABID[0]
    pol = rows_of(by_position["Kepala Bidang Politik Dalam Negeri"])
    assert (pol[0][1], pol[0][2], pol[0][3]) == (text["C2"], text["KAU-POL"], "Kuantitas")
    assert [r[3] for r in pol[:3]] == ["Kuantitas", "Kualitas", "Waktu"] and pol[1][4:] == ["", ""]
    eko = rows_of(by_position["Pejabat Fungsional Bidang Ketahanan Ekonomi, Sosial, Budaya dan Agama"])
    assert {r[1] for r in eko if r[2]} == {text["KAU-EKO"]}
    sec = by_position[KABID[0]]
    assert [(g.party, g.name) for g in sec.signatures] == [("Pejabat Penilai Kinerja", "Ir. ANSYARULLAH, M.AP"),
                                                           ("Pegawai yang Dinilai", DOTS)]


HOLDERS = CLEAN.replace(
    "  - {id: JF1, nama: Analis Kebijakan Ahli Muda, tingkat: Fungsional, jenjang: Ahli Muda, atasan: KABID}\n",
    "  - id: JF1\n    nama: Analis Kebijakan\n    tingkat: JF\n    jenjang: Ahli Muda\n    atasan: KABID\n"
    "    unit: Bidang Kewaspadaan\n    pemegang: [\"Ani, S.Sos\", {nama: \"Bambang, S.IP\", nip: \"19900101 201501 1 001\"}]\n",
).replace("organisasi: {nama: Dinas Uji}",
          "organisasi: {nama: Dinas Uji, pemda: Kota Contoh, kepala: \"Dr. Kepala\", kepala_daerah: \"H. Wali\"}")


def test_one_pk_and_skp_per_holder():
    pk = table("pk", HOLDERS, year=2024)
    assert [s.name for s in pk.sections] == ["Kepala Dinas", "Kepala Bidang Kewaspadaan", "Ani, S.Sos - Analis Kebijakan",
                                            "Bambang, S.IP - Analis Kebijaka"]  # 31 characters
    ani, bambang = pk.sections[2], pk.sections[3]
    assert statement_party(ani) == ["Ani, S.Sos", "Analis Kebijakan"]
    assert bambang.signatures[-1].nip == "19900101 201501 1 001"
    assert [(g.party, g.position, g.name, g.rank) for g in ani.signatures] == [
        ("Pihak Kedua", "Kepala Bidang Kewaspadaan", "Drs. Budi", "Pembina (IV/a)"),
        ("Pihak Pertama", "Analis Kebijakan", "Ani, S.Sos", "")]
    # the head without a holder is `organisasi.kepala`; the Kepala Daerah signs its PK
    assert [(g.position, g.name) for g in pk.sections[0].signatures] == [("Wali Kota Contoh", "H. Wali"),
                                                                         ("Kepala Dinas", "Dr. Kepala")]
    skp = table("skp", HOLDERS, year=2024)
    assert [s.name for s in skp.sections] == ["Kepala Dinas", "Kepala Bidang Kewaspadaan", "Ani, S.Sos - Analis Kebijakan",
                                             "Bambang, S.IP - Analis Kebijaka"]


def test_kepala_daerah_as_written_and_in_english():
    text = HOLDERS.replace('kepala_daerah: "H. Wali"', "kepala_daerah: {jabatan: Wali Kota Contoh, nama: \"H. Wali, SE\"}")
    assert table("pk", text, year=2024).sections[0].signatures[0].name == "H. Wali, SE"
    en = table("pk", HOLDERS.replace(', kepala_daerah: "H. Wali"', ""), lang="en", year=2024)
    assert (en.sections[0].signatures[0].party, en.sections[0].signatures[0].position) == (
        "Second party", "Mayor (Wali Kota) of Contoh")
    assert en.sections[2].before[2].rows[0][0].text == "Name"


def test_an_skp_row_without_the_superiors_box_is_blank_and_marked():
    doc = table("skp", FAILING["J011"])
    (sec,) = [s for s in doc.sections if position_of_section(s) == "Analis Kebijakan"]
    first = sec.rows[1]  # under "A. Utama"
    assert first[1].text == "" and "J011" in first[1].problem and sec.signatures[0].position == "Kepala Bidang Lain"


def test_markdown_csv_and_xlsx_show_the_holder_rank(tmp_path):
    md = CliRunner().invoke(main, ["tabel", str(KESBANGPOL), "--jenis", "pk"]).output
    assert ("Pihak Pertama: Kepala Badan Kesatuan Bangsa dan Politik, Ir. ANSYARULLAH, M.AP, Pembina Utama Muda (IV/c) "
            "(NIP 19620508 198903 1 016)\n") in md
    csv = CliRunner().invoke(main, ["tabel", str(KESBANGPOL), "--jenis", "pk", "--format", "csv"]).output
    assert ("Pihak Pertama,Kepala Badan Kesatuan Bangsa dan Politik,\"Ir. ANSYARULLAH, M.AP\","
            "Pembina Utama Muda (IV/c),NIP 19620508 198903 1 016") in csv
    html = CliRunner().invoke(main, ["tabel", str(KESBANGPOL), "--jenis", "pk", "--format", "html"]).output
    assert '<div class="name">Ir. ANSYARULLAH, M.AP</div><div>Pembina Utama Muda (IV/c)</div>' in html
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "pk.xlsx"
    assert CliRunner().invoke(main, ["tabel", str(KESBANGPOL), "--jenis", "pk", "-o", str(out)]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert len(wb.sheetnames) == 12 and wb.sheetnames[0] == "Kepala Badan Kesatuan Bangsa da"  # and the findings
    cells = [c for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c]
    # side by side, row by row: Pihak Kedua on the left, Pihak Pertama on the right
    assert cells[-8:] == ["Pihak Kedua", "Pihak Pertama", "Bupati Balangan", "Kepala Badan Kesatuan Bangsa dan Politik",
                          DOTS, "Ir. ANSYARULLAH, M.AP", "Pembina Utama Muda (IV/c)", "NIP 19620508 198903 1 016"]


def test_the_skp_excerpt_in_docs_is_what_pohon_prints():
    doc = (ROOT / "docs" / "tabel.md").read_text(encoding="utf-8")
    command = "$ pohon tabel tests/fixtures/tables/peta-jabatan.yaml --jenis skp --tahun 2024\n…\n"
    excerpt = doc[doc.index(command) + len(command):].split("\n…\n", 1)[0]
    out = CliRunner().invoke(main, ["tabel", str(ROOT / "tests/fixtures/tables/peta-jabatan.yaml"), "--jenis", "skp",
                                    "--tahun", "2024"]).output
    assert excerpt in out


# -- trees without a peta jabatan ------------------------------------------------------------------

def test_without_positions_boxes_of_different_branches_are_not_pooled():
    """The worked tree without its peta jabatan: five Kepala Bidang are five unnamed Administrator
    PKs (one per kondisi antara utama), and one unnamed JF per kondisi antara with its kondisi
    operasional (JF/JP: they share the JF level), signed with the unnamed position above it."""
    text = KESBANGPOL.read_text(encoding="utf-8")
    text = text[:text.index("peta_jabatan:\n")] + text[text.index("kinerja:\n"):]
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("pemilik:")) + "\n"
    doc = table("pk", text)
    names = [position_of_section(s) for s in doc.sections]
    assert names[0] == "JPT (jabatan belum ditulis)"
    assert [n for n in names if n.startswith("Administrator")] == [
        f"Administrator (jabatan belum ditulis, kotak KAU-{b})" for b in ("WAS", "IDE", "ORM", "EKO", "POL")]
    assert len([n for n in names if n.startswith("JF (")]) == 5
    ka_was = next(s for s in doc.sections if position_of_section(s) == "JF (jabatan belum ditulis, kotak KA-WAS)")
    assert len([r for r in ka_was.rows if r[0]]) == 6  # KA-WAS and its five kondisi operasional
    assert [g.position for g in ka_was.signatures] == ["Administrator (jabatan belum ditulis, kotak KAU-WAS)",
                                                       "JF (jabatan belum ditulis, kotak KA-WAS)"]
    assert "kotak" not in position_of_section(table("pk", chain()).sections[0])  # one unnamed position per level


def test_without_positions_the_head_signs_with_the_kepala_daerah():
    """A PK always has both parties: the head's Pihak Kedua is the Kepala Daerah, named when
    `organisasi.kepala_daerah` is written, else "Kepala Daerah" with a dotted line to fill."""
    kecil = (ROOT / "tests/fixtures/tables/kecil.yaml").read_text(encoding="utf-8")
    assert [(g.party, g.position, g.name) for g in table("pk", kecil).sections[0].signatures] == [
        ("Pihak Kedua", "Kepala Daerah", DOTS), ("Pihak Pertama", "Kepala Badan", "Dra. Contoh, MM")]
    written = kecil.replace('  urusan: "8.01"\n', '  urusan: "8.01"\n  pemda: Kota Contoh\n  kepala_daerah: "H. Wali"\n')
    assert [(g.party, g.position, g.name) for g in table("pk", written).sections[0].signatures] == [
        ("Pihak Kedua", "Wali Kota Contoh", "H. Wali"), ("Pihak Pertama", "Kepala Badan", "Dra. Contoh, MM")]


# -- a large organisation: three kondisi antara levels, Pengawas, a Sekretariat ---------------------

OPD_BESAR_PETA = """\
peta_jabatan:
  - {id: KADIS, nama: Kepala Dinas Kesehatan, tingkat: JPT Pratama}
  - {id: KABID-KESMAS, nama: Kepala Bidang Kesehatan Masyarakat, tingkat: Administrator, atasan: KADIS}
  - {id: KASI-KIA, nama: Kepala Seksi Kesehatan Keluarga dan Gizi, tingkat: Pengawas, atasan: KABID-KESMAS}
  - {id: KASI-PRIMER, nama: Kepala Seksi Pelayanan Kesehatan Primer, tingkat: Pengawas, atasan: KABID-KESMAS}
  - {id: SEKDIS, nama: Sekretaris Dinas Kesehatan, tingkat: Administrator, atasan: KADIS}
  - {id: KASUBAG-PE, nama: Kepala Subbagian Perencanaan dan Evaluasi, tingkat: Pengawas, atasan: SEKDIS}
  - {id: JF-KIA, nama: Bidan Ahli Muda, tingkat: JF, atasan: KASI-KIA}
  - {id: JF-PRIMER, nama: Administrator Kesehatan Ahli Pertama, tingkat: JF, atasan: KASI-PRIMER}
  - {id: JP-PE, nama: Pengadministrasi Perencanaan, tingkat: Pelaksana, atasan: KASUBAG-PE}
"""


def opd_besar_with_positions() -> str:
    import re

    text = (ROOT / "tests/fixtures/levels/opd-besar.yaml").read_text(encoding="utf-8")
    ids = {"Kepala Dinas Kesehatan": "KADIS", "Kepala Bidang Kesehatan Masyarakat": "KABID-KESMAS",
           "Kepala Seksi Kesehatan Keluarga dan Gizi": "KASI-KIA", "Kepala Seksi Pelayanan Kesehatan Primer": "KASI-PRIMER",
           "Sekretaris Dinas Kesehatan": "SEKDIS", "Kepala Subbagian Perencanaan dan Evaluasi": "KASUBAG-PE"}
    text = re.sub(r"jabatan: \{nama: ([^,]+), tingkat: \w+\}", lambda m: f"pemilik: {ids[m.group(1)]}", text)
    text = re.sub(r"jabatan: (.+)", lambda m: f"pemilik: {ids[m.group(1).strip()]}", text)
    for ko, owner in (("KO1", "JF-KIA"), ("KO2", "JF-KIA"), ("KO3", "JF-PRIMER"), ("KO4", "JP-PE")):
        text = with_field(text, ko, f"pemilik: {owner}")
    return text.replace("kinerja:\n", OPD_BESAR_PETA + "kinerja:\n", 1)


def test_a_large_organisation_with_positions_checks_clean_and_cascades():
    text = opd_besar_with_positions()
    assert [d.code for d in run(text) if d.code.startswith("J")] == []
    peta = peta_of(text)
    # the Kasi's kegiatan serves the Kepala Bidang's nearest box (the upper kondisi antara KA2);
    # the JF's sub kegiatan serves the Kasi's kegiatan; the Sekretariat's chain runs apart
    assert peta.served_box("KASI-KIA", "KA3").id == "KA2"
    assert peta.served_box("JF-KIA", "KO1").id == "KA3"
    assert peta.served_box("KABID-KESMAS", "KAU1").id == "C1"
    assert peta.served_box("JP-PE", "KO4").id == "KA5" and peta.served_box("KASUBAG-PE", "KA5").id == "KAU2"
    pk = table("pk", text)
    assert len(pk.sections) == 9 and not any("belum ditulis" in position_of_section(s) for s in pk.sections)


def test_the_translation_matrix_names_the_declared_owner_of_each_box():
    from click.testing import CliRunner

    from pohon.cli import main

    root = Path(__file__).resolve().parents[1]
    out = CliRunner().invoke(main, ["tabel", str(root / "trees/kesbangpol-balangan.yaml"), "--jenis", "matriks"]).stdout
    row = next(line for line in out.splitlines() if "Kewaspadaan" in line and "Administrator" in line)
    assert row.rstrip(" |").endswith("Administrator<br>Kepala Bidang Kewaspadaan Nasional dan Penanganan Konflik")
