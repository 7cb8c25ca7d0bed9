"""The shape of the code: the domain speaks no language and prints nothing; renderers and table
builders receive a checked tree and never read files or run checks."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "pohon"
DOMAIN = ["model", "rules", "mapping", "loader", "measure"]
# what draws or tabulates a checked tree (serve and the render service are commands' services)
RENDERERS = ["render/dot.py", "render/graphviz.py", "render/viewer.py", "render/bands.py", "render/tables"]
FORBIDDEN_IN_DOMAIN = ("click", "rich", "jinja2", "pohon.render", "pohon.commands", "pohon.cli", "pohon.report")
FORBIDDEN_IN_RENDERERS = ("pohon.loader", "pohon.app", "pohon.rules", "pohon.io")
READS = {"open", "read_text", "read_bytes", "load_tree", "load_text", "check_file", "check_text", "compose"}


def modules(parts):
    for part in parts:
        path = SRC / part
        yield from sorted(path.rglob("*.py")) if path.is_dir() else [path]


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def called(tree):
    """Names of the functions called, except reads of pohon's own package resources."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and "resources.files" in ast.unparse(f.value):
                continue
            yield f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def parse(path):
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", list(modules(DOMAIN)), ids=lambda p: str(p.relative_to(SRC)))
def test_domain_modules_import_no_ui_library_nor_renderer(path):
    bad = [m for m in imported(parse(path)) if m.split(".")[0] in FORBIDDEN_IN_DOMAIN or m.startswith(
        FORBIDDEN_IN_DOMAIN)]
    assert bad == []


@pytest.mark.parametrize("path", list(modules(DOMAIN)), ids=lambda p: str(p.relative_to(SRC)))
def test_domain_functions_take_no_language(path):
    langs = [f.name for f in ast.walk(parse(path)) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             and any(a.arg == "lang" for a in f.args.args + f.args.kwonlyargs)]
    # Role.name(lang) picks one of a role's labels (data with one label per language)
    assert [n for n in langs if not (path.name == "roles.py" and n == "name")] == []


@pytest.mark.parametrize("path", list(modules(RENDERERS)), ids=lambda p: str(p.relative_to(SRC)))
def test_renderers_neither_read_files_nor_run_checks(path):
    tree = parse(path)
    assert [m for m in imported(tree) if m.startswith(FORBIDDEN_IN_RENDERERS)] == []
    assert sorted(set(called(tree)) & READS) == []


def test_domain_never_prints():
    printing = [str(p.relative_to(SRC)) for p in modules(DOMAIN) if "print" in set(called(parse(p)))]
    assert printing == []


def test_rules_do_not_know_where_a_location_points():
    """A source map of a spreadsheet gives cell locations; the rules and the report use them as they are."""
    from pohon.diagnostics import Location
    from pohon.loader.load import load_text
    from pohon.rules import check_result
    from tests.helpers import chain

    class Cells:  # what a spreadsheet import will provide: a cell for every data path
        def locate(self, path, key=False):
            return Location("Renja.xlsx", sheet="Sheet1", cell=f"C{len(path) + 10}")

    loaded = load_text(chain(ko="Pelaksanaan koordinasi"), "Renja.xlsx")
    loaded.source = Cells()
    (d,) = [d for d in check_result(loaded) if d.code == "M004"]
    assert str(d.location) == "Renja.xlsx!Sheet1!C21" and d.node == "KO1" and d.field == ("uraian",)
    assert d.as_dict()["location"] == "Renja.xlsx!Sheet1!C21"
