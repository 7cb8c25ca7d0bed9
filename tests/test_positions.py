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
