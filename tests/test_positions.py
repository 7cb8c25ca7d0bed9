"""Positions (peta jabatan) and the owners of boxes: the domain class and the J rules, each rule
with a tree that raises it and the clean tree that does not."""

from __future__ import annotations

import pytest

from pohon.catalogue import rules
from pohon.loader.load import load_text
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


def test_a_crosscutting_box_left_to_its_partner_needs_no_owner():
    text = with_peta(chain(extra="- {id: C2, induk: O1, uraian: Terkoordinirnya batas wilayah, "
                                 "crosscutting: [Bagian Tata Pemerintahan Setda]}"))
    assert run(text) == []
