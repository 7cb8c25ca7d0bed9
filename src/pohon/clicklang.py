"""click's own messages ("Usage:", "Error: Missing argument …", "Show this message and exit.")
in the user's language.

click looks every message up through a module-level ``_`` (``gettext.gettext``) and
``ngettext``. Importing this module points those names, in every click module that has them, at
:func:`gettext` / :func:`ngettext` here; :func:`install` then chooses the language, from the
command line, before click parses it. Until :func:`install` is called the messages stay click's
own (English), so importing pohon does not change other click programs in the same process.

The Indonesian table is data: ``data/click_id.yaml`` (``pesan``: click msgid → Indonesian;
``kata``: words click passes *into* messages, such as the type name in "File 'x' does not
exist."; ``metavar``: the placeholders of the usage line and option list). A msgid that is not
in the table is shown in English.

Some click texts are fixed before the language is known: the ``--version`` message and the
``--version``/``--help`` help lines are made when the command is built or first parsed.
:func:`gettext` therefore returns a :class:`Msg`, a ``str`` that remembers its msgid and whose
``format``/``%`` use the language current then; and :func:`install` re-translates the help
lines (recognised by their text, in either language) of the command tree it is given.
"""

from __future__ import annotations

import gettext as _gettext_module
import string
import sys
from collections.abc import Sequence
from functools import cache

LANGS = ("id", "en")
DEFAULT_LANG = "id"

#: click modules that bind ``_``/``ngettext`` at import (tests/test_i18n.py checks this list
#: against click's sources).
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "shell_completion",
                 "termui", "types", "utils", "_termui_impl") + (("_winconsole",) if sys.platform == "win32" else ())

_ORIGINAL_GETTEXT = _gettext_module.gettext
_ORIGINAL_NGETTEXT = _gettext_module.ngettext

_lang: str | None = None  # None: not installed, click's own behaviour


def lang_from_args(args: Sequence[str]) -> str:
    """The ``--lang`` a command line asks for (``--lang en`` or ``--lang=en``; the last one wins,
    nothing after ``--`` counts); ``id`` when there is none or its value is not a language."""
    lang = DEFAULT_LANG
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in LANGS:
            lang = value
    return lang


def install(args: Sequence[str] | None = None, command=None) -> str:
    """Choose the language of click's messages from ``args`` (``sys.argv[1:]`` when None) and
    return it. With ``command`` (a click command or group), also re-translate the texts click
    fixed when it was built: help lines of ``--help``/``--version``, ``[OPTIONS]`` and option
    metavars (``TEXT``, ``INTEGER``…), in the whole command tree."""
    global _lang
    if args is None:
        args = sys.argv[1:]
    patch()
    _lang = lang_from_args(args)
    if command is not None:
        _retranslate(command)
    return _lang


def retranslate(command) -> None:
    """What :func:`install` does to its ``command``, for a command loaded after it (a lazily
    registered subcommand); nothing before :func:`install`, when click's texts are its own."""
    if _lang is not None:
        _retranslate(command)


def current_lang() -> str | None:
    """The installed language, or None before :func:`install`."""
    return _lang


# -- the gettext replacement ---------------------------------------------------------------

@cache
def _table() -> dict:
    from pohon.datafiles import data_yaml

    data = data_yaml("click_id.yaml")
    return {"pesan": data.get("pesan") or {}, "kata": data.get("kata") or {},
            "metavar": data.get("metavar") or {}}


def _resolve(key: tuple) -> str:
    """The text of a message key, in the current language."""
    if key[0] == "n":
        _, singular, plural, n = key
        if _lang != "id":
            return _ORIGINAL_NGETTEXT(singular, plural, n)
        msgid = singular if n == 1 else plural
    else:
        msgid = key[1]
        if _lang != "id":
            return _ORIGINAL_GETTEXT(msgid)
    return _table()["pesan"].get(msgid, msgid)


def word(value: str, lang: str | None = None) -> str:
    """A word click puts into a message (``file``, ``integer``, ``option``…) in ``lang``
    (the current language by default); the case of its first letter is kept."""
    lang = _lang if lang is None else lang
    if lang != "id":
        return value
    found = _table()["kata"].get(value.lower())
    if found is None:
        return value
    return found[:1].upper() + found[1:] if value[:1].isupper() else found


class _Formatter(string.Formatter):
    """``str.format`` plus two specs for words: ``{name:kata}`` translates the value (keeping
    the case of its first letter) and ``{name:Kata}`` also capitalises it."""

    def format_field(self, value, format_spec):
        if format_spec in ("kata", "Kata"):
            text = word(str(value))
            return text[:1].upper() + text[1:] if format_spec == "Kata" else text
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


class Msg(str):
    """A click message: the text in the language current when it was made, and its key, so
    that formatting it later uses the language current then."""

    key: tuple

    def __new__(cls, key: tuple) -> Msg:
        obj = super().__new__(cls, _resolve(key))
        obj.key = key
        return obj

    def __reduce__(self):
        return (Msg, (self.key,))

    def format(self, *args, **kwargs) -> str:
        return _FORMATTER.vformat(_resolve(self.key), args, kwargs)

    def format_map(self, mapping) -> str:
        return _FORMATTER.vformat(_resolve(self.key), (), mapping)

    def __mod__(self, values) -> str:
        return _resolve(self.key) % values


def gettext(message: str) -> str:
    """click's ``_``."""
    return Msg(("s", message))


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``."""
    return Msg(("n", singular, plural, n))


def patch() -> None:
    """Point ``_``/``ngettext`` of click's modules here (idempotent). The modules click has not
    imported yet (``shell_completion``, ``_termui_impl``: ~2 ms, needed only for shell completion,
    pagers, editors and progress bars) are patched when they are imported, not imported now."""
    later = []
    for name in CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            later.append(f"click.{name}")
        else:
            _patch_module(module)
    if later:
        _PatchWhenImported.wait_for(later)


def _patch_module(module) -> None:
    if getattr(module, "_", None) in (_ORIGINAL_GETTEXT, gettext):
        module._ = gettext
    if getattr(module, "ngettext", None) in (_ORIGINAL_NGETTEXT, ngettext):
        module.ngettext = ngettext


class _PatchWhenImported:
    """A finder on ``sys.meta_path`` that lets the usual finders find a click module named in
    :meth:`wait_for` and patches the module right after it has run."""

    pending: set[str] = set()

    @classmethod
    def wait_for(cls, names: list[str]) -> None:
        cls.pending.update(names)
        if not any(isinstance(f, cls) for f in sys.meta_path):
            sys.meta_path.insert(0, cls())

    def find_spec(self, name, path=None, target=None):
        if name not in self.pending:
            return None
        self.pending.discard(name)
        from importlib.util import find_spec

        spec = find_spec(name)
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):  # pragma: no cover - a namespace package
            return spec
        run = loader.exec_module

        def exec_module(module, run=run):
            run(module)
            _patch_module(module)

        loader.exec_module = exec_module
        return spec


# -- texts click fixed when the command was built -------------------------------------------

def _switch(value: str | None) -> str | None:
    """``value`` (a click placeholder in either language) in the current language."""
    if not value:
        return value
    table = _table()["metavar"]
    if _lang == "id":
        return table.get(value, value)
    reverse = {v: k for k, v in table.items()}
    return reverse.get(value, value)


def _retranslate(command) -> None:
    import click
    from click.types import ParamType

    # click turns help texts into plain ``str`` (inspect.cleandoc): find its own by their text
    known = {text: msgid for msgid, translated in _table()["pesan"].items() for text in (msgid, translated)}
    seen: set[int] = set()
    stack = [command]
    while stack:
        cmd = stack.pop()
        if id(cmd) in seen:
            continue
        seen.add(id(cmd))
        cmd.options_metavar = _switch(cmd.options_metavar)
        if isinstance(cmd, click.Group):
            cmd.subcommand_metavar = _switch(cmd.subcommand_metavar)
            stack.extend(cmd.commands.values())
        params = list(cmd.params)
        help_option = getattr(cmd, "_help_option", None)  # click caches the --help option here
        if help_option is not None:
            params.append(help_option)
        for param in params:
            for attr in ("help", "prompt"):
                msgid = known.get(getattr(param, attr, None))
                if msgid is not None:
                    setattr(param, attr, Msg(("s", msgid)))
            if (isinstance(param, click.Option) and not param.is_flag and not param.count
                    and type(param.type).get_metavar is ParamType.get_metavar):
                _option_metavar(param)


def _option_metavar(param) -> None:
    """An option's type placeholder (``TEXT``, ``INTEGER``, ``PATH``…) in the current language;
    a metavar the program set itself is left alone."""
    ours = getattr(param, "_pohon_metavar", False)
    if param.metavar is not None and not ours:
        return
    english = param.type.name.upper()
    translated = _table()["metavar"].get(english)
    if _lang == "id" and translated:
        param.metavar = translated + ("..." if param.nargs != 1 else "")
        param._pohon_metavar = True
    elif ours:
        param.metavar = None
        param._pohon_metavar = False


patch()
