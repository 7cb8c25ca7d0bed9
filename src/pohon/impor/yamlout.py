"""The tree file as text for people: block style, keys in the schema's order (the data is already
ordered), multi-line notes as ``|`` blocks, no timestamps (same input → same bytes)."""

from __future__ import annotations

from decimal import Decimal

import yaml


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False):  # lists indented under their key
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _decimal(dumper: yaml.SafeDumper, value: Decimal):
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_float(float(value))


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Decimal, _decimal)


def dump(data: dict, header: list[str] = ()) -> str:
    """``data`` as YAML, with ``header`` lines as comments above it."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100, indent=2)
    lines = [f"# {h}".rstrip() for h in header]
    return ("\n".join(lines) + "\n" if lines else "") + body
