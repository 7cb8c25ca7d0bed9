"""`pohon tabel` → `pohon impor` → the same cascade, for every form that carries one (issue 13,
item 4), and a located message for the forms that do not.

Trees are compared loaded and normalised: ids differ (the import makes its own), so boxes are
matched by code (Renja, Renstra) or by name (Rencana Aksi, which prints no codes); a coded box's
name is its component's name (what the forms print), a sub kegiatan code's last part is compared
as a number (the forms print 0002 for 02). What each form cannot carry is named in each test
(docs/impor.md, "Keluaran pohon sendiri").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.app import check_file
from pohon.cli import main
from pohon.impor.run import import_file
from pohon.loader.load import load_text

ROOT = Path(__file__).resolve().parents[1]
RENJA_TREE = ROOT / "trees" / "renja-kesbangpol-balangan-2022.yaml"
YEARS = (2022, 2023)


@pytest.fixture(scope="module")
def source():
    return check_file(RENJA_TREE).tree


def table(tmp_path, tree: Path, kind: str, fmt: str) -> Path:
    out = tmp_path / f"{kind}.{fmt}"
    r = CliRunner().invoke(main, ["tabel", str(tree), "--jenis", kind, "-o", str(out)])
    assert out.exists(), r.output
    return out


def imported(path):
    out = import_file(path)
    assert out.yaml is not None, [d.message() for d in out.findings]
    loaded = load_text(out.yaml, "hasil.yaml")
    assert loaded.tree is not None
    return out, loaded.tree


def code_key(code: str) -> str:
    parts = code.split(".")
    if len(parts) == 6:
        parts[5] = str(int(parts[5])).zfill(2)
    return ".".join(parts)


def name_of(n) -> str:
    comps = n.data.komponen
    return comps[0].nama if n.data.kode and comps and comps[0].nama else n.uraian


def key(n, by: str):
    if by == "name":
        return name_of(n)
    return code_key(n.data.kode) if n.data.kode else n.uraian


def indicators(n, years, with_values=True):
    if not with_values:
        return [i.uraian for i in n.data.indikator]
    return [(i.uraian, {y: i.unit(y) for y in years if y in i.target}, {y: i.target[y] for y in years if y in i.target})
            for i in n.data.indikator]


def view(tree, years, by="code", only=None, values=lambda n: True):
    out = {}
    for n in tree:
        if only is not None and not only(n):
            continue
        parent = tree.parent(n.id)
        parent_key = key(parent, by) if parent is not None and (only is None or only(parent)) else None
        carried = values(n)
        out[key(n, by)] = (name_of(n), n.role_key, parent_key, indicators(n, years, carried),
                           {y: n.data.pagu[y] for y in years if y in n.data.pagu} if carried else None)
    return out


def problems(out):
    return sorted({d.code for d in out.findings if d.severity.value != "info"})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_renja_t_c33_round_trips_the_coded_cascade(tmp_path, source, fmt):
    """The Renja carries programs, kegiatan and sub kegiatan (by code), their names, indicators with
    units and targets, pagu, for the plan year and n+1. It cannot carry the Tujuan and Sasaran
    (not in T-C.33), which Sasaran a program serves, the boxes' own statements (it prints the
    nomenclature names), positions, or `abaikan`."""
    out, tree = imported(table(tmp_path, RENJA_TREE, "renja", fmt))
    assert out.layout == "renja"
    coded = lambda n: bool(n.data.kode)  # noqa: E731
    assert view(tree, YEARS, only=coded) == view(source, YEARS, only=coded)
    assert len(list(tree)) == 55 and all(n.data.kode for n in tree)
    assert {n.id for n in source if not n.data.kode} == {"T1", "S1", "S2", "S3"}  # not in the form
    assert tree.doc.periode == source.doc.periode and tree.doc.organisasi.nama == source.doc.organisasi.nama
    assert problems(out) == ["I025"]  # "12 Bulan" then "100%": satuan_tahun, as in the source tree
    assert not [d for d in out.findings if d.code in ("I022", "I013")]  # the JUMLAH row agrees, no stray pagu


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_renstra_t_c27_round_trips_the_whole_cascade(tmp_path, source, fmt):
    """The Renstra carries every level: Tujuan and Sasaran with their indicators, then programs,
    kegiatan and sub kegiatan by code under their Sasaran, targets and pagu of every year. It
    cannot carry the statements of coded boxes (it prints the nomenclature names), the unit
    kerja (a position's name, not the position), the baseline, or `abaikan`."""
    out, tree = imported(table(tmp_path, RENJA_TREE, "renstra", fmt))
    assert out.layout == "renstra"
    assert view(tree, YEARS) == view(source, YEARS)
    assert len(list(tree)) == len(list(source)) == 59
    assert problems(out) == ["I025"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_rencana_aksi_round_trips_the_cascade_and_the_rows_values(tmp_path, source, fmt):
    """The Rencana Aksi (one year) carries every box from Tujuan to Sub Kegiatan by name under its
    parent, every indicator's wording, and for the row's own indicator (the sub kegiatan's, when
    the tree has no action plans) its unit, the year's target, quarterly targets and actions and
    the box's pagu. It cannot carry codes (it prints none, as source 004), n+1, and the targets,
    units and pagu of the boxes above the rows (printed as wording only, or as the sum)."""
    out, tree = imported(table(tmp_path, RENJA_TREE, "rencana-aksi", fmt))
    assert out.layout == "rencana-aksi"
    rows = lambda n: n.role_key == "operasional"  # noqa: E731
    assert view(tree, (2022,), by="name", values=rows) == view(source, (2022,), by="name", values=rows)
    assert len(list(tree)) == 59 and not any(n.data.kode for n in tree)
    assert tree.doc.periode == "2022-2023"  # from the form's subtitle
    assert problems(out) == []


def test_a_renja_of_a_tree_without_codes_says_each_row_it_cannot_place(tmp_path):
    """T-C.33 orders boxes by code: a tree without codes (kesbangpol-balangan) has nothing to read
    back, and each row says so instead of disappearing."""
    out = import_file(table(tmp_path, ROOT / "trees" / "kesbangpol-balangan.yaml", "renja", "csv"))
    found = [d for d in out.findings if d.code == "I042"]
    assert out.boxes == 0 and len(found) == 27  # one per box row the form prints
    assert str(found[0].location).endswith("renja.csv!F9")
    assert found[0].message() == ('Baris "Meningkatnya kewaspadaan masyarakat dan fasilitasi penanganan konflik '
                                  'sosial" tidak berkode program/kegiatan/sub kegiatan: tabel ini menempatkan '
                                  'kotak menurut kodenya, jadi baris dilewati')


@pytest.mark.parametrize("kind", ["pk", "skp", "iku", "capaian"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_forms_that_carry_no_cascade_are_named_not_guessed(tmp_path, kind, fmt):
    """A PK or SKP lists one position's targets, the IKU and the evaluation tables one row per
    sasaran indicator: no parents, codes or boxes below the sasaran. `pohon impor` says which form
    it is (I041, at the title's cell) and writes nothing."""
    out = import_file(table(tmp_path, RENJA_TREE, kind, fmt))
    assert out.yaml is None
    (d,) = out.findings
    assert d.code == "I041" and d.severity.value == "error"
    assert f"keluaran `pohon tabel --jenis {kind}`" in d.message()
    if fmt == "csv":
        assert str(d.location).endswith(f"{kind}.csv!A1")


def test_the_non_carrier_message_through_the_command(tmp_path):
    path = table(tmp_path, RENJA_TREE, "pk", "csv")
    r = CliRunner().invoke(main, ["impor", str(path), "-o", str(tmp_path / "x.yaml")])
    assert r.exit_code == 1 and not (tmp_path / "x.yaml").exists()
    assert (f'{path}!A1: I041 kesalahan Berkas ini adalah "Perjanjian Kinerja Tahun 2022" keluaran '
            '`pohon tabel --jenis pk`: bentuk itu tidak memuat jenjang kinerja (induk, kode, kotak di bawah '
            'sasaran), jadi pohon tidak dibangun darinya') in r.output


def test_a_rencana_aksi_with_plans_on_a_box_above_is_read_as_the_deepest_box_s_and_said():
    """The builder's ambiguity: a row holding the plan of a Sasaran indicator lists the boxes below
    that Sasaran in the same row, exactly as a row of their sub kegiatan would look. The reader
    gives the row to the deepest box and notes it on every planned row (I043): Metro's plans are
    on its Sasaran indicators, the import puts them on the sub kegiatan's."""
    source = check_file(ROOT / "tests" / "fixtures" / "tables" / "rencana-aksi-metro.yaml").tree
    out, tree = imported(ROOT / "tests" / "fixtures" / "golden" / "rencana-aksi-metro.rencana-aksi.csv")
    planned = lambda t: sorted(i.uraian for n in t for i in n.data.indikator if 2021 in i.rencana_aksi)  # noqa: E731
    assert {n.role_key for n in source for i in n.data.indikator if 2021 in i.rencana_aksi} == {"csf"}
    assert {n.role_key for n in tree for i in n.data.indikator if 2021 in i.rencana_aksi} == {"operasional"}
    notes = [d for d in out.findings if d.code == "I043"]
    assert len(notes) == len(planned(tree)) == len(planned(source)) == 5
    assert str(notes[0].location).endswith("rencana-aksi.csv!M6")
