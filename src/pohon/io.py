"""Writing output files: atomic, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pohon.errors import PohonError


def ensure_writable(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise PohonError("output_exists", path=str(path))


def write_bytes(path: str | os.PathLike, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + rename); refuse to overwrite without ``force``."""
    target = Path(path)
    ensure_writable(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_text(path: str | os.PathLike, text: str, force: bool = False) -> Path:
    return write_bytes(path, text.encode("utf-8"), force)
