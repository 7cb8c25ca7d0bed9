"""Tree data with its keys in the schema's order (``model/schema.py``), so that an imported file
reads like a hand-written one and two imports of the same sheet are byte-identical."""

from __future__ import annotations

import typing
from functools import cache
from typing import Any

from pydantic import BaseModel


def _is_map(annotation: Any) -> bool:
    if typing.get_origin(annotation) is dict:
        return True
    return any(_is_map(a) for a in typing.get_args(annotation) if a is not type(None))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(_models_in(arg))
    return out


@cache
def _layout(model: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, tuple[type[BaseModel], bool]]]:
    """The model's keys in order, and the model of each key holding nested models (and whether
    they are the values of a mapping, like the yearly `rencana_aksi`)."""
    nested = {}
    for name, info in model.model_fields.items():
        found = _models_in(info.annotation)
        if found:
            nested[name] = (found[0], _is_map(info.annotation))
    return tuple(model.model_fields), nested


def ordered(data: Any, model: type[BaseModel] | None = None) -> Any:
    """``data`` (the tree file's mapping) with every mapping's keys in its model's order; keys
    the model does not know keep their place after the known ones (the loader reports them)."""
    if model is None:
        from pohon.model.schema import PohonFile

        model = PohonFile
    if not isinstance(data, dict):
        return data
    keys, nested = _layout(model)
    out = {k: data[k] for k in keys if k in data}
    out.update({k: v for k, v in data.items() if k not in out})
    for k, v in out.items():
        if k not in nested:
            continue
        sub, is_map = nested[k]
        if isinstance(v, list):
            out[k] = [ordered(x, sub) for x in v]
        elif isinstance(v, dict) and is_map:
            out[k] = {y: ordered(x, sub) for y, x in v.items()}
        else:
            out[k] = ordered(v, sub)
    return out
