"""No English from libraries in Indonesian output: click's own messages (pohon.clicklang) and
PyYAML's syntax-error texts (pohon.yamltext)."""

from __future__ import annotations

import ast
import itertools
import re
import string
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from pohon import clicklang
from pohon.cli import main
from pohon.datafiles import data_yaml
from pohon.yamltext import translate, yaml_detail

CLICK_DIR = Path(click.__file__).parent
YAML_DIR = Path(yaml.__file__).parent
FIXTURES = Path(__file__).parent / "fixtures" / "bad"
TREE = Path(__file__).resolve().parent.parent / "trees" / "kesbangpol-balangan.yaml"


# -- click: the translation table against the installed click ----------------------------

def click_calls() -> list[tuple[str, ast.Call]]:
    """Every ``_(…)`` and ``ngettext(…)`` call in click's sources, with its file name.

    Parsed with ``ast`` rather than a regular expression so that messages split over several
    lines (implicit concatenation) come out whole, as click passes them."""
    calls = []
    for path in sorted(CLICK_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                calls.append((path.name, node))
    return calls


def click_msgids() -> set[str]:
    ids = set()
    for _, call in click_calls():
        for arg in call.args[: 2 if call.func.id == "ngettext" else 1]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                ids.add(arg.value)
    return ids


TABLE = data_yaml("click_id.yaml")


def test_click_messages_are_found():
    ids = click_msgids()
    assert len(ids) > 60
    assert {"Error: {message}", "Missing argument", "Usage:", "{name} {filename!r} does not exist."} <= ids


def test_every_click_message_has_an_indonesian_entry():
    missing = sorted(m for m in click_msgids() if m not in TABLE["pesan"] and m not in TABLE["kata"])
    assert not missing, f"add to src/pohon/data/click_id.yaml: {missing}"


def test_the_only_computed_click_message_is_required():
    """``_(extra["required"])`` in click.core: its value "required" is looked up at run time."""
    dynamic = [(name, ast.unparse(arg)) for name, call in click_calls()
               for arg in call.args[: 2 if call.func.id == "ngettext" else 1]
               if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str))]
    assert dynamic == [("core.py", "extra['required']")]
    assert 'extra["required"] = "required"' in (CLICK_DIR / "core.py").read_text(encoding="utf-8")
    assert TABLE["pesan"]["required"] == "wajib"


def test_every_click_module_that_uses_gettext_is_patched():
    users = {p.stem for p in CLICK_DIR.glob("*.py") if "from gettext import" in p.read_text(encoding="utf-8")}
    # _winconsole is imported (and patched) on Windows only
    assert users - {"_winconsole"} == set(clicklang.CLICK_MODULES) - {"_winconsole"}
    assert ("_winconsole" in clicklang.CLICK_MODULES) == (sys.platform == "win32")


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_translations_keep_the_placeholders():
    for msgid, text in TABLE["pesan"].items():
        assert _fields(text) <= _fields(msgid), (msgid, text)
        assert re.findall(r"%\(\w+\)s", text) == re.findall(r"%\(\w+\)s", msgid), msgid
        for _, name, spec, _ in string.Formatter().parse(text):
            assert spec in (None, "", "kata", "Kata"), (msgid, spec)
        assert text != msgid, msgid


def test_gettext_follows_the_installed_language():
    import click.core
    import click.exceptions

    clicklang.install(["check", "--lang=en"])
    assert click.core._("Aborted!") == "Aborted!"
    clicklang.install([])
    assert click.core._("Aborted!") == "Dibatalkan!"
    assert click.exceptions.ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)",
                                     2).format(possibilities="'a', 'b'", possibility="") \
        == "(Maksud Anda salah satu dari: 'a', 'b'?)"
    # a message made earlier is formatted in the language current when it is used
    version = click.decorators._("%(prog)s, version %(version)s")
    clicklang.install(["--lang", "en"])
    assert version % {"prog": "pohon", "version": "1"} == "pohon, version 1"
    clicklang.install(["--lang", "id"])
    assert version % {"prog": "pohon", "version": "1"} == "pohon, versi 1"


@pytest.mark.parametrize("args, lang", [
    ([], "id"), (["check", "x.yaml"], "id"), (["check", "--lang", "en"], "en"), (["--lang=en", "rules"], "en"),
    (["rules", "--lang", "en", "--lang", "id"], "id"), (["rules", "--lang", "fr"], "id"),
    (["rules", "--lang"], "id"), (["check", "--", "--lang", "en"], "id"),
])
def test_language_from_the_command_line(args, lang):
    assert clicklang.lang_from_args(args) == lang


# -- click: every command's error paths through the real CLI ------------------------------

COMMANDS = ["check", "rules", "init", "schema", "render", "serve", "tabel"]

# Phrases of click's English; none may appear under --lang id.
ENGLISH = ["Usage:", "Options:", "Commands:", "Error:", "Missing", "does not exist", "Show this message",
           "Show the version", "No such", "Invalid value", "is not one of", "Try '", "for help", "Did you mean",
           "[default", "[required]", "requires an argument", "is not a valid", "is not in the range",
           "unexpected extra", "[OPTIONS]", "COMMAND [ARGS]", "Aborted"]
# click's type placeholders after an option (argument placeholders such as POHON are pohon's names)
ENGLISH_WORDS = re.compile(r"-[\w-]+ (TEXT|INTEGER|FLOAT|PATH|FILE|DIRECTORY|FILENAME|[A-Z]+ RANGE)\b")


def error_cases(tmp_path) -> list[tuple[str, list[str], str]]:
    """(name, arguments, an English phrase click prints for it)."""
    nope = str(tmp_path / "tidak-ada.yaml")
    cases = [("unknown command", ["periksa"], "No such command"),
             ("group help", ["--help"], "Show this message and exit."),
             ("group version", ["--version"], "version")]
    for cmd in COMMANDS:
        cases += [
            (f"{cmd} help", [cmd, "--help"], "Usage:"),
            (f"{cmd} unknown option", [cmd, "--tidak-ada"], "No such option"),
            (f"{cmd} bad --lang", [cmd, "--lang", "fr"], "is not one of"),
        ]
    for cmd in ("check", "render", "serve", "tabel"):
        cases.append((f"{cmd} nonexistent path", [cmd, nope] + (["--jenis", "iku"] if cmd == "tabel" else []),
                      "does not exist"))
    for cmd in ("check", "init", "render", "serve"):
        cases.append((f"{cmd} missing argument", [cmd], "Missing argument"))
    cases += [
        ("tabel missing argument", ["tabel", "--jenis", "iku"], "Missing argument"),
        ("check bad choice", ["check", "--format", "xml", str(TREE)], "is not one of"),
        ("rules bad choice", ["rules", "--format", "xml"], "is not one of"),
        ("tabel bad choice", ["tabel", str(TREE), "--jenis", "rkpd"], "is not one of"),
        ("render bad choice", ["render", str(TREE), "--arah", "XY"], "is not one of"),
        ("rules extra argument", ["rules", "lagi"], "Got unexpected extra argument"),
        ("schema extra argument", ["schema", "lagi"], "Got unexpected extra argument"),
        ("init option without value", ["init", "--lang"], "requires an argument"),
        ("render not an integer", ["render", str(TREE), "--dpi", "besar"], "is not a valid integer"),
        ("serve out of range", ["serve", str(TREE), "--port", "70000"], "is not in the range"),
        ("check out of range", ["check", str(TREE), "--maks-ukuran", "0"], "is not in the range"),
        ("render directory for a file", ["render", str(tmp_path)], "is a directory"),
    ]
    return cases


def with_lang(args: list[str], lang: str) -> list[str] | None:
    """``args`` with ``--lang`` right after the command (a later ``--lang`` still wins in
    click); None for the group's own options, which take no ``--lang``."""
    if args[0] in COMMANDS:
        return [args[0], "--lang", lang, *args[1:]]
    return None if args[0].startswith("-") else [*args, "--lang", lang]


def run(args: list[str]):
    return CliRunner().invoke(main, args, prog_name="pohon")


def test_error_paths_have_no_english_under_lang_id(tmp_path):
    for name, args, english in error_cases(tmp_path):
        for variant in (args, with_lang(args, "id")):
            if variant is None:
                continue
            res = run(variant)
            out = res.output
            assert res.exit_code == (0 if {"--help", "--version"} & set(variant) else 2), (variant, out)
            leaks = [p for p in ENGLISH if p in out] + ENGLISH_WORDS.findall(out)
            assert not leaks, f"{name} {variant}: {leaks}\n{out}"
            assert english not in out, (variant, out)


def test_error_paths_are_english_under_lang_en(tmp_path):
    for name, args, english in error_cases(tmp_path):
        variant = with_lang(args, "en")
        if variant is None:
            continue
        res = run(variant)
        assert res.exit_code == (0 if "--help" in variant else 2), (variant, res.output)
        assert english in res.output, (variant, res.output)
        assert "Kesalahan" not in res.output and "Pemakaian" not in res.output, res.output


def test_missing_path_exact(tmp_path):
    nope = tmp_path / "tidak-ada.yaml"
    res = run(["check", str(nope)])
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr == (
        "Pemakaian: pohon check [OPSI] POHON...\n"
        "Coba 'pohon check --help' untuk bantuan.\n\n"
        f"Kesalahan: Nilai 'POHON...' tidak sah: Berkas atau folder '{nope}' tidak ditemukan.\n")
    res = run(["check", str(nope), "--lang", "en"])
    assert res.stderr == (
        "Usage: pohon check [OPTIONS] POHON...\n"
        "Try 'pohon check --help' for help.\n\n"
        f"Error: Invalid value for 'POHON...': Path '{nope}' does not exist.\n")
    res = run(["render", str(nope)])
    assert res.stderr.endswith(f"Kesalahan: Nilai 'POHON' tidak sah: Berkas '{nope}' tidak ditemukan.\n")


def test_missing_argument_and_option_exact():
    assert run(["init"]).stderr.endswith("Kesalahan: Argumen wajib belum diisi: 'BERKAS'.\n")
    assert run(["init", "--lang", "en"]).stderr.endswith("Error: Missing argument 'BERKAS'.\n")
    res = run(["tabel", str(TREE)])  # without --jenis: every kind, into one workbook only
    assert res.exit_code == 2
    assert res.stderr == ("pohon: Tanpa --jenis pohon menulis semua tabel ke satu buku kerja: pakai -o NAMA.xlsx, "
                          "atau pilih satu --jenis untuk format md\n")


def test_unknown_command_exact():
    res = run(["chek"])
    assert res.stderr == (
        "Pemakaian: pohon [OPSI] PERINTAH [ARG]...\n"
        "Coba 'pohon --help' untuk bantuan.\n\n"
        "Kesalahan: Perintah 'chek' tidak dikenal. (Maksud Anda salah satu dari: 'check', 'schema'?)\n")


def test_help_switches_language_both_ways():
    """click fixes some texts when a command is built or first parsed; each run shows its own
    language even after a run in the other one."""
    for _ in range(2):
        en = run(["tabel", "--help", "--lang", "en"]).output
        assert "Usage: pohon tabel [OPTIONS] POHON" in en and "Show this message and exit." in en
        assert "--tahun INTEGER" in en and "--jenis" in en and "[default: ,]" in en
        idn = run(["tabel", "--help"]).output
        assert "Pemakaian: pohon tabel [OPSI] POHON" in idn and "Tampilkan pesan ini lalu keluar." in idn
        assert "--tahun BILANGAN" in idn and "--jenis" in idn and "[bawaan: ,]" in idn
        assert "Opsi:" in idn and "Options:" not in idn
    group = run(["--help"]).output
    assert "Tampilkan versi lalu keluar." in group and "Perintah:" in group
    assert run(["--version"]).output == "pohon, versi 0.1.0\n"


def test_help_of_every_command_in_indonesian():
    for cmd in [[]] + [[c] for c in COMMANDS]:
        out = run(cmd + ["--help"]).output
        assert out.startswith("Pemakaian: pohon"), out
        assert not [p for p in ENGLISH if p in out] and not ENGLISH_WORDS.findall(out), out


# -- PyYAML: the translation table against the installed PyYAML ----------------------------

# English words of PyYAML's messages; none may be left in the Indonesian text.
YAML_ENGLISH = re.compile(
    r"\b(while|found|expected|but|got|not|allowed|could|did|find|scanning|parsing|unexpected|undefined|"
    r"duplicate|occurrence|document|stream|token|character|block|flow|scalar|sequence|node|indentation|"
    r"indicator|directive|start|end|key|value|here|context|invalid|incomplete|input|long|number|whitespace|"
    r"line|break|comment|anchor|special|control|unacceptable|codec|decode|byte|octet|nesting|level|"
    r"handle|entries|keys|values|unknown|another|single|first|second)\b", re.IGNORECASE)

SPEC = re.compile(r"%0?\d*[rsdx]")
SAMPLES = {"r": ["'@'"], "s": ["alias", "anchor", "tag", "directive", "block", "flow"], "d": ["4"], "x": ["0007"]}


def _yaml_templates() -> set[str]:
    """The context and problem texts of every error PyYAML's pure-Python loader raises
    (``%`` placeholders left in)."""
    found = set()
    for name in ("scanner.py", "parser.py", "composer.py", "reader.py"):
        tree = ast.parse((YAML_DIR / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id.endswith("Error")):
                continue
            # MarkedYAMLError(context, context_mark, problem, problem_mark); ReaderError(…, reason)
            positions = (4,) if node.func.id == "ReaderError" else (0, 2)
            for i in positions:
                arg = node.args[i] if i < len(node.args) else None
                if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Mod):
                    arg = arg.left
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def _expand(template: str) -> list[str]:
    specs = SPEC.findall(template)
    out = []
    for values in itertools.product(*(SAMPLES[s[-1]] for s in specs)):
        it = iter(values)
        out.append(SPEC.sub(lambda _m: next(it), template))
    return out


def test_pyyaml_messages_are_found():
    templates = _yaml_templates()
    assert len(templates) > 40
    assert {"while parsing a flow mapping", "mapping values are not allowed here",
            "found character %r that cannot start any token", "found undefined alias %r"} <= templates


def test_every_pyyaml_message_is_translated():
    bad = []
    for template in sorted(_yaml_templates()):
        for english in _expand(template):
            indonesian = translate(english)
            if indonesian == english or YAML_ENGLISH.search(indonesian):
                bad.append((english, indonesian))
    assert not bad, f"add to src/pohon/data/yaml_id.yaml: {bad}"


def test_reader_errors_are_translated():
    from yaml.reader import ReaderError

    for exc in (ReaderError("<x>", 3, 7, "unicode", "special characters are not allowed"),
                ReaderError("<x>", 3, 7, "unicode", "control characters are not allowed"),
                ReaderError("<x>", 3, b"\xff", "utf-8", "invalid start byte")):
        english = str(exc).splitlines()[0]
        indonesian = yaml_detail(None, english, "id")
        assert indonesian != english and not YAML_ENGLISH.search(indonesian), indonesian
    assert yaml_detail(None, "unacceptable character #x0007: control characters are not allowed", "id") \
        == "karakter #x0007 tidak dapat diterima: karakter kendali tidak diizinkan"


def test_every_token_name_is_translated():
    import yaml.tokens

    for cls in vars(yaml.tokens).values():
        tid = getattr(cls, "id", None)
        if isinstance(tid, str) and tid.startswith("<"):
            indonesian = translate(f"expected <block end>, but found {tid!r}")
            assert not YAML_ENGLISH.search(indonesian), indonesian


# Strings in the libyaml extension that are not loader messages: the emitter's (pohon never
# dumps through libyaml) and Cython's own.
NOT_LOADER = {
    "expected DOCUMENT-END", "expected DOCUMENT-START or STREAM-END", "expected STREAM-START",
    "expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS", "expected nothing after STREAM-END",
    "invalid vtable found for imported type",
}
LIBYAML_MESSAGE = re.compile(
    r"(while|did not find|could not find|found|expected|block sequence|mapping (keys|values)|control characters|"
    r"invalid|incomplete|input|unexpected|exceeded) [ -~]+")


def libyaml_messages() -> set[str]:
    """The message texts compiled into PyYAML's libyaml extension (the loader pohon uses)."""
    import yaml._yaml

    data = Path(yaml._yaml.__file__).read_bytes()
    strings = {m.decode("ascii") for m in re.findall(rb"[ -~]{6,}", data)}
    return {s for s in strings if LIBYAML_MESSAGE.fullmatch(s)
            and "%" not in s.replace("%TAG", "").replace("%YAML", "")} - NOT_LOADER


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
def test_every_libyaml_message_is_translated():
    messages = libyaml_messages()
    assert len(messages) > 40, sorted(messages)
    assert {"did not find expected key", "while parsing a block mapping", "found character that cannot start any token",
            "found a tab character that violates indentation"} <= messages
    # the composer of the extension (Cython, its strings are not stored as plain text)
    messages |= {"found undefined alias", "found duplicate anchor; first occurrence", "second occurrence",
                 "expected a single document in the stream", "but found another document"}
    bad = [(m, translate(m)) for m in sorted(messages) if translate(m) == m or YAML_ENGLISH.search(translate(m))]
    assert not bad, f"add to src/pohon/data/yaml_id.yaml: {bad}"


BROKEN = {
    "flow mapping": "a: {b: 1 c: 2\n",
    "flow sequence": "a: [1, 2\nb: 3\n",
    "colon in value": "a: b: c\n",
    "tab": "a:\n\tb: 1\n",
    "no colon": "a: 1\nb\nc: 2\n",
    "undefined alias": "a: *x\n",
    "unclosed quote": "a: 'abc\n",
    "bad indent": "a:\n  - 1\n  b: 2\n",
    "dash under mapping": "a: 1\n- b\n",
    "escape": 'a: "C:\\dokumen"\n',
    "two documents": "a: 1\n---\nb: 2\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "undefined tag handle": "a: !x!y 1\n",
    "block scalar indicator": "a: |0\n  x\n",
    "yaml version": "%YAML 2.0\n---\na: 1\n",
    "deep": "[" * 2000,
}


@pytest.mark.parametrize("loader", [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else []),
                         ids=lambda c: c.__name__)
@pytest.mark.parametrize("name", BROKEN)
def test_broken_yaml_reads_in_indonesian(name, loader):
    try:
        yaml.compose(BROKEN[name], Loader=loader)
    except yaml.MarkedYAMLError as exc:
        context, problem = exc.context, exc.problem
    except RecursionError:
        pytest.skip("the pure-Python parser recurses instead")
    else:  # pragma: no cover
        pytest.fail("no error")
    indonesian = yaml_detail(context, problem, "id")
    assert indonesian and not YAML_ENGLISH.search(indonesian), indonesian
    assert yaml_detail(context, problem, "en") == ", ".join(p for p in (context, problem) if p).replace(
        "'\\t'", "'\\t' (tab)")


def test_yaml_detail_exact():
    # tests/fixtures/bad/syntax-bad-indent.yaml through libyaml
    assert yaml_detail("while parsing a block mapping", "did not find expected key", "id") \
        == "saat membaca mapping (kunci: nilai), kunci yang diharapkan tidak ditemukan (periksa indentasi)"
    assert yaml_detail("while parsing a block mapping", "did not find expected key", "en") \
        == "while parsing a block mapping, did not find expected key"
    assert yaml_detail("while scanning a plain scalar", "found a tab character that violates indentation", "id") \
        == "saat membaca nilai tanpa kutip, ada karakter tab yang merusak indentasi (pakai spasi)"
    assert yaml_detail("while scanning for the next token", "found character '\\t' that cannot start any token",
                       "id") == "saat membaca unsur berikutnya, karakter tab tidak boleh mengawali kunci atau nilai"
    assert yaml_detail("while scanning for the next token", "found character '\\t' that cannot start any token",
                       "en") == "while scanning for the next token, found character '\\t' (tab) that cannot start any token"
    assert yaml_detail(None, "found undefined alias 'induk'", "id") \
        == "alias 'induk' belum didefinisikan (tidak ada jangkar & dengan nama itu)"


def test_yaml_detail_contract():
    assert yaml_detail(None, None, "id") == "" and yaml_detail("", "  ", "en") == ""
    assert yaml_detail("while parsing a flow mapping", None, "id") == "saat membaca mapping dalam kurung kurawal { }"
    assert yaml_detail(" while  parsing\na flow mapping ", None, "en") == "while parsing a flow mapping"
    # an unknown message stays English rather than failing
    assert yaml_detail("while doing something new", "a new problem", "id") == "while doing something new, a new problem"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("syntax-*.yaml")) + [FIXTURES / "two-documents.yaml"],
                         ids=lambda p: p.name)
def test_syntax_fixtures_read_in_indonesian(fixture):
    try:
        yaml.compose(fixture.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        indonesian = yaml_detail(exc.context, exc.problem, "id")
    else:  # pragma: no cover
        pytest.fail("no error")
    assert indonesian and not YAML_ENGLISH.search(indonesian), indonesian
