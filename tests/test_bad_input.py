"""Malformed tree files: every one is reported with a position and a stable code, never a traceback.

Fixtures live in ``tests/fixtures/bad/``; the 50 MB file is generated at test time. Most cases
run through click's CliRunner (fast); a handful run the real process (``python -m pohon``) to
prove that nothing reaches the terminal as a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pohon.catalogue import rules
from pohon.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad"


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str, timeout: float = 60):
    proc = subprocess.run([sys.executable, "-m", "pohon", *args], capture_output=True, text=True,
                          timeout=timeout, encoding="utf-8")
    return proc.returncode, proc.stdout, proc.stderr


def json_diags(path: Path, *extra: str) -> tuple[int, list[dict]]:
    code, out, _ = run_cli("check", "--format", "json", *extra, str(path))
    return code, json.loads(out)["diagnostics"]


# (fixture, rule code, line, col): the first diagnostic with that code sits exactly there.
CASES = [
    ("syntax-bad-indent.yaml", "F001", 4, 2),
    ("syntax-tab-indent.yaml", "F001", 7, 1),
    ("syntax-unclosed-quote.yaml", "F001", 7, 13),
    ("syntax-unclosed-bracket.yaml", "F001", 10, 5),
    ("two-documents.yaml", "F001", 30, 1),
    ("deep-nesting.yaml", "F001", 2, 1009),
    ("dup-key-top.yaml", "F002", 5, 1),
    ("dup-key-node.yaml", "F002", 8, 5),
    ("unknown-key-typo.yaml", "F003", 12, 9),
    ("type-string-for-list.yaml", "F004", 10, 13),
    ("type-mapping-for-string.yaml", "F004", 8, 7),
    ("type-target-year-key.yaml", "F004", 9, 84),
    ("type-pagu-not-rupiah.yaml", "F004", 8, 18),
    ("node-not-mapping.yaml", "F004", 4, 11),
    ("key-not-text.yaml", "F004", 5, 3),
    ("abaikan-without-reason.yaml", "F004", 8, 14),
    ("peran-unknown.yaml", "F004", 17, 20),
    ("id-with-space.yaml", "F004", 26, 25),
    ("periode-reversed.yaml", "F004", 4, 10),
    ("missing-uraian.yaml", "F005", 11, 9),
    ("missing-id.yaml", "F005", 11, 9),
    ("missing-organisasi.yaml", "F005", 1, 1),
    ("missing-kinerja.yaml", "F005", 1, 1),
    ("missing-periode.yaml", "F005", 1, 1),
    ("version-unknown.yaml", "F006", 1, 8),
    ("version-missing.yaml", "F006", 1, 1),
    ("latin1.yaml", "F007", 3, 42),
    ("utf16.yaml", "F007", 1, 1),
    ("utf16-no-bom.yaml", "F007", 1, 1),
    ("binary.yaml", "F007", 1, 1),
    ("alias-billion-laughs.yaml", "F009", 6, 8),  # the alias (`*e`) that crosses the limit
    ("alias-recursive.yaml", "F009", 2, 13),
    ("empty-file.yaml", "F010", 1, 1),
    ("comments-only.yaml", "F010", 1, 1),
    ("top-level-list.yaml", "F011", 1, 1),
    ("top-level-scalar.yaml", "F011", 1, 1),
    ("python-object-tag.yaml", "F012", 3, 9),
    ("custom-tag.yaml", "F012", 3, 9),
    ("dangling-parent.yaml", "S002", 31, 12),
    ("cycle-induk.yaml", "S003", 11, 12),
    ("induk-self.yaml", "S003", 7, 12),
    ("two-roots.yaml", "S005", 30, 9),
    ("role-skip.yaml", "S006", 17, 20),
    ("empty-kinerja.yaml", "S008", 5, 1),
    ("lookalike-id.yaml", "S010", 30, 9),
    ("nomenklatur-extra-columns.yaml", "K013", 5, 15),
]


def test_there_are_at_least_thirty_malformed_inputs():
    assert len(CASES) >= 30
    assert {name for name, *_ in CASES} == {p.name for p in BAD.glob("*.yaml")}


@pytest.mark.parametrize(("name", "code", "line", "col"), CASES, ids=[c[0] for c in CASES])
def test_malformed_input_is_reported_with_position_and_code(name, code, line, col):
    path = BAD / name
    exit_code, _, err = run_cli("check", str(path))
    assert exit_code == 1, err
    assert "Traceback" not in err
    assert f"{path}:{line}:{col}: {code} " in err
    assert rules()[code].severity.value == "error"


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_malformed_input_json_diagnostics_have_the_documented_shape(name):
    exit_code, diags = json_diags(BAD / name)
    assert exit_code == 1
    assert diags
    for d in diags:
        assert set(d) >= {"code", "severity", "file", "line", "col", "node", "message", "hint"}
        assert d["code"] in rules()
        assert d["severity"] in ("error", "warning", "info")
        assert d["file"] == str(BAD / name)
        assert d["line"] >= 1 and d["col"] >= 1
        assert d["message"] and d["hint"]


# Exact message texts, pinned (pre-commit style): a change in wording must be deliberate.
PINNED = {
    "dup-key-top.yaml": "Kunci `periode` ditulis dua kali (pertama di baris 4)",
    "dup-key-node.yaml": "Kunci `uraian` ditulis dua kali (pertama di baris 7)",
    "unknown-key-typo.yaml": "Kunci `uraain` tidak dikenal di kotak C1",
    "type-target-year-key.yaml": 'Nilai `target` tidak valid: bukan tahun (4 angka): "2O24"',
    "type-pagu-not-rupiah.yaml": 'Nilai `pagu` tidak valid: bukan jumlah Rupiah: "abc"',
    "type-string-for-list.yaml": "Nilai `cabang` tidak valid: harus berupa daftar (baris diawali `- `)",
    "missing-uraian.yaml": "Kunci wajib `uraian` tidak ada di kotak C1",
    "missing-periode.yaml": "Kunci wajib `periode` tidak ada di akar berkas",
    "missing-id.yaml": "Kunci wajib `id` tidak ada di kotak ke-1 pada `cabang` kotak O1 (kotak tanpa id)",
    "version-unknown.yaml": "Versi format `pohon: 2` tidak dikenal",
    "version-missing.yaml": "Kunci `pohon:` (versi format) tidak ada",
    "latin1.yaml": "Berkas bukan UTF-8: bait 0xC9 di baris 3 kolom 42 (mungkin Latin-1/Windows-1252)",
    "utf16.yaml": "Berkas tersimpan sebagai UTF-16",
    "utf16-no-bom.yaml": "Berkas tersimpan sebagai UTF-16",
    "empty-file.yaml": "Berkas kosong",
    "top-level-list.yaml": "Isi berkas harus berupa mapping (kunci: nilai), bukan daftar",
    "python-object-tag.yaml": "Tag YAML `!!python/object/apply:os.system` tidak diizinkan",
    "alias-billion-laughs.yaml": "Alias/anchor YAML mengembang melebihi 100000 elemen",
    "cycle-induk.yaml": "Kotak C1 berada dalam lingkaran induk: C1 → C2 → C1",
    "dangling-parent.yaml": "Induk `01` dari kotak C2 tidak ada",
    "two-roots.yaml": "Pohon punya 2 akar: O1, O2",
    "empty-kinerja.yaml": "Pohon tidak memuat satu kotak pun (`kinerja:` kosong)",
    "lookalike-id.yaml": "Id `С1` tampak sama dengan `C1` tetapi hurufnya berbeda (U+0421 CYRILLIC CAPITAL LETTER ES)",
    "id-with-space.yaml": 'Nilai `id` tidak valid: id tidak boleh memuat spasi: "K 1"',
    "periode-reversed.yaml": 'Nilai `periode` tidak valid: tulis periode seperti 2021-2026, bukan "2026-2021"',
    "nomenklatur-extra-columns.yaml": "Berkas nomenklatur `nomenklatur-extra-columns.csv`: baris 3: kode \"bukan-kode\" tidak dapat dibaca",
    "role-skip.yaml": "Kotak P1 (Kondisi antara) berada di bawah C1 (Critical success factor (CSF)); "
                      "seharusnya Kondisi antara utama",
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pinned_message_text(name):
    _, diags = json_diags(BAD / name)
    assert PINNED[name] in [d["message"] for d in diags]


def test_misspelt_key_suggests_the_right_one_and_is_not_also_reported_missing():
    _, diags = json_diags(BAD / "unknown-key-typo.yaml")
    assert [d["code"] for d in diags] == ["F003"]
    assert diags[0]["hint"].startswith("Maksud Anda `uraian`? ")
    _, diags_en = json_diags(BAD / "unknown-key-typo.yaml", "--lang", "en")
    assert diags_en[0]["hint"].startswith("Did you mean `uraian`? ")


def test_unknown_role_suggests_the_nearest_role():
    _, diags = json_diags(BAD / "peran-unknown.yaml")
    assert diags[0]["hint"].startswith("Maksud Anda `antara-utama`?")
    assert " atau 'operasional'" in diags[0]["message"]


def test_dangling_parent_suggests_the_look_alike_id():
    _, diags = json_diags(BAD / "dangling-parent.yaml")
    assert diags[0]["hint"] == "Maksud Anda `O1`? Periksa ejaan `induk:`."


def test_leaf_role_under_leaf_role_explains_there_is_no_lower_level():
    _, diags = json_diags(BAD / "role-skip.yaml")
    k1 = next(d for d in diags if d["node"] == "K1")
    assert k1["message"].endswith("seharusnya tidak ada kotak di bawah Kondisi operasional (tingkat terbawah)")


def test_syntax_error_shows_a_numbered_excerpt_with_a_caret():
    _, _, err = run_cli("check", str(BAD / "syntax-unclosed-quote.yaml"))
    assert '7 |     uraian: "Meningkatnya Rasa Aman Masyarakat\n  |             ^\n8 |     indikator:' in err


def test_excerpt_of_a_very_long_line_is_clipped():
    _, _, err = run_cli("check", str(BAD / "deep-nesting.yaml"))
    assert max(len(line) for line in err.splitlines()) < 300


def test_alias_bomb_is_rejected_fast():
    start = time.perf_counter()
    code, _, err = run_cli("check", str(BAD / "alias-billion-laughs.yaml"))
    assert time.perf_counter() - start < 2.0
    assert code == 1 and "F009" in err


def test_python_object_tag_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    src = (BAD / "python-object-tag.yaml").read_text(encoding="utf-8")
    f = tmp_path / "tag.yaml"
    f.write_text(src.replace("touch /tmp/pohon-pwned", f"touch {marker}"), encoding="utf-8")
    code, _, err = run_process("check", str(f))
    assert code == 1 and "F012" in err
    assert not marker.exists()


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "besar.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with big.open("wb") as fh:
        fh.write(b"pohon: 1\nkinerja: [\n")  # unparseable if it were ever parsed
        for _ in range(50 * 1024):
            fh.write(line)
    assert big.stat().st_size >= 50 * 1024 * 1024
    start = time.perf_counter()
    code, out, err = run_cli("check", "--format", "json", str(big))
    assert time.perf_counter() - start < 2.0
    assert code == 1
    diags = json.loads(out)["diagnostics"]
    assert [(d["code"], d["line"], d["col"]) for d in diags] == [("F008", 1, 1)]
    assert diags[0]["message"].startswith(f"Berkas berukuran {big.stat().st_size} bait, melebihi batas")


def test_size_limit_is_configurable(tmp_path):
    f = tmp_path / "kecil.yaml"
    f.write_bytes((BAD.parent.parent.parent / "trees" / "kesbangpol-balangan.yaml").read_bytes())
    code, _, err = run_cli("check", "--maks-ukuran", "0.001", str(f))
    assert code == 1 and "F008" in err


# A handful through the real process: the terminal never sees a traceback.
@pytest.mark.parametrize("name", ["binary.yaml", "alias-recursive.yaml", "deep-nesting.yaml", "latin1.yaml",
                                  "syntax-tab-indent.yaml", "cycle-induk.yaml"])
def test_real_process_reports_without_traceback(name):
    code, out, err = run_process("check", str(BAD / name))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{BAD / name}:" in err


def test_nonexistent_path_is_a_usage_error():
    code, out, err = run_process("check", str(BAD / "tidak-ada.yaml"))
    assert code == 2
    assert "Traceback" not in out + err
    assert "tidak-ada.yaml" in err


def test_english_messages_with_lang_en():
    _, diags = json_diags(BAD / "dup-key-top.yaml", "--lang", "en")
    assert diags[0]["message"] == "Key `periode` appears twice (first on line 4)"
    _, _, err = run_cli("check", "--lang", "en", str(BAD / "missing-periode.yaml"))
    assert "Required key `periode` is missing in the top level of the file" in err
    assert "1 file(s) checked: 1 error(s), 0 warning(s), 0 info" in err
    assert "hint: Add `periode: …`" in err


# --strict, --select, --ignore, per-node suppression --------------------------------------

WARN_ONLY = BAD.parent.parent.parent / "trees" / "kesbangpol-balangan.yaml"


def _phrased_as_action(tmp_path, extra: str = "") -> Path:
    text = (BAD.parent / "bad" / "empty-kinerja.yaml").read_text(encoding="utf-8").replace("kinerja: []\n", "")
    text += f"""kinerja:
  - id: O1
    uraian: Meningkatkan Rasa Aman Masyarakat{extra}
    indikator:
      - {{uraian: Angka konflik sosial, satuan: kasus, polaritas: negatif, target: {{2024: 0, 2025: 0}}}}
    cabang:
      - id: C1
        uraian: Menurunnya Potensi Konflik Sosial
        crosscutting: [Bagian Pemerintahan Setda]
"""
    f = tmp_path / "tindakan.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def test_warnings_alone_exit_zero_and_strict_makes_them_fail(tmp_path):
    f = _phrased_as_action(tmp_path)
    code, diags = json_diags(f)
    assert code == 0
    assert [d["code"] for d in diags] == ["M004"]
    assert json_diags(f, "--strict")[0] == 1


def test_select_and_ignore_filter_by_code_prefix():
    _, everything = json_diags(WARN_ONLY)
    assert {d["code"] for d in everything} >= {"M004", "M007"}
    _, selected = json_diags(WARN_ONLY, "--select", "M004")
    assert {d["code"] for d in selected} == {"M004"}
    _, ignored = json_diags(WARN_ONLY, "--ignore", "m004,M007")
    assert not {d["code"] for d in ignored} & {"M004", "M007"}
    _, by_group = json_diags(BAD / "cycle-induk.yaml", "--select", "S")
    assert {d["code"][0] for d in by_group} == {"S"}


def test_suppression_with_reason_hides_the_rule_on_that_node(tmp_path):
    f = _phrased_as_action(tmp_path, '\n    abaikan: {M004: "rumusan resmi dari RPJMD"}')
    code, diags = json_diags(f)
    assert code == 0
    assert diags == []


def test_unused_suppression_is_reported_as_m013(tmp_path):
    f = _phrased_as_action(tmp_path, '\n    abaikan: {M004: "rumusan resmi", M002: "tidak perlu"}')
    _, diags = json_diags(f)
    assert [(d["code"], d["node"], d["line"]) for d in diags] == [("M013", "O1", 8)]
    assert diags[0]["message"] == "Kotak O1 mengabaikan M002, tetapi aturan itu tidak berlaku di sini"


# Large and repetitive inputs ---------------------------------------------------------------

def test_a_statement_repeated_many_times_in_a_large_tree_is_reported_once_per_copy():
    from pohon.rules.similar import similar_pairs

    distinct = [f"Terlaksananya kegiatan nomor{i} {'abcdefghij'[i % 10] * 5}{i}" for i in range(1600)]
    copies = ["Meningkatnya rasa aman masyarakat desa"] * 250
    pairs = similar_pairs(distinct + copies)
    first = len(distinct)
    assert [(i, j) for i, j, _ in pairs] == [(first, first + k) for k in range(1, 250)]


def test_identical_statements_give_one_warning_per_repeated_node_not_one_per_pair(tmp_path):
    nodes = "".join(
        f"  - {{id: K{i}, induk: O1, peran: antara, uraian: Terlaksananya koordinasi kewaspadaan,"
        f" crosscutting: [Setda]}}\n" for i in range(60))
    text = (BAD / "empty-kinerja.yaml").read_text(encoding="utf-8").replace("kinerja: []\n", "kinerja:\n") + (
        "  - {id: O1, uraian: Meningkatnya rasa aman, crosscutting: [Setda]}\n" + nodes)
    f = tmp_path / "ulang.yaml"
    f.write_text(text, encoding="utf-8")
    _, diags = json_diags(f, "--select", "M005")
    assert len(diags) == 59
    assert {d["message"].split(" (")[0] for d in diags} == {
        f"Pernyataan kotak K{i} sama persis dengan kotak K0" for i in range(1, 60)}


def test_thousands_of_diagnostics_print_in_human_format(tmp_path):
    nodes = "".join(f"  - {{id: K{i}, induk: O1, uraian: Terlaksananya kegiatan ke{i}x{i * 7919 % 10007}}}\n"
                    for i in range(3000))
    text = (BAD / "empty-kinerja.yaml").read_text(encoding="utf-8").replace("kinerja: []\n", "kinerja:\n") + (
        "  - {id: O1, uraian: Meningkatnya rasa aman}\n" + nodes)
    f = tmp_path / "banyak.yaml"
    f.write_text(text, encoding="utf-8")
    code, _, err = run_cli("check", "--select", "M001", str(f))
    assert code == 1
    assert err.count(": M001 kesalahan") == 3001
    assert f"{f}:7:10: M001 kesalahan [K0] Kotak K0 tidak punya indikator\n" in err
