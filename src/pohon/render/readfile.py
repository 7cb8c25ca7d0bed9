"""Reading a user's file with limits: a regular file only, never more than a given size.

``/dev/zero`` (or a link to it) has no end, a FIFO or ``/dev/stdin`` blocks until someone writes,
and a size from ``stat`` is 0 for both: so the file is opened without blocking, checked to be a
regular file on the open descriptor (no race with a rename), and read up to the limit + 1 byte.
Used for theme files (``--tema``) and the file ``pohon serve`` watches.
"""

from __future__ import annotations

import os
import stat


class ReadProblem(Exception):
    """Why a file was not read: ``reason`` is a message key (``render_read_not_regular``, ``render_read_too_big``,
    ``render_read_os_error``) and ``params`` its parameters (translatable :class:`~pohon.diagnostics.Term`
    values among them)."""

    def __init__(self, reason: str, **params) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def _os(exc: OSError) -> ReadProblem:
    from pohon.diagnostics import os_problem

    return ReadProblem("render_read_os_error", error=os_problem(exc))


def read_regular(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; else :class:`ReadProblem`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _os(exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ReadProblem("render_read_not_regular")
        if st.st_size > limit:
            raise ReadProblem("render_read_too_big", size=st.st_size, limit=limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                raise ReadProblem("render_read_too_big", size=total, limit=limit)
        return b"".join(chunks)
    except OSError as exc:
        raise _os(exc) from None
    finally:
        os.close(fd)
