"""`pohon init` links the JSON Schema shipped inside the package, by a modeline that resolves.

The modeline is resolved here the way yaml-language-server (VS Code's YAML extension) does: the
value after ``$schema=`` up to the first whitespace; ``file:`` URIs as they are; other values are
paths, resolved lexically against the YAML file's folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pytest
from click.testing import CliRunner

import pohon.schema_gen as schema_gen
from pohon.cli import main
from pohon.schema_gen import packaged_schema_path, schema_json, schema_ref
from pohon.service import skeleton_text

ROOT = Path(__file__).resolve().parents[1]
MODELINE = re.compile(r"^#\s+yaml-language-server\s*:.*?\$schema[=:]\s*(\S+)", re.M)


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def modeline_target(yaml_path: Path) -> Path:
    """The file the modeline of ``yaml_path`` points to, as yaml-language-server resolves it."""
    first = yaml_path.read_text(encoding="utf-8").splitlines()[0]
    m = MODELINE.match(first)
    assert m, f"no yaml-language-server modeline on line 1: {first!r}"
    value = m.group(1)
    assert not value.startswith("http"), value
    if value.startswith("file:"):
        parsed = urlparse(value)
        return Path(url2pathname(unquote(parsed.path)))
    if os.path.isabs(value):
        return Path(value)
    return Path(os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(yaml_path)), value)))


def schema_output() -> dict:
    res = invoke("schema")
    assert res.exit_code == 0
    return json.loads(res.stdout)


def assert_checks_clean(path: Path) -> None:
    res = invoke("check", "--format", "json", str(path))
    codes = [d["code"] for d in json.loads(res.stdout)["diagnostics"]]
    assert not [c for c in codes if c.startswith("F")], codes
    assert res.exit_code == 0, codes


def test_packaged_schema_is_current_and_equals_the_repository_copy():
    packaged = ROOT / "src/pohon/data/pohon.schema.json"
    assert packaged.read_text(encoding="utf-8") == schema_json(), "run: python -m pohon.schema_gen"
    assert packaged.read_bytes() == (ROOT / "schema/pohon.schema.json").read_bytes()
    assert packaged_schema_path() is not None and packaged_schema_path().is_file()


def test_package_data_ships_the_schema():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*.json"' in text


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("where", ["x.yaml", "nested/deeper/x.yaml", "../sibling/x.yaml"])
def test_init_modeline_resolves_to_the_installed_schema(tmp_path, monkeypatch, lang, where):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    res = invoke("init", "--lang", lang, where)
    assert res.exit_code == 0, res.output
    written = work / where
    target = modeline_target(written)
    assert target.is_file(), target
    assert json.loads(target.read_text(encoding="utf-8")) == schema_output()
    assert_checks_clean(written)


@pytest.mark.parametrize("where", ["repo/trees/x.yaml", "repo/trees/a/b/x.yaml", "other/x.yaml", "x.yaml"])
def test_init_writes_a_relative_link_when_tree_and_package_share_a_folder(tmp_path, monkeypatch, where):
    """As for a checkout with its .venv: trees/ beside src/, or elsewhere under the same folder."""
    schema = tmp_path / "repo/src/pohon/data/pohon.schema.json"
    schema.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "src/pohon/data/pohon.schema.json", schema)
    monkeypatch.setattr(schema_gen, "packaged_schema_path", lambda: schema)
    (tmp_path / "repo/trees").mkdir()
    monkeypatch.chdir(tmp_path / "repo/trees")
    path = tmp_path / where
    assert invoke("init", str(os.path.relpath(path))).exit_code == 0
    value = MODELINE.match(path.read_text(encoding="utf-8")).group(1)
    assert not value.startswith("file:") and "\\" not in value, value
    assert modeline_target(path) == Path(os.path.normpath(schema))
    assert json.loads(modeline_target(path).read_text(encoding="utf-8")) == schema_output()


def test_schema_ref_uses_a_file_uri_for_a_path_with_spaces(tmp_path):
    schema = tmp_path / "dengan spasi" / "pohon.schema.json"
    schema.parent.mkdir()
    schema.write_text("{}", encoding="utf-8")
    ref = schema_ref(tmp_path / "pohon saya.yaml", schema)
    assert ref.startswith("file:") and " " not in ref
    tree = tmp_path / "pohon saya.yaml"
    tree.write_text(f"# yaml-language-server: $schema={ref}\n", encoding="utf-8")
    assert modeline_target(tree) == schema


def test_schema_ref_uses_a_file_uri_when_only_the_root_is_shared(tmp_path):
    anchor = Path(tmp_path.anchor)
    ref = schema_ref(anchor / "a" / "x.yaml", anchor / "b" / "pohon.schema.json")
    assert ref == (anchor / "b" / "pohon.schema.json").as_uri()


def test_skeleton_without_a_target_links_the_schema_by_file_uri():
    first = skeleton_text("id").splitlines()[0]
    value = MODELINE.match(first).group(1)
    assert value.startswith("file:")
    assert Path(url2pathname(unquote(urlparse(value).path))).is_file()


def test_templates_hold_one_placeholder_and_no_jinja():
    for name in ("init.yaml", "init.en.yaml"):
        text = (ROOT / "src/pohon/templates" / name).read_text(encoding="utf-8")
        assert text.splitlines()[0] == "# yaml-language-server: $schema={schema}"
        assert text.count("{schema}") == 1
        assert "{{" not in text and "{%" not in text and "pohon.invalid" not in text


def test_without_a_schema_file_the_modeline_is_left_out(tmp_path, monkeypatch):
    """A zipped install has no file an editor could open: no broken link then."""
    monkeypatch.setattr(schema_gen, "packaged_schema_path", lambda: None)
    path = tmp_path / "x.yaml"
    assert invoke("init", str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "yaml-language-server" not in text and "{schema}" not in text
    assert_checks_clean(path)
