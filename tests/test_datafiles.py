"""Package data: the compiled JSON copies match their YAML sources, and a stale copy is never used."""

import pytest

from pohon import datafiles


@pytest.mark.parametrize("name", datafiles.COMPILED)
def test_compiled_copy_is_current(name):
    """After editing data/NAME.yaml, run `.venv/bin/python -m pohon.datafiles`."""
    current = datafiles.data_bytes(datafiles.compiled_name(name)).decode("utf-8")
    assert current == datafiles.compiled_text(name), "stale: run .venv/bin/python -m pohon.datafiles"


@pytest.mark.parametrize("name", datafiles.COMPILED)
def test_the_copy_holds_what_the_yaml_says(name):
    assert datafiles.data_yaml(name) == datafiles.parse_yaml(datafiles.data_text(name))


def test_a_copy_that_does_not_match_its_source_is_ignored(monkeypatch):
    real = datafiles.data_bytes

    def edited(*parts):
        if parts == ("roles.yaml",):
            return real("roles.yaml").replace(b"Outcome", b"Hasil akhir")
        return real(*parts)

    monkeypatch.setattr(datafiles, "data_bytes", edited)
    datafiles.data_yaml.cache_clear()
    try:
        assert datafiles.data_yaml("roles.yaml")["roles"][0]["label"]["id"] == "Hasil akhir"
    finally:
        datafiles.data_yaml.cache_clear()


def test_checking_a_tree_parses_no_package_yaml():
    """Every package data file that a check (and the rule catalogue) reads comes from its compiled copy."""
    import subprocess
    import sys
    from pathlib import Path

    tree = Path(__file__).resolve().parent.parent / "trees" / "latihan-kesalahan.yaml"
    code = ("import sys\nfrom pohon import datafiles\nparsed = []\n"
            "datafiles.parse_yaml = lambda text: parsed.append(text[:40])\n"
            "from pohon.app import check_file\nfrom pohon.report import rules_markdown\n"
            "assert check_file(sys.argv[1]).diagnostics\nrules_markdown('en')\nprint(parsed)")
    out = subprocess.run([sys.executable, "-c", code, str(tree)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_text_in_the_catalogues_is_one_string_per_language():
    """An unquoted flow value with a comma (`{id: a (b, c), en: …}`) splits into keys silently."""
    from pohon.datafiles import data_yaml

    for code, rule in data_yaml("rules.yaml").items():
        for part in ("source", "message", "hint"):
            value = rule.get(part)
            if value is not None:
                assert set(value) == {"id", "en"} and all(isinstance(v, str) for v in value.values()), (code, part)
    for key, value in data_yaml("messages.yaml").items():
        assert set(value) == {"id", "en"} and all(isinstance(v, str) for v in value.values()), key


def test_the_compiled_nomenclature_is_current():
    """After editing data/nomenklatur.csv, data/urusan_bidang.csv, pohon/mapping/nomenclature.py or
    pohon/mapping/codes.py, run `.venv/bin/python -m pohon.datafiles`."""
    from pohon.mapping import nomenclature

    current = datafiles.data_bytes(nomenclature.COMPILED).decode("utf-8")
    assert current == nomenclature.compiled_builtin_text(), "stale: run .venv/bin/python -m pohon.datafiles"
    assert list(nomenclature._compiled_builtin().items()) == list(nomenclature._read_builtin().items())


def test_a_nomenclature_copy_that_does_not_match_its_source_is_ignored(monkeypatch):
    from pohon.mapping import nomenclature

    real = datafiles.data_bytes

    def edited(*parts):
        if parts == ("nomenklatur.csv",):
            return real("nomenklatur.csv") + "\n8.01.01.2.01.0099,sub_kegiatan,Sub Kegiatan Baru,,,\n".encode()
        return real(*parts)

    monkeypatch.setattr(datafiles, "data_bytes", edited)
    monkeypatch.setattr(nomenclature, "data_text", lambda name: edited(name).decode("utf-8-sig"))
    nomenclature.builtin.cache_clear()
    try:
        assert nomenclature.builtin()["8.01.01.2.01.0099"].nama == "Sub Kegiatan Baru"
    finally:
        nomenclature.builtin.cache_clear()
