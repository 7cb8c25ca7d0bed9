"""The one user-facing exception.

Anything a user can cause (a missing file, a bad option, an output that already exists) is
raised as :class:`PohonError` with a ready message; the CLI prints it and exits with its
``exit_code``. Problems *inside* a tree file are never raised: they are diagnostics.
"""

from __future__ import annotations


class PohonError(Exception):
    """A problem the user can fix; ``str(err)`` is the complete message."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
