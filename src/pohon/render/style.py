"""The diagram style table: package data merged with an optional user theme file."""

from __future__ import annotations

import copy
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from pohon.catalogue import t
from pohon.errors import PohonError

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@cache
def _base() -> dict:
    text = resources.files("pohon").joinpath("data/styles.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _merge(base: dict, override: dict, where: str, lang: str) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        key = str(key)
        if key not in base:
            raise PohonError(t("render_theme_key", lang, key=f"{where}{key}", allowed=", ".join(base)))
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise PohonError(t("render_theme_value", lang, key=f"{where}{key}", value=value))
            out[key] = _merge(base[key], value, f"{where}{key}.", lang)
        else:
            out[key] = _check_value(base[key], value, f"{where}{key}", lang)
    return out


def _check_value(default: Any, value: Any, key: str, lang: str) -> Any:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, (int, float)):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            return value
    elif isinstance(default, str) and isinstance(value, (str, int, float)):
        value = str(value)
        if default.startswith("#") and not _COLOUR.match(value):
            raise PohonError(t("render_theme_value", lang, key=key, value=value))
        if any(c in value for c in '"<>&\\\n'):
            raise PohonError(t("render_theme_value", lang, key=key, value=value))
        return value
    raise PohonError(t("render_theme_value", lang, key=key, value=value))


def default_style() -> dict:
    """The package style table, shared (read-only: do not modify the result)."""
    return _base()


def load_style(theme: str | Path | None = None, lang: str = "id") -> dict:
    """The style table, with ``theme`` (a YAML file of the same shape) applied on top."""
    if theme is None:
        return copy.deepcopy(_base())
    path = Path(theme)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise PohonError(t("render_theme_read", lang, path=path, error=exc.strerror or exc)) from None
    except yaml.YAMLError as exc:
        raise PohonError(t("render_theme_read", lang, path=path, error=str(exc).splitlines()[0])) from None
    if not isinstance(data, dict):
        raise PohonError(t("render_theme_read", lang, path=path, error="mapping"))
    return _merge(_base(), data, "", lang)


def role_style(style: dict, role_key: str | None) -> dict:
    roles = style["roles"]
    return roles.get(role_key or "default") or roles["default"]
