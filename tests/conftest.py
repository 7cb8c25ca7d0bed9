"""Shared pytest fixtures."""

from __future__ import annotations


# -- LibreOffice (pohon tabel XLSX → PDF) ---------------------------------------------------------
import os as _os
import shutil as _shutil

import pytest as _pytest


@_pytest.fixture(scope="session")
def soffice():
    """Path of LibreOffice's `soffice`; skips with the reason when absent, except under CI=true."""
    path = _shutil.which("soffice") or ("/usr/bin/soffice" if _os.path.exists("/usr/bin/soffice") else None)
    if path is None:
        reason = "LibreOffice (soffice) not installed; run scripts/install-system-deps.sh"
        if _os.environ.get("CI", "").lower() == "true":
            _pytest.fail(reason + " (required when CI=true)")
        print(f"SKIP: {reason}")
        _pytest.skip(reason)
    return path
