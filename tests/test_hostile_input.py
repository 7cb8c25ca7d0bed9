"""Hostile input to the loader (issue 8): what a shared tree file or reference list must never
be able to do — hang, exhaust memory, lose data silently, crash, or pass control characters on.

Each test builds the smallest input that shows its case, in tmp_path (nothing huge is
committed). Devices and FIFOs are POSIX only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from pohon.cli import main
from pohon.io import ReadError, read_limited
from pohon.loader.load import load_text, load_tree
from pohon.mapping.nomenclature import load_reference
from pohon.model import schema
from pohon.model.values import NumberOutOfRange, checked, number_or_text, parse_number, parse_period, parse_year
from tests.helpers import HEADER, chain, tree

POSIX = pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs are POSIX only")


def run_cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def json_diags(*args: str) -> tuple[int, list[dict]]:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert "Traceback" not in err
    return code, json.loads(out)["diagnostics"]


def found(text: str, name: str = "t.yaml") -> list[tuple]:
    return [(d.code, d.line, d.col) for d in load_text(text, name).diagnostics]


def write(tmp_path: Path, text: str, name: str = "pohon.yaml") -> Path:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    return f


# -- reading without limits -----------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("target", ["/dev/zero", "link"])
def test_a_device_or_a_link_to_one_is_refused_before_reading(tmp_path, target):
    path = "/dev/zero"
    if target == "link":
        path = str(tmp_path / "nol.yaml")
        os.symlink("/dev/zero", path)
    start = time.perf_counter()
    code, diags = json_diags(path)
    assert time.perf_counter() - start < 5
    assert code == 1
    assert [(d["code"], d["line"], d["col"]) for d in diags] == [("F015", 1, 1)]
    assert diags[0]["message"] == ("Berkas tidak dapat dibaca: bukan berkas biasa (perangkat karakter, mis. /dev/zero"
                                   " atau terminal); pohon hanya membaca berkas biasa")


@POSIX
def test_a_fifo_is_refused_not_waited_for(tmp_path):
    fifo = tmp_path / "pipa.yaml"
    os.mkfifo(fifo)
    # a real process, with a timeout: a regression would hang on open() or read()
    proc = subprocess.run([sys.executable, "-m", "pohon", "check", "--lang", "en", str(fifo)], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert proc.returncode == 1
    assert f"{fifo}:1:1: F015 " in proc.stderr
    assert "not a regular file (a pipe/FIFO)" in proc.stderr


@POSIX
def test_dev_stdin_is_refused_whatever_stdin_is(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pohon", "check", "/dev/stdin"], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.PIPE)  # a pipe nobody writes to: reading would hang
    assert proc.returncode == 1 and "/dev/stdin:1:1: F015 " in proc.stderr


def test_the_size_limit_holds_while_reading_not_only_by_the_reported_size(tmp_path):
    proc_file = Path("/proc/self/status")  # a regular file whose reported size is 0
    if not proc_file.exists() or proc_file.stat().st_size != 0:
        pytest.skip("needs a /proc file that reports size 0 (Linux)")
    with pytest.raises(ReadError) as exc:
        read_limited(proc_file, 16)
    assert exc.value.too_large and exc.value.size is None
    result = load_tree(proc_file, max_bytes=16)
    (d,) = result.diagnostics
    assert (d.code, d.line, d.col) == ("F008", 1, 1)
    assert d.message() == "Berkas berukuran lebih dari 16 bait, melebihi batas 16 bait"
    assert d.message("en") == "File is more than 16 bytes, over the limit of 16 bytes"


def test_read_limited_reads_a_regular_file_up_to_the_limit(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_bytes(b"x" * 100)
    assert read_limited(f, 100) == b"x" * 100
    with pytest.raises(ReadError) as exc:
        read_limited(f, 99)
    assert exc.value.too_large and exc.value.size == 100
    with pytest.raises(ReadError) as exc:
        read_limited(tmp_path, 99)
    assert exc.value.text("en") == f"Cannot read {tmp_path}: not a regular file (a folder); pohon reads regular files only"


@POSIX
def test_nomenclature_list_on_a_device_is_a_located_finding(tmp_path):
    f = write(tmp_path, HEADER.replace("kinerja:", "nomenklatur: [/dev/zero]\nkinerja:") + "  - {id: O1, uraian: Meningkatnya x}\n")
    start = time.perf_counter()
    _, diags = json_diags(str(f))
    assert time.perf_counter() - start < 5
    (k,) = [d for d in diags if d["code"] == "K013"]
    assert (k["line"], k["col"]) == (4, 15)
    assert k["message"].startswith("Berkas nomenklatur `/dev/zero`: bukan berkas biasa (perangkat karakter")


def test_nomenclature_path_with_nul_and_csv_field_over_the_csv_limit_are_problems_not_crashes(tmp_path):
    ref = load_reference(["daftar\x00.csv"], tmp_path)
    assert [t.key for _, t in ref.problems] == ["read_nul_in_name"]
    (tmp_path / "besar.csv").write_text("kode,nama\n8.01.01,\"" + "x" * 131_073 + "\"\n", encoding="utf-8")
    (tmp_path / "nul.csv").write_text("kode,nama\n8.01.01,a\x00b\n", encoding="utf-8")
    ref = load_reference(["besar.csv", "nul.csv"], tmp_path)
    from pohon.catalogue import word
    assert [(name, word(t, "en")) for name, t in ref.problems] == [
        ("besar.csv", "row 2: the CSV cannot be read (a field over 131072 characters)"),
        ("nul.csv", "row 2 holds invisible control characters; the row is ignored")]


def test_a_reference_row_with_control_characters_is_ignored_and_reported(tmp_path):
    (tmp_path / "ref.csv").write_text("kode,nama\n8.01.01,Program \x1b[8mtersembunyi\n8.01.02,Program baik\n",
                                      encoding="utf-8")
    ref = load_reference(["ref.csv"], tmp_path)
    assert [t.key for _, t in ref.problems] == ["ref_control"]
    assert all("\x1b" not in e.nama for e in ref.entries.values())
    assert ref.get("8.01.02").nama == "Program baik"


@POSIX
def test_check_dir_takes_regular_files_only(tmp_path):
    write(tmp_path, chain(), "a.yaml")
    os.symlink("/dev/zero", tmp_path / "nol.yaml")
    os.mkfifo(tmp_path / "pipa.yaml")
    start = time.perf_counter()
    code, out, err = run_cli("check", "--format", "json", str(tmp_path))
    assert time.perf_counter() - start < 10
    assert json.loads(out)["files"] == [str(tmp_path / "a.yaml")]


@POSIX
def test_check_goes_on_past_a_file_it_cannot_read(tmp_path):
    a, b = write(tmp_path, chain(), "a.yaml"), write(tmp_path, chain(), "b.yaml")
    os.mkfifo(tmp_path / "pipa.yaml")
    code, out, err = run_cli("check", "--format", "json", str(a), str(tmp_path / "pipa.yaml"), str(b))
    report = json.loads(out)
    assert code == 1
    assert report["files"] == [str(a), str(tmp_path / "pipa.yaml"), str(b)]
    assert [(d["file"], d["code"]) for d in report["diagnostics"] if d["severity"] == "error"] == [
        (str(tmp_path / "pipa.yaml"), "F015")]


def test_a_folder_that_cannot_be_listed_is_reported_and_the_others_checked(tmp_path, monkeypatch):
    write(tmp_path, chain(), "a.yaml")
    locked = tmp_path / "terkunci"
    locked.mkdir()
    write(locked, chain(), "c.yaml")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run_cli("check", "--format", "json", str(tmp_path))
    report = json.loads(out)
    assert code == 1
    assert report["files"] == [str(tmp_path / "a.yaml"), str(locked)]
    (d,) = [d for d in report["diagnostics"] if d["severity"] == "error"]
    assert (d["file"], d["code"], d["message"]) == (
        str(locked), "F015", "Berkas tidak dapat dibaca: tidak ada izin membaca berkas")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_check_dir_goes_on_past_an_unreadable_file(tmp_path):
    good = write(tmp_path, chain(), "a.yaml")
    bad = write(tmp_path, chain(), "b.yaml")
    bad.chmod(0)
    code, diags = json_diags(str(tmp_path))
    assert code == 1
    assert [(d["file"], d["code"]) for d in diags if d["severity"] == "error"] == [(str(bad), "F015")]
    assert good.exists()


# -- aliases of every kind are counted ------------------------------------------------------

def test_an_anchor_of_long_text_used_many_times_is_refused_quickly():
    text = HEADER.replace("kinerja:", f"tahap1:\n  permasalahan: &a {'x' * 100_000}\n  mandat:\n"
                          + "    - *a\n" * 2000 + "kinerja:") + "  - {id: O1, uraian: Meningkatnya x}\n"
    start = time.perf_counter()
    (d,) = load_text(text, "t.yaml").diagnostics
    assert time.perf_counter() - start < 2
    assert (d.code, d.line, d.col) == ("F009", 17, 7)  # the 11th alias: 1,000,000 characters are passed
    assert d.message() == "Alias/anchor YAML mengembang melebihi 1000000 karakter"
    assert d.message("en") == "YAML aliases/anchors expand beyond 1000000 characters"


def test_small_aliases_and_merge_keys_still_work_and_keep_their_positions():
    text = tree("""
        - id: O1
          uraian: &u Meningkatnya rasa aman
          catatan: *u
          indikator:
            - &base {uraian: Indeks x, satuan: indeks, target: {2024: 1, 2025: 2}}
            - {<<: *base, uraian: Indeks y}
        """)
    result = load_text(text, "t.yaml")
    assert result.diagnostics == []
    node = result.tree.node("O1")
    assert node.data.catatan == "Meningkatnya rasa aman"
    assert [i.satuan for i in node.indikator] == ["indeks", "indeks"]
    src = result.source
    assert src.value(node.path + ("catatan",)) == (7, 14)  # where the alias is written
    assert src.value(node.path + ("indikator", 1, "satuan")) == (9, 42)  # a merged key: where it is defined
    assert src.key(node.path + ("indikator", 1, "uraian")) == (10, 21)


# -- 8,000 unknown keys: linear, and bounded findings ------------------------------------------

def test_thousands_of_unknown_keys_are_fast_and_summarised():
    keys = "".join(f"    k{i}: x\n" for i in range(8000))
    text = HEADER + "  - id: O1\n    uraian: Meningkatnya x\n" + keys
    start = time.perf_counter()
    diags = load_text(text, "t.yaml").diagnostics
    assert time.perf_counter() - start < 3
    assert [d.code for d in diags] == ["F003"] * 100 + ["F016"]
    assert [(d.line, d.col) for d in diags[:2]] == [(7, 5), (8, 5)]
    last = diags[-1]
    assert (last.line, last.col, last.node) == (107, 5, "O1")
    assert last.message() == "7900 temuan F003 lain di kotak O1 tidak ditampilkan"
    assert last.message("en") == "7900 more F003 findings in box O1 not shown"


def test_every_message_is_bounded_in_size():
    huge_key = "k" * 100_000  # longer than a simple key may be: written as an explicit key
    text = HEADER + f"  - id: O1\n    uraian: Meningkatnya x\n    ? {huge_key}\n    : 1\n    peran: {'y' * 100_000}\n"
    diags = load_text(text, "t.yaml").diagnostics
    assert {d.code for d in diags} == {"F003", "F004"}
    for d in diags:
        assert len(d.message()) < 400 and len(d.hint()) < 1000


def test_a_mapping_or_list_larger_than_any_tree_needs_is_refused():
    keys = "".join(f"  k{i}: x\n" for i in range(10_001))
    (d,) = load_text(HEADER + "  - {id: O1, uraian: x}\ncatatan:\n" + keys).diagnostics
    assert (d.code, d.line, d.col) == ("F017", 7, 3)
    assert d.message() == "Mapping atau daftar ini memuat 10001 kunci, melebihi batas 10000"
    (d,) = load_text(HEADER + "  - {id: O1, uraian: x}\ncatatan:\n" + "  - x\n" * 10_001).diagnostics
    assert (d.code, d.line, d.col) == ("F017", 7, 3)
    assert d.message("en") == "This mapping or list holds 10001 values that are not mappings, over the limit of 10000"


def test_many_broken_boxes_are_sampled_not_each_built():
    nodes = "".join(f"  - {{id: a{i}}}\n" for i in range(21_000))
    start = time.perf_counter()
    diags = load_text(HEADER + nodes, "t.yaml").diagnostics
    assert time.perf_counter() - start < 10
    assert [d.code for d in diags].count("F005") == 1000
    (summary,) = [d for d in diags if d.code == "F016"]
    assert summary.message("en") == "20000 more file format (F002–F005) findings in this file not shown"


# -- years are four digits; each year once --------------------------------------------------

@pytest.mark.parametrize("field, key, col", [
    ("pagu: {2024: 1.000.000, 02024: 5}", "02024", 29),
    ("pagu: {2024: 1.000.000, 2_024: 5}", "2_024", 29),
    ("pagu: {2024: 1.000.000, +2024: 5}", "+2024", 29),
    ("pagu: {2024: 1.000.000, ' 2024': 5}", " 2024", 29),
    ("pagu: {2024: 1.000.000, ٢٠٢٤: 5}", "٢٠٢٤", 29),
])
def test_a_year_is_exactly_four_ascii_digits(field, key, col):
    text = tree(f"""
        - id: O1
          uraian: Meningkatnya x
          {field}
        """)
    (d,) = load_text(text, "t.yaml").diagnostics
    assert (d.code, d.line, d.col, d.node) == ("F004", 7, col, "O1")
    assert d.message() == f'Nilai `pagu` tidak valid: bukan tahun (4 angka): "{key}"'


def test_target_year_written_with_an_underscore_is_not_the_same_year():
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          indikator: [{uraian: Persentase x, satuan: '%', target: {2024: 90, 2_024: 10}}]
        """)
    assert found(text) == [("F004", 7, 72)]


def test_the_same_year_twice_from_another_source_is_a_duplicate_key():
    with pytest.raises(ValidationError) as exc:
        schema.Indikator.model_validate({"uraian": "x", "target": {2024: 90, "2024": 10}})
    (err,) = exc.value.errors()
    assert err["type"] == "pohon_duplicate_year" and err["ctx"] == {"key": "2024", "first": "2024"}
    assert parse_year("2024") == 2024 and parse_year(2024) == 2024
    assert [parse_year(y) for y in ("02024", "2_024", "+2024", " 2024", "٢٠٢٤", "1899", True)] == [None] * 7
    assert parse_period("٢٠٢٤-٢٠٢٥") is None and parse_period("2O24-2025") is None
    assert parse_period("2024-2025") == (2024, 2025)


def test_the_same_year_twice_in_yaml_is_f002_at_the_second():
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          pagu: {2024: 1.000.000, "2024": 5}
        """)
    (d,) = load_text(text, "t.yaml").diagnostics
    assert (d.code, d.line, d.col) == ("F002", 7, 29)
    assert d.message() == "Kunci `2024` ditulis dua kali (pertama di baris 7)"


# -- numbers beyond a budget or a target -----------------------------------------------------

def _target(value: str) -> str:
    return tree(f"""
        - id: O1
          uraian: Meningkatnya x
          indikator: [{{uraian: Persentase x, satuan: '%', target: {{2024: {value}}}}}]
        """)


@pytest.mark.parametrize("value", ["9" * 19, "9" * 310, "1" + ".000" * 1500, '"1,1234567"', '"1e400"'])
def test_a_number_beyond_what_a_target_can_be_is_a_located_error(value):
    (d,) = load_text(_target(value), "t.yaml").diagnostics
    assert (d.code, d.line, d.col, d.node) == ("F004", 7, 68, "O1")
    if value != '"1e400"':
        assert "di luar batas angka: paling banyak 18 digit sebelum tanda desimal dan 6 digit sesudahnya" in d.message()
        assert len(d.message()) < 300


def test_numbers_inside_quarterly_targets_are_read_in_the_same_place():
    text = tree(f"""
        - id: O1
          uraian: Meningkatnya x
          indikator: [{{uraian: Persentase x, satuan: '%', rencana_aksi: {{2024: {{tw: [1{'.000' * 1500}]}}}}}}]
        """)
    code = found(text)
    assert code == [("F004", 7, 80)]


def test_the_largest_numbers_allowed_are_read_exactly():
    assert parse_number("999.999.999.999.999.999") == Decimal("999999999999999999")
    assert number_or_text("999.999.999.999.999.999") == 999_999_999_999_999_999
    assert parse_number("0,123456") == Decimal("0.123456")
    assert number_or_text("123456789,12345") == 123456789.12345
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          pagu: {2024: "Rp 999.999.999.999.999.999,99"}
          indikator: [{uraian: Persentase x, satuan: '%', target: {2024: "999.999.999.999.999.999"}}]
        """)
    result = load_text(text)
    assert result.ok, result.diagnostics
    assert result.tree.node("O1").data.pagu[2024] == Decimal("999999999999999999.99")


def test_a_fraction_that_a_float_cannot_hold_is_refused_not_rounded():
    with pytest.raises(NumberOutOfRange) as exc:
        number_or_text("12345678901234567,5")
    assert exc.value.too_precise
    assert found(_target('"12345678901234567,5"')) == [("F004", 7, 68)]


@pytest.mark.parametrize("value", [float("inf"), float("nan"), Decimal("Infinity"), Decimal("NaN"), 10 ** 19,
                                   Decimal("1E+400")])
def test_infinities_and_huge_numbers_from_any_source_are_refused(value):
    with pytest.raises(NumberOutOfRange):
        number_or_text(value)
    with pytest.raises(ValidationError):
        schema.Simpul.model_validate({"id": "O1", "uraian": "x", "pagu": {"2024": value}})


def test_checked_counts_digits_before_and_after_the_decimal_mark():
    assert checked(Decimal("123456789012345678.123456"))
    with pytest.raises(NumberOutOfRange):
        checked(Decimal("1234567890123456789"))
    with pytest.raises(NumberOutOfRange):
        checked(Decimal("0.1234567"))


# -- control characters ----------------------------------------------------------------------

@pytest.mark.parametrize("written, shown", [
    ('"Meningkatnya \\a x"', "U+0007"),
    ('"Meningkatnya \\e[8m x"', "U+001B"),
    ('"Meningkatnya \\x7F x"', "U+007F"),
    ('"Meningkatnya \\x85 x"', "U+0085"),
    ('"Meningkatnya \\uFFFE x"', "U+FFFE"),
    ("Meningkatnya \u202e x", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("Meningkatnya \u2066x\u2069", "U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
])
def test_control_characters_in_text_are_located_and_the_file_is_not_loaded(written, shown):
    text = tree(f"""
        - id: O1
          uraian: {written}
        """)
    result = load_text(text, "t.yaml")
    assert not result.ok
    (d,) = result.diagnostics
    assert (d.code, d.line, d.col, d.node, d.field) == ("F014", 6, 13, "O1", ("uraian",))
    assert d.message() == f"Teks `uraian` memuat karakter kendali yang tidak terlihat: {shown}"


def test_a_control_character_in_a_key_is_reported_at_the_key():
    text = tree("""
        - id: O1
          uraian: Meningkatnya x
          "cat\\e[8matan": x
        """)
    diags = load_text(text, "t.yaml").diagnostics
    f014 = [d for d in diags if d.code == "F014"]
    assert [(d.line, d.col, d.field) for d in f014] == [(7, 5, ())]
    assert f014[0].message("en") == "The text of `key` holds invisible control characters: U+001B"
    f003 = [d for d in diags if d.code == "F003"]
    assert f003 and "\x1b" not in f003[0].message()


def test_tab_and_line_breaks_are_not_control_characters_here():
    text = tree("""
        - id: O1
          uraian: "Meningkatnya\\trasa aman"
          catatan: "baris satu\\nbaris dua\\r\\nbaris tiga"
          indikator: [{uraian: Indeks x, satuan: indeks, target: {2024: 1, 2025: 2}}]
        """)
    assert load_text(text).ok


def test_render_refuses_a_tree_with_control_characters(tmp_path):
    f = write(tmp_path, chain(ko='"Terlaksananya \\x01koordinasi"'))
    code, _, err = run_cli("render", str(f), "-o", str(tmp_path / "x.dot"))
    assert code == 1 and "F014" in err
    assert not (tmp_path / "x.dot").exists()


@pytest.mark.parametrize("raw, name, col", [("\x07", "0007", 26), ("\x1b", "001B", 26), ("\x7f", "007F", 26),
                                            ("\ufffe", "FFFE", 26)])
def test_raw_control_characters_in_yaml_are_located(raw, name, col):
    text = HEADER + f"  - id: O1\n    uraian: Meningkatnya {raw} x\n"
    (d,) = load_text(text, "t.yaml").diagnostics
    assert (d.code, d.line, d.col) == ("F001", 6, col)
    assert d.message() == f"Sintaks YAML salah: karakter #x{name.lower()} tidak dapat diterima: karakter kendali tidak diizinkan"
    assert raw not in d.excerpt and "6 |     uraian: Meningkatnya " in d.excerpt


def test_raw_control_character_after_wide_characters_is_located_by_character():
    text = HEADER + "  - id: O1\n    uraian: Méningkatnya 😀 \x07 x\n"
    assert found(text) == [("F001", 6, 28)]


def test_a_lone_surrogate_in_text_is_an_encoding_problem_not_a_crash():
    (d,) = load_text(HEADER + "  - id: O1\n    uraian: x\ud800y\n", "t.yaml").diagnostics
    assert (d.code, d.line, d.col) == ("F007", 6, 14)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_named_utf32(tmp_path, encoding):
    f = tmp_path / "u32.yaml"
    f.write_bytes(chain().encode(encoding))
    (d,) = load_tree(f).diagnostics
    assert (d.code, d.message(), d.message("en")) == ("F007", "Berkas tersimpan sebagai UTF-32",
                                                      "The file is saved as UTF-32")


def test_utf16_is_still_utf16(tmp_path):
    f = tmp_path / "u16.yaml"
    f.write_bytes(chain().encode("utf-16"))
    assert load_tree(f).diagnostics[0].message() == "Berkas tersimpan sebagai UTF-16"
