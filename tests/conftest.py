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


# -- Chromium (HTML viewer browser tests) ---------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run",
                 "--disable-component-update", "--disable-sync"]


@_pytest.fixture(scope="session")
def chromium_browser():
    """Headless Debian Chromium driven by playwright (never a downloaded browser).

    Skips with a printed reason when /usr/bin/chromium or playwright is missing, except under
    CI=true, where the test fails instead.
    """
    reason = None
    if not _os.path.exists(CHROMIUM):
        reason = f"{CHROMIUM} not installed; run scripts/install-system-deps.sh"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "python playwright not installed; pip install -e .[test]"
    if reason:
        if _os.environ.get("CI", "").lower() == "true":
            _pytest.fail(reason + " (required when CI=true)")
        print(f"SKIP: {reason}")
        _pytest.skip(reason)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
