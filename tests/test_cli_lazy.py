"""The commands of ``pohon.commands`` are registered lazily: the name → module map is complete,
`pohon check` imports none of them, and a lazily loaded command speaks the chosen language."""

import importlib
import pkgutil
import subprocess
import sys

from click.testing import CliRunner

from pohon import cli, commands


def test_the_lazy_map_names_every_command_of_the_command_modules():
    defined = {}
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"pohon.commands.{info.name}")
        for cmd in getattr(module, "COMMANDS", ()):
            defined[cmd.name] = info.name
    assert cli.LAZY_COMMANDS == defined


def test_no_lazy_name_shadows_a_command_of_cli():
    built_in = {"check", "rules", "init", "schema"}
    assert built_in <= set(cli.main.commands)
    assert not built_in & set(cli.LAZY_COMMANDS)


def test_the_help_lists_every_command():
    result = CliRunner().invoke(cli.main, ["--help"])
    listed = result.output.split("Perintah:\n", 1)[1].split()
    for name in sorted({"check", "rules", "init", "schema", *cli.LAZY_COMMANDS}):
        assert name in listed


def _modules_after(*args):
    code = ("import sys; sys.argv[0] = 'pohon'; from pohon.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('pohon.commands.')))")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    return done.stdout.strip().splitlines()[-1]


def test_check_imports_no_other_command_module():
    assert _modules_after("rules", "--format", "json") == "['pohon.commands.options']"


def test_a_command_imports_only_its_own_module():
    assert _modules_after("tabel", "--help") == "['pohon.commands.options', 'pohon.commands.tabel']"


def _unload_ukur(monkeypatch):
    """Unload ukur/audit (restored after the test), so that the next invocation loads them."""
    for name in ("ukur", "audit"):
        monkeypatch.delitem(cli.main.commands, name, raising=False)
    monkeypatch.delitem(sys.modules, "pohon.commands.ukur", raising=False)


def test_a_command_loaded_after_the_language_was_chosen_is_translated(monkeypatch):
    _unload_ukur(monkeypatch)
    indonesian = CliRunner().invoke(cli.main, ["ukur", "--help"], prog_name="pohon").output
    assert indonesian.startswith("Pemakaian: pohon ukur [OPSI] POHON\n")
    assert "-h, --help                      Tampilkan pesan ini lalu keluar.\n" in indonesian
    assert "Show this message" not in indonesian
    _unload_ukur(monkeypatch)
    english = CliRunner().invoke(cli.main, ["audit", "--lang", "en", "--help"], prog_name="pohon").output
    assert english.startswith("Usage: pohon audit [OPTIONS] ")
    assert "Show this message and exit." in english
    assert "OPSI" not in english and "Tampilkan pesan" not in english
    # and back: the command loaded in English is translated by the next install
    again = CliRunner().invoke(cli.main, ["audit", "--help"], prog_name="pohon").output
    assert again.startswith("Pemakaian: pohon audit [OPSI] ")
    assert "Tampilkan pesan ini lalu keluar." in again
