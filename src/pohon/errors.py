"""The one user-facing exception.

Anything a user can cause (a missing file, a bad option, an output that already exists) is
raised as :class:`PohonError`, named by a message key of ``data/messages.yaml`` with its
parameters; the CLI writes it in the user's language and exits with its ``exit_code``.
Problems *inside* a tree file are never raised: they are diagnostics.
"""

from __future__ import annotations


class PohonError(Exception):
    """A problem the user can fix: a message key and parameters (or, for old callers, a ready text)."""

    def __init__(self, message: str, exit_code: int = 2, **params) -> None:
        super().__init__(message)
        self.key = message
        self.params = params
        self.exit_code = exit_code

    def text(self, lang: str = "id") -> str:
        from pohon.catalogue import has_message, t, word

        if has_message(self.key):
            return t(self.key, lang, **{k: word(v, lang) for k, v in self.params.items()})
        return self.key

    def __str__(self) -> str:
        return self.text("id")


#: what pohon writes when the user interrupts it (Ctrl-C), in both languages: the language may not be known yet
INTERRUPTED = "pohon: dibatalkan / interrupted"


def internal_error(exc: BaseException) -> str:
    """The message for an error that is pohon's own fault (a bug), in both languages."""
    from pohon.textsafe import visible

    return (f"pohon: kesalahan internal ({type(exc).__name__}: {visible(str(exc))}).\n"
            "Mohon laporkan beserta berkas masukan; jalankan ulang dengan --debug untuk detail.\n"
            "Internal error; please report it with the input file (rerun with --debug for details).")


def ending(exc: BaseException, lang: str = "id") -> tuple[str, int]:
    """How a command that stopped on ``exc`` ends: the line for stderr and the exit code. A
    problem the user can fix (:class:`PohonError`) in their language with its code, an
    interruption 130, anything else pohon's own fault (3). Shared by pohon.cli and pohon.checkcmd."""
    if isinstance(exc, PohonError):
        from pohon.textsafe import visible

        return f"pohon: {visible(exc.text(lang))}", exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED, 130
    return internal_error(exc), 3
