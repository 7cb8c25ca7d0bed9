"""User text made safe to show: control characters visible, quoted text bounded.

A tree file travels between offices; an id, key or statement may hold terminal escapes
(``\\x1b[8m`` hides the rest of a line, ``\\x1b]0;…`` retitles the window), carriage returns,
bidirectional overrides that reorder what is read, or bytes that are not UTF-8 in a file name.
:func:`visible` is applied at the edge where pohon writes human-readable text (the report of
`pohon check`, the CLI's error line): such characters are shown, never obeyed.
"""

from __future__ import annotations

import re
from functools import cache

ELLIPSIS = "…"
QUOTED_LIMIT = 120  # characters of user text quoted inside a message
PARAM_LIMIT = 400  # characters of any other message parameter (lists of ids, paths…)

# C0 controls (tab included, it would misalign excerpts) and DEL as the Unicode "control
# pictures" (␛, ␇, ␉…); C1 controls and the characters that reorder or break lines as escapes.
_TABLE = {c: 0x2400 + c for c in range(0x20)}
_TABLE[0x7F] = 0x2421
_TABLE.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})
_TABLE.update({c: f"\\u{c:04x}" for c in (0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F),
                                            *range(0x2066, 0x206A))})
_KEEP_NEWLINE = {**_TABLE}
del _KEEP_NEWLINE[0x0A]

# compiled on first use (a character class beyond Latin-1 takes ~0.5 ms to compile): most texts
# are printable, which no unsafe character is (see visible)
@cache
def _surrogate_pattern() -> re.Pattern:
    return re.compile("[\ud800-\udfff]")


@cache
def _unsafe_pattern() -> re.Pattern:
    return re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def picture(m: re.Match) -> str:
    """One visible character for the matched control character, so columns stay aligned: the
    Unicode control pictures for C0 (␇, ␛), ␡ for DEL, � for anything else."""
    code = ord(m.group(0))
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str, newlines: bool = False) -> str:
    """``text`` with every control character shown instead of obeyed: ``\\x1b`` → ``␛``, a tab
    → ``␉``, a newline → ``␊`` (kept as a line break with ``newlines=True``), C1 controls and
    bidirectional overrides as ``\\x9b`` / ``\\u202e``; a non-UTF-8 byte of a file name
    (a surrogate escape) as ``\\xff``."""
    # every character shown as an escape is unprintable (categories Cc, Cf, Cs, Zl, Zp): a printable
    # text (nearly every one) has none, and C tells so without the pattern
    if text.isprintable() or not _unsafe_pattern().search(text):
        return text
    text = text.translate(_KEEP_NEWLINE if newlines else _TABLE)
    surrogate = _surrogate_pattern()
    return surrogate.sub(_surrogate, text) if surrogate.search(text) else text


def _surrogate(m: re.Match) -> str:
    code = ord(m.group(0))
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def clip(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[:limit - 1] + ELLIPSIS


def json_safe(value):
    """``value`` (JSON data) with every string encodable as UTF-8: a non-UTF-8 byte of a file name
    (a surrogate escape) becomes the text ``\\xff``, so the JSON written is valid."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            return _surrogate_pattern().sub(_surrogate, value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value
