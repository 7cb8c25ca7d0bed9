"""Package data (``src/pohon/data/``): tables of facts kept as files, read once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


def data_text(name: str) -> str:
    return resources.files("pohon").joinpath("data", name).read_text(encoding="utf-8-sig")


@cache
def data_yaml(name: str) -> Any:
    import yaml

    return yaml.load(data_text(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
