"""YAML text → plain Python data (dicts, lists, strings, None) plus a compact map of positions.

Every scalar stays a *string*: ``id: 1.10`` is "1.10" and ``no`` is "no"; the model decides
what a value means. Duplicate keys, foreign tags, runaway aliases (of collections and of long
texts), deep nesting, control characters in text and decimal commas split by the flow syntax
are caught here and reported as :class:`YamlProblem` with a position.

The data is built in one pass over libyaml's *events* (``get_event``): no YAML node graph is
ever made. Positions are kept in flat arrays, one entry per value (:class:`SourceMap`), which
take a few dozen bytes per value instead of the node graph's kilobytes per box.
"""

from __future__ import annotations

import re
import unicodedata
from _thread import allocate_lock
from array import array
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from sys import intern

import yaml
import yaml.events

from pohon.diagnostics import Location, Term
from pohon.model.values import CONTROL_CHARACTERS, shown, visible

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms on every check)
if TYPE_CHECKING:
    from typing import Any

try:  # the libyaml parser is several times faster; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")}
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 200
MAX_ALIAS_EXPANSION = 100_000  # values that aliases may add, in all
MAX_ALIAS_CHARACTERS = 1_000_000  # characters of text (keys and values) that aliases may add, in all
# No tree file needs a mapping with more keys than MAX_KEYS (a box has 14 fields, a year map one
# key a year) nor a list of more than MAX_ITEMS values that are not mappings (quarters, names):
# beyond, the file is refused (F017) rather than checked key by key.
MAX_KEYS = 10_000
MAX_ITEMS = 10_000
EXCERPT_WIDTH = 120  # characters of a line shown in an excerpt

# where a control character may hide: a double-quoted escape, or a raw bidi override / NEL
# (libyaml itself rejects the other raw ones); only when this matches is each text checked
_SUSPECTS = "\\\x85\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_DIGITS = set("0123456789")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # libyaml's line breaks


class YamlProblem(Exception):
    """A problem found while reading YAML: rule code, message parameters and position
    (and, for a problem in a value, the path of that value in the data).

    The classes of this module are written out as the dataclasses they were (same fields, repr and
    equality): making a dataclass costs ~0.5 ms and imports ``dataclasses`` and ``inspect``
    (~6 ms), on every check."""

    _FIELDS = ("code", "params", "line", "col", "excerpt", "path")

    def __init__(self, code: str, params: dict, line: int = 0, col: int = 0, excerpt: str = "",
                 path: tuple = ()) -> None:  # no Exception.__init__: args stay empty, as before
        self.code = code
        self.params = params
        self.line = line
        self.col = col
        self.excerpt = excerpt
        self.path = path

    def __repr__(self) -> str:
        return _repr(self)

    def __eq__(self, other):
        return _eq(self, other)

    __hash__ = None  # type: ignore[assignment]


def _repr(obj) -> str:
    return f"{obj.__class__.__qualname__}({', '.join(f'{f}={getattr(obj, f)!r}' for f in obj._FIELDS)})"


def _eq(obj, other):
    if other.__class__ is not obj.__class__:
        return NotImplemented
    return all(getattr(obj, f) == getattr(other, f) for f in obj._FIELDS)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def excerpt(text: str, line: int, col: int = 0, context: int = 2) -> str:
    """A numbered excerpt of ``text`` around 1-based ``line`` with a caret under ``col``.

    Lines are split where libyaml splits them (so positions agree); control characters are
    shown as symbols, never written to a terminal as they are."""
    if not text or line < 1:
        return ""
    starts = _line_starts(text)
    count = len(starts) - (1 if starts[-1] == len(text) else 0)
    lo, hi = max(1, line - context), min(count, line + context)
    if lo > hi:
        return ""
    width = len(str(hi))
    # very long lines (minified or generated YAML) are cut to a window around the column
    start = max(0, col - 1 - EXCERPT_WIDTH // 2) if col > EXCERPT_WIDTH else 0
    out = []
    for n in range(lo, hi + 1):
        shown_line = _line(text, starts, n)
        if start or len(shown_line) > start + EXCERPT_WIDTH:
            shown_line = ("…" if start and len(shown_line) > start else "") + shown_line[start:start + EXCERPT_WIDTH] + (
                "…" if len(shown_line) > start + EXCERPT_WIDTH else "")
        out.append(f"{n:>{width}} | {visible(shown_line, tabs=True)}")
        if n == line and col > 0:
            out.append(" " * width + " | " + " " * (col - 1 - start + (1 if start else 0)) + "^")
    return "\n".join(out)


@lru_cache(maxsize=4)
def _line_starts(text: str) -> array:
    """Where each line of ``text`` starts (computed once per text: excerpts may be many)."""
    starts = array("q", [0])
    if any(c in text for c in "\x85\u2028\u2029") or ("\r" in text and text.count("\r") != text.count("\r\n")):
        starts.extend(m.end() for m in _BREAK.finditer(text))
    else:  # only "\n" and "\r\n" breaks (nearly every file): a split is four times faster
        starts.extend(accumulate(len(line) + 1 for line in text.split("\n")))
        starts.pop()  # the "line" after the text
    return starts


def _line(text: str, starts: array, n: int) -> str:
    s = text[starts[n - 1]:starts[n] if n < len(starts) else len(text)]
    if s.endswith("\r\n"):
        return s[:-2]
    return s[:-1] if s and s[-1] in "\n\r\x85\u2028\u2029" else s


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``, counted as libyaml counts."""
    starts = _line_starts(text)
    line = bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def code_points(text: str) -> str:
    """The control characters of ``text``, named: ``U+0007, U+202E RIGHT-TO-LEFT OVERRIDE``."""
    seen: list[str] = []
    for c in CONTROL_CHARACTERS.findall(text):
        name = unicodedata.name(c, "")
        label = f"U+{ord(c):04X}" + (f" {name}" if name else "")
        if label not in seen:
            seen.append(label)
        if len(seen) == 5:
            break
    return ", ".join(seen)


# -- the source map ------------------------------------------------------------------------

_SCALAR, _MAP, _SEQ, _ALIAS = 0, 1, 2, 3
class _MergeKey(str):
    """The merge key `<<` as the position table records it (a data key `"<<"` is a plain str)."""


_MERGE = _MergeKey("<<")


class PositionTable:
    """One entry per value of the document, in document order: where it starts and where its key
    starts (as character indexes in ``text``; line and column are worked out when asked), its
    key and, for a collection, where its subtree ends (the index after it: positive for a
    mapping, negative for a list; 0 for a scalar or an alias). About 20 bytes a value."""

    _FIELDS = ("text", "pos", "key_pos", "end", "keys", "alias_of")

    def __init__(self, text: str = "", pos: array | None = None, key_pos: array | None = None,
                 end: array | None = None, keys: list | None = None, alias_of: dict | None = None) -> None:
        self.text = text
        self.pos = array("i") if pos is None else pos  # the value's index
        self.key_pos = array("i") if key_pos is None else key_pos  # the key's index + 1, or 0
        self.end = array("i") if end is None else end  # ± index after the subtree, or 0
        self.keys = [] if keys is None else keys  # the key (str), or None
        self.alias_of = {} if alias_of is None else alias_of  # alias entry → the anchored entry

    def __repr__(self) -> str:
        return _repr(self)

    def __eq__(self, other):
        return _eq(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.pos)

    def value_at(self, entry: int) -> tuple[int, int]:
        return line_col(self.text, self.pos[entry])

    def key_at(self, entry: int) -> tuple[int, int] | None:
        k = self.key_pos[entry]
        return line_col(self.text, k - 1) if k else None

    def kind(self, entry: int) -> int:
        e = self.end[entry]
        return _MAP if e > 0 else _SEQ if e < 0 else _ALIAS if entry in self.alias_of else _SCALAR

    def after(self, entry: int) -> int:
        """The index of the entry after ``entry`` and everything inside it."""
        return abs(self.end[entry]) or entry + 1


class SourceMap:
    """Finds the position of a value (or of its key) by its path in the plain data.

    A path step that is not a key or index of the data (pydantic's union and type segments)
    is skipped; the deepest step found decides. Each mapping is indexed the first time a path
    goes through it, so every later step through it costs O(1)."""

    def __init__(self, table: PositionTable | None = None, file: str = "") -> None:
        self.table = table
        self.file = file
        self._indexes: dict[int, Any] = {}

    def locate(self, path: tuple, key: bool = False) -> Location:
        """The :class:`Location` of the value at ``path`` (or of its key)."""
        line, col = self.key(path) if key else self.value(path)
        return Location(self.file, line, col)

    def value(self, path: tuple) -> tuple[int, int]:
        node, _ = self._walk(path)
        return self.table.value_at(node) if node is not None else (1, 1)

    def key(self, path: tuple) -> tuple[int, int]:
        node, keyed = self._walk(path)
        if node is None:
            return (1, 1)
        return (self.table.key_at(node) if keyed else None) or self.table.value_at(node)

    def _walk(self, path: tuple) -> tuple[int | None, bool]:
        """(entry at the deepest resolvable step, whether that step was a mapping key)."""
        t = self.table
        if t is None or not len(t):
            return None, False
        node, key_pos = 0, False
        for step in path:
            node = self._target(node)
            kind = t.kind(node)
            if kind == _MAP:
                hit = self._index(node).get(str(step))
                if hit is None:
                    continue  # a pydantic union/tag segment, not a data key: skip it
                node, key_pos = hit, True
            elif kind == _SEQ and isinstance(step, int) and not isinstance(step, bool):
                items = self._index(node)
                if not 0 <= step < len(items):
                    break
                node, key_pos = items[step], False
        return node, key_pos

    def _target(self, node: int) -> int:
        t = self.table
        while node in t.alias_of:
            node = t.alias_of[node]
        return node

    def _children(self, node: int):
        t = self.table
        child, stop = node + 1, t.after(node)
        while child < stop:
            yield child
            child = t.after(child)

    def _index(self, node: int):
        """A mapping's keys → entries (merged keys after its own), or a sequence's entries."""
        cached = self._indexes.get(node)
        if cached is not None:
            return cached
        t = self.table
        if t.kind(node) == _SEQ:
            out: Any = array("i", self._children(node))
        else:
            out, merged = {}, {}
            for child in self._children(node):
                k = t.keys[child]
                if k.__class__ is _MergeKey:
                    src = self._target(child)
                    parts = [self._target(c) for c in self._children(src)] if t.kind(src) == _SEQ else [src]
                    for part in parts:
                        if t.kind(part) == _MAP:
                            for mk, entry in self._index(part).items():
                                merged.setdefault(mk, entry)
                elif k not in out:
                    out[k] = child
            for mk, entry in merged.items():
                out.setdefault(mk, entry)
        self._indexes[node] = out
        return out


# -- reading -------------------------------------------------------------------------------

class Parsed:
    """What the reader found: the data (None for an empty document), where each value is,
    and the places that are known to be misread (F013) or unsafe (F014)."""

    _FIELDS = ("data", "table", "split_numbers", "controls")

    def __init__(self, data: Any, table: PositionTable, split_numbers: list[YamlProblem] | None = None,
                 controls: list[YamlProblem] | None = None) -> None:
        self.data = data
        self.table = table
        self.split_numbers = [] if split_numbers is None else split_numbers
        self.controls = [] if controls is None else controls

    def __repr__(self) -> str:
        return _repr(self)

    def __eq__(self, other):
        return _eq(self, other)

    __hash__ = None  # type: ignore[assignment]


_TOO_DEEP = Term.of("yaml_too_deep", max=MAX_DEPTH)
_NO_KEY = object()


def parse(text: str) -> Parsed | None:
    """Read ``text``: None when it holds no document. Raises :class:`YamlProblem`."""
    if text.startswith("\ufeff"):  # libyaml skips a byte-order mark without counting it
        text = text[1:]
    if len(text) >= 1 << 31:  # positions are kept as 31-bit character indexes
        raise YamlProblem("F008", {"size": len(text), "limit": (1 << 31) - 1}, 1, 1)
    try:
        loader = _Loader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate in a str that did not come from a file
        line, col = line_col(text, exc.start)
        raise YamlProblem("F007", {"detail": Term.of("surrogate", cp=f"{ord(text[exc.start]):04X}", line=line,
                                                     col=col)}, line, col) from None
    try:
        with _PlainEvents() as fast:
            get = loader.get_event if fast else _converted(loader.get_event)
            return _Reader(text).read(get)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            # an unclosed quote or bracket: point where it opens, not at the end of the file
            mark = exc.context_mark
        line, col = _pos(mark)
        # PyYAML's own words, translated when the message is written (pohon.yamltext)
        detail = Term.of("yaml_detail", context=exc.context or "", problem=exc.problem or "")
        raise YamlProblem("F001", {"detail": detail}, line, col, excerpt(text, line, col)) from None
    except yaml.reader.ReaderError as exc:  # a raw control character: libyaml gives a byte offset
        detail = Term.of("yaml_detail", context="", problem=str(exc).splitlines()[0])
        index = _char_index(text, exc.position) if _Loader is getattr(yaml, "CSafeLoader", None) else exc.position
        line, col = line_col(text, index)
        raise YamlProblem("F001", {"detail": detail}, line, col, excerpt(text, line, col)) from None
    except yaml.YAMLError as exc:
        detail = Term.of("yaml_detail", context="", problem=str(exc).splitlines()[0])
        raise YamlProblem("F001", {"detail": detail}) from None
    finally:
        loader.dispose()


# What libyaml's binding passes to each event class, in order (yaml.events takes the same).
_EVENT_FIELDS = {
    "StreamStartEvent": ("start_mark", "end_mark", "encoding"),
    "StreamEndEvent": ("start_mark", "end_mark"),
    "DocumentStartEvent": ("start_mark", "end_mark", "explicit", "version", "tags"),
    "DocumentEndEvent": ("start_mark", "end_mark", "explicit"),
    "AliasEvent": ("anchor", "start_mark", "end_mark"),
    "ScalarEvent": ("anchor", "tag", "implicit", "value", "start_mark", "end_mark", "style"),
    "SequenceStartEvent": ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    "SequenceEndEvent": ("start_mark", "end_mark"),
    "MappingStartEvent": ("anchor", "tag", "implicit", "start_mark", "end_mark", "flow_style"),
    "MappingEndEvent": ("start_mark", "end_mark"),
}
_EVENTS_LOCK = allocate_lock()


@lru_cache(maxsize=1)
def _event_classes() -> dict[str, type]:
    """For each event class of yaml.events, one whose instances libyaml's binding makes without
    running Python code: an exception class keeps its arguments (``.args``) in C. The reader
    unpacks ``.args``; the fields are properties too (for the rare paths and for anyone else)."""
    out = {}
    for name, fields in _EVENT_FIELDS.items():
        ns = {f: property(lambda self, k=k: self.args[k]) for k, f in enumerate(fields)}
        ns["__slots__"] = ()
        out[name] = type(name, (BaseException, getattr(yaml.events, name)), ns)
    return out


class _PlainEvents:
    """While reading, libyaml's binding (``yaml._yaml``, which looks its event classes up by name
    each time) makes the events of :func:`_event_classes`: yaml.events' ``__init__`` was about a
    quarter of the cost of every event. One reading at a time (the lock); the classes are put
    back after. Entering says whether the events are those (False without libyaml: then
    :func:`_converted`). A class, not contextlib (whose import costs more than this)."""

    binding = None

    def __enter__(self) -> bool:
        binding = getattr(yaml, "_yaml", None) if _Loader is getattr(yaml, "CSafeLoader", None) else None
        if binding is None:
            return False
        fast = _event_classes()
        _EVENTS_LOCK.acquire()
        if any(getattr(binding, name, None) is not getattr(yaml.events, name) for name in _EVENT_FIELDS):
            _EVENTS_LOCK.release()  # not the binding this was written for
            return False
        self.binding = binding
        try:
            for name, cls in fast.items():
                setattr(binding, name, cls)
        except BaseException:
            self.__exit__()
            raise
        return True

    def __exit__(self, *exc) -> bool:
        if self.binding is not None:
            for name in _EVENT_FIELDS:
                setattr(self.binding, name, getattr(yaml.events, name))
            self.binding = None
            _EVENTS_LOCK.release()
        return False


def _converted(get):
    """``get`` (events of yaml.events' kind) as :func:`_event_classes`' events."""
    fast = {name: (cls, _EVENT_FIELDS[name]) for name, cls in _event_classes().items()}

    def convert():
        ev = get()
        cls, fields = fast[ev.__class__.__name__]
        return cls(*[getattr(ev, f) for f in fields])

    return convert


def _char_index(text: str, byte_offset: int) -> int:
    """The character index of a byte offset of ``text`` encoded as UTF-8 (libyaml's reader errors)."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", "ignore"))


_COMMA_DIGIT = re.compile(r",(?=[0-9])")  # starts with a literal: the regex engine skips to each comma


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.table = PositionTable()
        self.anchors: dict[str, tuple[Any, int, Any]] = {}  # name → (value, entry, its mark)
        self.sizes: dict[str, tuple[int, int, int]] = {}     # name → (values, characters, depth)
        self.open_anchors: dict[str, Any] = {}                # anchored collections not yet closed
        self.expanded = 0
        self.expanded_chars = 0
        self.split: list[YamlProblem] = []
        self.controls: list[YamlProblem] = []

    # The loop below is the hot path of every load (millions of events for a big tree): the
    # state of the collection being read lives in local variables, its parents' on a stack of
    # tuples, and the common events are handled inline. Rare work is in the methods below.
    def read(self, get) -> Parsed | None:  # noqa: C901 - one loop on purpose
        text = self.text
        t = self.table
        t.text = text
        pos, key_at, end, keys = t.pos.append, t.key_pos.append, t.end, t.keys
        end_append, key_append = end.append, keys.append
        check_controls = any(c in text for c in _SUSPECTS)  # `in` is a fast scan (and instant for a wider char)
        # a tag is written with `!` and an anchor with `&`: without them, no event needs looking at for either
        tags, anchors = "!" in text, "&" in text
        control = CONTROL_CHARACTERS.search
        # a comma between two digits somewhere: then flow collections are watched for `12,5` (F013)
        commas = {i for i in (m.start() for m in _COMMA_DIGIT.finditer(text)) if text[i - 1:i] in _DIGITS}
        no_key, merge_key, nulls, max_depth, store_in = _NO_KEY, _MERGE, _NULLS, MAX_DEPTH, intern
        ev_class = _event_classes()  # each event's fields are unpacked from its .args
        scalar_event, alias_event = ev_class["ScalarEvent"], ev_class["AliasEvent"]
        map_start, seq_start = ev_class["MappingStartEvent"], ev_class["SequenceStartEvent"]
        map_end, seq_end = ev_class["MappingEndEvent"], ev_class["SequenceEndEvent"]
        doc_end, stream_end = ev_class["DocumentEndEvent"], ev_class["StreamEndEvent"]
        get()  # StreamStartEvent
        ev = get()
        if ev.__class__ is stream_end:
            return None
        doc_mark = ev.start_mark
        holder: list = []
        # the collection being read: its data, kind, pending key (and the key's position), its
        # entry in the table, anchor, flow style, the previous flow item (F013) and its merges
        data: Any = holder
        is_map, key, key_pos, entry, anchor, flow, prev, merges = False, no_key, 0, -1, None, False, None, None
        stack: list[tuple] = []
        depth = 0  # depth of the values read next (the document's root is at 0)
        n = 0
        while True:
            ev = get()
            cls = ev.__class__
            if cls is scalar_event:
                name, tag, implicit, value, mark, _, style = ev.args
                if tags and tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                    raise self._tag_problem(ev)
                index = mark.index
                if is_map and key is no_key:  # a key
                    if value == "<<" and implicit[0]:
                        key = merge_key
                    else:
                        key = store_in(value)
                        if key in data:
                            raise self._duplicate(entry, key, mark)
                    key_pos = index + 1
                    if check_controls and control(value):
                        self._control(value, mark, stack, (data, is_map, key), key=True)
                    if flow and commas:
                        prev = self._flow_item(prev, ev, value, commas)
                    continue
                if depth > max_depth:
                    raise YamlProblem("F001", {"detail": _TOO_DEEP}, *_pos(mark))
                if value in nulls and not style:
                    value = None
                elif check_controls and control(value):
                    self._control(value, mark, stack, (data, is_map, key))
                if flow and commas:
                    prev = self._flow_item(prev, ev, value, commas)
                end_append(0)
                if anchors and name is not None:
                    self._anchor(name, value, n, mark)
                n += 1
                pos(index)
                if is_map:
                    key_at(key_pos)
                    key_append(key)
                    if key is merge_key:
                        merges = _merged(merges, value)
                    else:
                        data[key] = value
                    key = no_key
                else:
                    key_at(0)
                    key_append(None)
                    data.append(value)
            elif cls is map_start or cls is seq_start:
                name, tag, _, mark, _, flow_style = ev.args
                if is_map and key is no_key:
                    raise YamlProblem("F004", {"field_name": Term("field_key"), "detail": Term("v_key_text"),
                                               "hint": Term("h_key_text")}, *_pos(mark))
                if tags and tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                    raise self._tag_problem(ev)
                if depth > max_depth:
                    raise YamlProblem("F001", {"detail": _TOO_DEEP}, *_pos(mark))
                end_append(0)
                pos(mark.index)
                if is_map:
                    key_at(key_pos)
                    key_append(key)
                else:
                    key_at(0)
                    key_append(None)
                stack.append((data, is_map, key, key_pos, entry, anchor, flow, None, merges))
                if cls is map_start:
                    data, is_map = {}, True
                else:
                    data, is_map = [], False
                key, key_pos, entry, anchor, flow, prev, merges = no_key, 0, n, name, flow_style, None, None
                n += 1
                if anchor is not None:
                    self.open_anchors[anchor] = mark
                depth += 1
            elif cls is map_end or cls is seq_end:
                end[entry] = n if is_map else -n
                if merges:
                    _merge_into(data, merges)
                if len(data) > (MAX_KEYS if is_map else MAX_ITEMS):
                    self._too_large(data, is_map, entry)
                if anchor is not None:
                    self.open_anchors.pop(anchor, None)
                    self._anchor(anchor, data, entry, None)
                done = data
                data, is_map, key, key_pos, entry, anchor, flow, prev, merges = stack.pop()
                depth -= 1
                if is_map:
                    if key is merge_key:
                        merges = _merged(merges, done)
                    else:
                        data[key] = done
                    key = no_key
                else:
                    data.append(done)
            elif cls is alias_event:
                prev = None
                if is_map and key is no_key:  # an alias as a key: the anchored text
                    key = self._alias_key(ev, data, entry, depth)
                    key_pos = ev.start_mark.index + 1
                    continue
                value = self._alias(ev, depth, n, key if is_map else None, key_pos if is_map else 0)
                n += 1
                if is_map:
                    if key is merge_key:
                        merges = _merged(merges, value)
                    else:
                        data[key] = value
                    key = no_key
                else:
                    data.append(value)
            elif cls is doc_end:
                ev = get()
                if ev.__class__ is not stream_end:
                    raise yaml.composer.ComposerError("expected a single document in the stream", doc_mark,
                                                      "but found another document", ev.start_mark)
                return Parsed(holder[0] if holder else None, t, self.split, self.controls)

    # -- the less common events ------------------------------------------------------------
    def _too_large(self, data: Any, is_map: bool, entry: int) -> None:
        if is_map:
            n, limit, unit = len(data), MAX_KEYS, Term("unit_keys")
        else:
            n, limit, unit = sum(1 for x in data if x.__class__ is not dict), MAX_ITEMS, Term("unit_items")
            if n <= limit:
                return
        raise YamlProblem("F017", {"n": n, "limit": limit, "unit": unit}, *self.table.value_at(entry))

    def _tag_problem(self, ev) -> YamlProblem:
        return YamlProblem("F012", {"tag": shown(ev.tag.replace(_STD, "!!"))}, *_pos(ev.start_mark))

    def _duplicate(self, entry: int, key: str, mark) -> YamlProblem:
        t = self.table
        first_line, child = 0, entry + 1
        while child < len(t):  # the mapping's entries so far, each complete
            if t.keys[child] == key and t.keys[child].__class__ is not _MergeKey:
                first_line = t.key_at(child)[0]
                break
            child = t.after(child)
        return YamlProblem("F002", {"key": shown(key), "first_line": first_line}, *_pos(mark))

    def _flow_item(self, prev, ev, value, commas: set[int]):
        """``12,5`` inside ``[…]`` or ``{…}`` is two entries, 12 and 5: the comma touches both.
        Called for each item of a flow collection when the text has a comma between digits;
        returns what the next item compares with."""
        if ev.style or value is None:
            return None
        start = ev.start_mark.index
        if prev is not None and start - 1 in commas and value[:1].isdigit() and prev.end_mark.index == start - 1:
            self.split.append(YamlProblem("F013", {"first": shown(prev.value), "second": shown(value)},
                                          *_pos(prev.start_mark)))
        return ev if value[-1:].isdigit() else None

    def _control(self, value: str, mark, stack: list[tuple], current: tuple, key: bool = False) -> None:
        self.controls.append(YamlProblem("F014", {"chars": code_points(value), "key": key}, *_pos(mark),
                                         path=_path(stack, current, key)))

    def _anchor(self, name: str, value: Any, entry: int, mark) -> None:
        if name in self.anchors:
            _, first, first_mark = self.anchors[name]
            raise yaml.composer.ComposerError(
                "found duplicate anchor; first occurrence", first_mark or _Mark(*self.table.value_at(first)),
                "second occurrence", mark or _Mark(*self.table.value_at(entry)))
        self.anchors[name] = (value, entry, mark)

    def _alias_key(self, ev, data: dict, entry: int, depth: int) -> str:
        mark = ev.start_mark
        hit = self.anchors.get(ev.anchor)
        if hit is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", mark)
        if hit[0] is not None and not isinstance(hit[0], str):
            raise YamlProblem("F004", {"field_name": Term("field_key"), "detail": Term("v_key_text"),
                                       "hint": Term("h_key_text")}, *_pos(mark))
        key = hit[0] or ""
        self._count(ev.anchor, hit[0], mark, depth)
        if key in data:
            raise self._duplicate(entry, key, mark)
        return key

    def _alias(self, ev, depth: int, n: int, key: Any, key_pos: int) -> Any:
        name = ev.anchor
        mark = ev.start_mark
        if name in self.open_anchors:  # `&a [*a]`: an alias inside its own anchor expands forever
            raise YamlProblem("F009", {"limit": MAX_ALIAS_EXPANSION, "unit": Term("unit_values")},
                              *_pos(self.open_anchors[name]))
        hit = self.anchors.get(name)
        if hit is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", mark)
        value, target, _ = hit
        self._count(name, value, mark, depth)
        t = self.table
        t.pos.append(mark.index)
        t.key_pos.append(key_pos)
        t.end.append(0)
        t.keys.append(key)
        t.alias_of[n] = target
        return value

    def _count(self, name: str, value: Any, mark, depth: int) -> None:
        """Aliases share the anchored value: what they add to the data is counted, in values
        and in characters, against limits for the whole file (F009), and nesting through them
        against the depth limit (F001)."""
        size = self.sizes.get(name)
        if size is None:
            budget = MAX_ALIAS_EXPANSION - self.expanded + 1, MAX_ALIAS_CHARACTERS - self.expanded_chars + 1
            size = self.sizes[name] = _size(value, *budget)
        values, chars, height = size
        self.expanded += values
        self.expanded_chars += chars
        if self.expanded > MAX_ALIAS_EXPANSION:
            raise YamlProblem("F009", {"limit": MAX_ALIAS_EXPANSION, "unit": Term("unit_values")}, *_pos(mark))
        if self.expanded_chars > MAX_ALIAS_CHARACTERS:
            raise YamlProblem("F009", {"limit": MAX_ALIAS_CHARACTERS, "unit": Term("unit_characters")}, *_pos(mark))
        if depth + height > MAX_DEPTH + 1:
            raise YamlProblem("F001", {"detail": _TOO_DEEP}, *_pos(mark))


def _merged(merges: list | None, value: Any) -> list:
    """The values of a mapping's merge keys (`<<: *base`), merged when the mapping ends."""
    return [value] if merges is None else merges + [value]


def _merge_into(data: dict, merges: list) -> None:
    for part in merges:
        for part_map in part if isinstance(part, list) else [part]:
            if isinstance(part_map, dict):
                for k, v in part_map.items():
                    data.setdefault(k, v)


def _path(stack: list[tuple], current: tuple, key: bool) -> tuple:
    """The data path of the value being read in the ``current`` collection (data, is_map, key),
    or of the key being read. A collection joins its parent when it ends, so each open list's
    next index is its length."""
    frames = [f[:3] for f in stack[1:]] + [current]  # stack[0] holds the document
    out: list = []
    for i, (data, is_map, k) in enumerate(frames):
        if is_map:
            if not (key and i == len(frames) - 1):
                out.append(str(k))
        else:
            out.append(len(data))
    return tuple(out)


def _size(value: Any, max_values: int, max_chars: int) -> tuple[int, int, int]:
    """(values, characters of keys and texts, depth) of ``value``; the walk stops once over a budget."""
    values = chars = height = 0
    todo = [(value, 1)]
    while todo:
        v, d = todo.pop()
        values += 1
        if d > height:
            height = d
        if isinstance(v, str):
            chars += len(v)
        elif isinstance(v, dict):
            for k, x in v.items():
                chars += len(k)
                todo.append((x, d + 1))
        elif isinstance(v, list):
            todo.extend((x, d + 1) for x in v)
        if values > max_values or chars > max_chars or d > MAX_DEPTH + 1:
            break
    return values, chars, height


class _Mark:
    """A position as PyYAML's errors carry it (for the errors this module raises itself)."""

    def __init__(self, line: int, column: int) -> None:  # 1-based, as pohon counts
        self.line, self.column = line - 1, column - 1
        self.name, self.index, self.buffer, self.pointer = "<unicode string>", 0, None, 0

    def get_snippet(self, *args) -> None:
        return None

    def __str__(self) -> str:
        return f'  in "{self.name}", line {self.line + 1}, column {self.column + 1}'
