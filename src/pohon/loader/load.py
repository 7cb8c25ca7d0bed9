"""Load a tree file: read, decode, parse, validate, build — collecting every problem."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pohon.catalogue import diagnostic, t
from pohon.diagnostics import Diagnostic
from pohon.gcpause import paused_gc
from pohon.loader.yamlsource import SourceMap, YamlProblem, compose, to_plain
from pohon.model import schema
from pohon.model.schema import FORMAT_VERSION, PohonFile
from pohon.model.tree import PerformanceTree

DEFAULT_MAX_BYTES = 32 * 1024 * 1024

# Which model a key's value holds: used to list the allowed keys of the mapping that holds
# an unknown key. A path's last model-bearing key decides; the top level is PohonFile.
_MODEL_OF_KEY: dict[str, type[BaseModel]] = {
    "organisasi": schema.Organisasi,
    "tahap1": schema.Tahap1,
    "profil_jabatan": schema.ProfilJabatan,
    "kinerja": schema.Simpul,
    "cabang": schema.Simpul,
    "indikator": schema.Indikator,
    "rencana_aksi": schema.RencanaAksi,
    "komponen": schema.KomponenRef,
    "jabatan": schema.Jabatan,
}


@dataclass
class LoadResult:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    doc: PohonFile | None = None
    tree: PerformanceTree | None = None
    source: SourceMap = field(default_factory=lambda: SourceMap(None))
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.tree is not None


def load_tree(path: str | os.PathLike, lang: str = "id", max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load ``path``. Never raises for problems in the file: they are in ``.diagnostics``."""
    name = str(path)
    result = LoadResult(name)
    size = Path(path).stat().st_size
    if size > max_bytes:
        result.diagnostics.append(diagnostic("F008", lang, file=name, line=1, col=1, size=size, limit=max_bytes))
        return result
    text = _decode(Path(path).read_bytes(), name, lang, result.diagnostics)
    if text is None:
        return result
    result.text = text
    return load_text(text, name, lang, result)


def load_text(text: str, name: str = "<teks>", lang: str = "id", result: LoadResult | None = None) -> LoadResult:
    result = result or LoadResult(name, text=text)
    diags = result.diagnostics
    with paused_gc():  # the loader makes many small objects and no cycles worth collecting
        try:
            root = compose(text)
            if root is None:
                diags.append(diagnostic("F010", lang, file=name, line=1, col=1))
                return result
            result.source = SourceMap(root)
            data = to_plain(root)
        except YamlProblem as p:
            # "@key" parameters are message keys of data/messages.yaml, translated here
            params = {k: t(v[1:], lang) if isinstance(v, str) and v.startswith("@") else v for k, v in p.params.items()}
            diags.append(diagnostic(p.code, lang, file=name, line=p.line, col=p.col, excerpt=p.excerpt, **params))
            return result
        if not isinstance(data, dict):
            kind = t("kind_list" if isinstance(data, list) else "kind_scalar", lang)
            diags.append(diagnostic("F011", lang, file=name, line=1, col=1, kind=kind))
            return result
        if not _version_ok(data, result, lang):
            return result
        try:
            result.doc = PohonFile.model_validate(data)
        except ValidationError as exc:
            diags.extend(_validation_diagnostics(exc, data, result.source, name, lang))
            return result
        result.tree = PerformanceTree(result.doc)
        return result


def _decode(raw: bytes, name: str, lang: str, diags: list[Diagnostic]) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        diags.append(diagnostic("F007", lang, file=name, line=1, col=1, detail=t("utf16", lang)))
        return None
    if b"\x00" in raw:
        diags.append(diagnostic("F007", lang, file=name, line=1, col=1, detail=t("binary", lang)))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        detail = t("not_utf8", lang, byte=f"{raw[exc.start]:02X}", line=line, col=col)
        diags.append(diagnostic("F007", lang, file=name, line=line, col=col, detail=detail))
        return None


def _utf16_without_bom(raw: bytes) -> bool:
    """ASCII-heavy text saved as UTF-16 without a byte-order mark: every other byte is NUL."""
    head = raw[:4096]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)


def _version_ok(data: dict, result: LoadResult, lang: str) -> bool:
    if "pohon" not in data:
        detail = t("version_missing", lang)
        result.diagnostics.append(diagnostic("F006", lang, file=result.file, line=1, col=1, detail=detail))
        return False
    if str(data["pohon"]).strip() != str(FORMAT_VERSION):
        line, col = result.source.value(("pohon",))
        detail = t("version_unknown", lang, value=data["pohon"])
        result.diagnostics.append(diagnostic("F006", lang, file=result.file, line=line, col=col, detail=detail))
        return False
    return True


# -- pydantic errors → diagnostics ---------------------------------------------------------

def _steps(loc: tuple, data: Any) -> Iterator[tuple[int, Any, Any]]:
    """(index, step, value reached) for each step of ``loc`` found in ``data``.

    pydantic's locations also hold union/type segments that are not data keys; those are skipped.
    """
    cur = data
    for i, step in enumerate(loc):
        if (isinstance(cur, dict) and step in cur) or (
                isinstance(cur, list) and isinstance(step, int) and 0 <= step < len(cur)):
            cur = cur[step]
            yield i, step, cur


def _is_node_step(loc: tuple, i: int) -> bool:
    return isinstance(loc[i], int) and i > 0 and loc[i - 1] in ("kinerja", "cabang")


def _node_of(loc: tuple, data: Any) -> tuple[str | None, tuple]:
    """The id of the innermost tree node on ``loc`` and that node's path."""
    node_id, node_path, walked = None, (), ()
    for i, step, cur in _steps(loc, data):
        walked += (step,)
        if _is_node_step(loc, i) and isinstance(cur, dict):
            node_id = cur.get("id") if isinstance(cur.get("id"), str) else None
            node_path = walked
    return node_id, node_path


def _where(loc: tuple, node_id: str | None, node_path: tuple, lang: str, data: Any = None) -> str:
    rest = loc[len(node_path):] if node_id else loc
    if node_id:
        if len(rest) >= 2 and rest[0] == "indikator" and isinstance(rest[1], int):
            return t("where_indicator", lang, n=rest[1] + 1, node=node_id)
        named = [s for s in rest if isinstance(s, str)]
        return t("where_in_node", lang, name=named[0], node=node_id) if named else t("where_node", lang, node=node_id)
    unnamed = _unnamed_node(loc, data)
    if unnamed:
        key = "where_unnamed_child" if unnamed["parent"] and unnamed["list"] == "cabang" else "where_unnamed_node"
        return t(key, lang, **unnamed)
    named = [s for s in loc if isinstance(s, str)]
    return t("where_section", lang, name=named[0]) if named else t("where_root", lang)


def _unnamed_node(loc: tuple, data: Any) -> dict | None:
    """For a node written without an `id`: its number in its list and the node that list belongs to."""
    last = max((i for i in range(len(loc)) if _is_node_step(loc, i)), default=None)
    if last is None:
        return None
    parent = ""
    for i, _, cur in _steps(loc[:last - 1], data):
        if isinstance(cur, dict) and isinstance(cur.get("id"), str):
            parent = cur["id"]
    return {"n": loc[last] + 1, "list": loc[last - 1], "parent": parent}


def _model_for(container: tuple) -> type[BaseModel]:
    for step in reversed(container):
        if isinstance(step, str) and step in _MODEL_OF_KEY:
            return _MODEL_OF_KEY[step]
    return PohonFile


def _suggest(key: str, allowed: list[str], lang: str) -> str:
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, allowed, scorer=fuzz.ratio, score_cutoff=60)
    return t("did_you_mean", lang, key=best[0]) if best else ""


_FIELD = re.compile(r"^[a-z][a-z0-9_]*$")
_TYPE_SEGMENTS = {"bool", "str", "int", "float"}

_DETAIL = {  # pydantic error type → (message key, hint key)
    "string_type": ("v_string", "h_generic"),
    "int_parsing": ("v_int", "h_generic"),
    "int_type": ("v_int", "h_generic"),
    "int_from_float": ("v_int", "h_generic"),
    "bool_parsing": ("v_bool", "h_generic"),
    "bool_type": ("v_bool", "h_generic"),
    "literal_error": ("v_literal", "h_generic"),
    "list_type": ("v_list", "h_generic"),
    "dict_type": ("v_mapping", "h_generic"),
    "model_type": ("v_mapping", "h_generic"),
    "model_attributes_type": ("v_mapping", "h_generic"),
    "string_too_short": ("v_empty", "h_generic"),
    "too_long": ("v_too_long", "h_generic"),
    "pohon_value": ("v_value", "h_number"),
    "pohon_rupiah": ("v_rupiah", "h_number"),
    "pohon_year": ("v_year", "h_year"),
    "pohon_period": ("v_period", "h_generic"),
    "pohon_reason": ("v_reason", "h_reason"),
}


def _validation_diagnostics(exc: ValidationError, data: dict, source: SourceMap, name: str, lang: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    errors = exc.errors(include_url=False)
    typos = {(tuple(e["loc"][:-1]), str(e["loc"][-1])) for e in errors if e["type"] == "extra_forbidden"}
    for err in errors:
        loc = tuple(err["loc"])
        typ = err["type"]
        if typ == "missing" and typos and _typo_of_missing(loc, typos):
            continue
        node_id, node_path = _node_of(loc, data)
        if typ == "extra_forbidden":
            key = str(loc[-1])
            allowed = list(_model_for(loc[:-1]).model_fields)
            line, col = source.key(loc)
            d = diagnostic("F003", lang, file=name, line=line, col=col, node=node_id, key=key,
                           where=_where(loc[:-1], node_id, node_path, lang, data),
                           suggestion=_suggest(key, allowed, lang), allowed=", ".join(allowed))
        elif typ == "missing":
            key = str(loc[-1])
            line, col = source.value(loc[:-1])
            d = diagnostic("F005", lang, file=name, line=line, col=col, node=node_id, key=key,
                           where=_where(loc[:-1], node_id, node_path, lang, data))
        else:
            d = _wrong_value(err, loc, node_id, source, name, lang)
        if (d.line, d.col, d.code) in seen:  # union members report the same spot twice
            continue
        seen.add((d.line, d.col, d.code))
        out.append(d)
    return out


def _typo_of_missing(loc: tuple, typos: set[tuple]) -> bool:
    """`uraain: …` is one mistake: F003 says "did you mean `uraian`?", so "`uraian` missing" is noise."""
    from rapidfuzz import fuzz

    container, key = loc[:-1], str(loc[-1])
    return any(c == container and fuzz.ratio(typed, key) >= 60 for c, typed in typos)


def _wrong_value(err: dict, loc: tuple, node_id: str | None, source: SourceMap, name: str, lang: str) -> Diagnostic:
    typ, ctx = err["type"], err.get("ctx") or {}
    is_key = "[key]" in loc
    data_loc = tuple(s for s in loc if s != "[key]")
    field_name = next((s for s in reversed(data_loc) if isinstance(s, str) and _FIELD.match(s)
                       and s not in _TYPE_SEGMENTS), "?")
    if field_name in ("crosscutting",) and typ in ("bool_type", "bool_parsing", "list_type"):
        key, hint_key = "v_crosscutting", "h_generic"
    elif typ == "string_pattern_mismatch":
        key, hint_key = ("v_id_pattern" if field_name == "id" else "v_period"), "h_generic"
    else:
        key, hint_key = _DETAIL.get(typ, ("v_other", "h_generic"))
    value = err.get("input")
    params = {**ctx, "value": value if isinstance(value, str) else ctx.get("value", value), "msg": err.get("msg", ""),
              "max": ctx.get("max_length", "")}
    if typ == "literal_error":
        expected = str(ctx.get("expected", ""))
        params["expected"] = expected.replace(" or ", " atau ") if lang == "id" else expected
        if isinstance(value, str):  # `peran: antara-utma` → "did you mean `antara-utama`?"
            params["hint_prefix"] = _suggest(value, re.findall(r"'([^']*)'", expected), lang)
    line, col = source.key(data_loc) if is_key else source.value(data_loc)
    return diagnostic("F004", lang, file=name, line=line, col=col, node=node_id, field=field_name,
                      detail=t(key, lang, **params), hint=params.get("hint_prefix", "") + t(hint_key, lang, **params))
