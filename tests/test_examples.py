"""The bundled trees, the JSON Schema and the generated docs stay true."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from pohon.loader.load import load_tree
from pohon.report import rules_markdown
from pohon.rules import check_result
from pohon.schema_gen import schema_json
from pohon.service import skeleton_text

ROOT = Path(__file__).resolve().parent.parent
TREES = sorted((ROOT / "trees").glob("*.yaml"))


def diags(path, **kw):
    return check_result(load_tree(path), **kw)


def test_worked_example_raises_only_the_methods_own_warnings():
    got = [(d.code, d.node) for d in diags(ROOT / "trees/kesbangpol-balangan.yaml")]
    # the source's action-verb outcome and CSF, and its "Zero Konflik" indicator
    assert got[:3] == [("M004", "O1"), ("M007", "O1"), ("M004", "C1")]
    assert all(d.severity.value != "error" for d in diags(ROOT / "trees/kesbangpol-balangan.yaml"))


def test_worked_example_has_the_31_boxes_of_source_003():
    tree = load_tree(ROOT / "trees/kesbangpol-balangan.yaml").tree
    assert len(tree) == 31
    counts = {r: len(tree.by_role(r)) for r in ("outcome", "csf", "antara-utama", "antara", "operasional")}
    assert counts == {"outcome": 1, "csf": 3, "antara-utama": 5, "antara": 5, "operasional": 17}
    assert tree.node("C3").is_crosscutting


TRAINING_EXPECTED = [
    ("M007", "O1"), ("M004", "C1"), ("M012", "C1"), ("M008", "KA1"), ("M002", "KO1"), ("M003", "KO2"),
    ("M001", "KO3"), ("M005", "KAU2"), ("M005", "KAU2"), ("M010", "KAU2"), ("S006", "KO4"), ("M004", "C2"),
    ("M009", "C2"), ("S007", "KAU3"), ("M006", "C3"), ("S001", "KO1"), ("S002", "KO9"), ("S003", "KO7"),
    ("S003", "KO8"),
]


def test_training_tree_shows_each_mistake_once():
    got = [(d.code, d.node) for d in diags(ROOT / "trees/latihan-kesalahan.yaml", select="S,M")]
    assert got == TRAINING_EXPECTED


def test_training_tree_comments_name_the_expected_codes():
    text = (ROOT / "trees/latihan-kesalahan.yaml").read_text(encoding="utf-8")
    for code, _ in TRAINING_EXPECTED:
        assert f"# {code}" in text


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.name)
def test_every_bundled_tree_validates_against_the_json_schema(path):
    schema = json.loads((ROOT / "schema/pohon.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # YAML int keys become JSON strings
    jsonschema.Draft7Validator(schema).validate(data)


def test_json_schema_file_is_current():
    assert (ROOT / "schema/pohon.schema.json").read_text(encoding="utf-8") == schema_json(), (
        "run: pohon schema -o schema/pohon.schema.json --force")


def test_json_schema_rejects_what_the_loader_rejects():
    schema = json.loads(schema_json())
    bad = {"pohon": 1, "organisasi": {"nama": "x"}, "periode": "2024-2025",
           "kinerja": [{"id": "O1", "uraain": "x"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(bad)


def test_rules_doc_is_generated_from_the_catalogue():
    assert (ROOT / "docs/rules.md").read_text(encoding="utf-8") == rules_markdown("id"), (
        "run: pohon rules --format markdown > docs/rules.md")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_init_skeleton_checks_clean(tmp_path, lang):
    path = tmp_path / "baru.yaml"
    path.write_text(skeleton_text(lang), encoding="utf-8")
    assert diags(path) == []
