"""Load a tree file: read, decode, parse, validate, build — collecting every problem."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Location, Term
from pohon.gcpause import paused_gc
from pohon.io import ReadError, read_limited
from pohon.loader.yamlsource import SourceMap, YamlProblem, excerpt, parse
from pohon.model import quick
from pohon.model.coerce import FORMAT_VERSION
from pohon.model.tree import PerformanceTree
from pohon.model.values import shown

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any

    from pydantic import BaseModel, ValidationError

    from pohon.model.schema import PohonFile

DEFAULT_MAX_BYTES = 32 * 1024 * 1024


@cache
def _model_of_key() -> dict[str, type[BaseModel]]:
    """Which model a key's value holds: used to list the allowed keys of the mapping that holds
    an unknown key. A path's last model-bearing key decides; the top level is PohonFile."""
    from pohon.model import schema

    return {
        "organisasi": schema.Organisasi,
        "tahap1": schema.Tahap1,
        "profil_jabatan": schema.ProfilJabatan,
        "kinerja": schema.Simpul,
        "cabang": schema.Simpul,
        "indikator": schema.Indikator,
        "rencana_aksi": schema.RencanaAksi,
        "komponen": schema.KomponenRef,
        "jabatan": schema.Jabatan,
        "kepala_daerah": schema.KepalaDaerah,
        "kop": schema.Kop,
        "peta_jabatan": schema.JabatanPeta,
        "pemegang": schema.Pemegang,
        "pengukuran": schema.Pengukuran,
        "dilaporkan": schema.Dilaporkan,
        "pembulatan": schema.PembulatanUkur,
    }


class LoadResult:
    """What loading a file gave: its findings, and the tree when it could be read."""

    def __init__(self, file: str, diagnostics: list[Diagnostic] | None = None, text: str = "") -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.doc: PohonFile | None = None
        self.tree: PerformanceTree | None = None
        self.source = SourceMap(None)
        self.text = text

    @property
    def ok(self) -> bool:
        return self.tree is not None


def load_tree(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load ``path``. Never raises for problems in the file: they are in ``.diagnostics``.

    Only a regular file is read, and never more than ``max_bytes`` of it (F008); a device, a
    FIFO, a folder or a file the system will not give (F015) is reported, not waited for."""
    name = str(path)
    result = LoadResult(name)
    try:
        raw = read_limited(path, max_bytes)
    except ReadError as exc:
        result.diagnostics.append(unreadable(exc, name, max_bytes))
        return result
    text = decode_source(raw, name, result.diagnostics)
    del raw
    if text is None:
        return result
    result.text = text
    return load_text(text, name, result)


def unreadable(exc: ReadError, name: str, max_bytes: int) -> Diagnostic:
    """The finding for a file :func:`pohon.io.read_limited` would not read: too large (F008, with
    its size when the system told it, else "more than" the limit) or not readable at all (F015)."""
    if exc.too_large:
        size = exc.size if exc.size is not None else Term.of("more_than", n=max_bytes)
        return diagnostic("F008", Location(name, 1, 1), size=size, limit=max_bytes)
    return diagnostic("F015", Location(name, 1, 1), detail=exc.reason)


def load_text(text: str, name: str = "<teks>", result: LoadResult | None = None) -> LoadResult:
    """Load a tree from its text. Never raises for problems in the text: they are in ``.diagnostics``."""
    if text.startswith("\ufeff"):  # a byte-order mark is not part of the text (libyaml skips it)
        text = text[1:]
    result = result or LoadResult(name, text=text)
    result.text = text
    diags = result.diagnostics
    with paused_gc():  # the loader makes many small objects and no cycles worth collecting
        try:
            parsed = parse(text)
        except YamlProblem as p:
            diags.append(diagnostic(p.code, Location(name, p.line, p.col), excerpt=p.excerpt, **p.params))
            return result
        if parsed is None:
            diags.append(diagnostic("F010", Location(name, 1, 1)))
            return result
        data = parsed.data
        result.source = SourceMap(parsed.table, name)
        if parsed.split_numbers:  # the data is known to be misread: report every place, validate nothing
            diags.extend(_bounded(parsed.split_numbers, lambda p: diagnostic(
                p.code, Location(name, p.line, p.col), excerpt=excerpt(text, p.line, p.col), **p.params)))
            return result
        unsafe = _bounded(parsed.controls, lambda p: _control_diagnostic(p, data, name))
        diags.extend(unsafe)
        del parsed
        if not isinstance(data, dict):
            kind = Term("kind_list" if isinstance(data, list) else "kind_scalar")
            diags.append(diagnostic("F011", Location(name, 1, 1), kind=kind))
            return result
        if not _version_ok(data, result):
            return result
        # a file pohon is sure of is read without pydantic; pydantic decides the others, with its messages
        doc = quick.read(data) if not unsafe else None
        if doc is None:
            from pydantic import ValidationError

            from pohon.model.schema import PohonFile
            try:
                doc = PohonFile.model_validate(data)
            except ValidationError as exc:
                diags.extend(format_problems(exc, data, result.source))
                return result
        if unsafe:  # control characters never reach a renderer: the file is not loaded (F014)
            return result
        del data
        result.doc = doc
        result.tree = PerformanceTree(doc)
        return result


def _control_diagnostic(p: YamlProblem, data: Any, name: str) -> Diagnostic:
    node_id, node_path = _node_of(p.path, data)
    field = p.path[len(node_path):] if node_id else p.path
    named = [s for s in p.path if isinstance(s, str)]
    field_name: Term | str = Term("field_key") if p.params.get("key") else (shown(named[-1]) if named else "?")
    return diagnostic("F014", Location(name, p.line, p.col), node=node_id, field=field, field_name=field_name,
                      chars=p.params["chars"])


def _bounded(problems: list[YamlProblem], make) -> list[Diagnostic]:
    """Diagnostics of the reader's ``problems`` (``make`` builds one), bounded like the others."""
    out, limit = [], _Limiter()
    for p in problems:
        omitted = limit.admit(p.code, p.path[:-1])
        if omitted is None:
            out.append(make(p))
        elif not omitted[1]:
            d = make(p)
            omitted[1] = (d.location, d.node, d.field, Term.of("where_node", node=shown(d.node)) if d.node
                          else Term("where_file"))
    return out + limit.summaries()


def decode_source(raw: bytes, name: str, diags: list[Diagnostic]) -> str | None:
    """A YAML file's bytes as text, or None after an F007 finding in ``diags`` (UTF-16/32, NUL
    bytes, bad UTF-8); shared by the tree, realisation and settings (kop) files."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or _utf32_without_bom(raw):
        diags.append(diagnostic("F007", Location(name, 1, 1), detail=Term("utf32")))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(raw):
        diags.append(diagnostic("F007", Location(name, 1, 1), detail=Term("utf16")))
        return None
    if b"\x00" in raw:
        diags.append(diagnostic("F007", Location(name, 1, 1), detail=Term("binary")))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        detail = Term.of("not_utf8", byte=f"{raw[exc.start]:02X}", line=line, col=col)
        diags.append(diagnostic("F007", Location(name, line, col), detail=detail))
        return None


def _utf32_without_bom(raw: bytes) -> bool:
    """ASCII-heavy text saved as UTF-32 without a byte-order mark: three bytes in four are NUL."""
    head = raw[:4096]
    if len(head) < 16:
        return False
    lanes = [head[i::4] for i in range(4)]
    nul = [lane.count(0) > 0.9 * len(lane) for lane in lanes]
    return nul[1] and nul[2] and (nul[3] or nul[0])


def _utf16_without_bom(raw: bytes) -> bool:
    """ASCII-heavy text saved as UTF-16 without a byte-order mark: every other byte is NUL."""
    head = raw[:4096]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.9 * len(even) or odd.count(0) > 0.9 * len(odd)


def _version_ok(data: dict, result: LoadResult) -> bool:
    if "pohon" not in data:
        result.diagnostics.append(diagnostic("F006", Location(result.file, 1, 1), detail=Term("version_missing")))
        return False
    if str(data["pohon"]).strip() != str(FORMAT_VERSION):
        detail = Term.of("version_unknown", value=data["pohon"])
        result.diagnostics.append(diagnostic("F006", result.source.locate(("pohon",)), field=("pohon",),
                                             detail=detail))
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


def _where(loc: tuple, node_id: str | None, node_path: tuple, data: Any = None) -> Term:
    rest = loc[len(node_path):] if node_id else loc
    node_id = shown(node_id) if node_id else node_id
    if node_id:
        if len(rest) >= 2 and rest[0] == "indikator" and isinstance(rest[1], int):
            return Term.of("where_indicator", n=rest[1] + 1, node=node_id)
        named = [s for s in rest if isinstance(s, str)]
        return Term.of("where_in_node", name=shown(named[0]), node=node_id) if named else Term.of("where_node",
                                                                                               node=node_id)
    unnamed = _unnamed_node(loc, data)
    if unnamed:
        key = "where_unnamed_child" if unnamed["parent"] and unnamed["list"] == "cabang" else "where_unnamed_node"
        return Term.of(key, **unnamed)
    named = [s for s in loc if isinstance(s, str)]
    return Term.of("where_section", name=shown(named[0])) if named else Term("where_root")


def _unnamed_node(loc: tuple, data: Any) -> dict | None:
    """For a node written without an `id`: its number in its list and the node that list belongs to."""
    last = max((i for i in range(len(loc)) if _is_node_step(loc, i)), default=None)
    if last is None:
        return None
    parent = ""
    for i, _, cur in _steps(loc[:last - 1], data):
        if isinstance(cur, dict) and isinstance(cur.get("id"), str):
            parent = cur["id"]
    return {"n": loc[last] + 1, "list": loc[last - 1], "parent": shown(parent)}


_KEY_MODELS: ContextVar[tuple[dict, type[BaseModel]] | None] = ContextVar("pohon_key_models", default=None)


def _model_for(container: tuple) -> type[BaseModel]:
    from pohon.model.schema import PohonFile

    models, root = _KEY_MODELS.get() or (_model_of_key(), PohonFile)
    for step in reversed(container):
        if isinstance(step, str) and step in models:
            return models[step]
    return root


def validation_problems(exc: ValidationError, data: dict, source: SourceMap, key_models: dict,
                        root: type[BaseModel]) -> list[Diagnostic]:
    """Located diagnostics for a file of another format (e.g. a realisation file) validated by
    ``root``; ``key_models`` names the model each key's value holds (for unknown-key hints)."""
    token = _KEY_MODELS.set((key_models, root))
    try:
        return _validation_diagnostics(exc, data, source)
    finally:
        _KEY_MODELS.reset(token)


def suggestion_for(key: str, allowed: list[str]) -> Term | str:
    """"did you mean `…`?" for a key (or value) written that is not one of ``allowed``, or ""."""
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, allowed, scorer=fuzz.ratio, score_cutoff=60)
    return Term.of("did_you_mean", key=best[0]) if best else ""


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
    "pohon_value_mixed": ("v_value_mixed", "h_value_mixed"),
    "pohon_rupiah": ("v_rupiah", "h_number"),
    "pohon_year": ("v_year", "h_year"),
    "pohon_month": ("v_month", "h_month"),
    "pohon_quarter": ("v_quarter", "h_month"),
    "pohon_period": ("v_period", "h_generic"),
    "pohon_reason": ("v_reason", "h_reason"),
    "pohon_number_range": ("v_number_range", "h_number_range"),
    "pohon_number_precision": ("v_number_precision", "h_number_range"),
}


def _validation_diagnostics(exc: ValidationError, data: dict, source: SourceMap) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    limit = _Limiter()
    errors = exc.errors(include_url=False)
    typos: dict[tuple, list[str]] = {}  # mapping → the unknown keys written in it
    for e in errors:
        if e["type"] == "extra_forbidden":
            typos.setdefault(tuple(e["loc"][:-1]), []).append(str(e["loc"][-1]))
    for err in errors:
        loc = tuple(err["loc"])
        typ = err["type"]
        if typ == "missing" and _typo_of_missing(loc, typos):
            continue
        data_loc = _data_path(loc, data)
        ctx = err.get("ctx") or {}
        if typ == "extra_forbidden":
            code, where_at = "F003", source.locate(loc, key=True)
        elif typ == "pohon_duplicate_year":
            code, where_at = "F002", source.locate(data_loc + (ctx.get("key"),), key=True)
        elif typ == "missing":
            code, where_at = "F005", source.locate(loc[:-1])
        else:
            code, where_at = "F004", source.locate(tuple(s for s in loc if s != "[key]"), key="[key]" in loc)
        if (where_at.line, where_at.col, code) in seen:  # union members report the same spot twice
            continue
        seen.add((where_at.line, where_at.col, code))
        omitted = limit.admit(code, data_loc[:-1] if code != "F005" else data_loc)
        if omitted is not None:  # over the bound: counted, and the first one omitted is remembered
            if not omitted[1]:
                node_id, node_path = _node_of(loc, data)
                omitted[1] = (where_at, node_id, data_loc[len(node_path):] if node_id else data_loc,
                              _where(loc[:-1], node_id, node_path, data))
            continue
        node_id, node_path = _node_of(loc, data)
        field = data_loc[len(node_path):] if node_id else data_loc
        if code == "F003":
            key = str(loc[-1])
            allowed = list(_model_for(loc[:-1]).model_fields)
            d = diagnostic("F003", where_at, node=node_id, field=field, key=shown(key),
                           where=_where(loc[:-1], node_id, node_path, data),
                           suggestion=suggestion_for(key, allowed), allowed=", ".join(allowed))
        elif code == "F002":
            first_line = source.key(data_loc + (ctx.get("first"),))[0]
            d = diagnostic("F002", where_at, node=node_id, field=field + (ctx.get("key"),),
                           key=shown(str(ctx.get("key"))), first_line=first_line)
        elif code == "F005":
            key = str(loc[-1])
            d = diagnostic("F005", where_at, node=node_id, field=field + (key,), key=key,
                           where=_where(loc[:-1], node_id, node_path, data))
        else:
            d = _wrong_value(err, loc, node_id, field, source)
        out.append(d)
    return out + limit.summaries()


# Bounds on the findings of one kind: past MAX_PER_PLACE in one mapping or list (or MAX_PER_FILE in
# the file), one F016 says how many more there are, where the first of them is. Each message
# quotes at most MAX_SHOWN characters of a user's text (pohon.model.values.shown).
MAX_PER_PLACE = 100
MAX_PER_FILE = 1000


class _Limiter:
    def __init__(self) -> None:
        self.per_place: dict[tuple, int] = {}
        self.per_file: dict[str, int] = {}
        self.omitted: dict[tuple, list] = {}  # (code, place or None) → [count, (location, node, field, where)]

    def admit(self, code: str, place: tuple) -> list | None:
        """None when a finding of ``code`` at ``place`` (a mapping or list) is to be reported;
        else the count of those omitted, whose second item the caller fills for the first one."""
        n_place = self.per_place[(code, place)] = self.per_place.get((code, place), 0) + 1
        n_file = self.per_file[code] = self.per_file.get(code, 0) + 1
        if n_place <= MAX_PER_PLACE and n_file <= MAX_PER_FILE:
            return None
        key = (code, place) if n_place > MAX_PER_PLACE else (code, None)
        entry = self.omitted.get(key)
        if entry is None:
            entry = self.omitted[key] = [0, None]
        entry[0] += 1
        return entry

    def summaries(self) -> list[Diagnostic]:
        out = []
        for (code, place), (n, (location, node, field, where)) in self.omitted.items():
            out.append(diagnostic("F016", location, node=node, field=field, code=code, n=n,
                                  where=Term("where_file") if place is None else where))
        return out


# More format errors than this (a big file of the wrong kind, every box broken the same way) are
# not each turned into a diagnostic: the file is validated again, box by box, until SAMPLE_ERRORS
# have been met, and those are reported with one F016 counting the rest.
MAX_ERRORS = 20_000
SAMPLE_ERRORS = 1_000
_BUDGET: ContextVar[list[int]] = ContextVar("pohon_error_budget")


def format_problems(exc: ValidationError, data: dict, source: SourceMap) -> list[Diagnostic]:
    """Located diagnostics for pydantic's errors on a tree file's ``data`` (bounded: see MAX_ERRORS)."""
    total = exc.error_count()
    if total <= MAX_ERRORS:
        return _validation_diagnostics(exc, data, source)
    del exc  # pydantic's errors hold much memory: let them go before validating again
    from pydantic import ValidationError

    token = _BUDGET.set([0])
    try:
        _sampling_model().model_validate(data)
    except ValidationError as sample:
        shown_n = sample.error_count()
        out = _validation_diagnostics(sample, data, source)
    else:  # pragma: no cover - the same data failed a moment ago
        return []
    finally:
        _BUDGET.reset(token)
    first = out[0] if out else None
    if total > shown_n:
        out.append(diagnostic("F016", first.location if first else Location(source.file, 1, 1),
                              code=Term("code_format"), n=total - shown_n, where=Term("where_file")))
    return out


def _within_budget(value: Any, handler: Any) -> Any:
    """Validate one box (indicator, component, position) unless the sample is complete; a box
    skipped is not validated at all (None stands for it in a model that is never used)."""
    from pydantic import ValidationError

    budget = _BUDGET.get()
    start = budget[0]
    if start >= SAMPLE_ERRORS:
        return None
    try:
        return handler(value)
    except ValidationError as exc:
        budget[0] = start + exc.error_count()  # this box's errors, those of its children included
        raise


@cache
def _sampling_model() -> type[BaseModel]:
    """:class:`PohonFile` whose boxes, indicators, components and positions are validated within
    the error budget: the same errors at the same places, up to the budget."""
    from typing import Annotated

    from pydantic import Field, WrapValidator

    from pohon.model import schema

    within = WrapValidator(_within_budget)

    class SampledSimpul(schema.Simpul):
        indikator: list[Annotated[schema.Indikator, within]] = Field(default_factory=list)
        komponen: list[Annotated[schema.KomponenRef, within]] = Field(default_factory=list)
        jabatan: list[Annotated[schema.Jabatan, within]] = Field(default_factory=list)
        cabang: list[Annotated[SampledSimpul, within]] = Field(default_factory=list)

    class SampledFile(schema.PohonFile):
        kinerja: list[Annotated[SampledSimpul, within]]

    SampledSimpul.model_rebuild()
    SampledFile.model_rebuild()
    return SampledFile


def _data_path(loc: tuple, data: Any) -> tuple:
    """The steps of a pydantic location that are keys or indexes of the data (no union/type segments)."""
    return tuple(step for _, step, _ in _steps(tuple(s for s in loc if s != "[key]"), data))


def _typo_of_missing(loc: tuple, typos: dict[tuple, list[str]]) -> bool:
    """`uraain: …` is one mistake: F003 says "did you mean `uraian`?", so "`uraian` missing" is noise."""
    typed_here = typos.get(loc[:-1])
    if not typed_here:
        return False
    from rapidfuzz import fuzz, process

    return process.extractOne(str(loc[-1]), typed_here, scorer=fuzz.ratio, score_cutoff=60) is not None


def _wrong_value(err: dict, loc: tuple, node_id: str | None, field: tuple, source: SourceMap) -> Diagnostic:
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
        hint_key = ctx.get("hint", hint_key)
    value = err.get("input")
    value = value if isinstance(value, str) else ctx.get("value", value)
    params = {**{k: v for k, v in ctx.items() if k != "hint"},
              "value": shown(value) if isinstance(value, str) else value, "msg": shown(str(err.get("msg", ""))),
              "max": ctx.get("max_length", "")}
    prefix: Term | str = ""
    if typ == "literal_error":
        expected = str(ctx.get("expected", ""))
        head, _, last = expected.rpartition(" or ")
        params["expected"] = Term.of("v_expected", head=head, last=last) if head else last
        if isinstance(value, str):  # `peran: antara-utma` → "did you mean `antara-utama`?"
            prefix = suggestion_for(value, re.findall(r"'([^']*)'", expected))
    params = {k: v if isinstance(v, (int, float, Term, tuple)) or v is None else shown(str(v)) for k, v in params.items()}
    return diagnostic("F004", source.locate(data_loc, key=is_key), node=node_id, field=field, field_name=field_name,
                      value=params["value"], detail=Term.of(key, **params), hint=(prefix, Term.of(hint_key, **params)))
