import json

from click.testing import CliRunner

from pohon.cli import main
from tests.helpers import chain


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def write(tmp_path, text, name="t.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_clean_tree_exits_0_with_a_summary(tmp_path):
    res = invoke("check", write(tmp_path, chain()))
    assert res.exit_code == 0
    assert "1 berkas diperiksa: 0 kesalahan, 0 peringatan, 0 info" in res.stderr
    assert res.stdout == ""


def test_warnings_pass_unless_strict(tmp_path):
    path = write(tmp_path, chain(ko="Pelaksanaan koordinasi"))
    assert invoke("check", path).exit_code == 0
    assert invoke("check", "--strict", path).exit_code == 1


def test_human_output_names_file_line_col_code_and_hint(tmp_path):
    path = write(tmp_path, chain(ko="Pelaksanaan koordinasi"))
    res = invoke("check", path)
    assert f"{path}:23:29: M004 peringatan [KO1] Kotak KO1 ditulis sebagai kegiatan (\"Pelaksanaan\"), bukan kondisi" in res.stderr
    assert "saran: Tulis sebagai kondisi yang dicapai, misalnya \"Terlaksananya koordinasi\"." in res.stderr


def test_json_goes_to_stdout(tmp_path):
    path = write(tmp_path, chain(ko="Pelaksanaan koordinasi"))
    res = invoke("check", "--format", "json", "--lang", "en", path)
    data = json.loads(res.stdout)
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0, "files": 1, "exit_code": 0}
    (d,) = data["diagnostics"]
    assert d["code"] == "M004" and d["node"] == "KO1" and d["line"] == 23 and d["severity"] == "warning"
    assert d["message"] == 'Box KO1 is phrased as an activity ("Pelaksanaan"), not a condition'


def test_errors_exit_1(tmp_path):
    res = invoke("check", write(tmp_path, "pohon: 1\nkinerja: []\n"))
    assert res.exit_code == 1
    assert "F005" in res.stderr


def test_usage_errors_exit_2(tmp_path):
    assert invoke("check", str(tmp_path / "nope.yaml")).exit_code == 2
    assert invoke("check", "--format", "xml", write(tmp_path, chain())).exit_code == 2
    empty = tmp_path / "kosong"
    empty.mkdir()
    assert invoke("check", str(empty)).exit_code == 2  # a folder without trees


def test_folder_is_checked_file_by_file(tmp_path):
    write(tmp_path, chain(), "a.yaml")
    write(tmp_path, chain(ko="Pelaksanaan x"), "b.yml")
    res = invoke("check", str(tmp_path))
    assert "2 berkas diperiksa: 0 kesalahan, 1 peringatan, 0 info" in res.stderr


def test_internal_errors_ask_for_a_report_without_a_traceback(tmp_path, monkeypatch):
    import pohon.rules

    def boom(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(pohon.rules, "CHECKS", [boom])
    path = write(tmp_path, chain())
    res = CliRunner().invoke(main, ["check", path])
    assert res.exit_code == 3
    assert "kesalahan internal (RuntimeError: boom)" in res.stderr
    assert "Traceback" not in res.stderr
    debug = CliRunner().invoke(main, ["--debug", "check", path])
    assert isinstance(debug.exception, RuntimeError)


def test_rules_lists_the_catalogue():
    res = invoke("rules")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("A001  error")  # in code order: A (audit), D (planning documents), then F (file)
    assert any(line.startswith("F001  error    yaml-syntax") for line in lines)
    data = json.loads(invoke("rules", "--format", "json", "--lang", "en").stdout)
    assert {"code": "M004", "name": "activity-phrasing"}.items() <= next(r for r in data if r["code"] == "M004").items()


def test_init_never_overwrites_without_force(tmp_path):
    path = write(tmp_path, "mine\n", "x.yaml")
    res = invoke("init", path)
    assert res.exit_code == 2
    assert "sudah ada; tambahkan --force" in res.stderr
    assert open(path, encoding="utf-8").read() == "mine\n"
    assert invoke("init", "--force", path).exit_code == 0
    assert open(path, encoding="utf-8").read().startswith("# yaml-language-server")


def test_size_limit_must_be_a_finite_number(tmp_path):
    path = write(tmp_path, chain())
    for value in ("inf", "nan", "-1", "1e9"):
        res = invoke("check", "--maks-ukuran", value, path)
        assert res.exit_code == 2 and "--maks-ukuran" in res.stderr and "Traceback" not in res.stderr
