"""The document templates' files: pohon's defaults (``pohon/templates/tables/``, copies of the
repository's top-level ``templates/`` folder, see :func:`pohon.datafiles.sync_templates`) and a
user's folder (``--template-dir``), read safely: a regular file within a size limit
(:func:`pohon.io.read_limited`). The writers receive the bytes; they read no file."""

from __future__ import annotations

import os

MAX_TEMPLATE_BYTES = 1_000_000
MAX_REFERENCE_BYTES = 5_000_000  # a DOCX reference document (styles, header, footer, a logo)


def default_template(name: str) -> bytes:
    from importlib import resources

    return resources.files("pohon").joinpath("templates", "tables", name).read_bytes()


def user_template(template_dir, name: str, max_bytes: int = MAX_TEMPLATE_BYTES) -> tuple[bytes, str] | None:
    """The user's template ``name`` from ``template_dir`` and its path (None when the folder has none)."""
    if not template_dir:
        return None
    path = os.path.join(os.fspath(template_dir), name)
    if not os.path.lexists(path):
        return None
    from pohon.io import read_limited

    return read_limited(path, max_bytes), path


def template(template_dir, name: str) -> tuple[bytes, str | None]:
    """The user's template ``name`` when the folder has one, else pohon's; with the user's path."""
    found = user_template(template_dir, name)
    if found is not None:
        return found
    return default_template(name), None
